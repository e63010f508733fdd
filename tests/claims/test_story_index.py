"""claims.index: one scan of a page names the stories it may be about, never missing one."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.dossier import Story, builtin_story_path, load_story
from claims.index import StoryIndex
from claims.matching import is_relevant, match_entities
from tests.claims.test_prefilter import ARTICLES
from tests.conftest import ROOT

XAI = load_story(builtin_story_path("xai-supercomputer"))
ACME = load_story(ROOT / "tests" / "fixtures" / "claims" / "stories" / "acme-plant.toml")
INDEX = StoryIndex([XAI, ACME])  # two stories: substring scans


def copies(story: Story, n: int) -> list[Story]:
    return [dataclasses.replace(story, id=f"{story.id}-{i}") for i in range(n)]


def tagged(story: Story, i: int) -> Story:
    """A different story: every entity name tagged (xAI -> xAI q3)."""

    def tag(terms: dict) -> dict:
        return {lang: tuple(f"{t} q{i}" for t in ts) for lang, ts in terms.items()}

    ents = tuple(
        dataclasses.replace(e, aliases=tag(e.aliases), ambiguous=tag(e.ambiguous))
        for e in story.entities
    )
    return dataclasses.replace(story, id=f"{story.id}-q{i}", entities=ents)


OTHERS = [tagged(XAI, i) for i in range(1, 6)]
AUTOMATON = StoryIndex([XAI, ACME, *OTHERS])  # more gates than SCAN_GATES: one automaton pass


def test_both_ways_are_used() -> None:
    assert INDEX._automaton is None
    assert AUTOMATON._automaton is not None


def relevant(story: Story, title: str, body: str, lang: str | None) -> bool:
    return is_relevant(story, match_entities(story, title, body, lang))


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_every_relevant_article_is_a_candidate(article: dict) -> None:
    body = "\n\n".join(article["body"])
    page = f"<h1>{article['title']}</h1><p>{body}</p>"
    got = {s.id for s in INDEX.candidates(page)}
    assert got == {s.id for s in AUTOMATON.candidates(page)} & got
    assert {s.id for s in AUTOMATON.candidates(page)} <= got  # the tagged copies name nothing
    for story in (XAI, ACME):
        if relevant(story, article["title"], body, article["language"]):
            assert story.id in got


def test_it_gates_at_all() -> None:
    """Most off-topic pages open no story; a story's own words open it alone."""
    off = [a for a in ARTICLES if not a["labels"]["relevant"]]
    closed = [a for a in off if not INDEX.candidates(a["title"] + "\n" + "\n".join(a["body"]))]
    assert len(closed) >= len(off) // 3
    assert INDEX.candidates("Oracle reported quarterly earnings; the database unit grew.") == ()
    assert INDEX.candidates("xAI said its Memphis cluster now runs 100,000 H100s.") == (XAI,)


def test_distinct_stories_open_alone() -> None:
    assert AUTOMATON.candidates("xAI said its Memphis cluster now runs 100,000 H100s.") == (XAI,)
    text = "xAI q3 said its Memphis q3 cluster now runs 100,000 H100 q3 GPUs."
    assert AUTOMATON.candidates(text) == (XAI, OTHERS[2])  # "xai q3" holds "xai": a superset
    assert AUTOMATON.candidates("Oracle reported quarterly earnings.") == ()


def test_copies_of_a_dossier_share_one_gate() -> None:
    many = copies(XAI, 100)
    index = StoryIndex(many)
    assert len(index._gates) == 1
    assert index.candidates("xAI said its Memphis cluster now runs 100,000 H100s.") == tuple(many)
    assert index.candidates("Oracle's database unit grew.") == ()


def test_a_story_without_plain_literals_is_always_a_candidate() -> None:
    xai = next(e for e in XAI.entities if e.id == "xai")
    odd = dataclasses.replace(xai, aliases={"*": ("re:x\\.?ai",)})
    story = dataclasses.replace(
        XAI, id="odd", entities=tuple(odd if e.id == "xai" else e for e in XAI.entities)
    )
    index = StoryIndex([XAI, story])
    assert index.candidates("nothing about anything") == (story,)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("xAIaiColsusMemphisOracleNvdH10超算孟菲斯集群 .,")),
        max_size=200,
    )
)
def test_the_gate_is_a_necessary_condition(text: str) -> None:
    got = set(INDEX.candidates(text))
    assert set(AUTOMATON.candidates(text)) & {XAI, ACME} == got
    for story in (XAI, ACME):
        if relevant(story, "", text, None):
            assert story in got
