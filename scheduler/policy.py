"""When a source is next due: cron schedule, adaptive polling, error backoff, Retry-After.

Pure functions of the source's remembered state, the crawl's outcome and
``now``, so the rules are tested with a controllable clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from scheduler.cron import next_fire

BACKOFF_BASE_S = 300.0


@dataclass(frozen=True)
class PollState:
    schedule: str
    consecutive_errors: int = 0
    empty_polls: int = 0


@dataclass(frozen=True)
class PollDecision:
    consecutive_errors: int
    empty_polls: int
    next_due_at: datetime
    retry_after_until: datetime | None
    note: str


def nth_fire(schedule: str, after: datetime, n: int) -> datetime:
    t = after
    for _ in range(max(1, n)):
        t = next_fire(schedule, t)
    return t


def decide(
    state: PollState,
    *,
    outcome: str,
    new_articles: int,
    retry_after_s: float | None,
    now: datetime,
    max_backoff_s: float = 86_400,
    adaptive_max_skip: int = 8,
) -> PollDecision:
    """The source's state after a poll with this outcome."""
    retry_until = now + timedelta(seconds=retry_after_s) if retry_after_s else None
    if outcome == "error":
        errors = state.consecutive_errors + 1
        backoff = min(BACKOFF_BASE_S * 2 ** (errors - 1), max_backoff_s)
        earliest = now + timedelta(seconds=backoff)
        if retry_until is not None:
            earliest = max(earliest, retry_until)
        due = next_fire(state.schedule, earliest - timedelta(seconds=1))
        note = f"{errors} consecutive error(s): backing off {int(backoff)} s"
        if retry_until is not None:
            note += f"; server asked to wait until {retry_until.isoformat()}"
        return PollDecision(errors, state.empty_polls, due, retry_until, note)
    empty = 0 if new_articles > 0 else state.empty_polls + 1
    skip = 1 if adaptive_max_skip <= 1 else min(2 ** (empty // 3), adaptive_max_skip)
    due = nth_fire(state.schedule, now, skip)
    if retry_until is not None and retry_until > due:
        due = next_fire(state.schedule, retry_until - timedelta(seconds=1))
    note = (
        "new articles: every fire"
        if empty == 0
        else f"{empty} poll(s) with nothing new: every {skip} fire(s)"
    )
    return PollDecision(0, empty, due, retry_until, note)


def is_held_back(
    *,
    next_due_at: datetime | None,
    retry_after_until: datetime | None,
    consecutive_errors: int,
    now: datetime,
    due_only: bool = False,
) -> str | None:
    """Why a source must not be fetched now, or None.

    A server's Retry-After and the backoff after errors always hold; the
    plain schedule (and adaptive polling) only when ``due_only`` (the
    service, or ``followup crawl --due`` from a crontab).
    """
    if retry_after_until is not None and retry_after_until > now:
        return f"server asked to wait until {retry_after_until.isoformat(timespec='seconds')} (Retry-After)"
    if next_due_at is not None and next_due_at > now:
        if consecutive_errors > 0:
            return (
                f"backing off after {consecutive_errors} error(s) until "
                f"{next_due_at.isoformat(timespec='seconds')}"
            )
        if due_only:
            return f"not due before {next_due_at.isoformat(timespec='seconds')}"
    return None


@dataclass(frozen=True)
class SourceDue:
    name: str
    schedule: str
    next_due_at: datetime | None


def startup_fires(sources: list[SourceDue], now: datetime) -> list[str]:
    """Sources to run once right away: never fetched, or due while no service ran.

    However many fires were missed during an outage, each source runs once.
    """
    return [s.name for s in sources if s.next_due_at is None or s.next_due_at <= now]
