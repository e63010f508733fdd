"""A crawl killed outright leaves no extraction workers or fork server behind.

The service kills a crawl child that overruns its time limit, and the OOM
killer does not ask: the pool's processes must notice and end by themselves.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest

from scheduler.demo.site import FeedItem, render_rss
from tests.helpers import ROOT, write_config

RELEASE = threading.Event()


class _Hanging(BaseHTTPRequestHandler):
    """A feed whose article pages never answer: the crawl is mid-run, workers started."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/feed.xml":
            base = f"http://{self.headers['Host']}"
            items = [
                FeedItem(f"Story {i}", f"{base}/hang/{i}", "A story.", "A. Writer",
                         datetime(2024, 7, 23, 12, i, tzinfo=UTC), "en")
                for i in range(5)
            ]  # fmt: skip
            body = render_rss({"title": "Hanging", "link": base, "self": f"{base}/feed.xml"}, items)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/hang/"):
            RELEASE.wait(60)
        else:
            self.send_error(404)


@pytest.fixture
def hanging_web() -> Iterator[str]:
    RELEASE.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hanging)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        RELEASE.set()
        server.shutdown()
        server.server_close()


def test_killed_crawl_leaves_no_pool_processes(tmp_path: Path, hanging_web: str) -> None:
    cfg = write_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'f.db'}",
        [{"name": "hanging", "kind": "feed", "url": f"http://{hanging_web}/feed.xml"}],
        allow=hanging_web,
        extra_crawl="extract_workers = 2",
    )
    cmd = [sys.executable, "-m", "scheduler.cli", "--config", str(cfg)]
    subprocess.run([*cmd, "init"], cwd=ROOT, check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DATABASE_URL"}
    crawl = psutil.Popen(
        [*cmd, "crawl"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        # the workers start with the first page request: fork server + 2 workers (+ tracker)
        deadline = time.monotonic() + 60
        pool: list[psutil.Process] = []
        while time.monotonic() < deadline:
            pool = _pool_processes(crawl)
            if len(pool) >= 3:
                break
            time.sleep(0.2)
        assert len(pool) >= 3, f"the pool never started: {[p.cmdline() for p in pool]}"
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait(10)
        _gone, alive = psutil.wait_procs(pool, timeout=15)
        assert alive == [], f"left behind: {[(p.pid, p.cmdline()[-1][:60]) for p in alive]}"
    finally:
        for p in pool:
            with contextlib.suppress(psutil.Error):
                p.kill()
        with contextlib.suppress(psutil.Error):
            crawl.kill()


def _pool_processes(crawl: psutil.Process) -> list[psutil.Process]:
    """The crawl's fork server and its workers (processes come and go while we look)."""
    found = []
    try:
        children = crawl.children(recursive=True)
    except psutil.Error:
        return []
    for p in children:
        try:
            if "forkserver" in " ".join(p.cmdline()):
                found.append(p)
        except psutil.Error:
            continue
    return found
