"""Evaluation over the three development stories in ../shared/corpus (skipped where
../shared is absent): the bundled xAI story, the Cybertruck and TSMC Arizona, each with
the dossier shipped in claims/stories. Floors and the issue's targets: tests/claims/floors.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.dossier import builtin_story_path, load_story
from claims.evaluate import evaluate
from tests.claims.floors import misses

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

pytestmark = pytest.mark.shared


@pytest.mark.parametrize(("corpus", "story_id"), [("dev", "xai-supercomputer"), ("cybertruck", "cybertruck"), ("tsmc-arizona", "tsmc-arizona")])
def test_dev_corpus(corpus: str, story_id: str) -> None:
    directory = SHARED / "corpus" / corpus
    if not (directory / "articles").is_dir():
        pytest.skip(f"{directory} is absent: ../shared (the dev corpora) is not checked out next to the repo")
    story = load_story(builtin_story_path(story_id))
    scores, _ = evaluate(story, directory)
    print(f"\n{corpus}:\n" + scores.summary())
    assert scores.status_checked > 0, "expected.json lists no statuses"
    assert not misses(corpus, scores), "\n" + scores.summary()
