"""A `search` source: the story's queries fill the URL template, each answer is a feed."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from claims.dossier import builtin_story_path, load_story
from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import demo_sources, load_demo_articles, render_site
from tests.helpers import followup, write_config

pytestmark = pytest.mark.slow


def test_search_source_runs_every_query_of_its_language(tmp_path: Path) -> None:
    story = load_story(builtin_story_path("xai-supercomputer"))
    with NewsWebServer() as server:
        pages = render_site(load_demo_articles(), server.base_url)
        feed_path = demo_sources(server.base_url)[0]["url"].split(server.base_url)[1]
        server.set_pages({**pages, "/search": pages[feed_path]})  # every query answers this feed
        source = {
            "name": "news-search",
            "kind": "search",
            "language": "en",
            "url": f"{server.base_url}/search?q={{query}}&hl=en",
        }
        cfg = write_config(
            tmp_path,
            f"sqlite:///{tmp_path / 's.db'}",
            [source],
            allow=server.base_url.split("//")[1],
        )
        followup("init", config=cfg)
        summary = json.loads(followup("crawl", "--format", "json", config=cfg).stdout)
        asked = [
            parse_qs(urlsplit(r.path).query)
            for r in server.requests
            if r.path.startswith("/search")
        ]
    queries = sorted(q["q"][0] for q in asked)
    assert queries == sorted(story.search_queries["en"])
    assert all(q["hl"] == ["en"] for q in asked)
    assert summary["sources"][0]["outcome"] == "ok"
    assert summary["new_articles"] >= 5
    rows = json.loads(
        followup("query", "--format", "json", "--source", "news-search", config=cfg).stdout
    )
    assert len(rows) == summary["new_articles"]
