"""What an article says about each claim of a story: the Evidence model and the entry
points the crawl and the scoring call.

The claim engine behind them is the layered one (:mod:`claims.engine`: claims.lang,
claims.retrieve, claims.stance); anything with ``classify(story, doc) -> [Evidence]``
may stand in its place (a model, an LLM), and each Evidence names its classifier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .document import Document
from .dossier import Story
from .version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "STANCE_RANK",
    "Evidence",
    "StanceClassifier",
    "analyse",
    "analyse_document",
    "strongest",
]


#: How strong a stance is when one article gives several for the same claim.
STANCE_RANK = {"updates": 3, "contradicts": 2, "supports": 1, "mentions": 0}


@dataclass(frozen=True)
class Evidence:
    """What one article says about one claim.

    `stance` is supports, contradicts, updates or mentions; `quote` the sentence(s) that
    carry it; `value` the normalised figure, date or amount, if any; `rule` which rule
    decided (e.g. "quantity.smaller_qualified", "event.done_by_deadline; in the owner's
    words"); `confidence` how sure the classifier was (0-1) and `classifier` which one,
    by name and version ("rules/4").
    """

    claim_id: str
    stance: str
    quote: str
    value: str | None
    rule: str
    confidence: float = 1.0
    classifier: str = "rules/4"


class StanceClassifier(Protocol):
    """Anything that turns a prepared article into evidence (rules now, a model later)."""

    def classify(self, story: Story, doc: Document) -> list[Evidence]: ...


def analyse(
    story: Story,
    title: str,
    body: str,
    language: str | None,
    published: dt.datetime | None,
    classifier: StanceClassifier | None = None,
) -> list[Evidence]:
    """The strongest evidence of the article for each claim it addresses (at most one each).

    `published` resolves relative dates ("on Monday", "next month") and decides whether an
    event was reported before or after its deadline. Relevance is the caller's business.
    """
    return analyse_document(story, Document(title, body, language, published), classifier)


def analyse_document(
    story: Story, doc: Document, classifier: StanceClassifier | None = None
) -> list[Evidence]:
    """:func:`analyse` on a prepared Document, which may already carry the entity
    mentions of the relevance check (they are cached on it, not found twice)."""
    if classifier is None:
        from .engine import LayeredClassifier  # the default engine (rules/4)

        classifier = LayeredClassifier()
    found = classifier.classify(story, doc)
    return strongest(found, [c.id for c in story.claims])


def strongest(evidence: Iterable[Evidence], order: list[str] | None = None) -> list[Evidence]:
    """One evidence per claim: the highest STANCE_RANK; on ties the first that carries a
    value (a figure or date is more informative), else the first."""
    best: dict[str, Evidence] = {}
    for ev in evidence:
        cur = best.get(ev.claim_id)
        if (
            cur is None
            or STANCE_RANK[ev.stance] > STANCE_RANK[cur.stance]
            or (STANCE_RANK[ev.stance] == STANCE_RANK[cur.stance] and cur.value is None and ev.value is not None)
        ):
            best[ev.claim_id] = ev
    return [best[k] for k in (order or list(best)) if k in best]
