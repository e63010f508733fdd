"""Write-side use of the database: sources, articles, analysis, runs, leases.

Every function takes a Session and leaves the commit to the caller, so a
crawl can batch many writes into one transaction.  Inserts are idempotent
upserts keyed on the canonical URL hash: storing the same article twice
leaves one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage import dedup, search
from storage.engine import dialect_name
from storage.models import (
    Article,
    ArticleBand,
    ArticleEntity,
    ArticleRevision,
    ArticleStory,
    Base,
    Claim,
    CrawlRun,
    Evidence,
    FetchState,
    Lease,
    SeenUrl,
    Source,
    Story,
)
from storage.records import ArticleData, StoryAnalysis

_STATEMENTS: dict[tuple[str, str], Any] = {}


def _statement(session: Session, name: str) -> Any:
    """Hot-path statements, built once per dialect: values come as execute() parameters,
    so nothing is constructed or coerced per article."""
    key = (dialect_name(session), name)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        if name == "insert_article":
            stmt = (
                _insert(session, Article)
                .on_conflict_do_nothing(index_elements=["url_hash"])
                .returning(Article.id)
            )
        elif name == "remember_seen":
            ins = _insert(session, SeenUrl)
            stmt = ins.on_conflict_do_update(
                index_elements=["url_hash"], set_={"last_seen": ins.excluded.last_seen}
            )
        else:
            raise KeyError(name)
        _STATEMENTS[key] = stmt
    return stmt


def _insert(session: Session, model: type[Base]) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    table = model.__table__
    assert isinstance(table, Table)
    if dialect_name(session) == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


# --------------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceSpec:
    """A source as the config declares it."""

    name: str
    kind: str
    url: str
    schedule: str
    language: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


def sync_sources(session: Session, specs: Sequence[SourceSpec], now: datetime) -> dict[str, int]:
    """Make the sources table match the config; sources no longer configured become inactive.

    Fetch history survives a change of schedule or URL, so a reload never
    forgets when a source was last polled.
    """
    existing = {s.name: s for s in session.scalars(select(Source))}
    ids: dict[str, int] = {}
    for spec in specs:
        src = existing.pop(spec.name, None)
        if src is None:
            src = Source(
                name=spec.name,
                kind=spec.kind,
                url=spec.url,
                schedule=spec.schedule,
                language=spec.language,
                options=dict(spec.options),
                active=True,
                last_new_articles=0,
                articles_found=0,
                consecutive_errors=0,
                empty_polls=0,
                created_at=now,
                updated_at=now,
            )
            session.add(src)
        else:
            if src.url != spec.url or src.kind != spec.kind:
                src.etag = src.last_modified = src.body_hash = None
            if src.schedule != spec.schedule:
                src.next_due_at = None
            changed = (src.kind, src.url, src.schedule, src.language, src.options, src.active) != (
                spec.kind,
                spec.url,
                spec.schedule,
                spec.language,
                dict(spec.options),
                True,
            )
            src.kind, src.url, src.schedule = spec.kind, spec.url, spec.schedule
            src.language, src.options, src.active = spec.language, dict(spec.options), True
            if changed:
                src.updated_at = now
    for src in existing.values():
        if src.active:
            src.active = False
            src.updated_at = now
    session.flush()
    for src in session.scalars(select(Source).where(Source.active.is_(True))):
        ids[src.name] = src.id
    return ids


# --------------------------------------------------------------------- fetch state


def save_fetch_state(
    session: Session,
    *,
    url_hash: str,
    url: str,
    source_id: int,
    etag: str | None,
    last_modified: str | None,
    body_hash: str | None,
    status: int,
    now: datetime,
) -> None:
    values = {
        "url_hash": url_hash,
        "url": url,
        "source_id": source_id,
        "etag": etag,
        "last_modified": last_modified,
        "body_hash": body_hash,
        "last_status": status,
        "last_fetch_at": now,
    }
    stmt = _insert(session, FetchState).values(**values)
    update_cols = {k: stmt.excluded[k] for k in values if k not in ("url_hash", "source_id")}
    if status == 304:
        # a 304 carries no body: keep the validators and hash we had
        update_cols = {k: stmt.excluded[k] for k in ("last_status", "last_fetch_at")}
    session.execute(
        stmt.on_conflict_do_update(index_elements=["source_id", "url_hash"], set_=update_cols)
    )


# --------------------------------------------------------------------- articles


@dataclass(frozen=True)
class UpsertResult:
    article_id: int
    outcome: str  # "new" | "updated" | "unchanged"
    duplicate_of: int | None = None


def known_urls(
    session: Session,
    hashes: Iterable[str],
    *,
    recheck_before: datetime | None = None,
    recheck_published_after: datetime | None = None,
) -> set[str]:
    """Which of these URL hashes need no fetch: stored as articles or as seen-and-skipped pages.

    A recent article (published after ``recheck_published_after``) last fetched
    before ``recheck_before`` is due for an update check and is left out, so
    the caller fetches it again and a changed text becomes a new revision.
    """
    wanted = list(dict.fromkeys(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        q = select(Article.url_hash).where(Article.url_hash.in_(chunk))
        if recheck_before is not None and recheck_published_after is not None:
            q = q.where(
                or_(Article.updated >= recheck_before, Article.published < recheck_published_after)
            )
        found.update(session.scalars(q))
        found.update(session.scalars(select(SeenUrl.url_hash).where(SeenUrl.url_hash.in_(chunk))))
    return found


def upsert_article(session: Session, data: ArticleData) -> UpsertResult:
    """Insert the article, or record a new revision when its text changed; idempotent."""
    values = {
        "url": data.url,
        "canonical_url": data.canonical_url,
        "url_hash": data.url_hash,
        "title": data.title,
        "author": data.author,
        "published": data.published,
        "fetched": data.fetched,
        "updated": data.fetched,
        "language": data.language,
        "body": data.body,
        "description": data.description,
        "content_hash": data.content_hash,
        "fingerprint": data.fingerprint,
        "source_id": data.source_id,
        "revisions": 1,
        "needs_analysis": True,
    }
    new_id = session.execute(_statement(session, "insert_article"), values).scalar()
    if new_id is not None:
        search.index_article(session, new_id, data.title, data.body, fresh=True)
        dup = _link_near_duplicates(session, new_id, data)
        # a seen-only page that now matches is no longer just "seen"
        session.execute(delete(SeenUrl).where(SeenUrl.url_hash == data.url_hash))
        return UpsertResult(new_id, "new", dup)

    art = session.scalars(select(Article).where(Article.url_hash == data.url_hash)).one()
    if art.content_hash == data.content_hash:
        return UpsertResult(art.id, "unchanged", art.duplicate_of)
    session.add(
        ArticleRevision(
            article_id=art.id,
            fetched=art.updated,
            title=art.title,
            body=art.body,
            content_hash=art.content_hash,
        )
    )
    art.title, art.author, art.body = data.title or art.title, data.author or art.author, data.body
    art.description = data.description or art.description
    art.published = art.published or data.published
    art.language = data.language or art.language
    art.content_hash, art.fingerprint = data.content_hash, data.fingerprint
    art.updated = data.fetched
    art.revisions += 1
    art.needs_analysis = True
    search.index_article(session, art.id, art.title, art.body)
    session.execute(delete(ArticleBand).where(ArticleBand.article_id == art.id))
    _add_bands(session, art.id, data.band_keys)
    return UpsertResult(art.id, "updated", art.duplicate_of)


def _add_bands(session: Session, article_id: int, keys: Sequence[int]) -> None:
    if keys:
        session.execute(
            _insert(session, ArticleBand).on_conflict_do_nothing(),
            [{"band_key": k, "article_id": article_id} for k in dict.fromkeys(keys)],
        )


def _link_near_duplicates(session: Session, new_id: int, data: ArticleData) -> int | None:
    """Point a syndicated copy at the earliest-published article of its near-duplicate group.

    Candidates come from equal LSH band keys (an indexed look-up), are
    confirmed by the fingerprints' estimated similarity, and a declared
    rel=canonical naming another stored page counts as a match too.
    """
    roots: set[int] = set()
    if data.duplicate_hint:
        hinted = session.execute(
            select(Article.id, Article.duplicate_of).where(Article.url_hash == data.duplicate_hint)
        ).first()
        if hinted is not None and hinted[0] != new_id:
            roots.add(hinted[1] if hinted[1] is not None else hinted[0])
    if data.fingerprint is not None and data.band_keys:
        cand_ids = set(
            session.scalars(
                select(ArticleBand.article_id)
                .where(ArticleBand.band_key.in_(list(data.band_keys)))
                .distinct()
            )
        )
        _add_bands(session, new_id, data.band_keys)
        cand_ids.discard(new_id)
        if cand_ids:
            fp = dedup.fingerprint_from_bytes(data.fingerprint)
            rows = session.execute(
                select(Article.id, Article.fingerprint, Article.duplicate_of).where(
                    Article.id.in_(cand_ids)
                )
            ).all()
            for aid, blob, dup_of in rows:
                if blob is None:
                    continue
                sim = dedup.similarity(fp, dedup.fingerprint_from_bytes(blob))
                if sim >= dedup.NEAR_DUPLICATE_THRESHOLD:
                    roots.add(dup_of if dup_of is not None else aid)
    if not roots:
        return None
    root_rows = session.execute(
        select(Article.id, Article.published).where(Article.id.in_(roots))
    ).all()
    far_future = datetime.max.replace(tzinfo=UTC)

    def key(pub: datetime | None, aid: int) -> tuple[datetime, int]:
        return (pub or far_future, aid)

    earliest_id, earliest_pub = min(root_rows, key=lambda r: key(r[1], r[0]))
    if key(data.published, new_id) < key(earliest_pub, earliest_id):
        # the new article is the original: everything in the group now points at it
        session.execute(
            update(Article)
            .where(or_(Article.id.in_(roots), Article.duplicate_of.in_(roots)))
            .values(duplicate_of=new_id)
        )
        return None
    group = roots - {earliest_id}
    if group:
        session.execute(
            update(Article)
            .where(or_(Article.id.in_(group), Article.duplicate_of.in_(group)))
            .values(duplicate_of=earliest_id)
        )
    session.execute(update(Article).where(Article.id == new_id).values(duplicate_of=earliest_id))
    return earliest_id


def remember_seen(
    session: Session,
    *,
    url_hash: str,
    url: str,
    title: str | None,
    published: datetime | None,
    source_id: int | None,
    reason: str,
    now: datetime,
) -> None:
    session.execute(
        _statement(session, "remember_seen"),
        {
            "url_hash": url_hash,
            "url": url,
            "title": title,
            "published": published,
            "source_id": source_id,
            "first_seen": now,
            "last_seen": now,
            "reason": reason,
        },
    )


# --------------------------------------------------------------------- stories and analysis


@dataclass(frozen=True)
class StoryRecord:
    id: str
    title: str
    language: str | None
    path: str | None
    fingerprint: str
    dossier: Mapping[str, Any]
    claims: Sequence[tuple[str, str, str, Any]]  # (id, text, kind, deadline date | None)


def sync_stories(session: Session, stories: Sequence[StoryRecord], now: datetime) -> list[str]:
    """Load the config's dossiers; returns the ids whose dossier changed (their articles need re-analysis)."""
    changed: list[str] = []
    existing = {s.id: s for s in session.scalars(select(Story))}
    for rec in stories:
        row = existing.pop(rec.id, None)
        if row is None:
            row = Story(
                id=rec.id,
                title=rec.title,
                language=rec.language,
                path=rec.path,
                fingerprint=rec.fingerprint,
                dossier=dict(rec.dossier),
                active=True,
                loaded_at=now,
            )
            session.add(row)
            changed.append(rec.id)
        else:
            if row.fingerprint != rec.fingerprint:
                changed.append(rec.id)
            row.title, row.language, row.path = rec.title, rec.language, rec.path
            row.fingerprint, row.dossier, row.active = rec.fingerprint, dict(rec.dossier), True
            row.loaded_at = now
        session.flush()
        wanted = {c[0] for c in rec.claims}
        session.execute(delete(Claim).where(Claim.story_id == rec.id, Claim.id.not_in(wanted)))
        for pos, (cid, ctext, kind, deadline) in enumerate(rec.claims):
            claim = session.get(Claim, (rec.id, cid))
            if claim is None:
                session.add(
                    Claim(
                        story_id=rec.id,
                        id=cid,
                        position=pos,
                        text=ctext,
                        kind=kind,
                        deadline=deadline,
                    )
                )
            else:
                claim.position, claim.text, claim.kind, claim.deadline = pos, ctext, kind, deadline
    for row in existing.values():
        row.active = False
    session.flush()
    if changed:
        session.execute(update(Article).values(needs_analysis=True))
    return changed


def replace_analysis(
    session: Session,
    article_id: int,
    analyses: Sequence[StoryAnalysis],
    published: datetime | None,
    now: datetime,
    *,
    fresh: bool = False,
) -> None:
    """Swap an article's entities, story links and evidence for freshly computed ones.

    ``fresh``: the article was inserted in this transaction, so there is nothing to delete.
    """
    story_ids = [a.story_id for a in analyses]
    if not fresh and story_ids:
        for model in (ArticleEntity, ArticleStory, Evidence):
            session.execute(
                delete(model).where(model.article_id == article_id, model.story_id.in_(story_ids))
            )
    ent_rows = [
        {"article_id": article_id, "story_id": a.story_id, "entity_id": e, "mentions": n}
        for a in analyses
        for e, n in a.entities.items()
        if n > 0
    ]
    if ent_rows:
        session.execute(_insert(session, ArticleEntity), ent_rows)
    link_rows = [
        {"article_id": article_id, "story_id": a.story_id, "matched_at": now}
        for a in analyses
        if a.relevant
    ]
    if link_rows:
        session.execute(_insert(session, ArticleStory), link_rows)
    ev_rows = [
        {
            "article_id": article_id,
            "story_id": a.story_id,
            "claim_id": ev.claim_id,
            "stance": ev.stance,
            "quote": ev.quote,
            "value": ev.value,
            "rule": ev.rule,
            "published": published,
            "created_at": now,
        }
        for a in analyses
        if a.relevant
        for ev in a.evidence
    ]
    if ev_rows:
        session.execute(_insert(session, Evidence), ev_rows)
    session.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(needs_analysis=False, analysed_at=now)
    )


def articles_needing_analysis(
    session: Session, limit: int = 200, after_id: int = 0
) -> list[Article]:
    return list(
        session.scalars(
            select(Article)
            .where(Article.needs_analysis.is_(True), Article.id > after_id)
            .order_by(Article.id)
            .limit(limit)
        )
    )


# --------------------------------------------------------------------- runs


def start_run(
    session: Session, *, sources: Sequence[str], trigger: str, pid: int | None, now: datetime
) -> int:
    run = CrawlRun(
        sources=",".join(sources),
        trigger=trigger,
        pid=pid,
        started_at=now,
        status="running",
        pages_fetched=0,
        new_articles=0,
        updated_articles=0,
        errors=0,
        stats={},
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    now: datetime,
    pages_fetched: int = 0,
    new_articles: int = 0,
    updated_articles: int = 0,
    errors: int = 0,
    error_summary: str | None = None,
    stats: Mapping[str, Any] | None = None,
) -> None:
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(
            status=status,
            finished_at=now,
            pages_fetched=pages_fetched,
            new_articles=new_articles,
            updated_articles=updated_articles,
            errors=errors,
            error_summary=error_summary,
            stats=dict(stats or {}),
        )
    )


def fail_stale_runs(session: Session, *, now: datetime, pids_alive: Iterable[int] = ()) -> int:
    """Mark runs left 'running' by a killed process as failed, so history tells the truth."""
    alive = set(pids_alive)
    stale = session.scalars(select(CrawlRun).where(CrawlRun.status == "running")).all()
    n = 0
    for run in stale:
        if run.pid is not None and run.pid in alive:
            continue
        run.status = "failed"
        run.finished_at = now
        run.error_summary = (run.error_summary or "") + "process ended without finishing the run"
        n += 1
    return n


# --------------------------------------------------------------------- leases


def acquire_lease(session: Session, name: str, holder: str, *, now: datetime, ttl_s: float) -> bool:
    """Take or renew a named lease; False while another holder's lease is unexpired."""
    from datetime import timedelta

    expires = now + timedelta(seconds=ttl_s)
    lease = session.get(Lease, name, with_for_update=dialect_name(session) == "postgresql")
    if lease is None:
        stmt = (
            _insert(session, Lease)
            .values(name=name, holder=holder, acquired_at=now, renewed_at=now, expires_at=expires)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        result = session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))
    if lease.holder != holder and lease.expires_at > now:
        return False
    if lease.holder != holder:
        lease.holder, lease.acquired_at = holder, now
    lease.renewed_at, lease.expires_at = now, expires
    return True


def release_lease(session: Session, name: str, holder: str) -> None:
    session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))


def count_articles(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Article)) or 0)
