"""Claim status changes and the notification outbox: what was recorded, what is left to send.

Functions take a Session and leave the commit to the caller, like the repository's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import ClaimState, OutboxMessage, StatusChange, Story


@dataclass(frozen=True)
class ChangeRecord:
    """A claim's status change and a copy of the evidence that caused it (if any)."""

    story_id: str
    claim_id: str
    claim_text: str
    old_status: str
    new_status: str
    as_of: datetime
    evidence_id: int | None = None
    article_id: int | None = None
    stance: str | None = None
    quote: str | None = None
    article_title: str | None = None
    article_url: str | None = None
    published: datetime | None = None


def lock_story(session: Session, story_id: str) -> None:
    """Serialise status comparisons of one story (a crawl and a review at once): on
    PostgreSQL a row lock on the story until commit; SQLite's BEGIN IMMEDIATE already does."""
    session.execute(select(Story.id).where(Story.id == story_id).with_for_update())


def claim_states(session: Session, story_id: str) -> dict[str, str]:
    """The last recorded status of each claim of the story."""
    rows = session.execute(
        select(ClaimState.claim_id, ClaimState.status).where(ClaimState.story_id == story_id)
    )
    return {cid: status for cid, status in rows}


def set_claim_state(
    session: Session, story_id: str, claim_id: str, status: str, now: datetime
) -> None:
    row = session.get(ClaimState, (story_id, claim_id))
    if row is None:
        session.add(ClaimState(story_id=story_id, claim_id=claim_id, status=status, since=now))
    elif row.status != status:
        row.status, row.since = status, now
    session.flush()


def record_change(session: Session, change: ChangeRecord, now: datetime) -> int:
    """Store the change and make its new status the claim's recorded one; returns its id."""
    row = StatusChange(**change.__dict__, changed_at=now)
    session.add(row)
    set_claim_state(session, change.story_id, change.claim_id, change.new_status, now)
    session.flush()
    return row.id


def change_dict(c: StatusChange) -> dict[str, Any]:
    return {
        "id": c.id,
        "story": c.story_id,
        "claim": c.claim_id,
        "claim_text": c.claim_text,
        "old_status": c.old_status,
        "new_status": c.new_status,
        "changed_at": c.changed_at.isoformat(),
        "as_of": c.as_of.isoformat(),
        "evidence": None
        if c.article_id is None
        else {
            "id": c.evidence_id,
            "article_id": c.article_id,
            "stance": c.stance,
            "quote": c.quote,
            "title": c.article_title,
            "url": c.article_url,
            "published": c.published.isoformat() if c.published else None,
        },
    }


def list_changes(
    session: Session,
    *,
    story: str | None = None,
    since: datetime | None = None,
    newest: int | None = None,
) -> list[dict[str, Any]]:
    """Recorded changes, oldest first (the order they happened in); ``newest``: only the
    latest N of them."""
    q = select(StatusChange)
    if story is not None:
        q = q.where(StatusChange.story_id == story)
    if since is not None:
        q = q.where(StatusChange.changed_at >= since)
    if newest is not None:
        q = q.order_by(StatusChange.changed_at.desc(), StatusChange.id.desc()).limit(newest)
        return [change_dict(c) for c in reversed(list(session.scalars(q)))]
    q = q.order_by(StatusChange.changed_at, StatusChange.id)
    return [change_dict(c) for c in session.scalars(q)]


def changes_by_id(session: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    rows = session.scalars(select(StatusChange).where(StatusChange.id.in_(list(ids))))
    return {c.id: change_dict(c) for c in rows}


# ------------------------------------------------------------------ outbox


def enqueue(
    session: Session,
    *,
    target: str,
    change_id: int,
    digest: str,
    period: str,
    due_at: datetime,
    now: datetime,
) -> int:
    row = OutboxMessage(
        target=target,
        change_id=change_id,
        digest=digest,
        period=period,
        created_at=now,
        due_at=due_at,
        next_try=due_at,
        attempts=0,
    )
    session.add(row)
    session.flush()
    return row.id


def due_messages(
    session: Session, now: datetime, *, retry_now: bool = False
) -> list[OutboxMessage]:
    """Unsent messages whose time has come (due, and past their next retry unless
    ``retry_now``)."""
    q = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.due_at <= now)
        .order_by(OutboxMessage.id)
    )
    if not retry_now:
        q = q.where(OutboxMessage.next_try <= now)
    return list(session.scalars(q))


def mark_sent(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)))
        .values(sent_at=now, attempts=OutboxMessage.attempts + 1, last_error=None)
    )


def mark_failed(session: Session, ids: Sequence[int], error: str, next_try: datetime) -> None:
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)))
        .values(attempts=OutboxMessage.attempts + 1, last_error=error[:2000], next_try=next_try)
    )


def postpone(session: Session, ids: Sequence[int], next_try: datetime) -> None:
    """Not tried in this pass (its receiver just failed): wait like a failed try, uncounted."""
    session.execute(
        update(OutboxMessage).where(OutboxMessage.id.in_(list(ids))).values(next_try=next_try)
    )


def outbox_rows(session: Session, *, pending_only: bool = False) -> list[dict[str, Any]]:
    q = select(OutboxMessage).order_by(OutboxMessage.id)
    if pending_only:
        q = q.where(OutboxMessage.sent_at.is_(None))
    return [
        {
            "id": m.id,
            "target": m.target,
            "change_id": m.change_id,
            "digest": m.digest,
            "period": m.period,
            "due": m.due_at.isoformat(),
            "attempts": m.attempts,
            "next_try": m.next_try.isoformat(),
            "last_error": m.last_error,
            "sent": m.sent_at.isoformat() if m.sent_at else None,
        }
        for m in session.scalars(q)
    ]


def change_counts(session: Session) -> Mapping[tuple[str, str], int]:
    """Status changes per (story, new status), for metrics."""
    from sqlalchemy import func

    rows = session.execute(
        select(StatusChange.story_id, StatusChange.new_status, func.count()).group_by(
            StatusChange.story_id, StatusChange.new_status
        )
    )
    return {(s, n): int(c) for s, n, c in rows}


def alert_counts(session: Session) -> dict[str, int]:
    """For `followup status`: changes recorded, notifications waiting, of which failed."""
    from sqlalchemy import func

    def count(q: Any) -> int:
        return int(session.scalar(q) or 0)

    pending = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
    return {
        "status_changes": count(select(func.count()).select_from(StatusChange)),
        "notifications_pending": count(pending),
        "notifications_failing": count(pending.where(OutboxMessage.last_error.is_not(None))),
    }
