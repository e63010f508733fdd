"""Crash safety: a crawl SIGKILLed at random moments, restarted each time, ends with every article once.

500 generated articles (benchmarks/webgen.py) are served on loopback; the
crawl is killed with SIGKILL (the whole process group: the crawler and its
extraction workers, like an OOM kill of a cgroup) ten times at random
moments, restarted after each kill, then allowed to finish.  Every relevant
article of the web must then be stored exactly once and SQLite's
``PRAGMA integrity_check`` must answer ok.  ``FOLLOWUP_CRASH_SEED`` replays
a run's kill moments.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.webgen import OUTLETS, article_path, generate_articles, generate_web, web_sources
from scheduler.demo.server import NewsWebServer
from tests.conftest import ROOT
from tests.helpers import followup
from tests.hostile.harness import query_json, require_pipeline, write_config

pytestmark = pytest.mark.slow
N_ARTICLES = 500
KILLS = 10


@pytest.fixture(scope="module")
def web() -> Iterator[tuple[NewsWebServer, list[str]]]:
    """The generated web and the URLs of its relevant articles."""
    server = NewsWebServer()
    server.set_pages(generate_web(N_ARTICLES, server.base_url))
    server.start()
    outlets = {o.id: o for o in OUTLETS}
    relevant = [
        server.base_url + article_path(a, outlets[a["outlet"]])
        for a in generate_articles(N_ARTICLES)
        if a["labels"]["relevant"]
    ]
    yield server, relevant
    server.stop()


def _start_crawl(cfg: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DATABASE_URL"}
    with open(log, "ab") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "scheduler.cli", "crawl", "--config", str(cfg)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )  # its own group: the kill takes the workers too


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(
    tmp_path: Path, web: tuple[NewsWebServer, list[str]]
) -> None:
    require_pipeline()
    server, relevant = web
    db = tmp_path / "crash.db"
    cfg = write_config(
        tmp_path,
        f"sqlite:///{db}",
        web_sources(server.base_url),
        allow_hosts=[f"127.0.0.1:{server.port}"],
        timeout_s=10,
        # a paced crawl (a 50 ms delay between requests: 25 s of pages), so that ten kills
        # land in the middle of it however fast the crawler itself gets
        crawl={
            "keep_unmatched": False,
            "concurrent_requests_per_domain": 2,
            "extract_workers": 1,
            "download_delay_s": 0.05,
        },
    )
    followup("init", config=cfg)
    seed = int(os.environ.get("FOLLOWUP_CRASH_SEED") or random.SystemRandom().randrange(10**6))
    rng = random.Random(seed)
    log = tmp_path / "crawl.stderr"
    print(f"\ncrash test: seed {seed} (FOLLOWUP_CRASH_SEED={seed} replays it)")
    t0 = time.monotonic()
    kills: list[float] = []
    stored_after: list[int] = []
    while len(kills) < KILLS:
        before = _count(db)
        proc = _start_crawl(cfg, log)
        started = time.monotonic()
        if len(kills) % 2 == 0:  # any moment: start-up, migrations, leases, fetching, writing
            moment = rng.uniform(0.5, 6.0)
        else:  # a moment while it writes: after its first new row, within the next 1.5 s
            while _count(db) <= before and proc.poll() is None and time.monotonic() - started < 60:
                time.sleep(0.05)
            moment = time.monotonic() - started + rng.uniform(0.0, 1.5)
        try:
            proc.wait(timeout=max(0.0, moment - (time.monotonic() - started)))
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            kills.append(round(moment, 2))
            stored_after.append(_count(db))
            continue
        assert proc.returncode == 0, log.read_text()[-3000:]
        break  # the web was crawled completely before the kill came
    assert len(kills) == KILLS, f"the crawl finished after {len(kills)} kills: slow it down"
    proc = _start_crawl(cfg, log)
    assert proc.wait(timeout=300) == 0, log.read_text()[-3000:]
    elapsed = time.monotonic() - t0
    print(
        f"  {len(kills)} kills at {kills} s; rows (articles + seen pages) after each: {stored_after}"
    )
    rows = query_json(cfg)
    urls = Counter(r["url"] for r in rows)
    stored_once = [u for u in relevant if urls.get(u) == 1]
    print(
        f"  then a full crawl: {len(rows)} stored, {len(stored_once)}/{len(relevant)} relevant articles "
        f"stored once; {elapsed:.0f} s in all"
    )
    assert not [u for u, n in urls.items() if n > 1], "an article is stored twice"
    assert len(stored_once) == len(relevant), sorted(set(relevant) - set(urls))[:10]
    assert all(r["stories"] for r in rows), "an article was stored without its analysis"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        hashes = conn.execute("SELECT count(*), count(DISTINCT url_hash) FROM articles").fetchone()
    assert hashes[0] == hashes[1]
    assert "database is locked" not in log.read_text()


def _count(db: Path) -> int:
    """Rows the crawls have written so far: stored articles and pages remembered as seen."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM seen_urls)"
            )
            return int(row.fetchone()[0])
    except sqlite3.Error:
        return -1
