"""Stance: a registry of claim kinds, each a small explainable decision over the spans
of one passage (:mod:`claims.retrieve`), behind one classifier interface.

A kind (``quantity``, ``event``, ``state``, ``superlative``, ``report``, or one a
module adds with :func:`register`) says which of the claim's own term lists retrieval
must find and decides one passage: a :class:`Verdict` with a stance, a confidence, the
rule and the spans that decided it. :class:`RuleClassifier` runs the kinds; anything
with the same ``classify(passage)`` method (a model, an LLM) can stand in its place.
Verdicts below the confidence threshold are reported as ``mentions``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..dossier import Claim, Terms
from ..retrieve import Passage, Span

__all__ = [
    "KINDS",
    "STANCE_RANK",
    "ClaimKind",
    "Classifier",
    "RuleClassifier",
    "Verdict",
    "best",
    "kind",
    "register",
]

#: How strong a stance is when an article gives several for one claim.
STANCE_RANK = {"updates": 3, "contradicts": 2, "supports": 1, "mentions": 0}


@dataclass(frozen=True)
class Verdict:
    """What one passage says about one claim, and why."""

    stance: str
    confidence: float
    rule: str
    spans: tuple[Span, ...] = ()
    value: str | None = None
    quote: str = ""


class Classifier(Protocol):
    """Decides one (claim, passage) pair; ``name``/``version`` are stored with evidence."""

    name: str
    version: int

    def classify(self, passage: Passage) -> Verdict | None: ...


@dataclass(frozen=True)
class ClaimKind:
    """A kind of claim: the term lists retrieval finds for it, and its decision."""

    name: str
    terms: Callable[[Claim], Mapping[str, Terms]]
    decide: Callable[[Passage], Verdict | None]
    doc: str = ""
    needs: tuple[str, ...] = ()  # term lists of which one must match for ``decide`` to say anything


KINDS: dict[str, ClaimKind] = {}
_BUILTIN = ("quantity", "event", "state", "superlative", "report")


def register(k: ClaimKind) -> ClaimKind:
    """Add a claim kind (its module calls this at import)."""
    KINDS[k.name] = k
    return k


def kind(name: str) -> ClaimKind:
    """The registered kind ``name`` (the built-in kinds load on first use)."""
    if name not in KINDS and name in _BUILTIN:
        importlib.import_module(f"{__name__}.{name}")
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"no claim kind {name!r} (known: {', '.join(sorted(KINDS))})") from None


@dataclass
class RuleClassifier:
    """The deterministic, offline default: each kind's rules; verdicts under
    ``threshold`` become ``mentions``."""

    name: str = "rules"
    version: int = 4
    threshold: float = 0.5
    _kinds: dict[str, ClaimKind] = field(default_factory=dict)

    def classify(self, passage: Passage) -> Verdict | None:
        k = self._kinds.get(passage.claim.kind) or self._kinds.setdefault(
            passage.claim.kind, kind(passage.claim.kind)
        )
        v = k.decide(passage)
        if v is None:
            return None
        if v.stance != "mentions" and v.confidence < self.threshold:
            v = Verdict("mentions", v.confidence, v.rule + "; below threshold", v.spans, v.value)
        return Verdict(v.stance, round(v.confidence, 3), v.rule, v.spans, v.value, passage.quote)


def best(verdicts: Iterable[Verdict]) -> Verdict | None:
    """An article's verdict on a claim from its passages' verdicts: the strongest
    stance; among equals the most confident, then one that carries a value.

    The newest outcome an article reports wins over what it recalls: "it was delayed
    twice, and production finally began in July" is an update, not a contradiction —
    STANCE_RANK puts updates first for that reason."""
    out: Verdict | None = None
    for v in verdicts:
        if out is None or _key(v) > _key(out):
            out = v
    return out


def _key(v: Verdict) -> tuple[int, float, bool]:
    return STANCE_RANK[v.stance], v.confidence, v.value is not None
