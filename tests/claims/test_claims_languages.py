"""The bundled story in every main language: a French and a German report get verdicts,
and a dossier written for a language without a module says so once, naming it."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

from claims.dossier import builtin_story_path, load_story
from claims.evidence import analyse
from claims.lang import LanguageWarning
from claims.matching import is_relevant, match_entities

STORY = load_story(builtin_story_path("xai-supercomputer"))


@pytest.mark.parametrize(
    ("language", "title", "body", "published", "expected"),
    [
        ("fr", "xAI : le supercalculateur Colossus de Memphis a commencé l'entraînement",
         "Le supercalculateur de xAI à Memphis a commencé l'entraînement le 22 juillet, selon des analystes. "
         "Il compte désormais 200 000 GPU H100 et H200, le double de ce qui était prévu.",
         "2024-10-01", {"training-start": "supports", "gpu-count": "updates"}),
        ("de", "xAI: Der Supercomputer Colossus in Memphis ist in Betrieb",
         "Der Supercomputer von xAI in Memphis hat das Training am 22. Juli begonnen, sagen Analysten. "
         "xAI hat die Gespräche mit Oracle über eine Erweiterung beendet und baut den Cluster selbst.",
         "2024-07-30", {"training-start": "supports", "oracle-talks-ended": "supports"}),
    ],
)  # fmt: skip
def test_french_and_german_reports_get_verdicts(
    language: str, title: str, body: str, published: str, expected: dict[str, str]
) -> None:
    when = dt.datetime.fromisoformat(published).replace(tzinfo=dt.UTC)
    assert is_relevant(STORY, match_entities(STORY, title, body, language))
    got = {e.claim_id: e.stance for e in analyse(STORY, title, body, language, when)}
    assert {k: got.get(k) for k in expected} == expected, got


def test_a_language_without_a_module_warns_once_naming_it_and_the_dossier(tmp_path: Path) -> None:
    text = builtin_story_path("xai-supercomputer").read_text(encoding="utf-8")
    path = tmp_path / "story.toml"
    path.write_text(text.replace('language = "es"', 'language = "it"', 1), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_story(path)
        load_story(path)
    mine = [w for w in caught if issubclass(w.category, LanguageWarning)]
    assert len(mine) == 1 and "'it'" in str(mine[0].message) and str(path) in str(mine[0].message)
