"""followup's meta-refresh middleware: Scrapy's redirects, without decoding pages that have none."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares import MetaRefreshMiddleware

URL = "http://news.test/a.html"
REFRESH = '<meta http-equiv="Refresh" content="0; url=/moved.html">'


def page(head: str, encoding: str = "utf-8", filler: int = 50_000) -> bytes:
    return f"<html><head>{head}</head><body>{'x' * filler}</body></html>".encode(encoding)


@pytest.fixture
def mw() -> MetaRefreshMiddleware:
    return MetaRefreshMiddleware.from_crawler(get_crawler())


@pytest.mark.parametrize(
    ("body", "encoding"),
    [
        (page(REFRESH), "utf-8"),
        (page(REFRESH.upper().replace("/MOVED.HTML", "/moved.html")), "utf-8"),
        (page("<title>Äpfel und Birnen</title>" + REFRESH, "iso-8859-1"), "iso-8859-1"),
        # UTF-16 has no ASCII bytes to search: Scrapy reads it
        (page(REFRESH, "utf-16", filler=100), "utf-16"),
    ],
)
def test_refresh_is_followed(mw: MetaRefreshMiddleware, body: bytes, encoding: str) -> None:
    """As Scrapy's own middleware does (which, for UTF-16, adds its BOM to the URL)."""
    request = Request(URL)
    out = mw.process_response(
        request, HtmlResponse(URL, body=body, encoding=encoding, request=request)
    )
    scrapys = ScrapyMetaRefresh.from_crawler(get_crawler()).process_response(
        request, HtmlResponse(URL, body=body, encoding=encoding, request=request)
    )
    assert isinstance(out, Request) and isinstance(scrapys, Request) and out.url == scrapys.url
    assert out.url.startswith("http://news.test/moved.html")


def test_page_without_refresh_is_not_decoded(mw: MetaRefreshMiddleware) -> None:
    request = Request(URL)
    response = HtmlResponse(
        URL, body=page("<title>News</title>"), encoding="utf-8", request=request
    )
    assert mw.process_response(request, response) is response
    assert response._cached_ubody is None  # the 50 KB body was never decoded


def test_refresh_beyond_scrapys_window_is_ignored_as_before(mw: MetaRefreshMiddleware) -> None:
    """Scrapy reads the first 4,096 characters; a later refresh never redirected."""
    request = Request(URL)
    body = page("<title>News</title>") + REFRESH.encode()
    response = HtmlResponse(URL, body=body, encoding="utf-8", request=request)
    assert mw.process_response(request, response) is response
