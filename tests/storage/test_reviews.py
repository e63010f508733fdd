"""Reviews on a real database: keyed by article and claim, they outlive re-analysis, even one
that no longer finds the evidence they were given on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage.engine import make_engine, make_session_factory, transaction
from storage.migrate import upgrade
from storage.queries import QueryError, claim_evidence
from storage.records import EvidenceRecord, StoryAnalysis
from storage.repository import StoryRecord, replace_analysis, sync_stories, upsert_article
from storage.reviews import clear_review, clear_review_of, list_reviews, set_review
from tests.storage.test_repository import NOW, art

STORY = StoryRecord("s", "S", "en", None, "fp", {}, [("c0", "claim 0", "event", None),
                                                     ("c1", "claim 1", "event", None)])  # fmt: skip


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    upgrade(engine)
    f = make_session_factory(engine)
    with transaction(f) as s:
        sync_stories(s, [STORY], NOW)
    yield f
    engine.dispose()


def analyse(
    f: sessionmaker[Session], aid: int, *evidence: EvidenceRecord, fresh: bool = False
) -> None:
    with transaction(f) as s:
        replace_analysis(s, aid, [StoryAnalysis("s", True, {"e": 1}, evidence)],
                         NOW - timedelta(days=1), NOW, fresh=fresh)  # fmt: skip


def rows(f: sessionmaker[Session], as_of: object = None) -> dict[str, list[tuple[object, ...]]]:
    with f() as s:
        return {
            c.id: [(e.id, e.stance, e.engine_stance, e.rule, e.reviewed) for e in c.evidence]
            for c in claim_evidence(s, "s", as_of)  # type: ignore[arg-type]
        }


def test_a_review_outlives_re_analysis(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        aid = upsert_article(
            s, art(1, "Some text.", published=NOW - timedelta(days=1), source_id=None)
        ).article_id
    mention = EvidenceRecord("c0", "mentions", "a quote", None, "rule-a")
    analyse(factory, aid, mention, fresh=True)
    [(ev_id, *_)] = rows(factory)["c0"]
    with transaction(factory) as s:
        r = set_review(s, ev_id, "supports", now=NOW, reviewer="ann")  # type: ignore[arg-type]
    assert (r["stance"], r["engine_stance"], r["quote"]) == ("supports", "mentions", "a quote")
    assert rows(factory)["c0"] == [(ev_id, "supports", "mentions", "rule-a", True)]

    other = EvidenceRecord("c1", "mentions", "other", None, "rule-b")
    analyse(factory, aid, other, mention)  # re-analysis: a new row, the same verdict
    [(new_id, stance, engine, _, reviewed)] = rows(factory)["c0"]
    assert new_id != ev_id and (stance, engine, reviewed) == ("supports", "mentions", True)

    analyse(factory, aid, other)
    assert rows(factory)["c0"] == [(None, "supports", None, "review", True)], "still counts"
    assert rows(factory, NOW - timedelta(days=2))["c0"] == [], "not before the article"
    with factory() as s:
        [listed] = list_reviews(s, story="s")
    assert (listed["evidence_id"], listed["article_id"], listed["reviewer"]) == (None, aid, "ann")

    with transaction(factory) as s:
        assert clear_review_of(s, aid, "s", "c0")
    assert rows(factory)["c0"] == []


def test_review_errors(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        aid = upsert_article(s, art(2, "Text.", source_id=None)).article_id
    analyse(factory, aid, EvidenceRecord("c0", "supports", "q", None, "r"), fresh=True)
    [(ev_id, *_)] = rows(factory)["c0"]
    with transaction(factory) as s:
        with pytest.raises(QueryError, match="no evidence with id 999"):
            set_review(s, 999, "supports", now=NOW)
        with pytest.raises(QueryError, match="not one of"):
            set_review(s, ev_id, "maybe", now=NOW)  # type: ignore[arg-type]
        assert clear_review(s, ev_id) is False  # type: ignore[arg-type]
