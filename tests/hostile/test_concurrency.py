"""Readers and a writer at once: 4 `followup query` loops and crawls for 60 s, never "database is locked".

The crawls keep writing: before each one the served web is replaced by a
freshly generated one (another seed), so every crawl stores new articles
and analyses them while the readers query, search, list sources and read
the claim board, each as a separate `followup` process with its own
read-only connection.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from benchmarks.webgen import generate_web, web_sources
from scheduler.demo.server import NewsWebServer
from tests.conftest import ROOT
from tests.helpers import followup
from tests.hostile.harness import query_json, require_pipeline, write_config

pytestmark = pytest.mark.slow
DURATION_S = float(os.environ.get("FOLLOWUP_CONCURRENCY_SECONDS", "60"))
READERS = 4
LOCKED = "database is locked"
QUERIES = [
    ("query", "--limit", "20"),
    ("query", "xAI Colossus", "--format", "json"),
    ("query", "--story", "xai-supercomputer", "--format", "jsonl", "--limit", "200"),
    ("query", '"Oracle" OR h100*', "--format", "csv"),
    ("sources", "--format", "json"),
    ("claims", "--format", "json"),
]


@dataclass
class Tally:
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, what: str, proc: subprocess.CompletedProcess[str]) -> None:
        with self.lock:
            self.runs += 1
            if LOCKED in proc.stderr or LOCKED in proc.stdout:
                self.locked.append(f"{what}: {proc.stderr[-500:]}")
            if proc.returncode != 0:
                self.failures.append(f"{what} exited {proc.returncode}: {proc.stderr[-500:]}")


def _run(args: tuple[str, ...], cfg: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "scheduler.cli", *args, "--config", str(cfg)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def test_readers_and_a_writer_never_see_database_is_locked(tmp_path: Path) -> None:
    require_pipeline()
    server = NewsWebServer().start()
    try:
        webs = [generate_web(150, server.base_url, seed=seed) for seed in range(101, 121)]
        server.set_pages(webs[0])
        cfg = write_config(
            tmp_path,
            f"sqlite:///{tmp_path / 'busy.db'}",
            web_sources(server.base_url),
            allow_hosts=[f"127.0.0.1:{server.port}"],
            timeout_s=10,
            crawl={"keep_unmatched": False},
        )
        followup("init", config=cfg)
        readers, writer = Tally(), Tally()
        stop = threading.Event()

        def read_loop(i: int) -> None:
            n = i
            while not stop.is_set():
                args = QUERIES[n % len(QUERIES)]
                readers.add(" ".join(args), _run(args, cfg))
                n += 1

        threads = [
            threading.Thread(target=read_loop, args=(i,), daemon=True) for i in range(READERS)
        ]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        cycle = 0
        while time.monotonic() - t0 < DURATION_S:
            server.set_pages(webs[cycle % len(webs)])
            writer.add("crawl", _run(("crawl", "--force"), cfg))
            cycle += 1
        stop.set()
        for t in threads:
            t.join(timeout=120)
        elapsed = time.monotonic() - t0
    finally:
        server.stop()
    stored = len(query_json(cfg))
    print(
        f"\nconcurrency: {elapsed:.0f} s, {writer.runs} crawls storing {stored} articles in all, "
        f"{readers.runs} reader runs ({READERS} loops); 'database is locked': "
        f"{len(readers.locked)} in readers, {len(writer.locked)} in crawls"
    )
    assert not readers.locked and not writer.locked, (readers.locked + writer.locked)[:3]
    assert not readers.failures and not writer.failures, (readers.failures + writer.failures)[:3]
    assert writer.runs >= 2 and readers.runs >= 4 * READERS and stored > 0
