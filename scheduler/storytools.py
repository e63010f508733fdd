"""`followup stories try` and `followup stories test`: explain a story's verdicts on a
text, and score a story on a folder of labelled articles (the corpus format).

Use cases only: the CLI parses, these compute, scheduler.output prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path
from typing import Any

from claims.document import Document
from claims.dossier import Story
from claims.engine import explain
from claims.evaluate import Scores, evaluate
from claims.matching import is_relevant, match_entities
from claims.stance import best

__all__ = ["StoryToolError", "test_story", "try_story"]


class StoryToolError(ValueError):
    """Bad input to stories try/test; the message names the file or the option."""


def try_story(story: Story, text: str, language: str | None, published: dt.datetime | None) -> dict[str, Any]:
    """The stance of ``text`` (a headline on its first line, then the body) on each
    claim it addresses, with the confidence, the rule and the spans that decided it
    (interface.md: {"story", "claims": [{"id", "stance", "confidence", "rule",
    "quote", "value", "spans"}]}). Claims the text does not address are absent."""
    if not text.strip():
        raise StoryToolError("the text is empty: give the article's text (headline on the first line)")
    title, _, body = text.strip().partition("\n")
    doc = Document(title, body or "", language or _identify(text) or story.language, published)
    entities = match_entities(story, title, body, doc.language)
    out: dict[str, Any] = {
        "story": story.id,
        "language": doc.language,
        "relevant": is_relevant(story, entities),
        "entities": dict(entities),
        "claims": [],
    }
    for claim_id, verdicts in explain(story, doc).items():
        v = best(verdicts)
        if v is None:
            continue
        out["claims"].append(
            {
                "id": claim_id,
                "stance": v.stance,
                "confidence": v.confidence,
                "rule": v.rule,
                "quote": v.quote,
                "value": v.value,
                "spans": [asdict(s) for s in v.spans],
                "passages": len(verdicts),
            }
        )
    return out


def _identify(text: str) -> str | None:
    """The text's language, as the crawler identifies pages that do not declare it."""
    from crawler.extraction import detect_language

    code, _confidence = detect_language(text)
    return code


def test_story(story: Story, directory: Path) -> tuple[Scores, dict[str, Any]]:
    """Relevance, entities, verdict pairs and statuses of ``story`` on a labelled
    folder (``articles/*.json`` and optionally ``expected.json``)."""
    if not (directory / "articles").is_dir():
        raise StoryToolError(f"{directory}: no articles/ folder of labelled articles (see docs/dossier.md)")
    scores, _ = evaluate(story, directory)
    summary = {
        "story": story.id,
        "directory": str(directory),
        "relevance": _prf(scores.relevance),
        "entities": _prf(scores.entities),
        "verdicts": _prf(scores.verdicts),
        "statuses": {"checked": scores.status_checked, "wrong": scores.status_mismatches},
        "mistakes": scores.mistakes,
    }
    return scores, summary


def _prf(x: Any) -> dict[str, float | int]:
    return {"precision": round(x.precision, 3), "recall": round(x.recall, 3), "f1": round(x.f1, 3),
            "tp": x.tp, "fp": x.fp, "fn": x.fn}  # fmt: skip
