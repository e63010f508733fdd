"""The crawl use case: pick sources, run the spider once, record what happened, analyse.

A crawl runs the Twisted reactor, which starts once per process; the
service therefore runs each crawl as a child ``followup crawl`` process
(see scheduler/service.py), and this module is what that child does.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from claims.dossier import Story
from crawler import tuning
from crawler.jobs import warm_fork_server
from crawler.plan import SourceJob, Validators
from crawler.report import SourceReport
from scheduler.alerts import after_analysis
from scheduler.analysis import analyse_pending
from scheduler.app import Database
from scheduler.config import Config
from scheduler.policy import PollState, decide, is_held_back
from storage.engine import SharedFactory, transaction
from storage.models import FetchState, Source
from storage.repository import (
    acquire_lease,
    fail_stale_runs,
    finish_run,
    release_lease,
    save_fetch_state,
    start_run,
)

log = logging.getLogger("followup.crawl")
Clock = Callable[[], datetime]


@dataclass
class CrawlSummary:
    run_id: int | None
    started: datetime
    finished: datetime | None = None
    status: str = "ok"
    reports: list[SourceReport] = field(default_factory=list)
    held_back: dict[str, str] = field(default_factory=dict)
    analysed: int = 0
    status_changes: int = 0
    close_reason: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def new_articles(self) -> int:
        return sum(r.new for r in self.reports)

    @property
    def updated_articles(self) -> int:
        return sum(r.updated for r in self.reports)

    @property
    def errors(self) -> int:
        return sum(1 for r in self.reports if r.outcome == "error")

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "started": self.started.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
            "new_articles": self.new_articles,
            "updated_articles": self.updated_articles,
            "analysed": self.analysed,
            "status_changes": self.status_changes,
            "sources": [r.as_dict() for r in self.reports],
            "held_back": dict(self.held_back),
        }


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _pid_alive(holder: str) -> bool:
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's lease: trust its expiry
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _live_crawl_pids(session: Any, now: datetime) -> list[int]:
    """Pids of crawls still running (their source leases are held by a live process).

    With workers on many machines, another crawl's run is not stale just because
    it is running while this one starts.
    """
    from storage.models import Lease

    q = select(Lease).where(Lease.name.like("crawl:%"), Lease.expires_at > now)
    pids = []
    for lease in session.scalars(q):
        pid = lease.holder.rpartition(":")[2]
        if pid.isdigit() and _pid_alive(lease.holder):
            pids.append(int(pid))
    return pids


def scrapy_settings(cfg: Config, clock: Clock, story_paths: list[str]) -> dict[str, Any]:
    c = cfg.crawl
    dist = cfg.distributed
    return {
        "USER_AGENT": c.user_agent,
        "ROBOTSTXT_OBEY": c.obey_robots,
        "ROBOTSTXT_USER_AGENT": c.user_agent,
        "DOWNLOAD_TIMEOUT": c.timeout_s,
        "DOWNLOAD_MAXSIZE": c.max_page_bytes,
        "REDIRECT_MAX_TIMES": c.max_redirects,
        "CONCURRENT_REQUESTS": c.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": c.concurrent_requests_per_domain,
        "DOWNLOAD_DELAY": c.download_delay_s,
        "AUTOTHROTTLE_ENABLED": c.autothrottle,
        "RETRY_TIMES": c.retry_times,
        "CLOSESPIDER_TIMEOUT": c.crawl_time_limit_s,
        "FOLLOWUP_DATABASE_URL": cfg.database_url,
        "FOLLOWUP_STORY_PATHS": story_paths,
        "FOLLOWUP_KEEP_UNMATCHED": c.keep_unmatched,
        "FOLLOWUP_EXTRACT_WORKERS": c.extract_workers,
        "FOLLOWUP_ALLOW_PRIVATE_NETWORKS": c.allow_private_networks,
        "FOLLOWUP_ALLOW_HOSTS": list(c.allow_hosts),
        "FOLLOWUP_CLOCK": clock,
        "FOLLOWUP_UPDATE_CHECK_HOURS": c.update_check_hours,
        "FOLLOWUP_UPDATE_WINDOW_DAYS": c.update_window_days,
        # with [distributed], requests to a host are spaced across every worker via the broker
        "FOLLOWUP_SHARED_POLITENESS_URL": dist.broker if dist else None,
        "FOLLOWUP_SHARED_DOMAIN_DELAY_S": dist.domain_delay_s if dist else 0.0,
        "FOLLOWUP_SHARED_DOMAIN_CONCURRENCY": dist.domain_concurrency if dist else 1,
    }


def _select_sources(
    db: Database,
    names: list[str] | None,
    *,
    now: datetime,
    force: bool,
    due_only: bool,
    lease_ttl: float,
) -> tuple[list[SourceJob], dict[str, str], list[str]]:
    """The jobs to run now, the sources held back (and why), and the leases taken."""
    held: dict[str, str] = {}
    jobs: list[SourceJob] = []
    leases: list[str] = []
    me = holder_id()
    with transaction(db.factory) as session:
        q = select(Source).where(Source.active.is_(True)).order_by(Source.name)
        sources = list(session.scalars(q))
        if names:
            by_name = {s.name: s for s in sources}
            unknown = [n for n in names if n not in by_name]
            if unknown:
                raise KeyError(", ".join(unknown))
            sources = [by_name[n] for n in names]
        for src in sources:
            if not force:
                why = is_held_back(
                    next_due_at=src.next_due_at,
                    retry_after_until=src.retry_after_until,
                    consecutive_errors=src.consecutive_errors,
                    now=now,
                    due_only=due_only,
                )
                if why:
                    held[src.name] = why
                    continue
            lease = f"crawl:{src.name}"
            if not acquire_lease(session, lease, me, now=now, ttl_s=lease_ttl):
                from storage.models import Lease

                current = session.get(Lease, lease)
                if current is not None and not _pid_alive(current.holder):
                    session.delete(current)
                    session.flush()
                    acquire_lease(session, lease, me, now=now, ttl_s=lease_ttl)
                else:
                    held[src.name] = (
                        f"already being crawled by {current.holder if current else '?'}"
                    )
                    continue
            leases.append(lease)
            docs = {
                fs.url_hash: Validators(fs.etag, fs.last_modified, fs.body_hash)
                for fs in session.scalars(select(FetchState).where(FetchState.source_id == src.id))
            }
            opts = src.options or {}
            jobs.append(
                SourceJob(
                    id=src.id,
                    name=src.name,
                    kind=src.kind,
                    url=src.url,
                    language=src.language,
                    follow=opts.get("follow"),
                    max_pages=int(opts.get("max_pages") or 50),
                    queries=tuple(opts.get("queries") or ()),
                    documents=docs,
                )
            )
    return jobs, held, leases


def _search_queries(
    stories: list[Story], wanted: list[str], language: str | None
) -> tuple[str, ...]:
    out: list[str] = []
    for story in stories:
        if wanted and story.id not in wanted:
            continue
        qs = story.search_queries
        langs = [language] if language and language in qs else list(qs)
        for lang in langs:
            out.extend(qs.get(lang, []))
    return tuple(dict.fromkeys(out))


def workers_surely_needed(jobs: list[SourceJob], extract_workers: int) -> bool:
    """Whether to start the extraction workers' fork server before Scrapy loads.

    A source never fetched is downloaded whole, so pages will come: the fork
    server then loads the extractor while this process loads Scrapy, about
    0.5 s sooner than at the first changed document. Known sources may all
    answer 304, and an unchanged crawl must not start it.
    """
    return extract_workers >= 0 and any(j.first_visit for j in jobs)


def run_spider(
    settings: dict[str, Any], jobs: list[SourceJob]
) -> tuple[dict[int, SourceReport], dict[str, Any], str]:
    """Run the news spider over the jobs in this process (once: the reactor does not restart)."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from crawler.spiders.news import NewsSpider

    # The download handler is imported here, on a shallow stack, rather than by
    # Scrapy's engine: Scrapy's deprecated-class shims in the TLS modules it loads
    # call inspect.stack(), which reads the source of every frame -- 50-100 ms
    # under the Twisted start-up, a tenth of an unchanged crawl.
    tuning.import_without_frame_sources("crawler.handlers")

    s = Settings()
    s.setmodule("crawler.settings", priority="project")
    s.update(settings, priority="cmdline")
    s.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # followup configures logging
    process = CrawlerProcess(s)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, jobs=jobs)
    # The modules, Scrapy's components and the config loaded so far live as long as the
    # process (a crawl has one to itself): frozen, the collector's full passes no longer
    # walk them -- 0.55 s of a 2,000-page crawl, a sixth of this process's CPU. Scrapy
    # allocates many short-lived containers a request; collecting the youngest generation
    # every 5,000 allocations rather than 700 halves the rest of the collector's time.
    tuning.freeze_long_lived(young_threshold=5000)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    spider = crawler.spider
    reports: dict[int, SourceReport] = getattr(spider, "reports", {})
    reason = str(stats.get("finish_reason", "finished"))
    return reports, stats, reason


def run_crawl(
    cfg: Config,
    db: Database,
    stories: list[Story],
    *,
    names: list[str] | None = None,
    trigger: str = "cli",
    clock: Clock,
    force: bool = False,
    due_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
    analyse: bool = True,
) -> CrawlSummary:
    """One fetch cycle of the selected sources, then analysis of what is new or changed.

    ``analyse=False`` leaves re-analysis to someone else (a distributed worker
    enqueues it as its own job); the pages fetched are analysed as they are stored.
    """
    now = clock()
    lease_ttl = cfg.crawl.crawl_time_limit_s + 120
    with transaction(db.factory) as session:
        fail_stale_runs(session, now=now, pids_alive=_live_crawl_pids(session, now))
    jobs, held, leases = _select_sources(
        db, names, now=now, force=force, due_only=due_only, lease_ttl=lease_ttl
    )
    # search sources: the stories' queries fill the URL template
    jobs = [
        replace(j, queries=_search_queries(stories, list(j.queries), j.language))
        if j.kind == "search"
        else j
        for j in jobs
    ]
    summary = CrawlSummary(run_id=None, started=now, held_back=held)
    if not jobs:
        # no source is due, but a deadline may have passed and a retry may be due
        summary.status_changes = after_analysis(db, cfg, stories, now=clock())
        summary.finished = clock()
        summary.status = "nothing to do"
        return summary
    with transaction(db.factory) as session:
        summary.run_id = start_run(
            session, sources=[j.name for j in jobs], trigger=trigger, pid=os.getpid(), now=now
        )
    t0 = time.monotonic()
    status = "failed"
    error_summary: str | None = None
    reports: dict[int, SourceReport] = {}
    try:
        story_paths = [str(p) for p in cfg.story_paths]
        if workers_surely_needed(jobs, cfg.crawl.extract_workers):
            warm_fork_server(tuple(story_paths))
        settings = scrapy_settings(cfg, clock, story_paths)
        settings["FOLLOWUP_PROGRESS"] = progress
        # the spider and the pipeline share the crawl's engine
        settings["FOLLOWUP_SESSION_FACTORY"] = SharedFactory(db.factory)
        reports, stats, reason = run_spider(settings, jobs)
        summary.close_reason = reason
        summary.stats = {k: v for k, v in stats.items() if isinstance(v, int | float | str)}
        status = "ok" if reason == "finished" else f"stopped: {reason}"
    except Exception as exc:  # the run is recorded whatever happened
        error_summary = f"{type(exc).__name__}: {exc}"
        log.exception("crawl failed")
        raise
    finally:
        end = clock()
        summary.reports = [reports.get(j.id) or SourceReport(j.id, j.name) for j in jobs]
        with transaction(db.factory) as session:
            _record_sources(cfg, session, jobs, summary.reports, finished=(status == "ok"), now=end)
            errs = [f"{r.name}: {r.error}" for r in summary.reports if r.outcome == "error"]
            if status == "ok" and errs:
                status = "failed" if len(errs) == len(jobs) else "partial"
            summary.status = status
            finish_run(
                session,
                summary.run_id,
                status=status,
                now=end,
                pages_fetched=int(summary.stats.get("response_received_count", 0)),
                new_articles=summary.new_articles,
                updated_articles=summary.updated_articles,
                errors=len(errs),
                error_summary=error_summary or ("; ".join(errs)[:2000] or None),
                stats={
                    "duration_s": round(time.monotonic() - t0, 3),
                    # the spider alone, without loading Scrapy: what an unchanged re-crawl costs
                    "spider_s": summary.stats.get("elapsed_time_seconds"),
                    "close_reason": summary.close_reason,
                },
            )
            for lease in leases:
                release_lease(session, lease, holder_id())
    if analyse:
        summary.analysed = analyse_pending(db, stories, now=clock())
        summary.status_changes = after_analysis(db, cfg, stories, now=clock())
    summary.finished = clock()
    return summary


def _record_sources(
    cfg: Config,
    session: Any,
    jobs: list[SourceJob],
    reports: list[SourceReport],
    *,
    finished: bool,
    now: datetime,
) -> None:
    for job, rep in zip(jobs, reports, strict=True):
        src = session.get(Source, job.id)
        if src is None:
            continue
        if rep.outcome == "pending":
            rep.fail("the crawl ended before the source answered")
        decision = decide(
            PollState(src.schedule, src.consecutive_errors, src.empty_polls),
            outcome=rep.outcome,
            new_articles=rep.new,
            retry_after_s=rep.retry_after_s,
            now=now,
            max_backoff_s=cfg.crawl.max_backoff_s,
            adaptive_max_skip=cfg.crawl.adaptive_max_skip,
        )
        src.last_fetch_at = now
        src.last_outcome = rep.outcome
        src.last_error = rep.error if rep.outcome == "error" else _drop_note(rep)
        src.last_new_articles = rep.new
        src.articles_found += rep.new
        src.consecutive_errors = decision.consecutive_errors
        src.empty_polls = decision.empty_polls
        src.next_due_at = decision.next_due_at
        src.retry_after_until = decision.retry_after_until
        src.updated_at = now
        if rep.outcome != "error":
            src.last_success_at = now
        # Validators are kept only when every page the documents listed was handled: otherwise a
        # 304 next time would hide the pages that failed now.
        complete = finished and rep.page_errors == 0
        for doc in rep.documents:
            if doc.status == 304:
                save_fetch_state(
                    session,
                    url_hash=doc.url_hash,
                    url=doc.url,
                    source_id=job.id,
                    etag=None,
                    last_modified=None,
                    body_hash=None,
                    status=304,
                    now=now,
                )
                continue
            save_fetch_state(
                session,
                url_hash=doc.url_hash,
                url=doc.url,
                source_id=job.id,
                etag=doc.etag if complete else None,
                last_modified=doc.last_modified if complete else None,
                body_hash=doc.body_hash if complete else None,
                status=doc.status,
                now=now,
            )
            if doc.url == job.url:
                src.etag, src.last_modified, src.body_hash = (
                    (doc.etag, doc.last_modified, doc.body_hash) if complete else (None, None, None)
                )


def _drop_note(rep: SourceReport) -> str | None:
    if not rep.dropped:
        return None
    parts = [f"{reason} ×{n}" for reason, n in sorted(rep.dropped.items())]
    return "skipped: " + ", ".join(parts)
