"""The page prefilter never drops an article the matcher would find relevant."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.dossier import builtin_story_path, load_story
from claims.matching import is_relevant, match_entities, may_be_relevant
from tests.conftest import ROOT, SHARED

STORY = load_story(builtin_story_path("xai-supercomputer"))


def articles() -> list[dict]:
    out = []
    for folder in (ROOT / "tests" / "fixtures" / "claims" / "articles", SHARED / "corpus" / "dev" / "articles"):
        if folder.is_dir():
            for f in sorted(folder.glob("*.json")):
                out.extend(json.loads(f.read_text(encoding="utf-8")))
    from scheduler.demo.site import load_demo_articles

    out.extend(load_demo_articles())
    return out


ARTICLES = articles()


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_relevant_articles_pass_the_prefilter(article: dict) -> None:
    body = "\n\n".join(article["body"])
    relevant = is_relevant(STORY, match_entities(STORY, article["title"], body, article["language"]))
    if relevant or article["labels"]["relevant"]:
        assert may_be_relevant(STORY, f"<h1>{article['title']}</h1><p>{body}</p>")


def test_prefilter_skips_pages_about_something_else() -> None:
    off_topic = [a for a in ARTICLES if not a["labels"]["relevant"]]
    skipped = [a for a in off_topic if not may_be_relevant(STORY, a["title"] + "\n" + "\n".join(a["body"]))]
    assert len(skipped) >= len(off_topic) // 3
    assert not may_be_relevant(STORY, "Oracle reported quarterly earnings; the database unit grew.")
    assert may_be_relevant(STORY, "xAI said its Memphis cluster now runs 100,000 H100s.")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("xAIaiColsusMemphisOracle超算孟菲斯 .,")), max_size=200))
def test_prefilter_is_a_necessary_condition(text: str) -> None:
    if is_relevant(STORY, match_entities(STORY, "", text, None)):
        assert may_be_relevant(STORY, text)


_PIECES = ["xai", "xai corp", "colossus", "colossus 2", "h100", "h100s", "集群", "超级集群", "a", ""]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=6),
    st.lists(st.sampled_from([*_PIECES, " ", "x", "co", "2", "超级"]), max_size=8).map("".join),
)
def test_minimal_literals_answer_as_all_of_them(literals: list[str], text: str) -> None:
    """Dropping the literals that contain another one changes no answer of `any(... in text)`."""
    from claims.matching import _minimal

    kept = _minimal(literals)
    assert set(kept) <= set(literals)
    assert any(lit in text for lit in kept) == any(lit in text for lit in literals)


def test_the_story_prefilter_scans_fewer_literals() -> None:
    from claims.matching import _prefilter

    pf = _prefilter(STORY)
    assert pf is not None
    assert "xai" in pf.direct and "xai corp" not in pf.direct  # "xai" finds it too
    assert "h100" in pf.support and "h100s" not in pf.support
