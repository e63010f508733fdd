"""`followup run` for real: schedules, SIGTERM, restart, standby, a killed crawl child."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import demo_sources, load_demo_articles, render_site
from tests.conftest import ROOT
from tests.helpers import followup, write_config

pytestmark = pytest.mark.slow


@pytest.fixture
def demo_web() -> Iterator[NewsWebServer]:
    with NewsWebServer() as server:
        server.set_pages(render_site(load_demo_articles(), server.base_url))
        yield server


def service_config(
    folder: Path,
    server: NewsWebServer,
    *,
    ttl: float = 6,
    schedule: str = "* * * * *",
    extra_crawl: str = "",
) -> Path:
    sources = [{**s, "schedule": schedule} for s in demo_sources(server.base_url)]
    return write_config(
        folder,
        f"sqlite:///{folder / 'svc.db'}",
        sources,
        allow=server.base_url.split("//")[1],
        extra_crawl=extra_crawl,
        extra=f"\n[service]\nlease_ttl_s = {ttl}\ngrace_s = 5\n",
    )


def start_run(cfg: Path, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scheduler.cli",
            "run",
            "--config",
            str(cfg),
            "--log-file",
            str(log),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def status(cfg: Path) -> dict[str, Any]:
    return json.loads(followup("status", "--format", "json", config=cfg).stdout)


def wait_for(cond: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def stop(proc: subprocess.Popen[bytes], timeout: float = 15) -> tuple[int, float]:
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=timeout)
    return rc, time.monotonic() - t0


def test_run_crawls_stops_on_sigterm_and_does_not_repeat_work(
    demo_web: NewsWebServer, tmp_path: Path
) -> None:
    # never-fetched sources run at start; then nothing is due for a year, so a restart
    # must not crawl again (with "* * * * *" a minute boundary during the test would)
    cfg = service_config(tmp_path, demo_web, schedule="0 0 1 1 *")
    followup("init", config=cfg)
    log = tmp_path / "run.log"
    proc = start_run(cfg, log)
    try:
        runs = wait_for(
            lambda: (
                [r for r in status(cfg)["runs"] if r["finished"]]
                if len([r for r in status(cfg)["runs"] if r["finished"]]) >= 2
                else None
            ),
            90,
            "the first crawl of both sources",
        )
        assert all(r["trigger"] == "scheduler" for r in runs)
        held = status(cfg)["leases"]
        assert any(lease["name"] == "scheduler" for lease in held)
    finally:
        rc, took = stop(proc)
    assert rc == 0 and took < 15, (rc, took, proc.stderr.read() if proc.stderr else "")
    articles = json.loads(
        followup("query", "--format", "json", "--limit", "500", config=cfg).stdout
    )
    assert len(articles) >= 10
    board = json.loads(followup("claims", "--format", "json", config=cfg).stdout)
    assert any(c["evidence"] for c in board["claims"])
    text = log.read_text()
    assert "crawl source=" in text and "outcome=ok" in text
    assert "scheduler" not in [lease["name"] for lease in status(cfg)["leases"]]  # released

    # started again: nothing is overdue, so no crawl repeats what was done
    before = len(status(cfg)["runs"])
    fetched_before = len(demo_web.requests)
    proc = start_run(cfg, log)
    time.sleep(6)
    rc, _ = stop(proc)
    assert rc == 0
    assert len(status(cfg)["runs"]) == before
    assert len(demo_web.requests) == fetched_before


def test_second_scheduler_waits_as_standby_and_takes_over(
    demo_web: NewsWebServer, tmp_path: Path
) -> None:
    cfg = service_config(tmp_path, demo_web, ttl=4)
    followup("init", config=cfg)
    first = start_run(cfg, tmp_path / "a.log")
    wait_for(
        lambda: any(lease["name"] == "scheduler" for lease in status(cfg)["leases"]),
        30,
        "the lease",
    )
    second = start_run(cfg, tmp_path / "b.log")
    try:
        time.sleep(75)  # a minute boundary passes with both running
        first_holder = next(
            lease["holder"] for lease in status(cfg)["leases"] if lease["name"] == "scheduler"
        )
        assert first_holder.endswith(f":{first.pid}")
        assert "standby" in (tmp_path / "b.log").read_text()
        first.kill()  # no clean release: the standby must wait for the lease to expire
        first.wait()
        wait_for(
            lambda: any(
                lease["name"] == "scheduler" and lease["holder"].endswith(f":{second.pid}")
                for lease in status(cfg)["leases"]
            ),
            30,
            "the standby to take over",
        )
    finally:
        if first.poll() is None:
            first.kill()
        rc, _ = stop(second)
    assert rc == 0
    # every feed fetched at most once per scheduled minute, whoever scheduled it
    feeds = {s["url"].split(demo_web.base_url)[1] for s in demo_sources(demo_web.base_url)}
    per_minute = Counter((r.path, int(r.time // 60)) for r in demo_web.requests if r.path in feeds)
    assert per_minute and max(per_minute.values()) == 1, per_minute


def test_killed_crawl_child_is_recorded_failed_and_retried(
    demo_web: NewsWebServer, tmp_path: Path
) -> None:
    # the killed crawl is paced (a dozen pages, 0.4 s apart), so that it is still running
    # when `followup status` -- polled, a process each time -- first sees its run
    cfg = service_config(tmp_path, demo_web, extra_crawl="download_delay_s = 0.4")
    followup("init", config=cfg)
    crawl = subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "crawl", "--config", str(cfg)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(
        lambda: any(r["status"] == "running" for r in status(cfg)["runs"]), 30, "the crawl to start"
    )
    # killed as soon as its run is recorded: mid-run, before the crawl could finish
    os.kill(crawl.pid, signal.SIGKILL)
    crawl.wait()
    cfg = service_config(tmp_path, demo_web)  # the same database, unpaced
    followup("crawl", config=cfg)  # the next crawl notices the dead run and retries
    runs = status(cfg)["runs"]
    killed = runs[-1]
    assert killed["status"] == "failed" and "ended without finishing" in (
        killed["error_summary"] or ""
    )
    assert runs[0]["status"] in ("ok", "partial")
    rows = json.loads(
        followup(
            "query", "--format", "json", "--include-duplicates", "--limit", "500", config=cfg
        ).stdout
    )
    urls = [r["url"] for r in rows]
    assert len(urls) == len(set(urls))
    relevant = [a for a in load_demo_articles() if a["labels"]["relevant"]]
    assert len(rows) >= len(relevant) - 1  # the oldest English article is not in the feed
