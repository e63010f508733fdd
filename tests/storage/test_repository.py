"""Repository writes and queries on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from storage import dedup
from storage.engine import make_engine, make_session_factory, transaction
from storage.migrate import upgrade
from storage.models import Article, ArticleRevision, SeenUrl
from storage.queries import ArticleFilter, QueryError, article_revisions, search_articles
from storage.repository import (
    ArticleData,
    SourceSpec,
    StoryAnalysis,
    StoryRecord,
    acquire_lease,
    known_urls,
    release_lease,
    remember_seen,
    replace_analysis,
    sync_sources,
    sync_stories,
    upsert_article,
)

NOW = datetime(2024, 8, 1, 12, tzinfo=UTC)


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    upgrade(engine)
    f = make_session_factory(engine)
    with transaction(f) as s:
        sync_sources(
            s,
            [
                SourceSpec("tech-ledger", "feed", "http://a.test/feed.xml", "*/20 * * * *", "en"),
                SourceSpec("diario", "feed", "http://b.test/rss", "*/20 * * * *", "es"),
            ],
            NOW,
        )
        sync_stories(
            s,
            [
                StoryRecord(
                    "xai-supercomputer",
                    "xAI",
                    "es",
                    None,
                    "fp1",
                    {},
                    [("gpu-count", "100k", "quantity", None)],
                )
            ],
            NOW,
        )
    yield f
    engine.dispose()


def art(
    n: int,
    body: str,
    *,
    title: str | None = None,
    lang: str = "en",
    published: datetime | None = None,
    source_id: int | None = 1,
    fp: bool = False,
    hint: str | None = None,
) -> ArticleData:
    url = f"http://a.test/2024/07/story-{n}.html"
    h = hashlib.sha256(url.encode()).hexdigest()[:32]
    f = dedup.fingerprint(body) if fp else None
    return ArticleData(
        url=url,
        canonical_url=url,
        url_hash=h,
        title=title or f"Story {n}",
        author="A. Writer",
        published=published or NOW - timedelta(days=n),
        language=lang,
        body=body,
        description=None,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        fetched=NOW,
        source_id=source_id,
        fingerprint=dedup.fingerprint_to_bytes(f) if f is not None else None,
        band_keys=list(dedup.band_keys(f)) if f is not None else [],
        duplicate_hint=hint,
    )


def count(f: sessionmaker[Session], model: type) -> int:
    with f() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_same_article_twice_leaves_one_row(factory: sessionmaker[Session]) -> None:
    a = art(1, "xAI switched on its Memphis cluster.")
    with transaction(factory) as s:
        first = upsert_article(s, a)
    with transaction(factory) as s:
        second = upsert_article(s, a)
        assert known_urls(s, [a.url_hash, "0" * 32]) == {a.url_hash}
    assert (first.outcome, second.outcome) == ("new", "unchanged")
    assert first.article_id == second.article_id
    assert count(factory, Article) == 1


def test_changed_page_keeps_a_revision_and_reindexes(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        aid = upsert_article(s, art(1, "The cluster has sixty thousand chips online.")).article_id
    changed = art(1, "Correction: the cluster has one hundred thousand chips online.")
    with transaction(factory) as s:
        assert upsert_article(s, changed).outcome == "updated"
    assert count(factory, ArticleRevision) == 1
    with factory() as s:
        assert [r["id"] for r in search_articles(s, ArticleFilter(text="correction"))] == [aid]
        assert search_articles(s, ArticleFilter(text="sixty")) == []
        revs = article_revisions(s, aid)
        assert [r["revision"] for r in revs] == [1, 2]
        assert "sixty" in revs[0]["body"] and "Correction" in revs[1]["body"]


def test_full_text_search_syntax(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        upsert_article(s, art(1, "xAI started training on the Memphis Supercluster on Monday."))
        upsert_article(
            s,
            art(
                2,
                "El superordenador Colossus de xAI está en Memphis, según la compañía.",
                lang="es",
            ),
        )
        upsert_article(s, art(3, "xAI计划将孟菲斯超算扩建至100万块GPU。", lang="zh"))
        upsert_article(s, art(4, "Oracle reported quarterly earnings on Tuesday."))

    def ids(text: str) -> list[int]:
        with factory() as s:
            return sorted(r["id"] for r in search_articles(s, ArticleFilter(text=text)))

    assert ids("memphis training") == [1]
    assert ids("MEMPHIS") == [1, 2]
    assert ids("compania") == [2]  # diacritics folded both ways
    assert ids("超算") == [3]
    assert ids('"memphis supercluster"') == [1]
    assert ids('"supercluster memphis"') == []
    assert ids("oracle OR colossus") == [2, 4]
    assert ids("xai -memphis") == [3]
    for bad in ['"', 'xai "memphis', "-xai", "OR xai", "   "]:
        with factory() as s, pytest.raises(QueryError):
            search_articles(s, ArticleFilter(text=bad))
    # SQL and FTS5 syntax are just words here
    assert ids("'; DROP TABLE articles; --") == []
    assert ids("NEAR(xai memphis) title:xai *") == []
    assert count(factory, Article) == 4


def test_filters(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        a1 = upsert_article(
            s, art(1, "one", published=datetime(2024, 7, 22, 14, tzinfo=UTC))
        ).article_id
        a2 = upsert_article(
            s, art(2, "dos", lang="es", source_id=2, published=datetime(2024, 8, 14, tzinfo=UTC))
        ).article_id
        a3 = upsert_article(
            s, art(3, "three", published=datetime(2024, 9, 3, tzinfo=UTC))
        ).article_id
        replace_analysis(
            s, a1, [StoryAnalysis("xai-supercomputer", True, {"xai": 2, "h100": 1})], None, NOW
        )
        replace_analysis(s, a2, [StoryAnalysis("xai-supercomputer", True, {"xai": 1})], None, NOW)
        replace_analysis(
            s, a3, [StoryAnalysis("xai-supercomputer", False, {"oracle": 1})], None, NOW
        )

    def ids(**kw: object) -> list[int]:
        with factory() as s:
            return [r["id"] for r in search_articles(s, ArticleFilter(**kw))]  # type: ignore[arg-type]

    assert ids() == [a3, a2, a1]  # newest published first
    assert ids(since=datetime(2024, 8, 1, tzinfo=UTC)) == [a3, a2]
    assert ids(until=datetime(2024, 8, 14, 23, 59, tzinfo=UTC)) == [a2, a1]
    assert ids(language="es") == [a2]
    assert ids(source="diario") == [a2]
    assert ids(entities=("xai",)) == [a2, a1]
    assert ids(entities=("xai", "h100")) == [a1]
    assert ids(story="xai-supercomputer") == [a2, a1]
    assert ids(limit=1) == [a3]
    with factory() as s:
        for bad in (
            ArticleFilter(story="nope"),
            ArticleFilter(source="nope"),
            ArticleFilter(limit=0),
        ):
            with pytest.raises(QueryError):
                search_articles(s, bad)


def test_declared_canonical_marks_a_syndicated_copy(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        orig = upsert_article(s, art(1, "Original report text.", published=NOW - timedelta(days=3)))
        copy = upsert_article(
            s,
            art(
                2,
                "Copied report text.",
                published=NOW - timedelta(days=2),
                hint=art(1, "").url_hash,
            ),
        )
    assert copy.duplicate_of == orig.article_id
    with factory() as s:
        assert [r["id"] for r in search_articles(s, ArticleFilter())] == [orig.article_id]
        shown = search_articles(s, ArticleFilter(include_duplicates=True))
        assert {r["id"]: r["duplicate_of"] for r in shown} == {
            orig.article_id: None,
            copy.article_id: orig.article_id,
        }


BODY = " ".join(
    f"Sentence {i} about the Memphis cluster, its power lines, turbines and {i * 7} racks of servers."
    for i in range(40)
)


def test_near_duplicate_points_at_the_earliest_even_when_stored_first(
    factory: sessionmaker[Session],
) -> None:
    later_copy = art(
        2,
        "A reworded first sentence opens this copy. " + BODY,
        published=NOW - timedelta(days=1),
        fp=True,
    )
    original = art(
        1,
        "The original first sentence opens it. " + BODY,
        published=NOW - timedelta(days=2),
        fp=True,
    )
    other = art(
        3,
        " ".join(f"Unrelated line {i} on Oracle earnings and database patches." for i in range(40)),
        fp=True,
    )
    with transaction(factory) as s:
        c = upsert_article(s, later_copy)
        o = upsert_article(s, original)
        x = upsert_article(s, other)
    with factory() as s:
        dup = {i: d for i, d in s.execute(select(Article.id, Article.duplicate_of))}
    assert dup == {c.article_id: o.article_id, o.article_id: None, x.article_id: None}


def test_seen_urls_are_known_and_not_articles(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        remember_seen(
            s,
            url_hash="f" * 32,
            url="http://a.test/x",
            title="X",
            published=None,
            source_id=1,
            reason="unmatched",
            now=NOW,
        )
        remember_seen(
            s,
            url_hash="f" * 32,
            url="http://a.test/x",
            title="X",
            published=None,
            source_id=1,
            reason="unmatched",
            now=NOW + timedelta(hours=1),
        )
        assert known_urls(s, ["f" * 32]) == {"f" * 32}
    assert count(factory, SeenUrl) == 1
    assert count(factory, Article) == 0


def test_lease_is_exclusive_until_it_expires(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        assert acquire_lease(s, "scheduler", "host:1", now=NOW, ttl_s=60)
    with transaction(factory) as s:
        assert not acquire_lease(
            s, "scheduler", "host:2", now=NOW + timedelta(seconds=30), ttl_s=60
        )
        assert acquire_lease(s, "scheduler", "host:1", now=NOW + timedelta(seconds=30), ttl_s=60)
    with transaction(factory) as s:
        assert not acquire_lease(
            s, "scheduler", "host:2", now=NOW + timedelta(seconds=80), ttl_s=60
        )
        assert acquire_lease(s, "scheduler", "host:2", now=NOW + timedelta(seconds=91), ttl_s=60)
    with transaction(factory) as s:
        release_lease(s, "scheduler", "host:2")
        assert acquire_lease(s, "scheduler", "host:3", now=NOW + timedelta(seconds=92), ttl_s=60)
