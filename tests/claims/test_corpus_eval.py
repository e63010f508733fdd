"""Evaluation over the dev corpus in ../shared/corpus/dev (skipped when ../shared is absent).

Fails below: relevance F1 0.97, entity F1 0.95 (micro), verdict precision 0.90 and recall
0.85 (pairs article, claim, stance in supports/contradicts/updates; duplicates once), and
unless every claim status at the as-of dates of expected.json is equal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.dossier import builtin_story_path, load_story
from claims.evaluate import evaluate

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "corpus" / "dev"

pytestmark = pytest.mark.shared


def test_dev_corpus() -> None:
    if not (DEV / "articles").is_dir():
        pytest.skip(f"{DEV} is absent: ../shared (the dev corpus) is not checked out next to the repo")
    story = load_story(builtin_story_path("xai-supercomputer"))
    scores, _ = evaluate(story, DEV)
    print("\ndev corpus:\n" + scores.summary())
    assert scores.status_checked > 0, "expected.json lists no statuses"
    assert not scores.failures(), "\n" + scores.summary()
