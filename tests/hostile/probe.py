"""Fetch URLs through followup's Scrapy settings in this process and print each outcome as JSON.

A Twisted reactor starts once per process, so tests run this as a child:
``python -m tests.hostile.probe SETTINGS_JSON URL...``.  Each URL's outcome is
``"ok <status> <bytes>"`` or the reason ``NewsSpider`` would record for it.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.settings import Settings
from twisted.python.failure import Failure

from crawler.spiders.news import _failure_reason


class ProbeSpider(scrapy.Spider):
    name = "probe"

    def __init__(self, urls: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.urls = urls
        self.outcomes: dict[str, str] = {}
        self.t0 = time.monotonic()
        self.elapsed: dict[str, float] = {}

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            yield scrapy.Request(
                url,
                callback=self.ok,
                errback=self.failed,
                dont_filter=True,
                meta={"probe_url": url},
            )

    def _done(self, url: str, outcome: str) -> None:
        self.outcomes[url] = outcome
        self.elapsed[url] = round(time.monotonic() - self.t0, 2)

    def ok(self, response: Response) -> None:
        self._done(response.meta["probe_url"], f"ok {response.status} {len(response.body)}")

    def failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self._done(request.meta["probe_url"], _failure_reason(failure))


def main(argv: list[str]) -> int:
    overrides = json.loads(argv[0])
    urls = argv[1:]
    s = Settings()
    s.setmodule("crawler.settings", priority="project")
    s.update({"ITEM_PIPELINES": {}, **overrides}, priority="cmdline")
    process = CrawlerProcess(s, install_root_handler=False)
    crawler = process.create_crawler(ProbeSpider)
    process.crawl(crawler, urls=urls)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, ProbeSpider)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    json.dump(
        {
            "outcomes": spider.outcomes,
            "elapsed": spider.elapsed,
            "stats": {k: v for k, v in stats.items() if isinstance(v, int | float | str)},
        },
        sys.stdout,
        default=str,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
