"""SQLAlchemy models: the article database and the claim board.

Every timestamp is stored in UTC and read back timezone-aware, on SQLite and
PostgreSQL alike, so comparisons with ``now``/``as_of`` never mix naive and
aware values.  Full-text search lives in ``article_search``, which the
migrations create per dialect (FTS5 on SQLite, ``tsvector`` + GIN on
PostgreSQL) and which is therefore not a mapped table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always UTC and always timezone-aware in Python."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON}


class Source(Base):
    """A configured source and the outcome of its polls (the scheduler's memory)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    schedule: Mapped[str] = mapped_column(String(100))
    language: Mapped[str | None] = mapped_column(String(12))
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # fetch state of the source's own document (feed, sitemap, listing)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str | None] = mapped_column(String(64))
    last_fetch_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_outcome: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_new_articles: Mapped[int] = mapped_column(Integer, default=0)
    articles_found: Mapped[int] = mapped_column(Integer, default=0)
    consecutive_errors: Mapped[int] = mapped_column(Integer, default=0)
    empty_polls: Mapped[int] = mapped_column(Integer, default=0)
    next_due_at: Mapped[datetime | None]
    retry_after_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class FetchState(Base):
    """Validators of every document a source reads (its feed, child sitemaps, listing pages).

    Keyed per source: two sources reading the same sitemap keep their own
    validators, so one source's 304 never hides a document from the other.
    """

    __tablename__ = "fetch_states"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    url_hash: Mapped[str] = mapped_column(String(32), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str | None] = mapped_column(String(64))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_fetch_at: Mapped[datetime | None]


class Article(Base):
    """One article, keyed by the hash of its canonical URL."""

    __tablename__ = "articles"
    # Listing queries filter on one of these and want the newest first: a composite index
    # serves both the filter and the order, so LIMIT stops early instead of sorting every hit.
    __table_args__ = (
        Index("ix_articles_source_published", "source_id", "published"),
        Index("ix_articles_language_published", "language", "published"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(Text)
    url_hash: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(index=True)
    fetched: Mapped[datetime]
    updated: Mapped[datetime]
    language: Mapped[str | None] = mapped_column(String(12))
    body: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    revisions: Mapped[int] = mapped_column(Integer, default=1)
    # set when the text changed or a dossier changed; cleared by analysis
    needs_analysis: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    analysed_at: Mapped[datetime | None]


class ArticleRevision(Base):
    """An earlier text of an article whose page changed."""

    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    fetched: Mapped[datetime]
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))


class ArticleBand(Base):
    """LSH band keys of an article's text fingerprint: near-duplicate candidates by equality.

    Each key hashes its band number in, so one indexed column serves every band.
    """

    __tablename__ = "article_bands"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SeenUrl(Base):
    """A page that matched no story: remembered so it is not fetched again, not stored in full."""

    __tablename__ = "seen_urls"

    url_hash: Mapped[str] = mapped_column(String(32), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None]
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(40))


class Story(Base):
    """A watched story; the dossier itself is kept as loaded, to show and to re-analyse on change."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(12))
    path: Mapped[str | None] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    dossier: Mapped[dict[str, Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    loaded_at: Mapped[datetime]


class Claim(Base):
    __tablename__ = "claims"

    story_id: Mapped[str] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    deadline: Mapped[date | None] = mapped_column(Date)


class ArticleStory(Base):
    """An article found relevant to a story."""

    __tablename__ = "article_stories"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[str] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    matched_at: Mapped[datetime]


class ArticleEntity(Base):
    """An entity of a story that an article's own text names."""

    __tablename__ = "article_entities"
    __table_args__ = (Index("ix_article_entities_entity", "entity_id", "article_id"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[str] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    mentions: Mapped[int] = mapped_column(Integer, default=1)


class Evidence(Base):
    """One article's stance on one claim, with the quote that carries it."""

    __tablename__ = "evidence"
    __table_args__ = (
        UniqueConstraint("article_id", "story_id", "claim_id", name="uq_evidence_article_claim"),
        ForeignKeyConstraint(
            ["story_id", "claim_id"], ["claims.story_id", "claims.id"], ondelete="CASCADE"
        ),
        Index("ix_evidence_claim", "story_id", "claim_id", "published"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[str] = mapped_column(String(100))
    claim_id: Mapped[str] = mapped_column(String(100))
    stance: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(100))
    confidence: Mapped[float] = mapped_column(Float, server_default=text("1.0"))
    classifier: Mapped[str] = mapped_column(String(40), server_default="rules/3")
    published: Mapped[datetime | None]
    created_at: Mapped[datetime]


class CrawlRun(Base):
    """One crawl of one or more sources: what it did and how it ended."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sources: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(String(20))
    pid: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20))
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    new_articles: Mapped[int] = mapped_column(Integer, default=0)
    updated_articles: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    error_summary: Mapped[str | None] = mapped_column(Text)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Lease(Base):
    """Who runs the scheduler on this database, until when (one scheduler per database)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime]
    renewed_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class Review(Base):
    """A reviewer's verdict on one article's stance towards one claim.

    Keyed by (article, story, claim), not by the evidence row: re-analysis deletes and
    re-inserts evidence rows with new ids, and the human verdict must outlive that.
    No foreign key to ``claims`` either, so a dossier edit that drops and restores a claim
    keeps the verdict. ``quote`` is the evidence's quote when it was reviewed.
    """

    __tablename__ = "reviews"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    stance: Mapped[str] = mapped_column(String(20))
    engine_stance: Mapped[str | None] = mapped_column(String(20))
    quote: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime]


class ClaimState(Base):
    """The last status recorded for a claim: what the next analysis is compared with."""

    __tablename__ = "claim_states"

    story_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    since: Mapped[datetime]


class StatusChange(Base):
    """One claim status change, with a copy of the evidence that caused it.

    The evidence is copied because its row may be replaced by a later re-analysis.
    """

    __tablename__ = "status_changes"
    __table_args__ = (Index("ix_status_changes_story", "story_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[str] = mapped_column(String(100))
    claim_id: Mapped[str] = mapped_column(String(100))
    claim_text: Mapped[str] = mapped_column(Text)
    old_status: Mapped[str] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    evidence_id: Mapped[int | None] = mapped_column(Integer)
    article_id: Mapped[int | None] = mapped_column(Integer)
    stance: Mapped[str | None] = mapped_column(String(20))
    quote: Mapped[str | None] = mapped_column(Text)
    article_title: Mapped[str | None] = mapped_column(Text)
    article_url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None]
    as_of: Mapped[datetime]
    changed_at: Mapped[datetime] = mapped_column(index=True)


class OutboxMessage(Base):
    """A notification of one change to one target, until it is sent (never dropped).

    ``due_at`` is when it may go: at once, or the end of its digest period.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "next_try"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(100))
    change_id: Mapped[int] = mapped_column(
        ForeignKey("status_changes.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(10))
    period: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]
    due_at: Mapped[datetime]
    next_try: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
