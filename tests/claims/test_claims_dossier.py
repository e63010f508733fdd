"""Dossier loading, validation errors that name file and key, fingerprints, a foreign story."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from claims import analyse, is_relevant, match_entities
from claims.dossier import (
    KINDS,
    DossierError,
    Story,
    builtin_story_names,
    builtin_story_path,
    load_story,
    parse_story,
    story_fingerprint,
)
from tests.conftest import XAI_CLAIMS, XAI_ENTITIES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
CLAIM_IDS = XAI_CLAIMS
ENTITY_IDS = XAI_ENTITIES


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(builtin_story_path("xai-supercomputer"))


def test_bundled_story_has_the_contract_ids(story: Story) -> None:
    assert story.id == "xai-supercomputer"
    assert story.language == "es"
    assert story.source_url.startswith("https://")
    assert story.published is not None and story.published.tzinfo is not None
    assert [c.id for c in story.claims] == CLAIM_IDS
    assert {e.id for e in story.entities} == ENTITY_IDS
    kinds = {c.id: c.kind for c in story.claims}
    assert kinds == {
        "gpu-count": "quantity",
        "training-start": "event",
        "oracle-talks-ended": "state",
        "most-powerful": "superlative",
        "oracle-24k-grok2": "quantity",
        "grok2-release": "event",
        "oracle-10b-deal": "report",
    }
    deadlines = {c.id: c.deadline for c in story.claims if c.deadline}
    assert deadlines == {
        "training-start": dt.date(2024, 7, 31),
        "grok2-release": dt.date(2024, 8, 31),
    }
    assert set(story.relevance.require_any) == {"xai", "colossus"}
    assert set(story.search_queries) >= {"en", "es", "zh"}
    assert "xai-supercomputer" in builtin_story_names()


def test_to_dict_is_json_and_round_trips(story: Story) -> None:
    d = story.to_dict()
    again = parse_story(json.loads(json.dumps(d)), "round-trip")
    assert again == story
    assert story_fingerprint(again) == story_fingerprint(story)


def test_fingerprint_is_stable_and_tracks_changes(story: Story) -> None:
    d = story.to_dict()
    assert story_fingerprint(parse_story(copy.deepcopy(d), "a")) == story_fingerprint(story)
    d["claims"][0]["value"] = 200000
    assert story_fingerprint(parse_story(d, "b")) != story_fingerprint(story)
    assert len(story_fingerprint(story)) == 64


def test_story_pickles(story: Story) -> None:
    # Crawl workers receive stories and entity counts across processes.
    assert pickle.loads(pickle.dumps(story)) == story
    counts = match_entities(story, "xAI and Oracle", "xAI said Oracle ...", "en")
    again = pickle.loads(pickle.dumps(counts))
    assert again == counts and again.lead == counts.lead  # type: ignore[attr-defined]


def test_builtin_path_errors() -> None:
    with pytest.raises(DossierError, match=r"builtin:nope: no such bundled story"):
        builtin_story_path("nope")
    with pytest.raises(DossierError, match="not a valid story name"):
        builtin_story_path("../etc")


def _base() -> dict[str, Any]:
    return json.loads(json.dumps(load_story(builtin_story_path("xai-supercomputer")).to_dict()))


def _mutate(path: str, value: Any) -> dict[str, Any]:
    d = _base()
    node: Any = d
    parts = path.split(".")
    for p in parts[:-1]:
        node = node[int(p)] if p.isdigit() else node[p]
    last = parts[-1]
    if value is _DELETE:
        del node[int(last) if last.isdigit() else last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return d


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("claims.2.kind", "opinion", r"x\.toml: claims\[2\]\.kind: must be one of quantity, event"),
        ("claims.1.deadline", _DELETE, r"claims\[1\]\.deadline: is required for an event claim"),
        ("claims.0.value", "lots", r"claims\[0\]\.value: must be a number"),
        ("claims.0.valeu", 1, r"claims\[0\]\.valeu: unknown key"),
        ("claims.0.about", ["skynet"], r"claims\[0\]\.about\[0\]: unknown entity 'skynet'"),
        ("claims.0.larger", "maybe", r"claims\[0\]\.larger: must be one of supports"),
        ("claims.0.unit", "furlongs", r"claims\[0\]\.unit: .furlongs. is neither a unit concept"),
        (
            "claims.1.deadline",
            "end of july",
            r"claims\[1\]\.deadline: 'end of july' must be a date",
        ),
        ("entities.0.id", "Bad Id", r"entities\[0\]\.id: 'Bad Id' must match"),
        ("entities.1.type", "robot", r"entities\[1\]\.type: must be one of person, org"),
        ("entities.0.aliases", _DELETE, r"entities\[0\]\.aliases: is required"),
        (
            "entities.4.contextual.0.near",
            ["nobody"],
            r"entities\[4\]\.contextual\[0\]\.near\[0\]: unknown entity",
        ),
        (
            "relevance.require_any",
            ["ghost"],
            r"relevance\.require_any\[0\]: unknown entity 'ghost'",
        ),
        ("relevance.min_mentions", 0, r"relevance\.min_mentions: must be >= 1"),
        ("source_url", "ftp://x", r"source_url: must be an http\(s\) URL"),
        ("language", "Spanish", r"language: 'Spanish' must be a language code"),
        ("published", "yesterday", r"published: 'yesterday' must be an ISO 8601"),
        ("search_queries", {"english": ["x"]}, r"search_queries\.english: must be a language code"),
        ("claims.0.unit", {"en": "GPU"}, None),  # a single string is accepted as a list
        (
            "claims.0.unit",
            {"en": ["re:(unclosed"]},
            r"claims\[0\]\.unit\.en\[0\]: invalid regular expression",
        ),
        ("colour", "red", r"x\.toml: colour: unknown key"),
    ],
)
def test_errors_name_file_and_key(path: str, value: Any, message: str | None) -> None:
    d = _mutate(path, value)
    if message is None:
        parse_story(d, "stories/x.toml")
        return
    with pytest.raises(DossierError, match=message):
        parse_story(d, "stories/x.toml")


def test_duplicate_ids_are_errors() -> None:
    d = _base()
    d["claims"][1]["id"] = "gpu-count"
    with pytest.raises(DossierError, match=r"claims\[1\]\.id: duplicate claim id 'gpu-count'"):
        parse_story(d, "x.toml")
    d = _base()
    d["entities"][1]["id"] = "xai"
    with pytest.raises(DossierError, match=r"entities\[1\]\.id: duplicate entity id 'xai'"):
        parse_story(d, "x.toml")


def test_kinds_listed_in_the_error() -> None:
    d = _mutate("claims.0.kind", "vibe")
    with pytest.raises(DossierError) as err:
        parse_story(d, "s.toml")
    assert all(k in str(err.value) for k in KINDS)


def test_load_story_reports_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    with pytest.raises(DossierError, match=r"broken\.toml: invalid TOML"):
        load_story(bad)
    with pytest.raises(DossierError, match=r"missing\.toml: cannot read"):
        load_story(tmp_path / "missing.toml")
    empty = tmp_path / "empty.toml"
    empty.write_text('id = "empty"\n', encoding="utf-8")
    with pytest.raises(DossierError, match=r"empty\.toml: title: is required"):
        load_story(empty)


def test_a_story_about_something_else() -> None:
    """The engine knows nothing about xAI: a battery-plant dossier works the same way."""
    acme = load_story(FIXTURES / "stories" / "acme-plant.toml")
    pub = dt.datetime(2025, 4, 2, tzinfo=dt.UTC)
    title = "Acme opens Valencia battery plant"
    body = (
        "Acme opened its Valencia Gigaplant on March 28, days ahead of schedule.\n"
        "The plant employs only 3,200 workers for now, the regional government said.\n"
        "Jane Roe called it the home of the cheapest batteries in Europe.\n"
        "Acme's partnership with Beta Motors continues, both companies said.\n"
        "The $2 billion loan for the plant fell through last year."
    )
    ents = match_entities(acme, title, body, "en")
    assert {"acme", "plant", "valencia", "roe"} <= set(ents)
    assert is_relevant(acme, ents)
    got = {e.claim_id: (e.stance, e.rule) for e in analyse(acme, title, body, "en", pub)}
    assert got["opening"][0] == "supports"
    assert got["workers"][0] == "contradicts"
    assert got["cheapest"][0] == "mentions"  # the CEO's own words
    assert got["beta-ended"][0] == "contradicts"
    assert got["investment"][0] == "updates"
    # and the xAI dossier finds nothing here
    xai = load_story(builtin_story_path("xai-supercomputer"))
    assert not is_relevant(xai, match_entities(xai, title, body, "en"))
