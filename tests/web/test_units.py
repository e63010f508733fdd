"""The board's pieces on their own: SVG timeline, parameters, token, links, error pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from claims.dossier import builtin_story_path, load_story
from claims.status import claim_status
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from web.pages import safe_href
from web.params import ParamError, check_query_string, when
from web.security import token_ok
from web.svg import timeline_svg

D = datetime


def ev(stance: str, day: int, title: str = "t") -> dict[str, Any]:
    return {"stance": stance, "published": D(2024, 8, day, tzinfo=UTC).isoformat(), "title": title}


def test_the_timeline_has_one_band_per_status_stretch_and_a_dot_per_evidence() -> None:
    claim = load_story(builtin_story_path("xai-supercomputer")).claims[0]
    evidence = [ev("updates", 20), ev("supports", 5), ev("mentions", 10), ev("contradicts", 12)]
    svg = str(timeline_svg(claim.id, evidence, start=D(2024, 8, 1, tzinfo=UTC),
                           end=D(2024, 8, 31, tzinfo=UTC),
                           status_at=lambda pairs, t: claim_status(claim, pairs, t)))  # fmt: skip
    bands = re.findall(r'data-status="(\w+)"', svg)
    # start, and each dated evidence: unverified, confirmed, confirmed (a mention), disputed, updated
    assert bands == ["unverified", "confirmed", "confirmed", "disputed", "updated"]
    assert svg.count("<circle") == 4
    assert "<script" not in svg and "style=" not in svg


def test_the_timeline_escapes_titles() -> None:
    claim = load_story(builtin_story_path("xai-supercomputer")).claims[0]
    svg = str(timeline_svg('x"><script>', [ev("supports", 3, '</title><script>alert(1)</script>')],
                           start=D(2024, 8, 1, tzinfo=UTC), end=D(2024, 8, 9, tzinfo=UTC),
                           status_at=lambda pairs, t: claim_status(claim, pairs, t)))  # fmt: skip
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_parameters() -> None:
    assert when("2024-08-01", "d") == D(2024, 8, 1, tzinfo=UTC)
    assert when("2024-08-01", "d", end_of_day=True) == D(2024, 8, 1, 23, 59, 59, 999999, tzinfo=UTC)
    assert when("2024-08-01T12:00:00Z", "d") == D(2024, 8, 1, 12, tzinfo=UTC)
    for bad in ("2024-13-01", "yesterday", "2024-08-01T25:00"):
        with pytest.raises(ParamError, match="d: "):
            when(bad, "d")
    check_query_string(b"q=a%20b&since=2024-01-01")
    for bad in (b"q=" + b"a" * 3000, "q=é".encode(), b"q=\x00"):
        with pytest.raises(ParamError):
            check_query_string(bad)


def test_tokens_and_links() -> None:
    assert token_ok("s" * 20, "s" * 20)
    assert not token_ok("s" * 20, "t" * 20) and not token_ok("s" * 20, None)
    assert not token_ok("", "") and not token_ok("", "anything")
    assert safe_href("https://a.test/x") == "https://a.test/x"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil", ""):
        assert safe_href(bad) == ""


def test_an_internal_error_is_a_plain_500_with_the_csp(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from web.app import create_app
    from web.context import WebContext

    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    upgrade(engine)
    f = make_session_factory(engine)
    story = load_story(builtin_story_path("xai-supercomputer"))

    def broken(*args: Any) -> dict[str, Any]:
        raise RuntimeError("secret internals /etc/passwd")

    ctx = WebContext(f, f, [story], [], broken, "", lambda: D(2024, 9, 1, tzinfo=UTC), lambda: None)
    client = TestClient(create_app(ctx), raise_server_exceptions=False)
    for path in ("/stories/xai-supercomputer", "/api/v1/stories/xai-supercomputer/claims"):
        r = client.get(path)
        assert r.status_code == 500
        assert "secret" not in r.text and "Traceback" not in r.text
        assert "default-src 'none'" in r.headers["content-security-policy"]
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.post("/api/v1/evidence/1/review", json={"stance": "supports"})
    assert r.status_code == 403 and "reviews are off" in r.json()["error"]
    engine.dispose()
