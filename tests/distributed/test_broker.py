"""The broker's parts on a real Redis: shared per-host turns, queued-once jobs, status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import redis

from crawler.pacing import HostPacer
from distributed.broker import BrokerSettings, enqueue_crawl, job_done, make_broker
from distributed.registry import announce, broker_status, retire

pytestmark = pytest.mark.distributed


def test_turns_for_one_host_are_spaced_across_processes(redis_url: str) -> None:
    # two clients, as two workers would have; 10 s turns, taken (not waited for) at once
    a = HostPacer(redis.Redis.from_url(redis_url), 10.0)
    b = HostPacer(redis.Redis.from_url(redis_url), 10.0)
    waits = [a.reserve("news.example"), b.reserve("NEWS.example"), a.reserve("news.example")]
    assert waits[0] == 0
    assert 9 < waits[1] <= 10 and 19 < waits[2] <= 20
    assert b.reserve("other.example") == 0  # another host has turns of its own


def test_a_source_is_queued_once_until_its_job_is_done(redis_url: str) -> None:
    settings = BrokerSettings(url=redis_url)
    broker = make_broker(settings)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    empty = broker_status(broker.client, now=now)
    assert empty["oldest_waiting"] is None
    assert all(q["waiting"] == 0 for q in empty["queues"])
    assert enqueue_crawl(broker, "tech-ledger", settings)
    assert not enqueue_crawl(broker, "tech-ledger", settings)  # still waiting: not twice
    assert enqueue_crawl(broker, "diario", settings)
    st = broker_status(broker.client, now=datetime.now(UTC))
    assert {q["queue"]: q["waiting"] for q in st["queues"]} == {"crawl": 2, "analysis": 0}
    oldest = st["oldest_waiting"]
    assert (oldest["queue"], oldest["job"], oldest["args"]) == (
        "crawl",
        "crawl_source",
        ["tech-ledger"],
    )
    job_done(broker, "crawl", "tech-ledger")
    assert enqueue_crawl(broker, "tech-ledger", settings)


def test_workers_seen_and_retired(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    t = datetime(2026, 1, 1, tzinfo=UTC)
    info = '{"queues": ["crawl"], "concurrency": 2, "started": "2026-01-01T00:00:00+00:00"}'
    announce(client, "host-a:1", info, now=t)
    announce(client, "host-b:2", info, now=t)
    st = broker_status(client, now=t + timedelta(seconds=90))
    assert [(w["id"], w["silent_s"], w["concurrency"]) for w in st["workers"]] == [
        ("host-a:1", 90.0, 2),
        ("host-b:2", 90.0, 2),
    ]
    retire(client, "host-a:1")
    assert [w["id"] for w in broker_status(client, now=t)["workers"]] == ["host-b:2"]
