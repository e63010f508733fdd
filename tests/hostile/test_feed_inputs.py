"""Hostile feed and sitemap bytes: DTD attacks rejected before parsing, bad charsets still readable."""

from __future__ import annotations

import contextlib
import io
import time
from typing import Any

import pytest

from crawler import feeds
from crawler.feeds import parse_feed
from crawler.sitemaps import parse_sitemap
from crawler.xmlsafety import UnsafeXMLError
from tests.hostile.cases import ENC_TITLES
from tests.hostile.hostile_server import LAUGHS_ONE_LINE, laughs_multi_line, rss, xxe_feed

ATTACKS = {
    "laughs-one-line": LAUGHS_ONE_LINE,
    "laughs-many-lines": laughs_multi_line(),
    "xxe-file": xxe_feed("file:///etc/passwd"),
    "xxe-url": xxe_feed("http://127.0.0.1:9/xxe"),
    "xxe-parameter": xxe_feed("http://127.0.0.1:9/dtd", parameter=True),
    "entity-outside-doctype-subset": '<?xml version="1.0"?>\n<!DOCTYPE rss>\n<!ENTITY x "y">\n<rss/>',
    "lowercase-and-spaces": '<?xml version="1.0"?><!doctype rss [ <!  entity x "y"> ]><rss/>',
}
ENCODINGS = [  # (declared, codec): the attack must be seen through every encoding a parser accepts
    ("utf-8", "utf-8"),
    ("utf-16", "utf-16"),  # with a BOM
    ("utf-16le", "utf-16-le"),
    ("utf-16be", "utf-16-be"),
    ("utf-32", "utf-32"),
    ("utf-32be", "utf-32-be"),
    ("utf-32le", "utf-32-le"),
]


def _encode(doc: str, declared: str, codec: str) -> bytes:
    if 'encoding="' in doc:
        doc = doc.replace('encoding="utf-8"', f'encoding="{declared}"')
    else:
        doc = doc.replace(
            '<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{declared}"?>', 1
        )
    return doc.encode(codec)


@pytest.mark.parametrize(("declared", "codec"), ENCODINGS)
@pytest.mark.parametrize("name", list(ATTACKS))
def test_dtd_attacks_are_rejected_before_feedparser(
    name: str, declared: str, codec: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*a: Any, **k: Any) -> Any:
        raise AssertionError("feedparser saw a document declaring entities")

    monkeypatch.setattr(feeds.feedparser, "parse", never)
    data = _encode(ATTACKS[name], declared, codec)
    with pytest.raises(UnsafeXMLError, match="rejected DTD"):
        parse_feed(data, "http://example.com/feed.xml")


@pytest.mark.parametrize(("declared", "codec"), ENCODINGS)
@pytest.mark.parametrize("name", ["laughs-one-line", "laughs-many-lines", "xxe-file"])
def test_dtd_attacks_are_rejected_before_lxml(name: str, declared: str, codec: str) -> None:
    doc = ATTACKS[name].replace("rss", "urlset")
    with pytest.raises(UnsafeXMLError, match="rejected DTD"):
        parse_sitemap(_encode(doc, declared, codec), "http://example.com/sitemap.xml")


def test_ebcdic_attack_is_not_expanded_even_though_the_byte_check_misses_it() -> None:
    """EBCDIC (cp037) is not decoded by check_xml; feedparser still drops the entity declarations."""
    data = _encode(laughs_multi_line(), "cp037", "cp037")
    t0 = time.monotonic()
    try:
        parsed = parse_feed(data, "http://example.com/feed.xml")
        titles = [e.title or "" for e in parsed.entries]
    except (UnsafeXMLError, feeds.FeedError):
        titles = []
    assert time.monotonic() - t0 < 2
    assert all(len(t) < 1000 for t in titles)


def test_feedparser_only_ever_receives_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    real = feeds.feedparser.parse

    def spy(source: Any, *a: Any, **k: Any) -> Any:
        seen.append(source)
        return real(source, *a, **k)

    monkeypatch.setattr(feeds.feedparser, "parse", spy)
    # a document that *is* a URL or a path must not make feedparser open it
    for doc in (
        b"http://127.0.0.1:9/feed.xml",
        b"/etc/passwd",
        rss([{"link": "http://e.com/a"}]).encode(),
    ):
        with contextlib.suppress(feeds.FeedError):
            parse_feed(doc, "http://example.com/feed.xml")
    assert seen and all(isinstance(s, io.BytesIO | bytes) for s in seen)


# ---------------------------------------------------------------- encodings


def _feed(title: str, encoding: str | None, codec: str) -> bytes:
    return rss([{"title": title, "link": "http://example.com/a"}], encoding=encoding).encode(
        codec, errors="xmlcharrefreplace"
    )


@pytest.mark.parametrize(
    ("title", "encoding", "codec", "content_type"),
    [
        (
            ENC_TITLES["enc-latin1-as-utf8"],
            "utf-8",
            "latin-1",
            None,
        ),  # declared utf-8, bytes latin-1
        (
            ENC_TITLES["enc-header-conflict"],
            "utf-8",
            "utf-8",
            "application/rss+xml; charset=iso-8859-1",
        ),
        (ENC_TITLES["enc-cp1252-undeclared"], None, "cp1252", None),
        (ENC_TITLES["enc-utf16"], "utf-16", "utf-16", "application/xml"),
        ("Ünïcödé xAI", "iso-8859-1", "utf-8", None),  # declared latin-1, bytes utf-8
        ("Ünïcödé xAI", "x-no-such-charset", "utf-8", None),
        ("Ünïcödé xAI", "utf-8", "utf-8", "text/xml; charset=bogus"),
        (
            "Ünïcödé xAI",
            None,
            "utf-8",
            "application/rss+xml; charset=koi8-r",
        ),  # header contradicts bytes
    ],
)
def test_misencoded_feeds_decode_to_readable_text(
    title: str, encoding: str | None, codec: str, content_type: str | None
) -> None:
    parsed = parse_feed(_feed(title, encoding, codec), "http://example.com/feed.xml", content_type)
    got = parsed.entries[0].title or ""
    assert "\ufffd" not in got
    assert got == title, got


def test_invalid_bytes_in_a_utf8_feed_do_not_crash() -> None:
    data = rss([{"title": "xAI \udcff", "link": "http://example.com/a"}]).encode(
        "utf-8", "surrogateescape"
    )
    parsed = parse_feed(data + b"\xff\xfe\x00", "http://example.com/feed.xml")
    assert parsed.entries and parsed.entries[0].url == "http://example.com/a"


def test_markup_in_titles_is_stored_as_plain_text() -> None:
    evil = 'xAI &lt;script&gt;alert("t")&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; live'
    doc = rss(
        [
            {"title": evil, "link": "http://example.com/a"},
            {
                "title": "<![CDATA[<b>bold</b> <script>x()</script>xAI]]>",
                "link": "http://example.com/b",
            },
        ]
    )
    titles = [e.title or "" for e in parse_feed(doc.encode(), "http://example.com/f").entries]
    for t in titles:
        assert "<" not in t and ">" not in t and "onerror" not in t, t


def test_links_with_bad_schemes_are_dropped_with_a_reason() -> None:
    links = [
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "mailto:a@b.c",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "vbscript:x",
        "http://example.com/ok",
    ]
    doc = rss([{"title": "t", "link": u.replace("&", "&amp;")} for u in links])
    parsed = parse_feed(doc.encode(), "http://example.com/feed.xml")
    assert [e.url for e in parsed.entries] == ["http://example.com/ok"]
    assert sum(parsed.dropped.values()) == len(links) - 1
    assert parsed.dropped["bad scheme javascript:"] == 3
