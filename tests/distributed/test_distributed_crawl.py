"""Distributed mode end to end: a scheduler and two workers, real Redis and PostgreSQL.

The scheduler (`followup run --distributed`) and the workers (`followup
worker`) are separate processes of the real CLI; the web's five sources (one
host) go out as three jobs of at most two sources. One worker is SIGKILLed in
the middle of a crawl job; the other redoes it. The news web's request log
shows what was fetched, how often and how far apart; the claim board must
equal a single-process crawl's.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import pytest

from scheduler.demo.server import NewsWebServer, RequestRecord
from tests.conftest import ROOT, SHARED
from tests.helpers import followup, start_dev_web, write_config

pytestmark = [pytest.mark.slow, pytest.mark.distributed, pytest.mark.postgres]

DELAY_S = 0.25  # [distributed] domain_delay_s: spacing of requests to the one host, all workers
# (domain_concurrency is 1 by default: one request in flight to a host across all workers)
AS_OF = "2030-01-01"


@dataclass
class Web:
    server: NewsWebServer
    sources: list[dict[str, str]]

    @property
    def allow(self) -> str:
        return self.server.base_url.split("//")[1]


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    """The dev news web of ../shared, else the project's own demo web."""
    if (SHARED / "corpus" / "dev").is_dir() and (SHARED / "newsweb" / "render.py").is_file():
        dev = start_dev_web(tmp_path / "web")
        yield Web(dev.server, dev.all_sources())
        dev.server.stop()
        return
    from scheduler.demo.site import demo_sources, load_demo_articles, render_site

    server = NewsWebServer()
    server.set_pages(render_site(load_demo_articles(), server.base_url))
    server.start()
    sources = [
        {k: str(v) for k, v in s.items() if k != "schedule"} for s in demo_sources(server.base_url)
    ]
    yield Web(server, sources)
    server.stop()


def cli(*args: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DATABASE_URL"}
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "scheduler.cli", *args, "--log-level", "INFO"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


def status(cfg: Path) -> dict[str, Any]:
    return json.loads(followup("status", "--format", "json", config=cfg).stdout)


def wait_for(what: str, check: Any, *, logs: Sequence[Path] = (), timeout: float = 240) -> Any:
    """Poll ``check`` until it returns something truthy; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.05)
    tails = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in logs)
    pytest.fail(f"timed out waiting for {what}\n{tails}")


def normalised_board(cfg: Path) -> list[dict[str, Any]]:
    """The claim board without the database's own ids (two databases number rows apart)."""
    board = json.loads(followup("claims", "--format", "json", "--as-of", AS_OF, config=cfg).stdout)
    out = []
    for c in board["claims"]:
        ev = sorted(
            ({k: v for k, v in e.items() if k not in ("id", "article_id")} for e in c["evidence"]),
            key=lambda e: (e["url"], e["stance"], e["quote"]),
        )
        out.append({**c, "evidence": ev})
    return out


def articles(cfg: Path) -> list[str]:
    rows = json.loads(
        followup(
            "query", "--format", "json", "--include-duplicates", "--limit", "5000", config=cfg
        ).stdout
    )
    return sorted(r["canonical_url"] for r in rows)


def page_paths(reqs: list[RequestRecord]) -> list[str]:
    """Every request but robots.txt, which each crawl process reads once for itself."""
    return [urlsplit(r.path).path for r in reqs if not r.path.endswith("/robots.txt")]


def test_scheduler_and_two_workers_one_killed(
    web: Web, tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    # ---- the reference: one process, SQLite
    single = tmp_path / "single"
    single.mkdir()
    ref_cfg = write_config(single, f"sqlite:///{single / 'ref.db'}", web.sources, allow=web.allow)
    followup("init", config=ref_cfg)
    followup("crawl", config=ref_cfg)
    ref_requests = page_paths(web.server.requests)
    assert max(Counter(ref_requests).values()) == 1
    web.server.clear_requests()

    # ---- distributed: PostgreSQL, Redis, a scheduler and two workers
    dist = tmp_path / "dist"
    dist.mkdir()
    cfg = write_config(
        dist,
        postgres_url,
        web.sources,
        allow=web.allow,
        extra=(
            f'\n[distributed]\nbroker = "{redis_url}"\ndomain_delay_s = {DELAY_S}\n'
            "heartbeat_timeout_s = 3\nmaintenance_chance = 1000000\nsources_per_job = 2\n"
            "\n[service]\nlease_ttl_s = 10\n"
        ),
    )
    followup("init", config=cfg)
    logs = [dist / "worker-a.log", dist / "worker-b.log", dist / "scheduler.log"]
    workers = [
        cli("worker", "--config", str(cfg), log=logs[0]),
        cli("worker", "--config", str(cfg), log=logs[1]),
    ]
    wait_for(
        "both workers to announce themselves",
        lambda: len(status(cfg)["distributed"]["workers"]) == 2,
        logs=logs,
    )
    scheduler = cli("run", "--distributed", "--config", str(cfg), log=logs[2])
    try:
        # a crawl child holds its source's lease; kill its worker once the job has fetched pages
        def crawl_in_progress() -> tuple[str, int] | None:
            for lease in status(cfg)["leases"]:
                if not lease["name"].startswith("crawl:"):
                    continue
                name = lease["name"].removeprefix("crawl:")
                src = next(s for s in web.sources if s["name"] == name)
                prefix = urlsplit(src["url"]).path.rsplit("/", 1)[0] + "/"
                fetched = [p for p in page_paths(web.server.requests) if p.startswith(prefix)]
                if len(fetched) >= 3:  # its document and two pages: the job is mid-way
                    return name, int(lease["holder"].rsplit(":", 1)[1])
            return None

        victim_source, crawl_pid = wait_for("a crawl job in progress", crawl_in_progress, logs=logs)
        worker_pid = psutil.Process(crawl_pid).ppid()
        victim = next(w for w in workers if w.pid == worker_pid)
        kill_time = time.time()
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        # its crawl process dies with it (and leaves no orphan to finish the job)
        wait_for(
            "the killed worker's crawl to end", lambda: not psutil.pid_exists(crawl_pid), logs=logs
        )

        def all_done() -> bool:
            st = status(cfg)
            srcs = json.loads(followup("sources", "--format", "json", config=cfg).stdout)
            queues = st["distributed"]["queues"]
            idle = all(q["waiting"] == q["delayed"] == q["running"] == 0 for q in queues)
            return idle and all(s["outcome"] in ("ok", "not_modified", "unchanged") for s in srcs)

        wait_for("every source crawled and the queues empty", all_done, logs=logs)
        final = status(cfg)
        text = followup("status", config=cfg).stdout
        assert f"worker {final['distributed']['workers'][0]['id']}" in text
        assert "queue crawl: 0 waiting, 0 delayed, 0 taken by workers" in text
        assert "oldest waiting job: none" in text
    finally:
        for p in [scheduler, *workers]:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        codes = [p.wait(timeout=60) for p in [scheduler, *workers]]
    survivor_codes = [
        c for p, c in zip([scheduler, *workers], codes, strict=True) if p is not victim
    ]
    assert survivor_codes == [0, 0], (
        "the scheduler and the surviving worker stop cleanly on SIGTERM"
    )

    # ---- what the workers did
    runs = [r for r in final["runs"] if r["trigger"] == "worker"]
    victim_runs = [r for r in runs if victim_source in r["sources"].split(",")]
    assert sorted(r["status"] for r in victim_runs) == ["failed", "ok"], victim_runs
    redo = next(r for r in victim_runs if r["status"] == "ok")
    assert psutil.Process().pid != redo["pid"] and redo["pid"] != crawl_pid
    # both workers crawled at the same time at some point, so the spacing below is shared
    spans = sorted((r["started"], r["finished"] or r["started"]) for r in runs)
    assert any(b[0] < a[1] for a, b in itertools.pairwise(spans)), spans

    # ---- every page fetched once; only what the killed job fetched before dying, twice
    reqs = [r for r in web.server.requests if not r.path.endswith("/robots.txt")]
    counts = Counter(page_paths(reqs))
    twice = {p for p, n in counts.items() if n > 1}
    assert max(counts.values()) <= 2
    first_seen: dict[str, float] = {}
    for r in reqs:
        first_seen.setdefault(urlsplit(r.path).path, r.time)
    assert all(first_seen[p] <= kill_time for p in twice), twice
    assert set(counts) == set(ref_requests), "the same pages as the single-process crawl"

    # ---- per-host spacing holds across both workers (all sources are on one host)
    times = sorted(r.time for r in web.server.requests)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # one request in flight at a time, each starting DELAY_S after the last answer
    assert min(gaps) >= DELAY_S * 0.95, sorted(gaps)[:5]

    # ---- every relevant article stored once, and the same board as one process makes
    stored = articles(cfg)
    assert len(stored) == len(set(stored))
    assert stored == articles(ref_cfg)
    assert normalised_board(cfg) == normalised_board(ref_cfg)
