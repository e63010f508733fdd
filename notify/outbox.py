"""The outbox: every change a target wants is queued, then sent by Apprise, retried until sent.

One row per (Apprise URL, change): a URL that fails never makes another re-send. A send
happens outside any database transaction (a slow receiver holds no write lock) after the
rows were claimed for ``CLAIM_FOR`` so that two processes do not send the same message.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from notify.digest import period_of, retry_delay
from notify.messages import (
    change_json,
    change_message,
    digest_json,
    digest_message,
    wants_json,
)
from storage.changes import (
    changes_by_id,
    due_messages,
    enqueue,
    mark_failed,
    mark_sent,
    postpone,
)
from storage.engine import transaction

log = logging.getLogger("followup.notify")
CLAIM_FOR = timedelta(minutes=5)

#: (urls, title, body) -> None when sent, else why not
Sender = Callable[[Sequence[str], str, str], str | None]


@dataclass(frozen=True)
class Target:
    """One ``[[notify]]`` entry: where to send, about which stories, how grouped."""

    urls: tuple[str, ...]
    stories: tuple[str, ...] = ()  # empty: every story
    digest: str = "none"

    def wants(self, story_id: str) -> bool:
        return not self.stories or story_id in self.stories


def url_key(url: str) -> str:
    """How the outbox names a URL: a hash, so that no password is copied to the database."""
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def queue_change(
    session: Session, targets: Sequence[Target], change_id: int, story_id: str, now: datetime
) -> int:
    """Queue one message per URL of every target that wants the story; returns how many."""
    n = 0
    seen: set[tuple[str, str]] = set()
    for t in targets:
        if not t.wants(story_id):
            continue
        period, due = period_of(now, t.digest)
        for url in t.urls:
            key = url_key(url)
            if (key, t.digest) in seen:
                continue
            seen.add((key, t.digest))
            enqueue(
                session,
                target=key,
                change_id=change_id,
                digest=t.digest,
                period=period,
                due_at=due,
                now=now,
            )
            n += 1
    return n


def apprise_send(urls: Sequence[str], title: str, body: str) -> str | None:
    """Send through Apprise; the error it logged when it did not."""
    import apprise

    ap = apprise.Apprise()
    for u in urls:
        if not ap.add(u):
            return f"not a valid Apprise URL: {u.split('://')[0]}://…"
    with apprise.LogCapture(level=logging.WARNING) as captured:
        ok = ap.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
        text = captured.getvalue().strip()
    return None if ok else (text or "Apprise could not send the message")


@dataclass
class Delivery:
    sent: int = 0  # messages (a digest is one)
    failed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class _Group:
    key: str
    digest: str
    period: str
    rows: list[int] = field(default_factory=list)
    changes: list[int] = field(default_factory=list)
    attempts: int = 0


def _claim_due(factory: sessionmaker[Session], now: datetime, force: bool) -> list[_Group]:
    groups: dict[tuple[str, str, str, int], _Group] = {}
    with transaction(factory) as session:
        for m in due_messages(session, now, retry_now=force):
            gid = (m.target, m.digest, m.period, m.id if m.digest == "none" else 0)
            g = groups.setdefault(gid, _Group(m.target, m.digest, m.period))
            g.rows.append(m.id)
            g.changes.append(m.change_id)
            g.attempts = max(g.attempts, m.attempts)
            m.next_try = now + CLAIM_FOR
    return list(groups.values())


def _message(url: str, g: _Group, items: list[dict[str, Any]]) -> tuple[str, str]:
    if wants_json(url):
        return change_json(items[0]) if g.digest == "none" else digest_json(g.period, items)
    return change_message(items[0]) if g.digest == "none" else digest_message(g.period, items)


def deliver_due(
    factory: sessionmaker[Session],
    targets: Sequence[Target],
    *,
    now: datetime,
    send: Sender = apprise_send,
    force: bool = False,
) -> Delivery:
    """Send every due message; a failure is recorded with its retry time, never dropped.

    ``force``: retry failed messages now rather than at their next try (digests still
    wait for the end of their period). Once a URL fails, its other messages wait for their
    retry untried: a receiver that is down costs one timeout per pass, not one per change.
    """
    urls = {url_key(u): u for t in targets for u in t.urls}
    out = Delivery()
    groups = _claim_due(factory, now, force)
    if not groups:
        return out
    with factory() as session:
        changes = changes_by_id(session, [c for g in groups for c in g.changes])
    down: set[str] = set()  # URLs that failed in this pass: not tried again until their retry
    for g in groups:
        url = urls.get(g.key)
        items = [changes[c] for c in g.changes if c in changes]
        if g.key in down:
            with transaction(factory) as session:
                postpone(session, g.rows, now + retry_delay(g.attempts + 1))
            out.failed += 1
            continue
        if not items:  # its change is gone (deleted by hand): nothing left to say
            error: str | None = None
        elif url is None:
            error = "the config no longer has this notify URL; kept until it has"
        else:
            msg = _message(url, g, items)
            try:
                error = send([url], *msg)
            except Exception as exc:  # a broken plugin must not lose the message either
                error = f"{type(exc).__name__}: {exc}"
        with transaction(factory) as session:
            if error is None:
                mark_sent(session, g.rows, now)
                out.sent += 1
            else:
                mark_failed(session, g.rows, error, now + retry_delay(g.attempts + 1))
                down.add(g.key)
                out.failed += 1
                out.errors.append(error)
                log.warning("notification not sent (will retry): %s", error)
    return out
