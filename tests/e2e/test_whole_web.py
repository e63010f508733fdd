"""Issue 3 end to end: every kind of source, conditional GET, one row per story, bad servers."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import demo_sources, load_demo_articles, render_site
from tests.helpers import DevWeb, followup, start_dev_web, write_config

pytestmark = pytest.mark.slow


def whole_web_sources(web: DevWeb) -> list[dict[str, str]]:
    """Each outlet by feed (if any), sitemap (through robots.txt for one) and listing pages."""
    out = web.feed_sources()
    out.append({"name": "robots-sitemaps", "kind": "sitemap", "url": f"{web.base}/robots.txt"})
    for o in web.outlets:
        out.append(
            {
                "name": f"{o['id']}-sitemap",
                "kind": "sitemap",
                "url": f"{web.base}/{o['id']}/sitemap.xml",
                "language": o["language"],
            }
        )
        out.append(
            {
                "name": f"{o['id']}-site",
                "kind": "site",
                "url": f"{web.base}/{o['id']}/index.html",
                "language": o["language"],
            }
        )
    return out


def rows(cfg: Path) -> list[dict[str, Any]]:
    return json.loads(
        followup(
            "query", "--format", "json", "--include-duplicates", "--limit", "1000", config=cfg
        ).stdout
    )


@pytest.fixture
def dev_web(tmp_path: Path) -> Iterator[DevWeb]:
    web = start_dev_web(tmp_path / "web")
    yield web
    web.server.stop()


def test_whole_web_once_each_with_duplicates_flagged(dev_web: DevWeb, tmp_path: Path) -> None:
    cfg = write_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'w.db'}",
        whole_web_sources(dev_web),
        allow=dev_web.base.split("//")[1],
    )
    followup("init", config=cfg)
    followup("crawl", config=cfg)
    stored = rows(cfg)
    by_title = {r["title"]: r for r in stored}
    relevant = [a for a in dev_web.articles if a["labels"]["relevant"]]
    missing = [a["id"] for a in relevant if a["title"] not in by_title]
    assert not missing
    urls = [r["canonical_url"] for r in stored]
    assert len(urls) == len(set(urls))
    ids = {a["id"]: by_title[a["title"]]["id"] for a in relevant}
    for a in relevant:
        dup = a["labels"]["duplicate_of"]
        assert by_title[a["title"]]["duplicate_of"] == (ids[dup] if dup else None), a["id"]
    lookalikes = [a for a in dev_web.articles if not a["labels"]["relevant"]]
    assert not [
        a["id"] for a in lookalikes if a["title"] in by_title and by_title[a["title"]]["stories"]
    ]
    hidden = json.loads(followup("query", "--format", "json", "--limit", "1000", config=cfg).stdout)
    assert len(hidden) == len(stored) - 3


@pytest.mark.parametrize("validators", [True, False], ids=["etag-server", "plain-server"])
def test_second_crawl_of_unchanged_web_fetches_no_page_again(
    tmp_path: Path, validators: bool
) -> None:
    web = start_dev_web(tmp_path / "web", etag=validators)
    try:
        cfg = write_config(
            tmp_path,
            f"sqlite:///{tmp_path / 'c.db'}",
            whole_web_sources(web),
            allow=web.base.split("//")[1],
        )
        followup("init", config=cfg)
        followup("crawl", config=cfg)
        before = rows(cfg)
        web.server.clear_requests()
        second = json.loads(followup("crawl", "--format", "json", config=cfg).stdout)
        reqs = web.server.requests
    finally:
        web.server.stop()
    docs = [r for r in reqs if r.path.endswith(("feed.xml", "sitemap.xml", "index.html", ".xml"))]
    pages = [r for r in reqs if r not in docs and not r.path.endswith("robots.txt")]
    assert pages == [], [r.path for r in pages][:5]
    assert second["new_articles"] == 0 and second["updated_articles"] == 0
    assert rows(cfg) == before
    feeds_and_sitemaps = [r for r in docs if r.path.endswith(".xml")]
    assert feeds_and_sitemaps
    if validators:
        assert all(
            r.header("If-None-Match") or r.header("If-Modified-Since") for r in feeds_and_sitemaps
        )
        assert all(r.status == 304 for r in feeds_and_sitemaps)
        assert {s["outcome"] for s in second["sources"] if not s["source"].endswith("-site")} == {
            "not_modified"
        }
    else:
        assert all(r.status == 200 for r in feeds_and_sitemaps)
        assert {s["outcome"] for s in second["sources"]} == {"unchanged"}


@pytest.fixture
def demo_web() -> Iterator[NewsWebServer]:
    with NewsWebServer() as server:
        server.set_pages(render_site(load_demo_articles(), server.base_url))
        yield server


def sources_json(cfg: Path) -> dict[str, dict[str, Any]]:
    return {
        s["name"]: s for s in json.loads(followup("sources", "--format", "json", config=cfg).stdout)
    }


def test_retry_after_holds_the_source_and_others_go_on(
    demo_web: NewsWebServer, tmp_path: Path
) -> None:
    srcs = demo_sources(demo_web.base_url)
    busy = srcs[0]["url"].split(demo_web.base_url)[1]
    demo_web.set_error(busy, 429, headers={"Retry-After": "3600"})
    cfg = write_config(
        tmp_path, f"sqlite:///{tmp_path / 'r.db'}", srcs, allow=demo_web.base_url.split("//")[1]
    )
    followup("init", config=cfg)
    t0 = datetime.now(UTC)
    followup("crawl", config=cfg)
    state = sources_json(cfg)
    held = state[srcs[0]["name"]]
    assert held["outcome"] == "error" and "429" in held["error"] and "Retry-After" in held["error"]
    until = datetime.fromisoformat(held["retry_after_until"])
    assert t0 + timedelta(minutes=59) <= until <= t0 + timedelta(minutes=61)
    assert state[srcs[1]["name"]]["articles_found"] > 0  # the other source was stored
    n = len(demo_web.requests_for(busy))
    out = followup("crawl", config=cfg).stdout
    assert "Retry-After" in out and len(demo_web.requests_for(busy)) == n  # not asked again
    assert "429" in followup("sources", config=cfg).stdout


def test_failing_source_backs_off_with_growing_intervals(
    demo_web: NewsWebServer, tmp_path: Path
) -> None:
    srcs = demo_sources(demo_web.base_url)
    broken = srcs[1]["url"].split(demo_web.base_url)[1]
    demo_web.set_error(broken, 500)
    cfg = write_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'b.db'}",
        srcs,
        allow=demo_web.base_url.split("//")[1],
        extra_crawl="retry_times = 0",
    )
    followup("init", config=cfg)
    waits = []
    for _ in range(5):
        t = datetime.now(UTC)
        followup("crawl", "--source", srcs[1]["name"], "--force", config=cfg)
        s = sources_json(cfg)[srcs[1]["name"]]
        waits.append(datetime.fromisoformat(s["next_run"]) - t)
    assert s["consecutive_errors"] == 5 and "HTTP 500" in s["error"]
    # the n-th failure waits at least 5 min doubled n-1 times, then for the source's next fire
    assert all(w >= timedelta(seconds=300 * 2**i) for i, w in enumerate(waits))
    assert all(b >= a - timedelta(minutes=1) for a, b in itertools.pairwise(waits))
    assert waits[-1] >= timedelta(minutes=80) > waits[0]
    out = followup("crawl", "--source", srcs[1]["name"], config=cfg).stdout
    assert "backing off after 5 error(s)" in out
    table = followup("sources", config=cfg).stdout
    assert "HTTP 500" in table
