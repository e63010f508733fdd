"""A database that refuses writes mid-crawl: the run says so, and nothing is lost.

The failure is real (a trigger in the database aborts every article insert),
not a mock: the batch is rolled back, the sources are reported as failed, and
their validators are not saved, so the next crawl fetches and stores the pages.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from scheduler.demo.server import NewsWebServer
from tests.helpers import demo_config, followup


def test_failed_writes_fail_the_run_and_the_next_crawl_stores_the_pages(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with NewsWebServer() as server:
        cfg = demo_config(tmp_path, server)
        followup("init", config=cfg)
        with sqlite3.connect(db) as con:
            con.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON articles "
                "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
            )
        first = followup("crawl", "--format", "json", config=cfg, check=False)
        summary = json.loads(first.stdout)
        assert summary["new_articles"] == 0
        assert summary["status"] == "failed", summary["status"]
        assert first.returncode == 0  # interface.md: the cycle ran; the errors are in the run
        errors = [s["error"] or "" for s in summary["sources"]]
        assert all("storing pages failed" in e and "disk says no" in e for e in errors), errors

        with sqlite3.connect(db) as con:
            con.execute("DROP TRIGGER refuse")
        second = json.loads(followup("crawl", "--format", "json", "--force", config=cfg).stdout)
        assert second["status"] == "ok"
        assert second["new_articles"] >= 10  # fetched again, not skipped as unchanged (304)
