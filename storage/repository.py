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

from sqlalchemy import (
    String,
    Table,
    any_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from storage import search
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


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


# Core tables: statements on them skip the ORM's execution path (no entities are loaded).
_ARTICLES = _table(Article)
_BANDS = _table(ArticleBand)
_REVISIONS = _table(ArticleRevision)
_SEEN = _table(SeenUrl)
_ENTITIES = _table(ArticleEntity)
_LINKS = _table(ArticleStory)
_EVIDENCE = _table(Evidence)

_STATEMENTS: dict[tuple[str, str], Any] = {}


def _statement(conn: Connection, name: str) -> Any:
    """Hot-path statements, built once per dialect: values come as execute() parameters,
    so nothing is constructed, coerced or cache-keyed per article."""
    key = (conn.dialect.name, name)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        stmt = _STATEMENTS[key] = _build_statement(conn.dialect.name, name)
    return stmt


# The analysis tables, by the suffix of their statements' names.
_ANALYSIS_TABLES = {"entities": _ENTITIES, "links": _LINKS, "evidence": _EVIDENCE}

# Inserts that PostgreSQL takes as one array per column (see _insert_rows), with their columns.
_ARRAY_INSERTS: dict[str, tuple[str, ...]] = {
    "insert_bands": ("band_key", "article_id"),
    "insert_entities": ("article_id", "story_id", "entity_id", "mentions"),
}


def _insert_rows(conn: Connection, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert an article's rows (bands, entities, story links, evidence).

    On PostgreSQL, bands and entities go as one array per column into a single
    ``INSERT ... SELECT unnest(...)``: psycopg runs an executemany as one
    statement per row, which for an article's 32 band keys costs several times
    more.  Evidence rows are few and wide, and psycopg escapes text arrays
    element by element, so for them the executemany is as cheap.  SQLite's
    executemany is a loop in C and stays.
    """
    if not rows:
        return
    if len(rows) > 1 and name in _ARRAY_INSERTS and conn.dialect.name == "postgresql":
        conn.execute(
            _statement(conn, f"{name}[]"),
            {f"a_{col}": [row[col] for row in rows] for col in _ARRAY_INSERTS[name]},
        )
    else:
        conn.execute(_statement(conn, name), list(rows))


def _array_of(column: Any) -> postgresql.ARRAY[Any]:
    """A PostgreSQL array of the column's type, minus any length: an explicit cast to
    varchar(n) would silently truncate where inserting the value raises."""
    item = column.type
    if isinstance(item, String) and item.length is not None:
        item = String()
    return postgresql.ARRAY(item)


def _build_statement(dialect: str, name: str) -> Any:
    a = _ARTICLES.c
    if name.endswith("[]"):  # PostgreSQL: the rows as one array per column
        base = _build_statement(dialect, name.removesuffix("[]"))
        cols = _ARRAY_INSERTS[name.removesuffix("[]")]
        arrays = [func.unnest(bindparam(f"a_{c}", type_=_array_of(base.table.c[c]))) for c in cols]
        # several unnest() in one select list run in lockstep: row i takes element i of each
        return base.from_select(list(cols), select(*arrays))
    if name == "insert_article":
        return (
            _dialect_insert(dialect, _ARTICLES)
            .on_conflict_do_nothing(index_elements=["url_hash"])
            .returning(a.id)
        )
    if name == "remember_seen":
        ins = _dialect_insert(dialect, _SEEN)
        return ins.on_conflict_do_update(
            index_elements=["url_hash"], set_={"last_seen": ins.excluded.last_seen}
        )
    if name == "article_state":
        return select(a.id, a.content_hash, a.duplicate_of).where(
            a.url_hash == bindparam("url_hash")
        )
    if name == "article_text":
        return select(
            a.title,
            a.author,
            a.body,
            a.description,
            a.published,
            a.language,
            a.content_hash,
            a.updated,
        ).where(a.id == bindparam("aid"))
    if name == "insert_revision":
        return insert(_REVISIONS)
    if name == "revise_article":
        changed: dict[str, Any] = {
            col: bindparam(f"v_{col}", type_=a[col].type)
            for col in (
                "title",
                "author",
                "body",
                "description",
                "published",
                "language",
                "content_hash",
                "fingerprint",
                "updated",
            )
        }
        changed.update(revisions=a.revisions + 1, needs_analysis=True)
        return update(_ARTICLES).where(a.id == bindparam("aid")).values(changed)
    if name == "forget_seen":
        return delete(_SEEN).where(_SEEN.c.url_hash == bindparam("url_hash"))
    if name == "insert_bands":
        return _dialect_insert(dialect, _BANDS).on_conflict_do_nothing()
    if name == "delete_bands":
        return delete(_BANDS).where(_BANDS.c.article_id == bindparam("aid"))
    if name.startswith("candidates_"):
        # articles sharing any of the new article's band keys, with what confirming needs;
        # PostgreSQL takes the keys as one array, SQLite as one bound parameter per key
        # (n is BANDS), so no IN list is expanded per execution
        n = name.removeprefix("candidates_")
        if n == "array":
            keys = bindparam("keys", type_=_array_of(_BANDS.c.band_key))
            shared = select(_BANDS.c.article_id).where(_BANDS.c.band_key == any_(keys))
        else:
            shared = select(_BANDS.c.article_id).where(
                _BANDS.c.band_key.in_([bindparam(f"k{i}") for i in range(int(n))])
            )
        return select(a.id, a.fingerprint, a.duplicate_of).where(
            a.id.in_(shared), a.id != bindparam("new_id")
        )
    if name == "publication_dates":
        return select(a.id, a.published).where(a.id.in_(bindparam("ids", expanding=True)))
    if name == "regroup":
        return (
            update(_ARTICLES)
            .where(
                or_(
                    a.id.in_(bindparam("ids", expanding=True)),
                    a.duplicate_of.in_(bindparam("ids_", expanding=True)),
                )
            )
            .values(duplicate_of=bindparam("root", type_=a.duplicate_of.type))
        )
    if name == "set_duplicate":
        return (
            update(_ARTICLES)
            .where(a.id == bindparam("aid"))
            .values(duplicate_of=bindparam("root", type_=a.duplicate_of.type))
        )
    if name.removeprefix("insert_") in _ANALYSIS_TABLES:
        return insert(_ANALYSIS_TABLES[name.removeprefix("insert_")])
    if name.removeprefix("clear_") in _ANALYSIS_TABLES:
        table = _ANALYSIS_TABLES[name.removeprefix("clear_")]
        return delete(table).where(
            table.c.article_id == bindparam("aid"),
            table.c.story_id.in_(bindparam("stories", expanding=True)),
        )
    if name == "analysed":
        return (
            update(_ARTICLES)
            .where(a.id == bindparam("aid"))
            .values(needs_analysis=False, analysed_at=bindparam("now", type_=a.analysed_at.type))
        )
    raise KeyError(name)


def _dialect_insert(dialect: str, table: Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    if dialect == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _insert(session: Session, model: type[Base]) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    return _dialect_insert(dialect_name(session), _table(model))


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
    """Insert the article, or record a new revision when its text changed; idempotent.

    Runs prebuilt Core statements on the session's connection: a crawl calls this
    for every stored page on the reactor thread, so per-statement overhead counts.
    """
    conn = session.connection()
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
    new_id = conn.execute(_statement(conn, "insert_article"), values).scalar()
    if new_id is not None:
        search.index_article(conn, new_id, data.title, data.body, fresh=True)
        dup = _link_near_duplicates(conn, new_id, data)
        # a seen-only page that now matches is no longer just "seen"
        conn.execute(_statement(conn, "forget_seen"), {"url_hash": data.url_hash})
        return UpsertResult(new_id, "new", dup)

    art_id, content_hash, duplicate_of = conn.execute(
        _statement(conn, "article_state"), {"url_hash": data.url_hash}
    ).one()
    if content_hash == data.content_hash:
        return UpsertResult(art_id, "unchanged", duplicate_of)
    old = conn.execute(_statement(conn, "article_text"), {"aid": art_id}).one()
    conn.execute(
        _statement(conn, "insert_revision"),
        {
            "article_id": art_id,
            "fetched": old.updated,
            "title": old.title,
            "body": old.body,
            "content_hash": old.content_hash,
        },
    )
    title = data.title or old.title
    conn.execute(
        _statement(conn, "revise_article"),
        {
            "aid": art_id,
            "v_title": title,
            "v_author": data.author or old.author,
            "v_body": data.body,
            "v_description": data.description or old.description,
            "v_published": old.published or data.published,
            "v_language": data.language or old.language,
            "v_content_hash": data.content_hash,
            "v_fingerprint": data.fingerprint,
            "v_updated": data.fetched,
        },
    )
    search.index_article(conn, art_id, title, data.body)
    conn.execute(_statement(conn, "delete_bands"), {"aid": art_id})
    _add_bands(conn, art_id, data.band_keys)
    return UpsertResult(art_id, "updated", duplicate_of)


def _add_bands(conn: Connection, article_id: int, keys: Sequence[int]) -> None:
    if keys:
        _insert_rows(
            conn,
            "insert_bands",
            [{"band_key": k, "article_id": article_id} for k in dict.fromkeys(keys)],
        )


def _link_near_duplicates(conn: Connection, new_id: int, data: ArticleData) -> int | None:
    """Point a syndicated copy at the earliest-published article of its near-duplicate group.

    Candidates come from equal LSH band keys (an indexed look-up), are
    confirmed by the fingerprints' estimated similarity, and a declared
    rel=canonical naming another stored page counts as a match too.

    One query finds the candidates and fetches their fingerprints, which are
    confirmed in one vectorised comparison.  Every candidate is compared: sharing
    a single band (4 of 128 minima) does not bound the similarity below the
    threshold (the other 31 bands may each differ in one row only), so no
    candidate can be skipped by how many bands it shares.
    """
    from storage import dedup  # numpy: not loaded by a crawl that stores nothing

    roots: set[int] = set()
    if data.duplicate_hint:
        hinted = conn.execute(
            _statement(conn, "article_state"), {"url_hash": data.duplicate_hint}
        ).first()
        if hinted is not None and hinted[0] != new_id:
            roots.add(hinted[2] if hinted[2] is not None else hinted[0])
    if data.fingerprint is not None and data.band_keys:
        keys = list(dict.fromkeys(data.band_keys))
        if conn.dialect.name == "postgresql":
            stmt, params = _statement(conn, "candidates_array"), {"keys": keys, "new_id": new_id}
        else:
            stmt = _statement(conn, f"candidates_{len(keys)}")
            params = {f"k{i}": k for i, k in enumerate(keys)}
            params["new_id"] = new_id
        rows = conn.execute(stmt, params).all()
        _add_bands(conn, new_id, keys)
        if rows:
            fp = dedup.fingerprint_from_bytes(data.fingerprint)
            scores = dedup.similarities(fp, [blob for _, blob, _ in rows])
            for (aid, _, dup_of), sim in zip(rows, scores.tolist(), strict=True):
                if sim >= dedup.NEAR_DUPLICATE_THRESHOLD:
                    roots.add(dup_of if dup_of is not None else aid)
    if not roots:
        return None
    root_rows = conn.execute(_statement(conn, "publication_dates"), {"ids": list(roots)}).all()
    far_future = datetime.max.replace(tzinfo=UTC)

    def key(pub: datetime | None, aid: int) -> tuple[datetime, int]:
        return (pub or far_future, aid)

    earliest_id, earliest_pub = min(root_rows, key=lambda r: key(r[1], r[0]))
    if key(data.published, new_id) < key(earliest_pub, earliest_id):
        # the new article is the original: everything in the group now points at it
        ids = list(roots)
        conn.execute(_statement(conn, "regroup"), {"ids": ids, "ids_": ids, "root": new_id})
        return None
    group = list(roots - {earliest_id})
    if group:
        conn.execute(
            _statement(conn, "regroup"), {"ids": group, "ids_": group, "root": earliest_id}
        )
    conn.execute(_statement(conn, "set_duplicate"), {"aid": new_id, "root": earliest_id})
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
    conn = session.connection()
    conn.execute(
        _statement(conn, "remember_seen"),
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


def store_article(
    session: Session, data: ArticleData, analyses: Sequence[StoryAnalysis], now: datetime
) -> UpsertResult:
    """Store an extracted article and, when it is new or changed, what the stories make of it.

    The caller commits. An unchanged page keeps its analysis (the dossier's own
    changes are handled by re-analysis, not here).
    """
    res = upsert_article(session, data)
    if res.outcome != "unchanged":
        replace_analysis(
            session, res.article_id, analyses, data.published, now, fresh=res.outcome == "new"
        )
    return res


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
    conn = session.connection()
    story_ids = [a.story_id for a in analyses]
    if not fresh and story_ids:
        for table in _ANALYSIS_TABLES:
            conn.execute(
                _statement(conn, f"clear_{table}"), {"aid": article_id, "stories": story_ids}
            )
    ent_rows = [
        {"article_id": article_id, "story_id": a.story_id, "entity_id": e, "mentions": n}
        for a in analyses
        for e, n in a.entities.items()
        if n > 0
    ]
    _insert_rows(conn, "insert_entities", ent_rows)
    link_rows = [
        {"article_id": article_id, "story_id": a.story_id, "matched_at": now}
        for a in analyses
        if a.relevant
    ]
    _insert_rows(conn, "insert_links", link_rows)
    ev_rows = [
        {
            "article_id": article_id,
            "story_id": a.story_id,
            "claim_id": ev.claim_id,
            "stance": ev.stance,
            "quote": ev.quote,
            "value": ev.value,
            "rule": ev.rule,
            "confidence": ev.confidence,
            "classifier": ev.classifier,
            "published": published,
            "created_at": now,
        }
        for a in analyses
        if a.relevant
        for ev in a.evidence
    ]
    _insert_rows(conn, "insert_evidence", ev_rows)
    conn.execute(_statement(conn, "analysed"), {"aid": article_id, "now": now})


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
