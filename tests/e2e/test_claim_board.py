"""The three development stories end to end: each news web crawled through feeds,
sitemaps and listings, the board's verdicts and statuses scored against the labels
(floors and the issue's targets in tests/claims/floors.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from claims.dossier import builtin_story_path, load_story
from claims.evaluate import Labels, Prediction, score
from tests.claims.floors import misses
from tests.e2e.test_whole_web import whole_web_sources
from tests.helpers import followup, start_dev_web, write_config

pytestmark = pytest.mark.slow


def _key(title: str) -> str:
    """A title as text, whatever its spaces: French no-break spaces come back as spaces."""
    return " ".join(title.split())


def board(cfg: Path, *args: str) -> dict[str, Any]:
    return json.loads(followup("claims", "--format", "json", *args, config=cfg).stdout)


@pytest.mark.parametrize(
    ("corpus", "story_id"),
    [("dev", "xai-supercomputer"), ("cybertruck", "cybertruck"), ("tsmc-arizona", "tsmc-arizona")],
)
def test_crawled_dev_web_meets_the_floors(tmp_path: Path, corpus: str, story_id: str) -> None:
    web = start_dev_web(tmp_path / "web", corpus_name=corpus)
    try:
        cfg = write_config(
            tmp_path,
            f"sqlite:///{tmp_path / 'b.db'}",
            whole_web_sources(web),
            allow=web.base.split("//")[1],
            extra_crawl="keep_unmatched = true",
            story=f"builtin:{story_id}",
        )
        followup("init", config=cfg)
        followup("crawl", config=cfg)
    finally:
        web.server.stop()
    rows = json.loads(
        followup(
            "query", "--format", "json", "--include-duplicates", "--limit", "1000", config=cfg
        ).stdout
    )
    by_title = {_key(r["title"]): r for r in rows}
    stances: dict[int, dict[str, str]] = {}
    for claim in board(cfg)["claims"]:
        for ev in claim["evidence"]:
            stances.setdefault(ev["article_id"], {})[claim["id"]] = ev["stance"]
    labels: dict[str, Labels] = {}
    preds: dict[str, Prediction] = {}
    for a in web.articles:
        lab = a["labels"]
        labels[a["id"]] = Labels(
            lab["relevant"], frozenset(lab["entities"]), lab["claims"], lab["duplicate_of"]
        )
        row = by_title.get(_key(a["title"]))
        if row is None:
            continue
        preds[a["id"]] = Prediction(
            a["id"],
            story_id in row["stories"],
            frozenset(row["entities"]),
            stances.get(row["id"], {}),
            dt.datetime.fromisoformat(row["published"]),
        )
    story = load_story(builtin_story_path(story_id))
    scores = score(preds, labels, web.expected, story)
    print(f"\ncrawled {corpus} web:\n" + scores.summary())
    assert len(preds) == len(web.articles), "every page of the web is stored (keep_unmatched)"
    assert misses(corpus, scores) == [], scores.summary()
    # the product's own board, as users see it, gives the statuses the scoring computed
    wrong = 0
    for point in web.expected["as_of"]:
        got = {c["id"]: c["status"] for c in board(cfg, "--as-of", point["date"])["claims"]}
        wrong += sum(got[k] != v for k, v in point["claims"].items())
    assert wrong == len(scores.status_mismatches), scores.summary()


def test_demo_board_changes_between_dates(tmp_path: Path) -> None:
    out = followup("demo", "--keep", str(tmp_path / "demo"), timeout=300).stdout
    assert "articles about xai-supercomputer" in out
    cfg = tmp_path / "demo" / "followup.toml"
    early = {c["id"]: c["status"] for c in board(cfg, "--as-of", "2024-07-31")["claims"]}
    late = {c["id"]: c["status"] for c in board(cfg, "--as-of", "2025-12-31")["claims"]}
    assert early.keys() == late.keys() and len(early) == 7
    changed = {k for k in early if early[k] != late[k]}
    print(f"\ndemo board 2024-07-31 → 2025-12-31 changes: {sorted(changed)}")
    assert changed
    assert early["grok2-release"] == "unverified" and late["grok2-release"] == "confirmed"
