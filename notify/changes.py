"""Which claims changed status, and which evidence caused each change (pure).

The first time a claim is seen it is taken to have been ``unverified`` (what a claim no
report has addressed is): a claim that is still unverified is recorded silently, one that
already has a verdict is recorded, and notified, as a change from ``unverified``. So a
fresh database sends at most one message per claim, never one per article.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.changes import ChangeRecord

INITIAL = "unverified"

#: The stances that decide each status: the newest such evidence is the change's cause.
CAUSES: dict[str, tuple[str, ...]] = {
    "updated": ("updates",),
    "disputed": ("supports", "contradicts"),
    "confirmed": ("supports",),
    "contradicted": ("contradicts",),
}


@dataclass(frozen=True)
class Detected:
    changes: list[ChangeRecord]
    first_seen: dict[str, str]  # claim id -> status, recorded without a change


def _published(ev: Mapping[str, Any]) -> datetime | None:
    p = ev.get("published")
    return datetime.fromisoformat(p) if p else None


def cause_of(new_status: str, evidence: list[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The newest evidence whose stance gives ``new_status`` (None for overdue/unverified)."""
    stances = CAUSES.get(new_status)
    if not stances:
        return None
    placed = [e for e in evidence if e.get("stance") in stances and e.get("published")]
    if not placed:
        return None
    return max(placed, key=lambda e: (_published(e), e.get("id") or 0))


def detect_changes(board: Mapping[str, Any], previous: Mapping[str, str]) -> Detected:
    """Compare a claim board (``scheduler.board.claim_board``) with the recorded statuses."""
    as_of = datetime.fromisoformat(board["as_of"])
    changes: list[ChangeRecord] = []
    first_seen: dict[str, str] = {}
    for claim in board["claims"]:
        new = claim["status"]
        old = previous.get(claim["id"])
        if old is None and new == INITIAL:
            first_seen[claim["id"]] = new
            continue
        old = old or INITIAL
        if old == new:
            continue
        ev = cause_of(new, claim["evidence"])
        changes.append(
            ChangeRecord(
                story_id=board["story"],
                claim_id=claim["id"],
                claim_text=claim["text"],
                old_status=old,
                new_status=new,
                as_of=as_of,
                evidence_id=ev.get("id") if ev else None,
                article_id=ev.get("article_id") if ev else None,
                stance=ev.get("stance") if ev else None,
                quote=ev.get("quote") if ev else None,
                article_title=ev.get("title") if ev else None,
                article_url=ev.get("url") if ev else None,
                published=_published(ev) if ev else None,
            )
        )
    return Detected(changes, first_seen)
