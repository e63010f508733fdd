"""A reviewer's verdicts on evidence rows, keyed so that they outlive re-analysis."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, select
from sqlalchemy.orm import Session

from storage.models import Article, Evidence, Review
from storage.queries import QueryError


class EvidenceNotFound(QueryError):
    """No evidence row has that id (it may have been replaced by a re-analysis)."""


#: What a reviewer may say: the engine's verdicts, or `mentions` (no verdict: a rejection).
REVIEW_STANCES = ("supports", "contradicts", "updates", "mentions")


def _evidence(session: Session, evidence_id: int) -> Evidence:
    ev = session.get(Evidence, evidence_id)
    if ev is None:
        raise EvidenceNotFound(
            f"no evidence with id {evidence_id}: the ids are in `followup claims --format json`"
        )
    return ev


def set_review(
    session: Session,
    evidence_id: int,
    stance: str,
    *,
    now: datetime,
    reviewer: str | None = None,
) -> dict[str, Any]:
    """Record (or replace) the verdict on the evidence row's article and claim."""
    if stance not in REVIEW_STANCES:
        raise QueryError(f"stance {stance!r} is not one of {', '.join(REVIEW_STANCES)}")
    ev = _evidence(session, evidence_id)
    key = (ev.article_id, ev.story_id, ev.claim_id)
    row = session.get(Review, key)
    if row is None:
        row = Review(article_id=ev.article_id, story_id=ev.story_id, claim_id=ev.claim_id)
        session.add(row)
    row.stance, row.engine_stance, row.quote = stance, ev.stance, ev.quote
    row.reviewer, row.reviewed_at = reviewer, now
    session.flush()
    return review_dict(row, evidence_id)


def clear_review(session: Session, evidence_id: int) -> bool:
    """Drop the verdict on the evidence row's article and claim; False if there was none."""
    ev = _evidence(session, evidence_id)
    return clear_review_of(session, ev.article_id, ev.story_id, ev.claim_id)


def clear_review_of(session: Session, article_id: int, story_id: str, claim_id: str) -> bool:
    """Drop the verdict on an article and claim, with or without an evidence row now."""
    res = session.execute(
        delete(Review).where(
            Review.article_id == article_id,
            Review.story_id == story_id,
            Review.claim_id == claim_id,
        )
    )
    return bool(getattr(res, "rowcount", 0))


def review_dict(r: Review, evidence_id: int | None) -> dict[str, Any]:
    return {
        "evidence_id": evidence_id,
        "article_id": r.article_id,
        "story": r.story_id,
        "claim": r.claim_id,
        "stance": r.stance,
        "engine_stance": r.engine_stance,
        "quote": r.quote,
        "reviewer": r.reviewer,
        "at": r.reviewed_at.isoformat(),
    }


def list_reviews(session: Session, story: str | None = None) -> list[dict[str, Any]]:
    """Every verdict, with the id of the evidence row it applies to now (None if the
    engine no longer finds that article's stance on that claim)."""
    q = (
        select(Review, Evidence.id, Evidence.stance, Article.title, Article.url)
        .join(Article, Article.id == Review.article_id)
        .outerjoin(
            Evidence,
            and_(
                Evidence.article_id == Review.article_id,
                Evidence.story_id == Review.story_id,
                Evidence.claim_id == Review.claim_id,
            ),
        )
        .order_by(Review.reviewed_at.desc(), Review.article_id)
    )
    if story is not None:
        q = q.where(Review.story_id == story)
    out = []
    for r, ev_id, ev_stance, title, url in session.execute(q):
        d = review_dict(r, ev_id)
        if ev_stance is not None:
            d["engine_stance"] = ev_stance
        d["title"], d["url"] = title, url
        out.append(d)
    return out
