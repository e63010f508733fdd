"""Distributed mode, wired: `followup run --distributed` and `followup worker`.

The scheduler enqueues due sources as crawl jobs instead of starting a child
crawl itself; workers on any machine take them. A crawl job runs the same
``followup crawl --source NAME`` child process as the single-machine service
(Twisted's reactor cannot restart, and a child that dies frees everything),
then enqueues an analysis job for what waits for re-analysis. Both use
cases are idempotent, so a redelivered job is harmless.
"""

from __future__ import annotations

import ctypes
import json
import logging
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from distributed.broker import (
    BrokerError,
    BrokerSettings,
    batches,
    enqueue_analysis,
    enqueue_crawl,
    make_broker,
    ping,
)
from distributed.worker import JobHandlers, TryLater, declare_actors, run_worker
from scheduler.config import Config, ConfigError
from scheduler.service import Service
from storage.engine import transaction
from storage.repository import acquire_lease, release_lease

log = logging.getLogger("followup.distributed")
ANALYSIS_LEASE = "analysis"


def utc_now() -> datetime:
    return datetime.now(UTC)


def broker_settings(cfg: Config) -> BrokerSettings:
    d = cfg.distributed
    if d is None:
        raise ConfigError(
            f"{cfg.path}: distributed.broker: not set; distributed mode needs "
            '[distributed] broker = "redis://HOST:6379/0"'
        )
    return BrokerSettings(
        url=d.broker,
        heartbeat_timeout_s=d.heartbeat_timeout_s,
        maintenance_chance=d.maintenance_chance,
        max_retries=d.max_retries,
        pending_ttl_s=cfg.crawl.crawl_time_limit_s * 2 + 600,
    )


def open_broker(cfg: Config) -> tuple[Any, BrokerSettings]:
    settings = broker_settings(cfg)
    broker = make_broker(settings)
    ping(broker, settings.url)
    return broker, settings


class DistributedService(Service):
    """`followup run --distributed`: the one scheduler (its lease), enqueueing crawl jobs.

    Fires are gathered for a moment (``flush_s``) and enqueued as jobs of the
    sources of one host (``[distributed] sources_per_job``): at start-up every
    overdue source fires at once, and each job is a crawl process to start.
    """

    flush_s = 0.5

    def __init__(self, cfg: Config, broker: Any, settings: BrokerSettings, **kw: Any) -> None:
        super().__init__(cfg, **kw)
        self.broker = broker
        self.settings = settings
        self.fired: set[str] = set()
        self.fired_lock = threading.Lock()
        self.flusher: threading.Thread | None = None

    def _start_scheduler(self) -> None:
        # dossiers changed by `followup init` or a reload: their articles wait for re-analysis
        enqueue_analysis(self.broker, self.settings)
        self.flusher = threading.Thread(target=self._flush_loop, name="enqueue", daemon=True)
        self.flusher.start()
        super()._start_scheduler()

    def _reload(self) -> None:
        super()._reload()
        enqueue_analysis(self.broker, self.settings)

    def dispatch(self, name: str) -> None:
        with self.fired_lock:
            self.fired.add(name)

    def _flush_loop(self) -> None:
        while not self.stop_event.wait(timeout=self.flush_s):
            self.flush()

    def flush(self) -> None:
        """Enqueue the sources fired since the last flush, grouped by host."""
        with self.fired_lock:
            names, self.fired = sorted(self.fired), set()
        if not names:
            return
        urls = {s.name: s.url for s in self.cfg.sources}
        size = self.cfg.distributed.sources_per_job if self.cfg.distributed else 1
        for batch in batches({n: urls.get(n, "") for n in names}, size):
            try:
                queued = enqueue_crawl(self.broker, batch, self.settings)
            except Exception as exc:  # the broker is down: the next fire tries again
                log.error(
                    "crawl of %s not queued: broker %s: %s", ",".join(batch), self.settings.url, exc
                )
                continue
            skipped = sorted(set(batch) - set(queued))
            if queued:
                log.info("crawl job queued: %s", ",".join(queued))
            if skipped:
                log.info("crawl of %s already queued", ",".join(skipped))

    def _shutdown(self) -> None:
        self.stop_event.set()
        if self.flusher is not None:
            self.flusher.join(timeout=10)
        super()._shutdown()


# ------------------------------------------------------------------ the worker's jobs


def _die_with_parent() -> None:
    """In the crawl child: SIGKILL when the worker dies, so a killed worker leaves no crawl behind."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class CrawlJobs:
    """The job handlers of one worker process (one database engine, created on first use)."""

    def __init__(
        self, cfg: Config, broker: Any, settings: BrokerSettings, clock: Callable[[], datetime]
    ) -> None:
        self.cfg = cfg
        self.broker = broker
        self.settings = settings
        self.clock = clock
        self._db: Any = None
        self._lock = threading.Lock()
        self.children: set[subprocess.Popen[bytes]] = set()

    def db(self) -> Any:
        with self._lock:
            if self._db is None:
                from scheduler.app import open_database

                self._db = open_database(self.cfg.database_url)
            return self._db

    def crawl(self, names: list[str], job_id: str) -> None:
        cmd = [sys.executable, "-m", "scheduler.cli", "crawl"]
        for name in names:
            cmd += ["--source", name]
        cmd += ["--trigger", "worker", "--no-analysis", "--format", "json"]
        cmd += ["--config", str(self.cfg.path)]
        what = ",".join(names)
        log.info("job %s: crawl of %s", job_id, what)
        child = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent
        )
        self.children.add(child)
        try:
            out, err = child.communicate(timeout=self.cfg.crawl.crawl_time_limit_s + 120)
        except subprocess.TimeoutExpired:
            child.kill()
            out, err = child.communicate()
        finally:
            self.children.discard(child)
        if child.returncode != 0:
            tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["killed"]
            raise RuntimeError(f"crawl of {what} exited {child.returncode}: {tail[0]}")
        summary = json.loads(out.decode("utf-8"))
        held = {n: why for n, why in summary.get("held_back", {}).items() if n in names}
        busy = [n for n, why in held.items() if why.startswith("already being crawled")]
        if busy:
            # the others are crawled now; redoing them later is cheap (conditional GET)
            raise TryLater(f"crawl of {','.join(busy)}: being crawled elsewhere")
        log.info("job %s: crawl of %s done: %s", job_id, what, summary.get("status"))
        enqueue_analysis(self.broker, self.settings)

    def analysis(self, job_id: str) -> None:
        from scheduler.alerts import after_analysis
        from scheduler.analysis import analyse_pending
        from scheduler.app import load_stories
        from scheduler.crawl import holder_id

        db = self.db()
        me = f"{holder_id()}:{job_id}"
        ttl = self.cfg.crawl.crawl_time_limit_s
        with transaction(db.factory) as session:
            if not acquire_lease(session, ANALYSIS_LEASE, me, now=self.clock(), ttl_s=ttl):
                raise TryLater("another worker is analysing")
        try:
            stories = load_stories(self.cfg)
            n = analyse_pending(db, stories, now=self.clock())
            changes = after_analysis(db, self.cfg, stories, now=self.clock())
            log.info("job %s: %d article(s) analysed, %d status change(s)", job_id, n, changes)
        finally:
            with transaction(db.factory) as session:
                release_lease(session, ANALYSIS_LEASE, me)

    def close(self) -> None:
        for child in list(self.children):
            child.terminate()
        if self._db is not None:
            self._db.dispose()


def _stop_on_signals(stop: threading.Event) -> None:
    def handler(signum: int, _frame: Any) -> None:
        log.info("signal %s: stopping (no new jobs)", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def run_distributed_scheduler(cfg: Config) -> int:
    broker, settings = open_broker(cfg)
    from scheduler.service import run_until_signalled

    return run_until_signalled(DistributedService(cfg, broker, settings), "no new jobs queued")


def run_worker_command(cfg: Config, queues: tuple[str, ...], concurrency: int) -> int:
    from scheduler.app import load_stories
    from scheduler.crawl import holder_id

    load_stories(cfg)  # a bad dossier is an error now, not in every job
    broker, settings = open_broker(cfg)
    jobs = CrawlJobs(cfg, broker, settings, utc_now)
    declare_actors(broker, JobHandlers(crawl=jobs.crawl, analysis=jobs.analysis), settings)
    stop = threading.Event()
    _stop_on_signals(stop)
    try:
        run_worker(
            broker,
            worker_id=holder_id(),
            queues=queues,
            concurrency=concurrency,
            stop=stop,
            clock=utc_now,
            grace_s=cfg.service.grace_s,
        )
    finally:
        jobs.close()
    return 0


def broker_status(cfg: Config, now: datetime) -> dict[str, Any]:
    """What `followup status` shows of the broker; an unreachable one is said, not raised."""
    from distributed.registry import broker_status as read

    try:
        broker, settings = open_broker(cfg)
        return {"broker": settings.url, **read(broker.client, now=now)}
    except BrokerError as exc:
        return {"broker": cfg.distributed.broker if cfg.distributed else None, "error": str(exc)}
