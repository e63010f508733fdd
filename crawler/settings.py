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
# Components a news crawl has no use for are left out of the *_BASE lists themselves.
# A ``None`` in EXTENSIONS or *_MIDDLEWARES would switch one off too, but Scrapy imports
# every key it is given there to normalise it: switching RemoteControl off that way
# imported aiohttp (75 ms of every start-up), CookiesMiddleware tldextract (23 ms).
# tests/crawler/test_components.py checks these lists against Scrapy's own.
DOWNLOADER_MIDDLEWARES_BASE = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": 100,
    # HttpAuthMiddleware (300) left out: no credentials, ever
    "scrapy.downloadermiddlewares.downloadtimeout.DownloadTimeoutMiddleware": 350,
    "scrapy.downloadermiddlewares.defaultheaders.DefaultHeadersMiddleware": 400,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": 500,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": 550,
    # Scrapy's MetaRefreshMiddleware (580) left out: followup's reads only pages whose
    # first bytes name a refresh, where Scrapy's decoded every page
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": 600,
    # CookiesMiddleware (700) left out: COOKIES_ENABLED is off
    "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware": 750,
    "scrapy.downloadermiddlewares.stats.DownloaderStats": 850,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": 900,
}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.UrlGuardMiddleware": 40,  # before robots.txt: refused URLs cost nothing
    "crawler.middlewares.MetaRefreshMiddleware": 580,
    "crawler.middlewares.FetchLimitsMiddleware": 610,  # above redirects (600) and retries (550)
    # last before the download: a request takes its host's turn as it leaves (distributed mode)
    "crawler.pacing.SharedPolitenessMiddleware": 990,
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

EXTENSIONS_BASE = {
    "scrapy.extensions.corestats.CoreStats": 0,
    "scrapy.extensions.logcount.LogCount": 0,
    # TelnetConsole, MemoryDebugger, FeedExporter, SpiderState and RemoteControl left out
    "scrapy.extensions.memusage.MemoryUsage": 0,
    "scrapy.extensions.closespider.CloseSpider": 0,
    "scrapy.extensions.logstats.LogStats": 0,
    "scrapy.extensions.throttle.AutoThrottle": 0,
}
SPIDER_MIDDLEWARES_BASE = {
    "scrapy.spidermiddlewares.start.StartSpiderMiddleware": 25,
    "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware": 50,
    "scrapy.spidermiddlewares.referer.RefererMiddleware": 700,
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": 800,
    # DepthMiddleware left out (the spider bounds its own depth), MetaCopyDetection too
    # (a debugging aid)
}
ITEM_PIPELINES = {
    "crawler.pipelines.StorePipeline": 500,
}

FOLLOWUP_DATABASE_URL = None
FOLLOWUP_SESSION_FACTORY = None  # the crawl's sessionmaker, handed over by scheduler.crawl
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
FOLLOWUP_SHARED_POLITENESS_URL = None  # a Redis URL: per-host spacing shared across workers
FOLLOWUP_SHARED_DOMAIN_DELAY_S = 0.0
FOLLOWUP_SHARED_DOMAIN_CONCURRENCY = 1
