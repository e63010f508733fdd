"""The news spider's feed callback, on responses built from bytes: entries become page
requests, and feedparser runs in the spider's parser thread, not on the reactor."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
import scrapy
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

import crawler.spiders.news as news
from crawler.middlewares import EXPECT_META
from crawler.plan import SourceJob

FEED_URL = "http://news.test/rss.xml"
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News</title><language>es</language>
<item><title>xAI &amp; Colossus</title><link>http://news.test/a.html</link>
<pubDate>Tue, 23 Jul 2024 10:00:00 GMT</pubDate></item>
<item><title>Oracle</title><link>/b.html</link></item>
<item><title>No link</title></item>
</channel></rss>"""


def run_callback(spider: news.NewsSpider, response: XmlResponse) -> list[Any]:
    async def collect() -> list[Any]:
        return [r async for r in spider.parse_feed(response)]

    return asyncio.run(collect())


def record_threads(monkeypatch: pytest.MonkeyPatch, parser: str) -> list[str]:
    """The spider module's ``parser`` function, still run, recording the threads it runs in."""
    threads: list[str] = []
    real = getattr(news, parser)

    def recording(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(news, parser, recording)
    return threads


@pytest.fixture
def spider() -> news.NewsSpider:
    job = SourceJob(7, "news", "feed", FEED_URL, language="es")
    s = news.NewsSpider.from_crawler(get_crawler(news.NewsSpider), jobs=[job])
    assert isinstance(s, news.NewsSpider)
    return s


def feed_response(body: bytes) -> XmlResponse:
    request = scrapy.Request(FEED_URL, meta={"source_id": 7, "role": "main"})
    return XmlResponse(FEED_URL, body=body, request=request)


def test_entries_become_page_requests_parsed_off_the_calling_thread(
    spider: news.NewsSpider, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = record_threads(monkeypatch, "parse_feed")
    requests = run_callback(spider, feed_response(RSS))
    assert [r.url for r in requests] == ["http://news.test/a.html", "http://news.test/b.html"]
    assert all(r.meta[EXPECT_META] == "html" and r.meta["source_id"] == 7 for r in requests)
    assert requests[0].meta["hints"]["title"] == "xAI & Colossus"
    assert requests[1].meta["hints"]["language"] == "es"
    assert len(threads) == 1 and threads[0].startswith("followup-parse")
    report = spider.reports[7]
    assert report.entries == 2 and report.requested == 2 and report.dropped == {"no link": 1}
    spider._closed(spider, "finished")  # the parser thread is shut down with the spider
    assert spider._parser_pool is None


def test_unparsable_feed_fails_the_source(spider: news.NewsSpider) -> None:
    assert run_callback(spider, feed_response(b"<html><body>not a feed</body></html>")) == []
    report = spider.reports[7]
    assert report.outcome == "error" and "malformed feed" in (report.error or "")


def test_sitemap_urls_become_page_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "http://news.test/news-sitemap.xml"
    job = SourceJob(8, "maps", "sitemap", url, language="en")
    spider = news.NewsSpider.from_crawler(get_crawler(news.NewsSpider), jobs=[job])
    assert isinstance(spider, news.NewsSpider)
    threads = record_threads(monkeypatch, "parse_sitemap")
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://news.test/x.html</loc></url>"
        b"<url><loc>http://news.test/y.html</loc></url></urlset>"
    )
    response = XmlResponse(
        url, body=body, request=scrapy.Request(url, meta={"source_id": 8, "role": "main"})
    )

    async def collect() -> list[Any]:
        return [r async for r in spider.parse_sitemap(response)]

    requests = asyncio.run(collect())
    assert [r.url for r in requests] == ["http://news.test/x.html", "http://news.test/y.html"]
    assert threads and threads[0].startswith("followup-parse")
    spider._closed(spider, "finished")


class _Pipeline:
    """Stands for the store pipeline: what ready_pool() answers."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    def ready_pool(self) -> Any:
        return self.pool


@pytest.mark.parametrize("pool_up", [True, False])
def test_feeds_parse_in_the_worker_pool_once_it_is_up(
    spider: news.NewsSpider, monkeypatch: pytest.MonkeyPatch, pool_up: bool
) -> None:
    """While the first feeds parse, the crawl process is the bottleneck and the workers
    wait: once the pool is up, the parser thread hands the parse to it."""
    from concurrent.futures import ThreadPoolExecutor

    threads = record_threads(monkeypatch, "parse_feed")
    with ThreadPoolExecutor(1, thread_name_prefix="workers") as pool:
        pipeline = _Pipeline(pool if pool_up else None)
        assert spider.crawler is not None
        monkeypatch.setattr(spider.crawler, "get_item_pipeline", lambda cls: pipeline)
        requests = run_callback(spider, feed_response(RSS))
        bad = run_callback(spider, feed_response(b"<html><body>not a feed</body></html>"))
    assert len(requests) == 2 and bad == []  # a FeedError from the pool is still a FeedError
    assert "malformed feed" in (spider.reports[7].error or "")
    expected = "workers" if pool_up else "followup-parse"
    assert len(threads) == 2 and all(t.startswith(expected) for t in threads)
    spider._closed(spider, "finished")
