"""The same evaluation on our own labelled articles (tests/fixtures/claims): other outlets,
other phrasings, other numbers, look-alikes, in English, Spanish and Chinese.

They check that the rules generalise beyond the dev corpus; see the README there for how
they were written and the figures of their first, unseen runs.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claims.dossier import Story, builtin_story_path, load_story
from claims.evaluate import evaluate, expected_statuses, load_corpus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(builtin_story_path("xai-supercomputer"))


def test_fixtures_are_well_formed(story: Story) -> None:
    articles, expected = load_corpus(FIXTURES)
    assert len(articles) >= 50
    assert {a.language for a in articles} == {"en", "es", "zh"}
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids))
    entity_ids = {e.id for e in story.entities}
    claim_ids = {c.id for c in story.claims}
    for a in articles:
        assert a.labels is not None and a.published is not None
        assert a.labels.entities <= entity_ids, a.id
        assert set(a.labels.claims) <= claim_ids, a.id
        assert set(a.labels.claims.values()) <= {"supports", "contradicts", "updates", "mentions"}
        assert not a.labels.claims or a.labels.relevant, a.id
        assert a.labels.duplicate_of is None or a.labels.duplicate_of in ids
    # expected.json is what the labels imply
    assert expected is not None
    dates = [dt.date.fromisoformat(p["date"]) for p in expected["as_of"]]
    assert expected_statuses(story, articles, dates) == json.loads((FIXTURES / "expected.json").read_text())


def test_held_out_fixtures(story: Story) -> None:
    scores, _ = evaluate(story, FIXTURES)
    print("\nheld-out fixtures:\n" + scores.summary())
    assert not scores.failures(), "\n" + scores.summary()
