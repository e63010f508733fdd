"""Evidence rows keep the classifier's confidence and name; the board can hide weak ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from claims.dossier import builtin_story_path, load_story
from scheduler.board import claim_board
from storage.engine import transaction
from storage.queries import claim_evidence
from storage.records import EvidenceRecord, StoryAnalysis
from storage.repository import replace_analysis, upsert_article
from tests.storage.test_repository import NOW, XAI_STORY, art, factory

__all__ = ["factory"]  # the repository tests' database fixture (SQLite, and PostgreSQL when given)


def _store(factory: sessionmaker[Session], rows: list[tuple[str, str, float, str]]) -> None:
    with transaction(factory) as s:
        for i, (claim, stance, conf, clf) in enumerate(rows):
            aid = upsert_article(s, art(i + 1, f"Text {i}.")).article_id
            ev = EvidenceRecord(claim, stance, f"quote {i}", None, "r", conf, clf)
            replace_analysis(
                s, aid, [StoryAnalysis(XAI_STORY.id, True, {"xai": 1}, [ev])], NOW, NOW, fresh=True
            )


@pytest.mark.parametrize("conf", [0.0, 0.42, 1.0])
def test_confidence_and_classifier_round_trip(
    factory: sessionmaker[Session], conf: float
) -> None:
    _store(factory, [("gpu-count", "supports", conf, "rules/4")])
    with factory() as s:
        (row,) = [r for c in claim_evidence(s, XAI_STORY.id, None) for r in c.evidence]
    assert (row.confidence, row.classifier) == (pytest.approx(conf), "rules/4")


def test_min_confidence_hides_and_does_not_count(factory: sessionmaker[Session]) -> None:
    _store(
        factory,
        [("gpu-count", "supports", 0.9, "rules/4"), ("gpu-count", "contradicts", 0.3, "rules/4")],
    )
    story = load_story(builtin_story_path("xai-supercomputer"))
    later = NOW + timedelta(days=1)
    with factory() as s:
        every = claim_board(s, story, later)
        strong = claim_board(s, story, later, min_confidence=0.5)
    gpu = {c["id"]: c for c in every["claims"]}["gpu-count"]
    assert gpu["status"] == "disputed"
    assert {e["confidence"] for e in gpu["evidence"]} == {0.9, 0.3}
    assert all(isinstance(e["id"], int) and e["classifier"] == "rules/4" for e in gpu["evidence"])
    gpu = {c["id"]: c for c in strong["claims"]}["gpu-count"]
    assert gpu["status"] == "confirmed"
    assert [e["stance"] for e in gpu["evidence"]] == ["supports"]
