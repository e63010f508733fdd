"""`extract_workers = -1`: small crawls extract in the crawl process, with the same result."""

from __future__ import annotations

import json
from pathlib import Path

from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import demo_sources, load_demo_articles, render_site
from tests.helpers import followup, write_config


def test_inline_extraction_stores_what_the_pool_stores(tmp_path: Path) -> None:
    found = {}
    with NewsWebServer() as server:
        server.set_pages(render_site(load_demo_articles(), server.base_url))
        for workers in (-1, 1):
            folder = tmp_path / str(workers)
            folder.mkdir()
            cfg = write_config(
                folder,
                f"sqlite:///{folder / 'x.db'}",
                demo_sources(server.base_url),
                allow=server.base_url.split("//")[1],
                extra_crawl=f"extract_workers = {workers}",
            )
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
