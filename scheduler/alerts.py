"""Use cases of claim status changes: record them after an analysis, send what is due.

Both run after a crawl has recorded its outcome, and neither can fail it: a change not
recorded now is found by the next comparison, a message not sent stays in the outbox.
"""

from __future__ import annotations

import logging
from datetime import datetime

from claims.dossier import Story
from notify.changes import detect_changes
from notify.outbox import Delivery, Target, deliver_due, queue_change
from scheduler.app import Database
from scheduler.board import claim_board
from scheduler.config import Config
from storage.changes import claim_states, lock_story, record_change, set_claim_state
from storage.engine import transaction

log = logging.getLogger("followup.alerts")


def targets(cfg: Config) -> list[Target]:
    return [Target(tuple(n.urls), tuple(n.stories), n.digest) for n in cfg.notify]


def record_status_changes(
    db: Database, cfg: Config, stories: list[Story], *, now: datetime
) -> list[int]:
    """Compare each claim's status now with the last recorded one; record and queue changes."""
    ids: list[int] = []
    tgs = targets(cfg)
    with transaction(db.factory) as session:
        for story in stories:
            lock_story(session, story.id)  # before reading: the comparison sees every commit
            board = claim_board(session, story, now)
            found = detect_changes(board, claim_states(session, story.id))
            for cid, status in found.first_seen.items():
                set_claim_state(session, story.id, cid, status, now)
            for change in found.changes:
                change_id = record_change(session, change, now)
                queue_change(session, tgs, change_id, story.id, now)
                ids.append(change_id)
    if ids:
        log.info("%d claim status change(s) recorded", len(ids))
    return ids


def send_due(db: Database, cfg: Config, *, now: datetime, force: bool = False) -> Delivery:
    return deliver_due(db.factory, targets(cfg), now=now, force=force)


def after_analysis(db: Database, cfg: Config, stories: list[Story], *, now: datetime) -> int:
    """What a crawl does last: record changes, then try to send. Logs, never raises."""
    try:
        n = len(record_status_changes(db, cfg, stories, now=now))
    except Exception:
        log.exception("claim status changes not recorded (the next crawl compares again)")
        return 0
    try:
        if cfg.notify:
            send_due(db, cfg, now=now)
    except Exception:
        log.exception("notifications not sent (they stay in the outbox)")
    return n
