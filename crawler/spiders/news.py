"""The news spider: feeds, search feeds, sitemaps and listing pages, then article pages.

One spider serves every source of a crawl cycle, so all sources share one
download scheduler (per-domain politeness across sources) and one pool of
extraction workers.  The spider decides *what* to fetch; what it learns
about each source goes into ``self.reports`` for the caller to record.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, ThreadPoolExecutor
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import quote_plus, urljoin

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.decoding import looks_like_html
from crawler.feeds import FeedError, parse_feed
from crawler.items import PageItem
from crawler.listing import find_article_links, find_next_pages
from crawler.middlewares import EXPECT_META, FetchRefused
from crawler.plan import SourceJob
from crawler.report import DocumentState, SourceReport
from crawler.settings import default_clock
from crawler.sitemaps import SitemapError, parse_sitemap, sitemaps_from_robots
from crawler.urls import canonicalize_url, is_http_url, url_hash
from crawler.xmlsafety import UnsafeXMLError

T = TypeVar("T")

DOC_STATUSES = [304, 400, 401, 403, 404, 410, 429, 451, 500, 502, 503, 504]
RETRY_AFTER_CAP_S = 24 * 3600


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped at 24 h."""
    if not value:
        return None
    value = value.strip()
    seconds: float | None = None
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
            seconds = (when - now).total_seconds()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return max(0.0, min(seconds, RETRY_AFTER_CAP_S))


def _failure_reason(failure: Failure) -> str:
    """The short reason a failed fetch is recorded with on its source (shown by `followup sources`)."""
    from scrapy import exceptions as sx
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error as terr

    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    if isinstance(exc, FetchRefused):  # blocked address, bad scheme, redirect loop, too large
        return str(exc)[:200]
    if (
        isinstance(exc, terr.TimeoutError | terr.TCPTimedOutError | sx.DownloadTimeoutError)
        or "timeout" in type(exc).__name__.lower()
    ):
        return "timeout"
    if isinstance(exc, terr.DNSLookupError | sx.CannotResolveHostError):
        return "DNS lookup failed"
    if isinstance(exc, terr.ConnectionRefusedError | sx.DownloadConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, sx.DownloadCancelledError):  # DOWNLOAD_MAXSIZE (guard middleware off)
        return "too large"
    if isinstance(exc, sx.UnsupportedURLSchemeError):
        return "bad scheme"
    if isinstance(exc, sx.ResponseDataLossError):
        return "incomplete response (connection lost)"
    if isinstance(exc, sx.IgnoreRequest):
        msg = str(exc) or "request ignored"
        if "robots" in msg.lower():
            return "forbidden by robots.txt"
        if "DOWNLOAD_MAXSIZE" in msg:  # HttpCompressionMiddleware: a decompression bomb
            return "too large (after decompression)"
        if "max redirections" in msg:
            return "too many redirects"
        return msg[:200]
    name = type(exc).__name__
    text = str(exc).strip()
    return f"{name}: {text}"[:200] if text else name


class NewsSpider(scrapy.Spider):
    name = "news"
    custom_settings: dict[str, Any] = {}

    def __init__(self, jobs: Iterable[SourceJob] = (), *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jobs = list(jobs)
        self.reports: dict[int, SourceReport] = {
            j.id: SourceReport(j.id, j.name) for j in self.jobs
        }
        self._jobs_by_id = {j.id: j for j in self.jobs}
        self._known: Any = None
        self._engine: Any = None
        self._parser_pool: ThreadPoolExecutor | None = None
        self._pages_per_source: dict[int, int] = {}
        self.clock: Callable[[], datetime] = default_clock
        self.db_url: str | None = None
        self.update_check_hours = 0.0
        self.update_window_days = 7.0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.clock = settings.get("FOLLOWUP_CLOCK") or default_clock
        spider.db_url = settings.get("FOLLOWUP_DATABASE_URL")
        # the crawl's own session factory when the scheduler hands one over (one engine a process)
        spider._known = settings.get("FOLLOWUP_SESSION_FACTORY")
        spider.update_check_hours = settings.getfloat("FOLLOWUP_UPDATE_CHECK_HOURS", 0)
        spider.update_window_days = settings.getfloat("FOLLOWUP_UPDATE_WINDOW_DAYS", 7)
        crawler.signals.connect(spider._closed, signal=scrapy.signals.spider_closed)
        return spider

    # ------------------------------------------------------------ database look-ups

    def known(self, hashes: list[str]) -> set[str]:
        """Which URL hashes are already stored (as articles or seen pages): not fetched again."""
        if not hashes or (self._known is None and not self.db_url):
            return set()
        if self._known is None:
            assert self.db_url is not None
            from storage.engine import make_engine, make_session_factory

            self._engine = make_engine(self.db_url)
            self._known = make_session_factory(self._engine)
        from datetime import timedelta

        from storage.repository import known_urls

        recheck_before = recent = None
        if self.update_check_hours > 0:
            now = self.clock()
            recheck_before = now - timedelta(hours=self.update_check_hours)
            recent = now - timedelta(days=self.update_window_days)
        with self._known() as session:
            return known_urls(
                session, hashes, recheck_before=recheck_before, recheck_published_after=recent
            )

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        if self._parser_pool is not None:
            self._parser_pool.shutdown(wait=True)
            self._parser_pool = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # ------------------------------------------------------------ documents (feeds, sitemaps, listings)

    async def start(self) -> AsyncIterator[Any]:
        for job in self.jobs:
            for url in self._entry_urls(job):
                yield self._doc_request(job, url, role="main")

    def _entry_urls(self, job: SourceJob) -> list[str]:
        if job.kind == "search":
            return [job.url.replace("{query}", quote_plus(q)) for q in job.queries]
        return [job.url]

    def _doc_request(self, job: SourceJob, url: str, role: str, depth: int = 0) -> scrapy.Request:
        headers: dict[str, str] = {}
        v = job.documents.get(url_hash(canonicalize_url(url)))
        if v is not None:
            if v.etag:
                headers["If-None-Match"] = v.etag
            if v.last_modified:
                headers["If-Modified-Since"] = v.last_modified
        callback = {
            "feed": self.parse_feed,
            "search": self.parse_feed,
            "sitemap": self.parse_sitemap,
            "site": self.parse_listing,
        }[job.kind]
        return scrapy.Request(
            url,
            headers=headers,
            callback=callback,
            errback=self.doc_failed,
            dont_filter=True,
            priority=100,
            meta={
                "source_id": job.id,
                "role": role,
                "depth_in_source": depth,
                "handle_httpstatus_list": DOC_STATUSES,
            },
        )

    def _check_document(self, response: Response) -> tuple[SourceJob, SourceReport, bool]:
        """Record the fetch of a document; returns whether its body should be parsed."""
        job = self._jobs_by_id[response.meta["source_id"]]
        report = self.reports[job.id]
        main = response.meta.get("role") == "main"
        url = response.request.url if response.request else response.url
        h = url_hash(canonicalize_url(url))
        status = response.status
        self.crawler.stats.inc_value(f"followup/documents/status_{status}")
        if status == 304:
            report.documents.append(DocumentState(url, h, 304))
            if main and report.outcome == "pending":
                report.outcome = "not_modified"
            return job, report, False
        if status >= 400:
            reason = f"HTTP {status}"
            if status in (429, 503):
                raw = response.headers.get("Retry-After") or b""
                ra = parse_retry_after(raw.decode("latin-1"), self.clock())
                if ra is not None:
                    report.retry_after_s = max(report.retry_after_s or 0, ra)
                    reason += f", Retry-After {int(ra)} s"
            if main:
                report.fail(reason, status)
            else:
                report.page_errors += 1
            return job, report, False
        body_hash = hashlib.sha256(response.body).hexdigest()
        etag = response.headers.get("ETag")
        lm = response.headers.get("Last-Modified")
        report.documents.append(
            DocumentState(
                url,
                h,
                status,
                etag.decode("latin-1") if etag else None,
                lm.decode("latin-1") if lm else None,
                body_hash,
            )
        )
        old = job.documents.get(h)
        if old is not None and old.body_hash == body_hash:
            self.crawler.stats.inc_value("followup/documents/unchanged_body")
            if main and report.outcome == "pending":
                report.outcome = "unchanged"
            return job, report, False
        if main and report.outcome in ("pending", "not_modified", "unchanged"):
            report.outcome = "ok"
        return job, report, True

    def doc_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        job = self._jobs_by_id[request.meta["source_id"]]
        reason = _failure_reason(failure)
        self.crawler.stats.inc_value("followup/documents/failed")
        if request.meta.get("role") == "main":
            self.reports[job.id].fail(reason)
        else:
            self.reports[job.id].page_errors += 1
        self.logger.info("source %s: %s failed: %s", job.name, request.url, reason)

    def _content_type(self, response: Response) -> str | None:
        ct = response.headers.get("Content-Type")
        return ct.decode("latin-1") if ct else None

    async def parse_feed(self, response: Response) -> AsyncIterator[Any]:
        """Entries to page requests; feedparser runs in the spider's parser thread.

        feedparser takes about 0.25 ms an entry: ten 200-entry feeds arriving
        together held the reactor for half a second, and no page was fetched
        until the last one was parsed. In a thread, the pages of a parsed feed
        download while the next one parses.
        """
        job, report, fresh = self._check_document(response)
        if not fresh:
            return
        try:
            feed = await asyncio.get_running_loop().run_in_executor(
                self._parser(),
                self._parse_beside,
                parse_feed,
                response.body,
                response.url,
                self._content_type(response),
            )
        except (FeedError, UnsafeXMLError) as exc:
            self._doc_error(response, report, str(exc))
            return
        for reason, n in feed.dropped.items():
            report.drop(reason, n)
        report.entries += len(feed.entries)
        for request in self._article_requests(
            job,
            report,
            (
                (
                    e.url,
                    {
                        "title": e.title,
                        "published": e.published,
                        "language": e.language or job.language,
                        "author": e.author,
                    },
                )
                for e in feed.entries
            ),
        ):
            yield request

    def _parse_beside(self, parse: Callable[..., T], *args: Any) -> T:
        """In the parser thread: parse in an extraction worker once the crawl's pool is
        up (the workers are idle while the first feeds parse, and this process is the
        bottleneck then), else here. The worker's errors (FeedError...) come back as such.
        """
        from crawler.pipelines import StorePipeline

        try:
            pipeline = self.crawler.get_item_pipeline(StorePipeline)
        except (AttributeError, RuntimeError):  # no crawler or no engine (a bare spider)
            pipeline = None
        pool = pipeline.ready_pool() if pipeline is not None else None
        if pool is not None:
            try:
                return pool.submit(parse, *args).result()
            except (BrokenExecutor, RuntimeError):  # the pool broke or shut down: parse here
                pass
        return parse(*args)

    def _parser(self) -> ThreadPoolExecutor:
        """One thread: documents parse one at a time, as on the reactor, but beside it."""
        if self._parser_pool is None:
            self._parser_pool = ThreadPoolExecutor(1, thread_name_prefix="followup-parse")
        return self._parser_pool

    async def parse_sitemap(self, response: Response) -> AsyncIterator[Any]:
        """Sitemaps (up to 50,000 URLs each) parse in the parser thread too, as feeds do."""
        job, report, fresh = self._check_document(response)
        if not fresh:
            return
        depth = response.meta.get("depth_in_source", 0)
        if response.url.lower().endswith("/robots.txt"):
            # a sitemap source may name a robots.txt: its Sitemap: lines are the sitemaps
            found = sitemaps_from_robots(response.body.decode("utf-8", "replace"))
            if not found:
                self._doc_error(response, report, "robots.txt lists no Sitemap: lines")
            for child in found[: job.max_pages]:
                yield self._doc_request(job, child, role="child", depth=depth + 1)
            return
        try:
            sm = await asyncio.get_running_loop().run_in_executor(
                self._parser(), self._parse_beside, parse_sitemap, response.body, response.url
            )
        except (SitemapError, UnsafeXMLError) as exc:
            self._doc_error(response, report, str(exc))
            return
        if depth < 3:
            for child in sm.sitemaps[: job.max_pages]:
                yield self._doc_request(job, child, role="child", depth=depth + 1)
        report.entries += len(sm.urls)
        for request in self._article_requests(
            job,
            report,
            (
                (
                    u.url,
                    {
                        "title": u.title,
                        "published": u.published,
                        "language": u.language or job.language,
                    },
                )
                for u in sm.urls
            ),
        ):
            yield request

    def parse_listing(self, response: Response) -> Iterator[Any]:
        job, report, fresh = self._check_document(response)
        if not fresh:
            return
        if not looks_like_html(response.body, self._content_type(response)):
            self._doc_error(response, report, "listing page is not HTML")
            return
        follow = re.compile(job.follow) if job.follow else None
        links = find_article_links(response.text, response.url, follow, report.dropped)
        report.entries += len(links)
        pages = self._pages_per_source.get(job.id, 1)
        for nxt in find_next_pages(response.text, response.url):
            if pages >= job.max_pages:
                break
            pages += 1
            self._pages_per_source[job.id] = pages
            yield self._doc_request(job, nxt, role="child", depth=pages)
        yield from self._article_requests(
            job, report, ((u, {"language": job.language}) for u in links)
        )

    def _doc_error(self, response: Response, report: SourceReport, reason: str) -> None:
        self.crawler.stats.inc_value("followup/documents/unparsable")
        if response.meta.get("role") == "main":
            report.fail(reason, response.status)
        else:
            report.page_errors += 1
            report.drop(reason[:80])

    # ------------------------------------------------------------ article pages

    def _article_requests(
        self, job: SourceJob, report: SourceReport, entries: Iterable[tuple[str, dict[str, Any]]]
    ) -> Iterator[scrapy.Request]:
        pending: dict[str, tuple[str, dict[str, Any]]] = {}
        for raw_url, hints in entries:
            url = urljoin(job.url, raw_url.strip())
            if not is_http_url(url):
                report.drop(f"bad scheme {url.split(':', 1)[0][:12].lower()}:")
                continue
            h = url_hash(canonicalize_url(url))
            pending.setdefault(h, (url, hints))
        known = self.known(list(pending))
        self.crawler.stats.inc_value("followup/articles/already_known", len(known))
        for h, (url, hints) in pending.items():
            if h in known:
                continue
            report.requested += 1
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.page_failed,
                meta={
                    "source_id": job.id,
                    "hints": hints,
                    "url_hash": h,
                    EXPECT_META: "html",  # a PDF or image is not downloaded, only its headers
                },
            )

    def parse_article(self, response: Response) -> Iterator[PageItem]:
        job = self._jobs_by_id[response.meta["source_id"]]
        report = self.reports[job.id]
        ctype = self._content_type(response)
        if not looks_like_html(response.body, ctype):
            report.drop(f"not HTML ({(ctype or 'no content type').split(';')[0]})")
            self.crawler.stats.inc_value("followup/pages/not_html")
            return
        hints = response.meta.get("hints") or {}
        self.crawler.stats.inc_value("followup/pages/html")
        yield PageItem(
            source_id=job.id,
            url=response.url,
            requested_url=response.request.url if response.request else response.url,
            body=response.body,
            content_type=ctype,
            fetched=self.clock(),
            language_hint=hints.get("language"),
            title_hint=hints.get("title"),
            published_hint=hints.get("published"),
            author_hint=hints.get("author"),
        )

    def page_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        report = self.reports[request.meta["source_id"]]
        report.page_errors += 1
        reason = _failure_reason(failure)
        report.drop(f"page {reason}"[:80])
        self.crawler.stats.inc_value("followup/pages/failed")
