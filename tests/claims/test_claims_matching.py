"""Entity senses (look-alikes stay out) and the relevance rule."""

from __future__ import annotations

import pytest

from claims import is_relevant, match_entities
from claims.dossier import Story, builtin_story_path, load_story
from claims.matching import EntityCounts


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(builtin_story_path("xai-supercomputer"))


@pytest.mark.parametrize(
    ("title", "body", "language", "expected"),
    [
        ("xAI's cluster", "Elon Musk's xAI runs Nvidia H100 chips in Memphis.", "en",
         {"xai", "musk", "nvidia", "h100", "memphis", "colossus"}),
        ("", "x.AI and Oracle talked; Grok-2 mini shipped.", "en", {"xai", "oracle", "grok2"}),
        ("", "马斯克的xAI在孟菲斯的超算使用英伟达芯片，甲骨文出租算力。", "zh",
         {"musk", "xai", "memphis", "colossus", "nvidia", "oracle"}),
        ("", "El superordenador de xAI en Memphis, la gigafábrica de computación.", "es",
         {"xai", "memphis", "colossus"}),
        ("", "The Memphis Supercluster is now called Colossus.", "en", {"memphis", "colossus"}),
    ],
)  # fmt: skip
def test_entities_in_three_languages(story: Story, title: str, body: str, language: str, expected: set[str]) -> None:
    assert set(match_entities(story, title, body, language)) == expected


@pytest.mark.parametrize(
    ("body", "absent"),
    [
        ("Explainable AI, or XAI, helps doctors trust a model. XAI tools show why.", "xai"),
        ("La inteligencia artificial explicable (XAI) llega a la banca.", "xai"),
        ("可解释人工智能（XAI）进入风控。", "xai"),
        ("To grok a codebase, read its tests. Developers grok faster that way.", "grok2"),
        ("Grok 3 and Grok 4 are newer than anything before.", "grok2"),
        ("Bletchley Park's Colossus helped break wartime codes in Memphis, Egypt? No.", "colossus"),
        ("Colossus, the codebreaking machine, used valves; Musk was not born.", "colossus"),
        ("The Memphis Grizzlies rookie they call Colossus blocked six shots.", "colossus"),
        ("Tesla trains self-driving software on Dojo, its supercomputer, Musk said.", "colossus"),
        ("The oracle at Delphi spoke in riddles.", "oracle"),
    ],
)
def test_look_alikes_do_not_count(story: Story, body: str, absent: str) -> None:
    assert absent not in match_entities(story, "", body, "en")


def test_uppercase_xai_counts_without_explainable_context(story: Story) -> None:
    assert "xai" in match_entities(story, "XAI RAISES $6 BILLION", "Musk's XAI grows.", "en")


def test_headline_repeated_in_body_is_counted_once(story: Story) -> None:
    once = match_entities(story, "xAI builds in Memphis", "Body text.", "en")
    twice = match_entities(story, "xAI builds in Memphis", "xAI builds in Memphis\nBody text.", "en")
    assert once == twice


@pytest.mark.parametrize(
    ("title", "body", "relevant"),
    [
        # about the cluster / the Oracle deal / Grok 2: relevant
        ("xAI starts training in Memphis", "The cluster has 100,000 GPUs.", True),
        ("Oracle and xAI in talks", "The deal could be worth billions.", True),
        ("Grok 2 trained on Oracle chips, filings show", "Oracle rented the GPUs.\n\nxAI did not comment.", True),
        # passing mentions: not relevant
        ("AI startups raise record sums", "Investors backed OpenAI.\n\nOthers included Mistral and Elon Musk's xAI.", False),
        ("Oracle earnings preview", "Cloud growth matters.\n\nCustomers include OpenAI and xAI.", False),
        ("Hands-on with Grok 3", "xAI's Grok 3 is fast. xAI says it reasons well.", False),
        ("H100 rental prices fall", "Renting an Nvidia H100 is cheaper.\n\nBuyers such as xAI, whose Colossus sits in Memphis, own chips.", False),
        # look-alikes only: not relevant
        ("Oracle patches its database", "Oracle fixed 200 bugs.", False),
        ("Memphis wins", "The Memphis team won.", False),
    ],
)  # fmt: skip
def test_relevance(story: Story, title: str, body: str, relevant: bool) -> None:
    assert is_relevant(story, match_entities(story, title, body, "en")) is relevant


def test_relevance_with_plain_counts(story: Story) -> None:
    # Without lead/sentence information the rule falls back to total mentions.
    assert is_relevant(story, {"xai": 2, "oracle": 1})
    assert not is_relevant(story, {"xai": 1, "oracle": 3})
    assert not is_relevant(story, {"oracle": 5, "grok2": 2, "h100": 1})
    assert not is_relevant(story, {"xai": 3, "musk": 2})
    assert is_relevant(story, EntityCounts({"xai": 1, "oracle": 1}, lead={"xai": 1}))
