"""Sitemaps (index, news, gzip, robots.txt) and listing pages, parsed from bytes."""

from __future__ import annotations

import gzip
import re
from datetime import UTC, datetime

import pytest

from crawler.listing import find_article_links, find_next_pages
from crawler.sitemaps import SitemapError, parse_sitemap, sitemaps_from_robots
from crawler.xmlsafety import UnsafeXMLError

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://ex.test/2024/07/colossus.html</loc>
    <news:news><news:publication><news:name>Ex</news:name><news:language>es</news:language></news:publication>
      <news:publication_date>2024-07-22T14:05:00+02:00</news:publication_date>
      <news:title>xAI enciende Colossus</news:title></news:news></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><loc>https://ex.test/about</loc><lastmod>2024-01-02</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://ex.test/sitemap-1.xml.gz</loc></sitemap><sitemap><loc>file:///etc/passwd</loc></sitemap>
</sitemapindex>"""


def test_news_sitemap_gives_title_date_and_language_before_the_fetch() -> None:
    sm = parse_sitemap(NEWS, "https://ex.test/sitemap.xml")
    first, about = sm.urls
    assert first.url == "https://ex.test/2024/07/colossus.html"
    assert first.title == "xAI enciende Colossus" and first.language == "es"
    assert first.published == datetime(2024, 7, 22, 12, 5, tzinfo=UTC)
    assert about.published == datetime(2024, 1, 2, tzinfo=UTC)
    assert sm.sitemaps == []


def test_index_and_gzip() -> None:
    assert parse_sitemap(INDEX, "https://ex.test/s.xml").sitemaps == [
        "https://ex.test/sitemap-1.xml.gz"
    ]
    assert next(
        u.url for u in parse_sitemap(gzip.compress(NEWS), "https://ex.test/s.xml.gz").urls
    ).endswith("colossus.html")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"<html><body>not a sitemap</body></html>", SitemapError),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset>&a;</urlset>',
            UnsafeXMLError,
        ),
        (gzip.compress(b"<urlset>" + b"<url><loc>https://a.test/x</loc></url>" * 10) + b"", None),
    ],
)
def test_bad_sitemaps(data: bytes, error: type[Exception] | None) -> None:
    if error is None:
        assert len(parse_sitemap(data, "https://a.test/s.xml").urls) == 10
    else:
        with pytest.raises(error):
            parse_sitemap(data, "https://a.test/s.xml")


def test_robots_sitemap_lines() -> None:
    robots = "User-agent: *\nDisallow: /private\nSitemap: https://ex.test/a.xml\nsitemap:https://ex.test/b.xml\nSitemap: ftp://x/c.xml\n"
    assert sitemaps_from_robots(robots) == ["https://ex.test/a.xml", "https://ex.test/b.xml"]


LISTING = """<html><head><link rel="next" href="/news/page/2"></head><body>
<nav><a href="/about">About</a><a href="/tag/ai">AI</a><a href="https://other.test/2024/07/x.html">elsewhere</a></nav>
<a href="/2024/07/xai-starts-training.html">xAI starts training</a>
<a href="/news/12345-oracle-talks">Oracle talks</a>
<a href="/2024/07/xai-starts-training.html#comments">comments</a>
<a href="/news/page/2">Older stories</a>
<a href="mailto:desk@ex.test">mail</a></body></html>"""


def test_listing_links_look_like_articles_or_match_follow() -> None:
    dropped: dict[str, int] = {}
    links = find_article_links(LISTING, "https://ex.test/news/", None, dropped)
    assert dropped == {"bad scheme mailto:": 1}
    assert links == [
        "https://ex.test/2024/07/xai-starts-training.html",
        "https://ex.test/news/12345-oracle-talks",
    ]
    only = find_article_links(LISTING, "https://ex.test/news/", re.compile(r"/news/\d+-"))
    assert only == ["https://ex.test/news/12345-oracle-talks"]
    assert find_next_pages(LISTING, "https://ex.test/news/") == ["https://ex.test/news/page/2"]
