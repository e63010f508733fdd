"""Scrapy's HTTP/1.1 download handler with a connection pool that does not churn."""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler


class PooledHTTPDownloadHandler(HTTP11DownloadHandler):
    """Keeps up to twice the per-domain concurrency of idle connections per host.

    Scrapy frees a download slot as soon as a response arrives, a moment
    before Twisted hands its connection back to the pool, so the next request
    opens a new connection and the returning one finds the pool (sized to the
    per-domain concurrency) full and is closed. Crawling 2,000 pages of one
    host opened and closed 630 connections that way; with room for both
    generations, 32 in all: less work here and for the site.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        pool = getattr(self, "_pool", None)  # Scrapy's, private: left alone if it ever goes
        if pool is not None and hasattr(pool, "maxPersistentPerHost"):
            pool.maxPersistentPerHost = 2 * max(
                1, crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
            )
