"""`followup run`: the long-lived service.

APScheduler 3 fires each source on its cron schedule (UTC).  Each fire runs
``followup crawl --source NAME`` as a child process: Twisted's reactor
cannot be restarted inside one process, a child that hangs or leaks is
killed and its memory returned, and a crash of one crawl cannot take the
service down.  What is due lives in the database (``sources.next_due_at``),
so a restarted service knows what it missed and runs each overdue source
once (missed fires coalesced).

One scheduler per database: the service holds the ``scheduler`` lease and
renews it; a second ``followup run`` waits as a standby and takes over when
the lease expires.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from scheduler.app import initialise, load_stories
from scheduler.config import Config, ConfigError, load_config
from scheduler.crawl import holder_id
from scheduler.cron import cron_trigger
from scheduler.policy import SourceDue, is_held_back, startup_fires
from storage.engine import transaction
from storage.models import Source
from storage.repository import acquire_lease, fail_stale_runs, release_lease

log = logging.getLogger("followup.service")
LEASE = "scheduler"
OWN_JOBS = "followup:"  # the service's own jobs, beside one job per source


def utc_now() -> datetime:
    return datetime.now(UTC)


class Service:
    def __init__(self, cfg: Config, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.cfg = cfg
        self.clock = clock
        self.holder = holder_id()
        self.stop_event = threading.Event()
        self.reload_event = threading.Event()
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.children_lock = threading.Lock()
        self.started = clock()
        self.scheduler: BackgroundScheduler | None = None
        self.db: Any = None

    # -------------------------------------------------------------- lifecycle

    def run(self) -> int:
        self.db, _ = initialise(self.cfg, now=self.clock())
        try:
            if not self._wait_for_lease():
                return 0
            log.info("scheduler lease taken by %s", self.holder)
            self._start_scheduler()
            ttl = self.cfg.service.lease_ttl_s
            while not self.stop_event.wait(timeout=min(ttl / 3, 5.0)):
                if self.reload_event.is_set():
                    self.reload_event.clear()
                    self._reload()
                if not self._renew():
                    log.error("scheduler lease lost to another process: stopping this scheduler")
                    break
            return 0
        finally:
            self._shutdown()

    def _wait_for_lease(self) -> bool:
        ttl = self.cfg.service.lease_ttl_s
        announced = False
        while not self.stop_event.is_set():
            if self._renew():
                return True
            if not announced:
                log.info("another followup run holds the scheduler lease: waiting as a standby")
                announced = True
            self.stop_event.wait(timeout=min(ttl / 3, 5.0))
        return False

    def _renew(self) -> bool:
        with transaction(self.db.factory) as session:
            return acquire_lease(
                session, LEASE, self.holder, now=self.clock(), ttl_s=self.cfg.service.lease_ttl_s
            )

    def _sources(self) -> list[SourceDue]:
        with self.db.factory() as session:
            rows = session.scalars(select(Source).where(Source.active.is_(True))).all()
            return [SourceDue(s.name, s.schedule, s.next_due_at) for s in rows]

    def _start_scheduler(self) -> None:
        sched = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(self.cfg.service.max_parallel_crawls)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self.scheduler = sched
        self._schedule_all(first=True)
        # digests fall due and failed sends come up for a retry between crawls too
        sched.add_job(self.send_notifications, "interval", minutes=1, id=f"{OWN_JOBS}notify")
        sched.start()

    def _schedule_all(self, *, first: bool) -> None:
        assert self.scheduler is not None
        now = self.clock()
        sources = self._sources()
        wanted = {s.name for s in sources}
        for job in self.scheduler.get_jobs():
            if job.id not in wanted and not job.id.startswith(OWN_JOBS):
                job.remove()
                log.info("source %s removed from the schedule", job.id)
        run_now = set(startup_fires(sources, now)) if first else set()
        for s in sources:
            trigger = cron_trigger(s.schedule)
            existing = self.scheduler.get_job(s.name)
            if existing is not None:
                if str(existing.trigger) != str(trigger):
                    existing.reschedule(trigger)
                    log.info("source %s rescheduled: %s", s.name, s.schedule)
                continue
            kwargs: dict[str, Any] = {}
            if s.name in run_now:
                kwargs["next_run_time"] = now + timedelta(seconds=1)
            self.scheduler.add_job(
                self.fire, trigger, args=[s.name], id=s.name, name=s.name, **kwargs
            )
            log.info(
                "source %s scheduled: %s%s",
                s.name,
                s.schedule,
                " (overdue: running now)" if kwargs else "",
            )

    def _reload(self) -> None:
        try:
            cfg = load_config(self.cfg.path)
            load_stories(cfg)
        except ConfigError as exc:
            log.error("config not reloaded, keeping the old one: %s", exc)
            return
        self.cfg = cfg
        db, _ = initialise(cfg, now=self.clock())
        db.dispose()
        self._schedule_all(first=False)
        log.info("config reloaded from %s", cfg.path)

    def _shutdown(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        grace = self.cfg.service.grace_s
        deadline = time.monotonic() + grace
        with self.children_lock:
            running = dict(self.children)
        if running:
            log.info("waiting up to %.0f s for %d running crawl(s)", grace, len(running))
        for name, child in running.items():
            left = max(0.0, deadline - time.monotonic())
            try:
                child.wait(timeout=left)
            except subprocess.TimeoutExpired:
                log.warning("crawl of %s still running after the grace period: stopping it", name)
                child.send_signal(signal.SIGTERM)
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if self.db is not None:
            with transaction(self.db.factory) as session:
                fail_stale_runs(session, now=self.clock(), pids_alive=[os.getpid()])
                release_lease(session, LEASE, self.holder)
            self.db.dispose()
        log.info("followup run stopped")

    def send_notifications(self) -> None:
        if self.stop_event.is_set() or not self.cfg.notify:
            return
        from scheduler.alerts import send_due

        try:
            done = send_due(self.db, self.cfg, now=self.clock())
        except Exception:
            log.exception("notifications not sent (they stay in the outbox)")
            return
        if done.sent or done.failed:
            log.info("notifications: %d sent, %d failed (kept for a retry)", done.sent, done.failed)

    # -------------------------------------------------------------- one fire

    def fire(self, name: str) -> None:
        if self.stop_event.is_set():
            return
        now = self.clock()
        with self.db.factory() as session:
            src = session.scalars(select(Source).where(Source.name == name)).first()
            if src is None or not src.active:
                return
            why = is_held_back(
                next_due_at=src.next_due_at,
                retry_after_until=src.retry_after_until,
                consecutive_errors=src.consecutive_errors,
                now=now + timedelta(seconds=5),  # a fire a moment early is still this minute's fire
                due_only=True,
            )
        if why:
            log.info("source %s skipped: %s", name, why)
            return
        self.dispatch(name)

    def dispatch(self, name: str) -> None:
        """Crawl a due source: here, a child ``followup crawl`` (distributed mode enqueues it)."""
        cmd = [
            sys.executable,
            "-m",
            "scheduler.cli",
            "crawl",
            "--source",
            name,
            "--trigger",
            "scheduler",
            "--config",
            str(self.cfg.path),
            "--format",
            "json",
        ]
        t0 = time.monotonic()
        child = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        with self.children_lock:
            self.children[name] = child
        limit = self.cfg.crawl.crawl_time_limit_s + 60
        try:
            out, err = child.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            child.kill()
            out, err = child.communicate()
            log.error("crawl of %s hung past %.0f s: killed", name, limit)
        finally:
            with self.children_lock:
                self.children.pop(name, None)
        dur = time.monotonic() - t0
        if child.returncode != 0:
            with transaction(self.db.factory) as session:
                fail_stale_runs(session, now=self.clock(), pids_alive=[os.getpid()])
            tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
            log.error(
                "crawl source=%s outcome=failed exit=%s duration=%.1fs error=%s",
                name,
                child.returncode,
                dur,
                tail[0] if tail else "killed",
            )
            return
        self._log_run(name, out, dur)

    def _log_run(self, name: str, out: bytes, dur: float) -> None:
        import json

        try:
            data = json.loads(out.decode("utf-8"))
        except ValueError:
            log.info("crawl source=%s outcome=ok duration=%.1fs", name, dur)
            return
        for r in data.get("sources", []):
            log.info(
                "crawl source=%s outcome=%s new=%s updated=%s duration=%.1fs%s",
                r["source"],
                r["outcome"],
                r["new"],
                r["updated"],
                dur,
                f" error={r['error']!r}" if r.get("error") else "",
            )
        for src, why in data.get("held_back", {}).items():
            log.info("crawl source=%s held back: %s", src, why)


def run_service(args: argparse.Namespace, cfg: Config) -> int:
    return run_until_signalled(Service(cfg), "no new crawls")


def run_until_signalled(service: Any, what_stops: str) -> int:
    """Run a service until SIGTERM/SIGINT (it finishes what it started: ``what_stops``
    names what it no longer begins); SIGHUP asks it to reload its config."""

    def stop(signum: int, _frame: Any) -> None:
        log.info("signal %s: stopping (%s)", signal.Signals(signum).name, what_stops)
        service.stop_event.set()

    def reload(_signum: int, _frame: Any) -> None:
        service.reload_event.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, reload)
    return service.run()
