"""The board and the API over real HTTP: `followup serve` in a subprocess on the crawled demo web."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from scheduler.demo.server import NewsWebServer
from tests.helpers import demo_config, followup
from tests.web.hostile import MARK, insert_hostile
from tests.web.served import TOKEN, Board, serve_board

pytestmark = pytest.mark.slow
STORY = "xai-supercomputer"


def cli_json(cfg: Path, *args: str) -> Any:
    return json.loads(followup(*args, "--format", "json", config=cfg).stdout)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("board")
    with NewsWebServer() as web:
        cfg = demo_config(folder, web)
        followup("init", config=cfg)
        followup("crawl", config=cfg)
    insert_hostile(f"sqlite:///{folder / 'x.db'}")
    yield cfg


@pytest.fixture(scope="module")
def board(crawled: Path) -> Iterator[Board]:
    with serve_board(crawled) as b:
        yield b


@pytest.mark.parametrize("as_of", ["2024-07-31", "2024-09-30", "2025-12-31T12:00:00Z"])
def test_the_claims_api_equals_the_cli(board: Board, as_of: str) -> None:
    api = board.get(f"/api/v1/stories/{STORY}/claims?as_of={quote(as_of)}")
    assert api.status == 200 and api.headers["content-type"].startswith("application/json")
    assert api.json() == cli_json(board.cfg, "claims", "--story", STORY, "--as-of", as_of)


@pytest.mark.parametrize(
    ("query", "args"),
    [
        ("", []),
        ("q=oracle&limit=5", ["oracle", "--limit", "5"]),
        ("q=colossus&lang=es", ["colossus", "--lang", "es"]),
        ("story=xai-supercomputer&entity=oracle&entity=xai", ["--story", STORY, "--entity", "oracle", "--entity", "xai"]),
        ("since=2024-08-01&until=2024-12-31", ["--since", "2024-08-01", "--until", "2024-12-31"]),
        ("source=circuit-desk&include_duplicates=1", ["--source", "circuit-desk", "--include-duplicates"]),
    ],
)  # fmt: skip
def test_the_articles_api_equals_the_cli(board: Board, query: str, args: list[str]) -> None:
    api = board.get(f"/api/v1/articles?{query}")
    assert api.status == 200
    assert api.json() == cli_json(board.cfg, "query", *args)


def test_the_other_apis_equal_the_cli(board: Board) -> None:
    assert board.get("/api/v1/stories").json() == cli_json(board.cfg, "stories")
    assert board.get("/api/v1/sources").json() == cli_json(board.cfg, "sources")
    changes = board.get(f"/api/v1/changes?story={STORY}").json()
    assert changes and changes == cli_json(board.cfg, "changes", "--story", STORY)
    doc = board.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.") and "/api/v1/stories/{story_id}/claims" in doc["paths"]


def test_metrics_parse_and_count_what_the_database_holds(board: Board) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    r = board.get("/metrics")
    assert r.status == 200
    fams = {f.name: f for f in text_string_to_metric_families(r.text)}
    for name in (
        "followup_crawls",
        "followup_pages_fetched",
        "followup_articles_stored",
        "followup_evidence",
        "followup_status_changes",
        "followup_last_successful_crawl_timestamp_seconds",
        "followup_source_last_outcome",
    ):
        assert name in fams, name  # fmt: skip
    counts = cli_json(board.cfg, "status")["counts"]
    assert sum(s.value for s in fams["followup_evidence"].samples) == counts["evidence"]
    assert sum(s.value for s in fams["followup_articles_stored"].samples) == counts["articles"]
    changes = cli_json(board.cfg, "changes")
    assert sum(s.value for s in fams["followup_status_changes"].samples) == len(changes)
    crawls = {
        (s.labels["source"], s.labels["outcome"]): s.value for s in fams["followup_crawls"].samples
    }
    assert crawls == {("circuit-desk", "ok"): 1, ("cronica-tecnologica", "ok"): 1}
    last = fams["followup_last_successful_crawl_timestamp_seconds"].samples[0].value
    assert last > 1.7e9


PAGES = [
    "/", f"/stories/{STORY}", f"/stories/{STORY}?as_of=2024-07-31", "/articles",
    "/articles?q=oracle&lang=es", "/sources", "/runs", f"/stories/{STORY}/changes.atom",
    "/api/v1/stories", "/api/v1/openapi.json", "/healthz", "/metrics", "/static/board.css",
    "/no/such/page", "/stories/nope", "/articles?since=yesterday", "/api/v1/articles?limit=0",
]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_csp(board: Board, path: str) -> None:
    r = board.get(path)
    csp = r.headers.get("content-security-policy", "")
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp and "unsafe-inline" not in csp
    assert r.headers.get("x-content-type-options") == "nosniff"
    if r.headers.get("content-type", "").startswith("text/html"):
        assert "<script" not in r.text.lower().replace("&lt;script", "")
        assert " style=" not in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/articles?q=" + "a" * 5000,
        "/api/v1/articles?q=" + "b" * 3000,
        "/articles?since=2024-13-45",
        "/api/v1/stories/xai-supercomputer/claims?as_of=not-a-date",
        "/api/v1/articles?limit=abc",
        "/api/v1/articles?limit=100000",
        "/articles?q=%00",
        "/articles?q=%22unbalanced",
        "/api/v1/articles?q=%ff%fe",
        "/api/v1/stories/xai-supercomputer/claims?min_confidence=2",
        "/api/v1/changes?since=%0a",
    ],
)
def test_long_or_malformed_queries_get_a_400_never_a_traceback(board: Board, path: str) -> None:
    r = board.get(path)
    assert r.status == 400, (path, r.status, r.text[:300])
    assert "Traceback" not in r.text and 'File "' not in r.text


def test_unknown_story_is_a_404(board: Board) -> None:
    assert board.get("/api/v1/stories/nope/claims").status == 404
    assert board.get("/stories/nope").status == 404


def test_writes_without_the_token_are_refused_and_change_nothing(board: Board) -> None:
    before = board.get(f"/api/v1/stories/{STORY}/claims?as_of=2030-01-01").json()
    ev = next(e for c in before["claims"] for e in c["evidence"])
    for token, status in ((None, 401), ("wrong-token-wrong-token", 403), ("", 401)):
        r = board.review(ev["id"], "contradicts", token=token)
        assert r.status == status, (token, r.status)
    # the board's form: no CSRF cookie, or the wrong token
    form = f"stance=contradicts&token=x&csrf=abc&story={STORY}".encode()
    r = board.call("POST", f"/evidence/{ev['id']}/review", form,
                   {"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert r.status == 403
    r = board.call("POST", f"/evidence/{ev['id']}/review", form.replace(b"token=x", b"token=" + b"z" * 20),
                   {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "followup_csrf=abc"})  # fmt: skip
    assert r.status == 403
    assert board.get(f"/api/v1/stories/{STORY}/claims?as_of=2030-01-01").json() == before
    assert cli_json(board.cfg, "review", "list") == []


def test_text_from_articles_is_escaped(board: Board) -> None:
    pages = [board.get(f"/stories/{STORY}").text, board.get("/articles?q=hostile").text]
    assert MARK in pages[1] and "Colossus" in pages[0]
    for html in pages:
        low = html.lower()
        assert "<script" not in low and "<img src=x" not in low and "<iframe" not in low
        assert "<svg onload" not in low and not re.search(r"<[^>]+\son\w+\s*=", low)
        assert 'href="javascript:' not in low
        assert "&lt;script&gt;" in low


def test_the_atom_feed_lists_the_changes(board: Board) -> None:
    import xml.etree.ElementTree as ET

    r = board.get(f"/stories/{STORY}/changes.atom")
    assert r.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(r.body)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    changes = cli_json(board.cfg, "changes", "--story", STORY)
    assert len(entries) == len(changes)
    titles = {e.findtext("a:title", namespaces=ns) for e in entries}
    assert {f"{c['claim']}: {c['old_status']} → {c['new_status']}" for c in changes} == titles


def test_bad_review_requests_are_refused_with_the_reason(board: Board) -> None:
    before = board.get(f"/api/v1/stories/{STORY}/claims?as_of=2030-01-01").json()
    ev = next(e for c in before["claims"] for e in c["evidence"])
    assert board.review(999_999, "supports").status == 404
    r = board.review(ev["id"], "maybe")
    assert r.status == 400 and "stance must be one of" in r.json()["error"]
    auth = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}
    for body in (b"{not json", b"[1, 2]", b'{"verdict": "supports"}', b"x" * 20_000):
        r = board.call("POST", f"/api/v1/evidence/{ev['id']}/review", body, auth)
        assert r.status == 400 and "Traceback" not in r.text, body[:20]
    assert board.call("GET", f"/api/v1/evidence/{ev['id']}/review").status == 405
    assert board.get(f"/api/v1/stories/{STORY}/claims?as_of=2030-01-01").json() == before
