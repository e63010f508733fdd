"""The broker: one Dramatiq RedisBroker per process, the job queues, enqueueing.

Why Dramatiq: a message is acknowledged only when its actor returned (at
least once by design), and the messages a dead worker had taken are put
back when its heartbeats stop -- not after a visibility timeout, which on
Celery's Redis transport also redelivers a long crawl that is still running.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

NAMESPACE = "followup"
CRAWL = "crawl"
ANALYSIS = "analysis"
QUEUES = (CRAWL, ANALYSIS)
CRAWL_ACTOR = "crawl_sources"
ANALYSIS_ACTOR = "analyse_pending"
PENDING_PREFIX = f"{NAMESPACE}:pending:"


@dataclass(frozen=True)
class BrokerSettings:
    """What a process needs to reach the broker; built by the composition root from the config."""

    url: str
    heartbeat_timeout_s: float = 60.0
    maintenance_chance: int = 10_000  # out of a million broker commands
    max_retries: int = 5
    # how long a "this job is queued" mark lives if its job is lost for good
    pending_ttl_s: float = 7200.0


class BrokerError(RuntimeError):
    """The broker cannot be reached; the message names its URL."""


def make_broker(settings: BrokerSettings) -> Any:
    """A RedisBroker with the middleware followup relies on, and its two queues declared."""
    from dramatiq.brokers.redis import RedisBroker
    from dramatiq.middleware import CurrentMessage, Retries

    broker = RedisBroker(
        url=settings.url,
        namespace=NAMESPACE,
        heartbeat_timeout=round(settings.heartbeat_timeout_s * 1000),
        maintenance_chance=settings.maintenance_chance,
        # no TimeLimit (a crawl enforces its own), no AgeLimit: a late crawl is still wanted
        middleware=[CurrentMessage(), Retries(max_retries=settings.max_retries)],
        socket_timeout=30,
        socket_connect_timeout=10,
    )
    for q in QUEUES:
        broker.declare_queue(q)
    return broker


def ping(broker: Any, url: str) -> None:
    """Raise BrokerError naming the URL when the broker does not answer."""
    try:
        broker.client.ping()
    except Exception as exc:
        raise BrokerError(f"broker {url} unreachable: {exc}") from None


def _pending_key(queue: str, key: str) -> str:
    return f"{PENDING_PREFIX}{queue}:{key}"


def enqueue_once(
    broker: Any, queue: str, actor: str, args: tuple[Any, ...], *, key: str, ttl_s: float
) -> bool:
    """Enqueue a job unless one with the same key is still queued or running.

    The mark is cleared by the job when it is done (``job_done``), so a source
    fired again while its last crawl still waits is not queued twice.
    """
    from dramatiq import Message

    mark = _pending_key(queue, key)
    if not broker.client.set(mark, str(time.time()), nx=True, ex=max(1, round(ttl_s))):
        return False
    message: Message[Any] = Message(
        queue_name=queue, actor_name=actor, args=args, kwargs={}, options={}
    )
    try:
        broker.enqueue(message)
    except Exception:
        broker.client.delete(mark)
        raise
    return True


def job_done(broker: Any, queue: str, key: str) -> None:
    """Clear a job's queued mark: the next fire may enqueue it again."""
    broker.client.delete(_pending_key(queue, key))


def enqueue_crawl(broker: Any, sources: list[str], settings: BrokerSettings) -> list[str]:
    """One crawl job for those of ``sources`` not already queued; returns the ones queued.

    Each source carries its own queued mark, so a source is in at most one waiting
    or running job whatever batches it was fired in.
    """
    from dramatiq import Message

    ttl = max(1, round(settings.pending_ttl_s))
    now = str(time.time())
    marked = [s for s in sources if broker.client.set(_pending_key(CRAWL, s), now, nx=True, ex=ttl)]
    if not marked:
        return []
    message: Message[Any] = Message(
        queue_name=CRAWL, actor_name=CRAWL_ACTOR, args=(marked,), kwargs={}, options={}
    )
    try:
        broker.enqueue(message)
    except Exception:
        broker.client.delete(*(_pending_key(CRAWL, s) for s in marked))
        raise
    return marked


def batches(sources: dict[str, str], size: int) -> list[list[str]]:
    """Due sources (name -> URL) grouped by host, at most ``size`` a job.

    One crawl process for several sources of a host saves a process start-up
    (about a second) per source and keeps that host's politeness in one
    Scrapy process; sources of different hosts go to different jobs, so that
    workers crawl different hosts side by side.
    """
    from urllib.parse import urlsplit

    by_host: dict[str, list[str]] = {}
    for name in sorted(sources):
        by_host.setdefault((urlsplit(sources[name]).hostname or "").lower(), []).append(name)
    out: list[list[str]] = []
    for host in sorted(by_host):
        names = by_host[host]
        out.extend(names[i : i + size] for i in range(0, len(names), size))
    return out


def enqueue_analysis(broker: Any, settings: BrokerSettings) -> bool:
    return enqueue_once(
        broker, ANALYSIS, ANALYSIS_ACTOR, (), key="all", ttl_s=settings.pending_ttl_s
    )
