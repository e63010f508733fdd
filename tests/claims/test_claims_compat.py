"""Dossiers in the previous format keep working with the layered engine: unit words
written out that name a measure convert like a named unit."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from claims.document import Document
from claims.dossier import QuantitySpec, Story, parse_story
from claims.engine import explain

ACME = Path(__file__).resolve().parents[1] / "fixtures" / "claims" / "stories" / "acme-plant.toml"


def _story() -> Story:
    data = tomllib.loads(ACME.read_text(encoding="utf-8"))
    data["claims"].append(
        {"id": "stay", "text": "The mission lasts about eight days.", "kind": "quantity", "about": ["acme"],
         "value": 8, "unit": {"en": ["days", "day"]}, "larger": "contradicts", "smaller": "contradicts"}
    )  # fmt: skip
    return parse_story(data, str(ACME))


@pytest.mark.parametrize(
    ("text", "stance", "value"),
    [
        ("The Acme crew stayed eight days.", "supports", "8"),
        ("The Acme crew spent 286 days in orbit.", "contradicts", "286"),
        ("The Acme crew stayed more than nine months.", "contradicts", "9"),
    ],
)
def test_written_out_unit_words_convert(text: str, stance: str, value: str) -> None:
    story = _story()
    got = explain(story, Document("Acme", [text], "en", dt.datetime(2025, 3, 20)))
    assert [(v.stance, v.value) for v in got["stay"]] == [(stance, value)]


def test_the_words_stay_as_written() -> None:
    story = _story()
    spec = story.claim("stay").spec
    assert isinstance(spec, QuantitySpec)
    assert spec.unit == {"en": ("days", "day")} and spec.unit_concept == "duration"
    written = next(c for c in story.to_dict()["claims"] if c["id"] == "stay")
    assert written["unit"] == {"en": ["days", "day"]}
