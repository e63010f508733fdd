"""Scrapy settings of the followup crawler.

These are the defaults; ``scheduler`` overlays what the config file says as
``FOLLOWUP_*`` and Scrapy settings.  Components read their settings from the
crawler (``from_crawler``), never from this module.
"""

from __future__ import annotations

from datetime import UTC, datetime


def default_clock() -> datetime:
    """Wall-clock time of a fetch: the one place the crawler asks for it (tests inject their own)."""
    return datetime.now(UTC)


BOT_NAME = "followup"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "followup/0.1 (+https://github.com/followup-news/followup)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Scrapy starts up to CONCURRENT_ITEMS item tasks per response; pages are one item each
# and the work happens in worker processes, so a small number keeps memory flat.
CONCURRENT_ITEMS = 4
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 5_000_000
DOWNLOAD_WARNSIZE = 0
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 504, 522, 524, 408]
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
COOKIES_ENABLED = False
# downloader/* byte and count stats: nothing reads them, and the request's whole HTTP
# form was rebuilt for every page only to measure its length
DOWNLOADER_STATS = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
HTTPCACHE_ENABLED = False
DNS_TIMEOUT = 20
# The SSRF guard (crawler/middlewares.py): the resolver drops blocked addresses before Twisted
# connects; TWISTED_DNS_RESOLVER is Scrapy 2.19's name for the deprecated DNS_RESOLVER.
TWISTED_DNS_RESOLVER = "crawler.middlewares.GuardedResolver"
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,  # no credentials, ever
    "crawler.middlewares.UrlGuardMiddleware": 40,  # before robots.txt: refused URLs cost nothing
    "crawler.middlewares.FetchLimitsMiddleware": 610,  # above redirects (600) and retries (550)
    # Scrapy's, reading only pages whose first bytes name a refresh: it decoded every page
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.MetaRefreshMiddleware": 580,
}

# http and https only: no file://, data:, ftp:// or s3:// downloads, whatever a feed links to.
DOWNLOAD_HANDLERS = {
    "http": "crawler.handlers.PooledHTTPDownloadHandler",
    "https": "crawler.handlers.PooledHTTPDownloadHandler",
    "file": None,
    "data": None,
    "ftp": None,
    "s3": None,
}

# Components a news crawl has no use for, switched off (not only disabled by a
# setting) so that they are neither imported nor called for every request:
# RemoteControl alone imports aiohttp (0.2 s of every start-up).
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.memdebug.MemoryDebugger": None,
    "scrapy.extensions.feedexport.FeedExporter": None,
    "scrapy.extensions.spiderstate.SpiderState": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
}
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,  # the spider bounds its own depth
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,  # a debugging aid
}
ITEM_PIPELINES = {
    "crawler.pipelines.StorePipeline": 500,
}

FOLLOWUP_DATABASE_URL = None
FOLLOWUP_STORY_PATHS: list[str] = []
FOLLOWUP_KEEP_UNMATCHED = False
FOLLOWUP_EXTRACT_WORKERS = 0  # 0: one per CPU; -1: in the reactor thread (tests, tiny crawls)
FOLLOWUP_BATCH_SIZE = 50
FOLLOWUP_BATCH_SECONDS = 1.0
FOLLOWUP_CLOCK = None
FOLLOWUP_PROGRESS = None  # callable(pages, new_articles), e.g. a terminal progress line
# stored articles published in the last UPDATE_WINDOW_DAYS are fetched again after
# UPDATE_CHECK_HOURS, so corrections and updates become revisions (0 = never)
FOLLOWUP_UPDATE_CHECK_HOURS = 24.0
FOLLOWUP_UPDATE_WINDOW_DAYS = 7.0
