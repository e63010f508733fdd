"""analyse() runs on every relevant article: it must stay fast (aim: < 5 ms per 1,000 words).

The bound asserted here is loose (shared CI machines are noisy); it catches a regression
of several times, not a few per cent. benchmarks print the real figures.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from pathlib import Path

from claims import analyse, is_relevant, match_entities
from claims.dossier import builtin_story_path, load_story

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims" / "articles"


def _long_article() -> str:
    paras = [p for f in sorted(FIXTURES.glob("batch1-en.json")) for a in json.loads(f.read_text()) for p in a["body"]]
    body = "\n".join(paras)
    while len(body.split()) < 1000:
        body += "\n" + "\n".join(paras)
    return " ".join(body.split(" ")[:1000])


def test_analyse_is_fast() -> None:
    story = load_story(builtin_story_path("xai-supercomputer"))
    body = _long_article()
    published = dt.datetime(2024, 9, 3, tzinfo=dt.UTC)
    analyse(story, "xAI Colossus", body, "en", published)  # compile the story's patterns once
    runs = []
    for _ in range(15):
        t = time.perf_counter()
        is_relevant(story, match_entities(story, "xAI Colossus", body, "en"))
        analyse(story, "xAI Colossus", body, "en", published)
        runs.append(time.perf_counter() - t)
    median_ms = statistics.median(runs) * 1000
    print(f"\nmatch + relevance + analyse, 1,000 claim-dense words: {median_ms:.1f} ms (median of 15)")
    assert median_ms < 40


def test_warm_up_compiles_everything_in_advance() -> None:
    from claims import warm_up

    story = load_story(builtin_story_path("xai-supercomputer"))
    warm_up(story)
    t = time.perf_counter()
    analyse(story, "xAI", "El clúster de xAI en Memphis tiene 100.000 GPU.", "es", None)
    assert time.perf_counter() - t < 0.05  # no compilation left on the first article
