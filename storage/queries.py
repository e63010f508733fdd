"""Read-side queries: articles with filters and full-text search, evidence, sources, runs.

They return plain dicts/dataclasses so the CLI (and later a web page or an
API) formats them without touching the ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from storage import search
from storage.models import (
    Article,
    ArticleEntity,
    ArticleRevision,
    ArticleStory,
    Claim,
    CrawlRun,
    Evidence,
    Lease,
    Review,
    Source,
    Story,
)


class QueryError(ValueError):
    """A query that cannot be answered as asked (unknown story, bad search text…)."""


@dataclass(frozen=True)
class ArticleFilter:
    text: str | None = None
    story: str | None = None
    entities: Sequence[str] = ()
    source: str | None = None
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 50
    include_duplicates: bool = False


def _snippet(body: str, n: int = 200) -> str:
    s = " ".join(body.split())
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + "…"


def search_articles(session: Session, f: ArticleFilter) -> list[dict[str, Any]]:
    """Articles matching every filter, newest published first.

    With search text on SQLite, newest *stored* first (see storage.search.apply_search).
    """
    if f.limit < 1:
        raise QueryError("--limit must be at least 1")
    if f.story is not None and session.get(Story, f.story) is None:
        known = ", ".join(session.scalars(select(Story.id))) or "none loaded"
        raise QueryError(f"unknown story {f.story!r} (known: {known})")
    if (
        f.source is not None
        and session.scalar(select(Source.id).where(Source.name == f.source)) is None
    ):
        raise QueryError(f"unknown source {f.source!r}: see `followup sources`")
    q = select(Article)
    conds: list[ColumnElement[bool]] = []
    for ent in f.entities:
        ae = select(ArticleEntity.article_id).where(
            ArticleEntity.article_id == Article.id, ArticleEntity.entity_id == ent
        )
        if f.story:
            ae = ae.where(ArticleEntity.story_id == f.story)
        conds.append(ae.exists())
    if f.story:
        conds.append(
            select(ArticleStory.article_id)
            .where(ArticleStory.article_id == Article.id, ArticleStory.story_id == f.story)
            .exists()
        )
    if f.source:
        conds.append(
            Article.source_id == select(Source.id).where(Source.name == f.source).scalar_subquery()
        )
    if f.language:
        conds.append(Article.language == f.language.lower())
    if f.since:
        conds.append(Article.published >= f.since)
    if f.until:
        conds.append(Article.published <= f.until)
    if not f.include_duplicates:
        # written so that no planner walks the duplicate_of index (nearly every row is NULL)
        # instead of the published index that gives the order
        conds.append(func.coalesce(Article.duplicate_of, 0) == 0)
    if conds:
        q = q.where(and_(*conds))
    ordered = False
    if f.text:
        try:
            parsed = search.parse_search(f.text)
        except search.SearchSyntaxError as exc:
            raise QueryError(str(exc)) from None
        q, ordered = search.apply_search(session, q, parsed)
    if not ordered:
        q = q.order_by(Article.published.desc(), Article.id.desc())
    q = q.limit(f.limit)
    arts = list(session.scalars(q))
    return _article_dicts(session, arts)


def _article_dicts(session: Session, arts: list[Article]) -> list[dict[str, Any]]:
    ids = [a.id for a in arts]
    stories: dict[int, list[str]] = {i: [] for i in ids}
    ents: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for aid, sid in session.execute(
            select(ArticleStory.article_id, ArticleStory.story_id)
            .where(ArticleStory.article_id.in_(ids))
            .order_by(ArticleStory.story_id)
        ):
            stories[aid].append(sid)
        for aid, eid in session.execute(
            select(ArticleEntity.article_id, ArticleEntity.entity_id)
            .where(ArticleEntity.article_id.in_(ids))
            .order_by(ArticleEntity.mentions.desc(), ArticleEntity.entity_id)
        ):
            if eid not in ents[aid]:
                ents[aid].append(eid)
    names: dict[int, str] = {
        sid: name for sid, name in session.execute(select(Source.id, Source.name))
    }
    return [
        {
            "id": a.id,
            "url": a.url,
            "canonical_url": a.canonical_url,
            "title": a.title,
            "author": a.author,
            "published": a.published.isoformat() if a.published else None,
            "fetched": a.fetched.isoformat(),
            "language": a.language,
            "source": names.get(a.source_id) if a.source_id else None,
            "stories": stories[a.id],
            "entities": ents[a.id],
            "duplicate_of": a.duplicate_of,
            "snippet": a.description or _snippet(a.body),
            "revisions": a.revisions,
        }
        for a in arts
    ]


def article_revisions(session: Session, article_id: int) -> list[dict[str, Any]]:
    art = session.get(Article, article_id)
    if art is None:
        raise QueryError(f"no article with id {article_id}")
    revs = session.scalars(
        select(ArticleRevision)
        .where(ArticleRevision.article_id == article_id)
        .order_by(ArticleRevision.id)
    ).all()
    out = [
        {
            "revision": i + 1,
            "fetched": r.fetched.isoformat(),
            "title": r.title,
            "content_hash": r.content_hash,
            "body": r.body,
        }
        for i, r in enumerate(revs)
    ]
    out.append(
        {
            "revision": len(out) + 1,
            "fetched": art.updated.isoformat(),
            "title": art.title,
            "content_hash": art.content_hash,
            "body": art.body,
        }
    )
    return out


@dataclass
class EvidenceRow:
    id: int | None  # None: a reviewer's verdict whose evidence row re-analysis dropped
    article_id: int
    url: str
    title: str | None
    published: datetime | None
    language: str | None
    stance: str
    quote: str
    value: str | None
    rule: str
    confidence: float = 1.0
    classifier: str = "rules"
    engine_stance: str | None = None  # the engine's, when a reviewer overrode it
    reviewed_at: datetime | None = None

    @property
    def reviewed(self) -> bool:
        return self.reviewed_at is not None


@dataclass
class ClaimRows:
    id: str
    text: str
    kind: str
    deadline: Any
    evidence: list[EvidenceRow] = field(default_factory=list)


def claim_evidence(session: Session, story_id: str, as_of: datetime | None) -> list[ClaimRows]:
    """Each claim of the story with its evidence published on or before ``as_of``.

    Syndicated copies (``duplicate_of`` set) add no second vote.
    """
    if session.get(Story, story_id) is None:
        known = ", ".join(session.scalars(select(Story.id))) or "none loaded"
        raise QueryError(f"unknown story {story_id!r} (known: {known})")
    claims = session.scalars(
        select(Claim).where(Claim.story_id == story_id).order_by(Claim.position)
    ).all()
    rows = {c.id: ClaimRows(c.id, c.text, c.kind, c.deadline) for c in claims}
    q = (
        select(
            Evidence,
            Article.url,
            Article.title,
            Article.language,
            Review.stance,
            Review.reviewed_at,
        )
        .join(Article, Article.id == Evidence.article_id)
        .outerjoin(
            Review,
            and_(
                Review.article_id == Evidence.article_id,
                Review.story_id == Evidence.story_id,
                Review.claim_id == Evidence.claim_id,
            ),
        )
        .where(Evidence.story_id == story_id, Article.duplicate_of.is_(None))
        .order_by(Evidence.published.desc().nulls_last(), Evidence.id.desc())
    )
    if as_of is not None:
        q = q.where(Evidence.published <= as_of)
    for ev, url, title, lang, reviewed_stance, reviewed_at in session.execute(q):
        if ev.claim_id in rows:
            # a reviewer's verdict wins over the engine's, and counts in the status
            rows[ev.claim_id].evidence.append(
                EvidenceRow(
                    ev.id,
                    ev.article_id,
                    url,
                    title,
                    ev.published,
                    lang,
                    reviewed_stance or ev.stance,
                    ev.quote,
                    ev.value,
                    ev.rule,
                    ev.confidence,
                    ev.classifier,
                    engine_stance=ev.stance,
                    reviewed_at=reviewed_at,
                )
            )
    for row in _orphan_reviews(session, story_id, as_of):
        if row[0].claim_id in rows:
            rows[row[0].claim_id].evidence.append(_orphan_row(*row))
    for r in rows.values():
        r.evidence.sort(key=_newest_first)
    return list(rows.values())


def _newest_first(e: EvidenceRow) -> tuple[bool, float, int]:
    return (e.published is None, -(e.published.timestamp() if e.published else 0.0), -(e.id or 0))


def _orphan_reviews(session: Session, story_id: str, as_of: datetime | None) -> Any:
    """Verdicts on an article and claim for which the engine no longer finds evidence: a
    person's reading of the article outlives the rules that found it, so they still count."""
    has_evidence = (
        select(Evidence.id)
        .where(
            Evidence.article_id == Review.article_id,
            Evidence.story_id == Review.story_id,
            Evidence.claim_id == Review.claim_id,
        )
        .exists()
    )
    q = (
        select(Review, Article.url, Article.title, Article.language, Article.published)
        .join(Article, Article.id == Review.article_id)
        .where(Review.story_id == story_id, ~has_evidence, Article.duplicate_of.is_(None))
    )
    if as_of is not None:
        q = q.where(Article.published <= as_of)
    return session.execute(q)


def _orphan_row(
    r: Review, url: str, title: str | None, lang: str | None, published: datetime | None
) -> EvidenceRow:
    return EvidenceRow(None, r.article_id, url, title, published, lang, r.stance,
                       r.quote or "", None, "review", 1.0, "review",
                       engine_stance=None, reviewed_at=r.reviewed_at)  # fmt: skip


def source_rows(session: Session) -> list[dict[str, Any]]:
    out = []
    for s in session.scalars(select(Source).order_by(Source.active.desc(), Source.name)):
        out.append(
            {
                "name": s.name,
                "kind": s.kind,
                "url": s.url,
                "schedule": s.schedule,
                "active": s.active,
                "last_fetch": s.last_fetch_at.isoformat() if s.last_fetch_at else None,
                "outcome": s.last_outcome,
                "error": s.last_error,
                "articles_found": s.articles_found,
                "last_new_articles": s.last_new_articles,
                "consecutive_errors": s.consecutive_errors,
                "empty_polls": s.empty_polls,
                "next_run": s.next_due_at.isoformat() if s.next_due_at else None,
                "retry_after_until": s.retry_after_until.isoformat()
                if s.retry_after_until
                else None,
            }
        )
    return out


def recent_runs(session: Session, limit: int = 10) -> list[dict[str, Any]]:
    runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)).all()
    return [
        {
            "id": r.id,
            "sources": r.sources,
            "trigger": r.trigger,
            "pid": r.pid,
            "started": r.started_at.isoformat(),
            "finished": r.finished_at.isoformat() if r.finished_at else None,
            "status": r.status,
            "pages_fetched": r.pages_fetched,
            "new_articles": r.new_articles,
            "updated_articles": r.updated_articles,
            "errors": r.errors,
            "error_summary": r.error_summary,
        }
        for r in runs
    ]


def leases(session: Session) -> list[dict[str, Any]]:
    return [
        {
            "name": lease.name,
            "holder": lease.holder,
            "acquired": lease.acquired_at.isoformat(),
            "renewed": lease.renewed_at.isoformat(),
            "expires": lease.expires_at.isoformat(),
        }
        for lease in session.scalars(select(Lease).order_by(Lease.name))
    ]


def database_counts(session: Session) -> dict[str, int]:
    return {
        "articles": int(session.scalar(select(func.count()).select_from(Article)) or 0),
        "evidence": int(session.scalar(select(func.count()).select_from(Evidence)) or 0),
        "runs": int(session.scalar(select(func.count()).select_from(CrawlRun)) or 0),
    }
