"""The broker's parts on a real Redis: shared per-host turns, queued-once jobs, status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import redis

from crawler.pacing import HostPacer
from distributed.broker import BrokerSettings, batches, enqueue_crawl, job_done, make_broker
from distributed.registry import announce, broker_status, retire

pytestmark = pytest.mark.distributed


def test_places_at_a_host_are_shared_across_processes(redis_url: str) -> None:
    # two clients, as two workers would have; 10 s spacing, places taken (not waited for)
    a = HostPacer(redis.Redis.from_url(redis_url), 10.0, limit=1)
    b = HostPacer(redis.Redis.from_url(redis_url), 10.0, limit=1)
    assert a.try_acquire("news.example", "t1") == 0
    assert 9 < b.try_acquire("NEWS.example", "t2") <= 10  # the next start is 10 s away
    assert b.try_acquire("other.example", "t3") == 0  # another host has places of its own
    a.release("news.example", "t1")
    assert 9 < b.try_acquire("news.example", "t2") <= 10  # and 10 s after the last one finished


def test_at_most_limit_requests_in_flight(redis_url: str) -> None:
    a = HostPacer(redis.Redis.from_url(redis_url), 0.0, limit=2)
    b = HostPacer(redis.Redis.from_url(redis_url), 0.0, limit=2)
    assert a.try_acquire("h.example", "t1") == 0
    assert b.try_acquire("h.example", "t2") == 0
    assert a.try_acquire("h.example", "t3") < 0  # both places taken, by two processes
    b.release("h.example", "t2")
    assert a.try_acquire("h.example", "t3") == 0


def test_a_killed_holder_frees_its_place(redis_url: str) -> None:
    a = HostPacer(redis.Redis.from_url(redis_url), 0.0, limit=1, hold_s=0.2)
    assert a.try_acquire("h.example", "dead") == 0  # never released
    assert a.try_acquire("h.example", "t2") < 0
    import time

    time.sleep(0.3)
    assert a.try_acquire("h.example", "t2") == 0


def test_a_source_is_queued_once_until_its_job_is_done(redis_url: str) -> None:
    settings = BrokerSettings(url=redis_url)
    broker = make_broker(settings)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    empty = broker_status(broker.client, now=now)
    assert empty["oldest_waiting"] is None
    assert all(q["waiting"] == 0 for q in empty["queues"])
    assert enqueue_crawl(broker, ["tech-ledger"], settings) == ["tech-ledger"]
    # still waiting: not twice, whatever batch it is fired in
    assert enqueue_crawl(broker, ["diario", "tech-ledger"], settings) == ["diario"]
    assert enqueue_crawl(broker, ["tech-ledger"], settings) == []
    st = broker_status(broker.client, now=datetime.now(UTC))
    assert {q["queue"]: q["waiting"] for q in st["queues"]} == {"crawl": 2, "analysis": 0}
    oldest = st["oldest_waiting"]
    assert (oldest["queue"], oldest["job"], oldest["args"]) == (
        "crawl",
        "crawl_sources",
        [["tech-ledger"]],
    )
    job_done(broker, "crawl", "tech-ledger")
    assert enqueue_crawl(broker, ["tech-ledger"], settings) == ["tech-ledger"]


def test_batches_group_sources_by_host() -> None:
    sources = {
        "a1": "https://a.example/feed.xml",
        "b1": "https://b.example/rss",
        "a2": "https://A.example:8443/other.xml",
        "a3": "http://a.example/x",
        "c": "https://c.example/",
    }
    assert batches(sources, 2) == [["a1", "a2"], ["a3"], ["b1"], ["c"]]
    assert batches(sources, 10) == [["a1", "a2", "a3"], ["b1"], ["c"]]


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
