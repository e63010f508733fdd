"""The claim engine: retrieval, then each (claim, passage) pair through a classifier,
then one verdict per claim and article.

This is the layered engine (``rules/4``): :mod:`claims.lang` (language tables),
:mod:`claims.retrieve` (passages as typed spans), :mod:`claims.stance` (a registry of
claim kinds behind one classifier interface).
"""

from __future__ import annotations

from .document import Document
from .dossier import Story
from .evidence import Evidence
from .retrieve import passages, read
from .stance import Classifier, RuleClassifier, Verdict, best, kind

__all__ = ["LayeredClassifier", "explain", "layered_evidence"]


def explain(story: Story, doc: Document, classifier: Classifier | None = None) -> dict[str, list[Verdict]]:
    """Every passage verdict for every claim the article addresses (for ``stories try``)."""
    clf = classifier or RuleClassifier()
    reading = read(story, doc)
    out: dict[str, list[Verdict]] = {}
    for claim in story.claims:
        k = kind(claim.kind)
        found = [v for p in passages(reading, claim, k.terms(claim), k.needs) if (v := clf.classify(p)) is not None]
        if found:
            out[claim.id] = found
    return out


def layered_evidence(story: Story, doc: Document, classifier: Classifier | None = None) -> list[Evidence]:
    """At most one Evidence per claim: the article's strongest verdict on it."""
    clf = classifier or RuleClassifier()
    out: list[Evidence] = []
    for claim_id, verdicts in explain(story, doc, clf).items():
        v = best(verdicts)
        if v is not None:
            out.append(
                Evidence(claim_id, v.stance, v.quote, v.value, v.rule, v.confidence, f"{clf.name}/{clf.version}")
            )
    return out


class LayeredClassifier:
    """The document-level classifier interface (``claims.evidence.StanceClassifier``)
    over the layered engine: what ``analyse`` uses unless told otherwise."""

    def __init__(self, classifier: Classifier | None = None) -> None:
        self.classifier = classifier or RuleClassifier()

    def classify(self, story: Story, doc: Document) -> list[Evidence]:
        return layered_evidence(story, doc, self.classifier)
