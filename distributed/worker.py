"""`followup worker`: take jobs from the broker until told to stop.

The jobs' work is handed in by the composition root (``JobHandlers``): this
module knows Dramatiq, not crawling. A handler that raises ``TryLater`` (or
anything else) leaves its job to Dramatiq's Retries middleware, which
enqueues it again with a growing delay; a job is acknowledged only once its
handler returned, i.e. after its results were committed.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from distributed.broker import (
    ANALYSIS,
    ANALYSIS_ACTOR,
    CRAWL,
    CRAWL_ACTOR,
    QUEUES,
    BrokerSettings,
    job_done,
)
from distributed.registry import announce, retire

log = logging.getLogger("followup.worker")


class TryLater(Exception):
    """The job cannot run now (its source is being crawled elsewhere): retry it later."""


@dataclass(frozen=True)
class JobHandlers:
    crawl: Callable[[list[str], str], None]  # (source names, job id): crawl, commit, or raise
    analysis: Callable[[str], None]  # (job id): analyse what is pending, commit, or raise


def declare_actors(broker: Any, handlers: JobHandlers, settings: BrokerSettings) -> None:
    """The two actors, bound to this broker (a worker process declares them once)."""
    import dramatiq
    from dramatiq.middleware import CurrentMessage

    def job_id() -> str:
        msg = CurrentMessage.get_current_message()
        return msg.message_id if msg is not None else "?"

    def crawl_sources(names: list[str]) -> None:
        handlers.crawl(names, job_id())
        for name in names:
            job_done(broker, CRAWL, name)  # only after the crawl committed: then acked

    def analyse_pending() -> None:
        # cleared first: what a crawl stores from now on gets another job
        job_done(broker, ANALYSIS, "all")
        handlers.analysis(job_id())

    opts: dict[str, Any] = {"min_backoff": 1000, "max_backoff": 60_000}
    opts["max_retries"] = settings.max_retries
    dramatiq.actor(actor_name=CRAWL_ACTOR, queue_name=CRAWL, broker=broker, **opts)(crawl_sources)
    dramatiq.actor(actor_name=ANALYSIS_ACTOR, queue_name=ANALYSIS, broker=broker, **opts)(
        analyse_pending
    )


def parse_queues(value: str) -> tuple[str, ...]:
    """``crawl,analysis`` -> the queue names; an unknown one is an error naming it."""
    names = tuple(dict.fromkeys(q.strip() for q in value.split(",") if q.strip()))
    unknown = [q for q in names if q not in QUEUES]
    if unknown or not names:
        raise ValueError(
            f"--queues {value!r}: unknown queue(s) {', '.join(unknown) or '(none given)'}; "
            f"known: {','.join(QUEUES)}"
        )
    return names


def run_worker(
    broker: Any,
    *,
    worker_id: str,
    queues: Iterable[str],
    concurrency: int,
    stop: threading.Event,
    clock: Callable[[], datetime],
    grace_s: float = 20.0,
    announce_every_s: float = 5.0,
) -> None:
    """Run jobs of the queues on ``concurrency`` threads until ``stop`` is set.

    Each thread runs one job at a time; the worker takes at most
    ``concurrency`` messages of a queue at once, so an idle worker elsewhere
    gets the rest. On stop, jobs taken but not started go back to the queue
    and running ones get ``grace_s`` to finish; what is still running then is
    redelivered by the broker once this worker's heartbeats stop.
    """
    from dramatiq import Worker

    qs = tuple(queues)
    worker = Worker(broker, queues=set(qs), worker_threads=concurrency)
    worker.queue_prefetch = concurrency
    info = json.dumps(
        {"queues": list(qs), "concurrency": concurrency, "started": clock().isoformat()}
    )
    worker.start()
    log.info("worker %s: queues %s, %d thread(s)", worker_id, ",".join(qs), concurrency)
    try:
        while True:
            announce(broker.client, worker_id, info, now=clock())
            if stop.wait(timeout=announce_every_s):
                break
    finally:
        log.info("worker %s stopping: up to %.0f s for running jobs", worker_id, grace_s)
        worker.stop(timeout=round(grace_s * 1000))
        retire(broker.client, worker_id)
        log.info("worker %s stopped", worker_id)
