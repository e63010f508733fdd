"""The blind held-out set (tests/fixtures/claims/heldout, written without sight of the
rules) must stay above the verdict floors: a regression guard, not a tuning target."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claims.dossier import builtin_story_path, load_story
from claims.evaluate import Article, Labels, predict, score

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "claims" / "heldout" / "articles.json"


def test_held_out_set() -> None:
    if not HELDOUT.is_file():
        pytest.skip(f"{HELDOUT} is absent")
    story = load_story(builtin_story_path("xai-supercomputer"))
    preds, labels = {}, {}
    for a in json.loads(HELDOUT.read_text()):
        lab = a["labels"]
        labels[a["id"]] = Labels(lab["relevant"], frozenset(lab["entities"]), lab["claims"], lab["duplicate_of"])
        published = dt.datetime.fromisoformat(a["published"].replace("Z", "+00:00"))
        art = Article(a["id"], a["title"], "\n\n".join(a["body"]), a["language"], published, labels[a["id"]])
        preds[a["id"]] = predict(story, art)
    scores = score(preds, labels)
    print("\nheld-out set:\n" + scores.summary())
    assert not scores.failures(), "\n" + scores.summary()
