"""`extract_workers = -1`: small crawls extract in the crawl process, with the same result."""

from __future__ import annotations

import json
from pathlib import Path

from scheduler.demo.server import NewsWebServer
from tests.helpers import demo_config, followup


def test_inline_extraction_stores_what_the_pool_stores(tmp_path: Path) -> None:
    found = {}
    with NewsWebServer() as server:
        for workers in (-1, 1):
            folder = tmp_path / str(workers)
            folder.mkdir()
            cfg = demo_config(folder, server, extra_crawl=f"extract_workers = {workers}")
            followup("init", config=cfg)
            followup("crawl", config=cfg)
            rows = json.loads(
                followup("query", "--format", "json", "--include-duplicates", config=cfg).stdout
            )
            found[workers] = sorted(
                (r["url"], tuple(r["entities"]), r["duplicate_of"] is None) for r in rows
            )
    assert found[-1] == found[1]
    assert len(found[-1]) >= 10
