"""Drafting on the project's own articles (tests/fixtures/draft, one per language)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from claims.dossier import parse_story
from claims.draft import draft_dossier, draft_toml

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "draft"
PUBLISHED = dt.datetime(2024, 3, 5, tzinfo=dt.UTC)

# language -> (an alias the draft must find, claims as (kind, value or deadline))
EXPECTED: dict[str, tuple[str, list[tuple[str, Any]]]] = {
    "en": (
        "Nimbus Robotics",
        [
            ("event", dt.date(2024, 4, 30)),
            ("quantity", 1500),
            ("superlative", None),
            ("state", "ended"),
        ],
    ),
    "es": (
        "Solaria Verde",
        [
            ("quantity", 2000),
            ("event", dt.date(2025, 12, 31)),
            ("report", 800_000_000),
            ("superlative", None),
            ("state", "ended"),
        ],
    ),
    "zh": (
        "马斯特",
        [
            ("quantity", 20000),
            ("event", dt.date(2025, 12, 31)),
            ("quantity", 600),
            ("superlative", None),
        ],
    ),
    "fr": (
        "Aérolia",
        [("quantity", 1200), ("event", dt.date(2025, 12, 31)), ("report", 300_000_000)],
    ),
    "de": (
        "Nordwerk",
        [("quantity", 3000), ("event", dt.date(2025, 12, 31)), ("report", 500_000_000)],
    ),
}


def _draft(code: str) -> dict[str, Any]:
    title, _, body = (FIXTURES / f"{code}.txt").read_text(encoding="utf-8").partition("\n")
    return draft_dossier(title, body, code, PUBLISHED, f"fixture-{code}")


def _value(c: dict[str, Any]) -> Any:
    return c.get(
        "value",
        c.get("amount", c.get("deadline", c.get("state") if c["kind"] == "state" else None)),
    )


def strip_review(data: dict[str, Any]) -> dict[str, Any]:
    """The draft without the review keys the parser may not know yet."""
    for c in data.get("claims", []):
        c.pop("source_quote", None)
        c.pop("review", None)
    return data


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_fixture_draft_claims_and_entities(code: str) -> None:
    story = _draft(code)
    alias, claims = EXPECTED[code]
    assert any(alias in e["aliases"] for e in story["entities"])
    found = {
        (c["kind"], _value(c) if c["kind"] != "superlative" else None) for c in story["claims"]
    }
    for want in claims:
        assert want in found, (want, found)
    for c in story["claims"]:
        assert c["review"] is True and c["source_quote"] and c["text"] and c["about"]


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_fixture_draft_is_valid_toml_and_dossier(code: str) -> None:
    text = draft_toml(_draft(code), f"{code}.txt")
    assert text.startswith("# DRAFT")
    story = parse_story(strip_review(tomllib.loads(text)), f"{code}.toml")
    assert story.claims and story.relevance.require_any
    assert (
        set(story.search_queries)
        >= {"en", "es", "zh", "fr", "de"} - ({"zh"} if code != "zh" else set())
        or story.search_queries
    )


def test_no_claims_gives_an_empty_draft_that_says_why() -> None:
    story = draft_dossier(
        "A quiet day", "Nothing happened here. People walked by.", "en", PUBLISHED
    )
    assert story["claims"] == [] and "no checkable claim" in story["#"]
    assert "EMPTY DRAFT" in draft_toml(story)


def test_relative_deadlines_against_the_publication_date() -> None:
    text = "Acme dice que Acme lanzará el Robo 2 el próximo mes. Acme entregará 10.000 GPU a finales de este mes."
    story = draft_dossier("Acme", text, "es", dt.datetime(2024, 7, 10, tzinfo=dt.UTC))
    deadlines = {c["deadline"] for c in story["claims"] if c["kind"] == "event"}
    assert {dt.date(2024, 8, 31), dt.date(2024, 7, 31)} <= deadlines


def test_variants_grouped() -> None:
    from claims.draft.names import find_entities
    from claims.lang import language

    sentences = [
        "Grok2 llega pronto.",
        "Grok 2 fue entrenado por xAI.",
        "El Grok-2 de xAI compite.",
    ]
    groups = [
        e for e in find_entities("xAI y Grok 2", sentences, language("es")) if "Grok 2" in e.aliases
    ]
    assert len(groups) == 1 and {"Grok2", "Grok-2"} <= set(groups[0].aliases)
