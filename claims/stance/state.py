"""state: a state of affairs ("the talks ended", "the glass is shatter-resistant").

The claim's ``state`` words (and, when the dossier names a concept such as
``"ended"``, the language's words for it) assert the state; ``opposite`` words deny
it; ``alternative`` words are another way to say it ("builds its own instead");
``updated`` words report a later, different arrangement. A negation in the clause
flips state and opposite; a plan or a condition leaves a mention. A state word counts
only in a sentence about the claim's ``topic`` when the dossier gives one.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..dossier import Claim, StateSpec, Terms
from ..retrieve import Passage
from . import ClaimKind, Verdict, register
from .common import addressed, negated, planned, subject_near, verdict

_FLIP = {"supports": "contradicts", "contradicts": "supports"}


def _terms(claim: Claim) -> Mapping[str, Terms]:
    spec = claim.spec
    assert isinstance(spec, StateSpec)
    return {
        "state": spec.state,
        "opposite": spec.opposite,
        "alternative": spec.alternative,
        "updated": spec.updated,
        "topic": spec.topic,
    }


def _hits(p: Passage, spec: StateSpec, name: str, concept: str | None) -> list[tuple[int, int]]:
    own = p.terms[name]
    generic = p.sentence.cues[concept] if concept else []
    return sorted({*own, *generic})


def decide(p: Passage) -> Verdict | None:
    spec = p.claim.spec
    assert isinstance(spec, StateSpec)
    updated = _hits(p, spec, "updated", spec.updated_concept)
    if updated:
        return verdict(p, "updates", 0.75, "state.updated", (p.span("updated", *updated[0]),))
    for name, stance, concept in (
        ("state", "supports", spec.state_concept),
        ("alternative", "supports", None),
        ("opposite", "contradicts", spec.opposite_concept),
    ):
        for hit in _hits(p, spec, name, concept):
            v = _weigh(p, hit, name, stance)
            if v is not None:
                return v
    return None


def _on_topic(p: Passage, spec: StateSpec, pos: int, name: str) -> bool:
    """A state word counts where its clause is about the claim: it names the claim's
    topic (when the dossier gives one), else its subject."""
    lo, hi = p.sentence.clause(pos)
    if name in ("alternative",):
        return True  # "builds its own instead" says the state and its topic at once
    if spec.topic:
        here = any(lo <= s < hi for s, _ in p.terms["topic"])
        return here or (p.coreferent and bool(p.terms["topic"]))
    return subject_near(p, pos)


def _weigh(p: Passage, hit: tuple[int, int], name: str, stance: str) -> Verdict | None:
    spec = p.claim.spec
    assert isinstance(spec, StateSpec)
    if not _on_topic(p, spec, hit[0], name):
        return None
    span = p.span(name, *hit)
    plan = planned(p, hit[0]) if name != "alternative" else None  # "will build its own" is the choice made
    if plan:
        return addressed(p, f"state.{name}_planned", (span, p.span("plan", *plan)))
    neg = negated(p, hit[0])
    if neg:
        return verdict(p, _FLIP[stance], 0.7, f"state.{name}_negated", (span, p.span("negation", *neg)))
    return verdict(p, stance, 0.8, f"state.{name}", (span,))


register(ClaimKind("state", _terms, decide, __doc__ or ""))
