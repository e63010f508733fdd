"""Store pipeline: pages go to worker processes for extraction and analysis, results to the database.

Writes are batched (FOLLOWUP_BATCH_SIZE items or FOLLOWUP_BATCH_SECONDS,
whichever first) in one transaction each, so a crawl costs one commit per
batch rather than per page, and a killed crawl loses at most one batch,
which the next crawl fetches again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import datetime
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.items import PageItem
from crawler.jobs import (
    PageJob,
    PageResult,
    fork_server_context,
    run_job,
    start_worker,
    warm_fork_server,
)
from crawler.middlewares import EXPECT_META
from crawler.settings import default_clock
from crawler.urls import canonicalize_url, url_hash

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(
        self,
        crawler: Crawler,
        database_url: str,
        story_paths: tuple[str, ...],
        keep_unmatched: bool,
        workers: int,
        batch_size: int,
        batch_seconds: float,
    ) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.story_paths = story_paths
        self.keep_unmatched = keep_unmatched
        self.workers = workers
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.clock = crawler.settings.get("FOLLOWUP_CLOCK") or default_clock
        # called after each written batch with (pages processed, new articles): a terminal display
        self.progress: Callable[[int, int], None] | None = crawler.settings.get("FOLLOWUP_PROGRESS")
        self._pool: Executor | None = None
        self._spawner: threading.Thread | None = None
        self._buffer: list[tuple[PageItem, PageResult]] = []
        self._last_flush = time.monotonic()
        self._stories: Any = None
        self._factory: Any = None
        self._engine: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        s = crawler.settings
        url = s.get("FOLLOWUP_DATABASE_URL")
        if not url:
            raise NotConfigured("FOLLOWUP_DATABASE_URL is not set")
        workers = s.getint("FOLLOWUP_EXTRACT_WORKERS", 0)
        if workers == 0:
            workers = max(
                1,
                len(os.sched_getaffinity(0))
                if hasattr(os, "sched_getaffinity")
                else os.cpu_count() or 1,
            )
        pipeline = cls(
            crawler,
            url,
            tuple(s.getlist("FOLLOWUP_STORY_PATHS")),
            s.getbool("FOLLOWUP_KEEP_UNMATCHED"),
            workers,
            s.getint("FOLLOWUP_BATCH_SIZE", 50),
            s.getfloat("FOLLOWUP_BATCH_SECONDS", 1.0),
        )
        crawler.signals.connect(pipeline.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(pipeline.response_received, signal=signals.response_received)
        return pipeline

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        """A source's document changed (200, not 304): warm the fork server while it is parsed.

        The fork server imports and warms up the extractor (~0.5 s of CPU) on the other
        core while the feed is parsed, so the workers fork at once when the first page
        is requested. An unchanged crawl (all 304) never starts it.
        """
        if (
            self.workers > 0
            and self._pool is None
            and response.status == 200
            and request.meta.get("source_id") is not None
            and request.meta.get(EXPECT_META) != "html"
        ):
            self._warm_fork_server()

    def _warm_fork_server(self) -> None:
        warm_fork_server(self.story_paths)

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """Start the workers with the first page request, not the first page.

        Forking them and loading the extractor and the dossiers takes about a
        second; begun here, it overlaps with the downloads. An unchanged crawl
        requests no page and never starts them.
        """
        if self._pool is None and request.meta.get(EXPECT_META) == "html":
            self._executor()

    def ready_pool(self) -> Executor | None:
        """The worker pool once its workers are up, else None.

        The spider hands it the feeds that are still to parse: while a crawl's feeds
        parse, the crawl process is the bottleneck and the workers wait for pages.
        """
        spawner = self._spawner
        if self._pool is None or (spawner is not None and spawner.is_alive()):
            return None
        return self._pool

    def _spawn(self, pool: Executor) -> None:
        """Submissions spawn the workers; each spawn waits for the fork server's
        preload, so it is done in a thread, never on the reactor."""
        try:
            for _ in range(self.workers):
                pool.submit(int)
        except RuntimeError:  # the crawl ended first and shut the pool down
            logger.debug("worker pool shut down while starting")

    def open_spider(self) -> None:
        # the crawl's own session factory when the scheduler hands one over (one engine
        # a process); a pipeline run on its own opens its engine from the URL
        shared = self.crawler.settings.get("FOLLOWUP_SESSION_FACTORY")
        if shared is not None:
            self._factory = shared
            return
        from storage.engine import make_engine, make_session_factory

        self._engine = make_engine(self.database_url)
        self._factory = make_session_factory(self._engine)

    def _executor(self) -> Executor | None:
        """The worker pool, started on the first page: an unchanged crawl never pays for it."""
        if self.workers < 0:
            if self._stories is None:
                from pathlib import Path

                from claims.dossier import load_story

                self._stories = tuple(load_story(Path(p)) for p in self.story_paths)
            return None
        if self._pool is None:
            # A fork server that has imported and warmed up the extractor once (perhaps
            # already started by the scheduler); workers fork from it and share those pages.
            ctx = fork_server_context(self.story_paths)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=ctx,
                initializer=start_worker,
                initargs=(self.story_paths, self.keep_unmatched, os.getpid()),
            )
            self._spawner = threading.Thread(
                target=self._spawn, args=(self._pool,), name="followup-spawn", daemon=True
            )
            self._spawner.start()
        return self._pool

    async def process_item(self, item: PageItem) -> PageItem:
        job = PageJob(
            url=item.url,
            body=item.body,
            content_type=item.content_type,
            source_id=item.source_id,
            fetched=item.fetched,
            language_hint=item.language_hint,
            title_hint=item.title_hint,
            published_hint=item.published_hint,
            author_hint=item.author_hint,
        )
        pool = self._executor()
        stats = self.crawler.stats
        assert stats is not None
        try:
            if pool is None:
                from crawler.worker import process_page

                result = process_page(job, self._stories, self.keep_unmatched)
            else:
                loop = asyncio.get_running_loop()
                if self._spawner is not None:  # until the workers exist, jobs wait here
                    await loop.run_in_executor(None, self._spawner.join)
                    self._spawner = None
                result = await loop.run_in_executor(pool, run_job, job)
        except Exception as exc:  # a page that breaks the extractor must not stop the crawl
            logger.warning("extraction failed for %s: %s", item.url, exc)
            stats.inc_value("followup/pages/extract_failed")
            self._report(item).page_errors += 1
            self._report(item).drop(f"extraction failed: {type(exc).__name__}")
            return item
        item.body = b""  # release the page as soon as it is processed
        self._buffer.append((item, result))
        if (
            len(self._buffer) >= self.batch_size
            or time.monotonic() - self._last_flush >= self.batch_seconds
        ):
            self.flush()
        return item

    def _report(self, item: PageItem) -> Any:
        spider = self.crawler.spider
        reports = getattr(spider, "reports", {})
        from crawler.report import SourceReport

        return reports.get(item.source_id) or SourceReport(item.source_id or 0, "?")

    def flush(self) -> None:
        """Write the buffered pages in one transaction."""
        from storage.engine import transaction

        batch, self._buffer = self._buffer, []
        self._last_flush = time.monotonic()
        if not batch:
            return
        stats = self.crawler.stats
        assert stats is not None
        now = self.clock()
        outcomes: list[tuple[PageItem, str]] = []  # counted once the batch is committed
        try:
            with transaction(self._factory) as session:
                for item, r in batch:
                    outcomes.append((item, self._store(session, item, r, now)))
        except Exception as exc:  # the crawl goes on; these pages are fetched again next time
            logger.error("storing %d page(s) failed: %s", len(batch), exc, exc_info=True)
            stats.inc_value("followup/pages/store_failed", len(batch))
            reason = f"storing pages failed: {type(exc).__name__}: {exc}"[:500]
            for item, _ in batch:
                report = self._report(item)
                report.page_errors += 1  # keeps the documents' validators from being saved
                report.fail(reason)
            return
        for item, outcome in outcomes:
            report = self._report(item)
            stats.inc_value(f"followup/articles/{outcome}")
            if outcome == "unmatched":
                report.skipped_unmatched += 1
            elif outcome == "new":
                report.new += 1
            elif outcome == "updated":
                report.updated += 1
            else:
                report.unchanged += 1
        if self.progress is not None:
            self.progress(
                int(stats.get_value("followup/pages/html", 0)),
                int(stats.get_value("followup/articles/new", 0)),
            )

    def _store(self, session: Any, item: PageItem, r: PageResult, now: datetime) -> str:
        """Write one processed page; returns its outcome (new, updated, unchanged, unmatched)."""
        from storage.repository import remember_seen, store_article

        art = r.article

        def seen(hash_: str, url: str, reason: str) -> None:
            remember_seen(
                session,
                url_hash=hash_,
                url=url,
                title=art.title,
                published=art.published,
                source_id=item.source_id,
                reason=reason,
                now=now,
            )

        if item.requested_url != item.url:
            # a redirect: remember the feed's URL too, so it is not fetched again
            req_hash = url_hash(canonicalize_url(item.requested_url))
            if req_hash != art.url_hash:
                seen(req_hash, item.requested_url, "redirect")
        if not r.relevant_to and not self.keep_unmatched:
            seen(art.url_hash, art.url, "unmatched")
            return "unmatched"
        return store_article(session, art, r.analyses, now).outcome

    def close_spider(self) -> None:
        try:
            self.flush()
        finally:
            if self._spawner is not None:
                self._spawner.join()
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
            if self._engine is not None:
                self._engine.dispose()
