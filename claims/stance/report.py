"""report: a reported amount of money (a deal "worth about US$10 billion", a price
"from $39,900").

The claim's amount in its currency supports it (a deal in the making, a price stated
in the article's voice); a denial contradicts; a dropped deal is ``dropped`` (updates
by default); another amount is ``changed`` (contradicts by default; a new official
price ``updates``). An older amount recalled ("had been", "originally") is no verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..dossier import Claim, ReportSpec, Terms
from ..lang.numbers import Figure
from ..retrieve import Passage
from . import ClaimKind, Verdict, register
from .common import (
    addressed,
    fmt,
    negated,
    negated_clause,
    recalled,
    subject_near,
    verdict,
)


def _terms(claim: Claim) -> Mapping[str, Terms]:
    spec = claim.spec
    assert isinstance(spec, ReportSpec)
    return {"topic": spec.topic, "near": spec.near, "dropped": spec.dropped, "denied": spec.denied}


def _money(p: Passage, spec: ReportSpec) -> list[Figure]:
    return [f for f in p.sentence.figures if f.currency == spec.currency and f.value >= 1]


def _said_of_subject(p: Passage, pos: int) -> bool:
    """An amount is the subject's when the subject is named before it in the sentence
    or in its clause ("xAI … negotiating a deal, worth about $10 billion"), not only
    after it ("Tesla earned $5.5 billion …, but the Cybertruck …")."""
    return subject_near(p, pos)


def _said(p: Passage, spec: ReportSpec) -> list[tuple[int, int]]:
    """What makes the amount the claim's: the dossier's ``near`` (words, or a cue such
    as "negotiation": the deal must be in the making), else its topic or a deal or
    price word."""
    if spec.near_concept:
        return [*p.terms["near"], *p.sentence.cues[spec.near_concept]]
    if spec.near:
        return p.terms["near"]
    return _topic(p)


def _topic_near(p: Passage, pos: int) -> bool:
    """The claim's topic word next to an amount ("a grant of $6.6 billion"): another
    amount elsewhere in the sentence is another thing's."""
    lo, hi = p.sentence.clause(pos)
    words = p.terms["topic"] or p.sentence.cues["negotiation"]
    return any(lo <= s < hi for s, _ in words)


def _on_claim(p: Passage, pos: int, topic: list[tuple[int, int]]) -> bool:
    """A denial or a dropped deal counts in the clause that holds the amount or the
    claim's topic word, not anywhere in the sentence."""
    spec = p.claim.spec
    assert isinstance(spec, ReportSpec)
    money = _money(p, spec)
    if any(abs(f.value - spec.amount) <= spec.tolerance * spec.amount for f in money):
        return True  # the claim's own amount is in the sentence
    lo, hi = p.sentence.clause(pos)
    return any(lo <= x < hi for x in [f.start for f in money] + [s for s, _ in topic])


def _other_claims_amount(p: Passage, f: Figure) -> bool:
    """An amount that is another report claim's ($65 billion of investment in a
    sentence on the $6.6 billion grant) belongs to that claim."""
    for c in p.reading.story.claims:
        spec = c.spec
        if (
            c.id != p.claim.id
            and isinstance(spec, ReportSpec)
            and spec.currency == f.currency
            and abs(f.value - spec.amount) <= spec.tolerance * spec.amount
        ):
            return True
    return False


def _at_claim_time(p: Passage) -> bool:
    """Published with the claim (a day's grace): other amounts are the rest of the
    original announcement (the other versions' prices), not a change."""
    story = p.reading.story
    made = p.claim.asserted or (story.published.date() if story.published else None)
    return bool(made and p.sentence.published and abs(p.sentence.published - made) <= dt.timedelta(days=1))


def decide(p: Passage) -> Verdict | None:
    """Denied, dropped, the claim's amount, another amount, or only the topic."""
    spec = p.claim.spec
    assert isinstance(spec, ReportSpec)
    topic = _topic(p)
    amounts = _amounts(p, spec)
    same = [f for f in amounts if _is_claims(f.value, spec)]
    if same or topic:
        ended = _denied_or_dropped(p, spec, topic)
        if ended is not None:
            return ended
    if same:
        return _same_amount(p, spec, same[0])
    return _other_or_topic(p, spec, amounts, topic)


def _other_or_topic(p: Passage, spec: ReportSpec, amounts: list[Figure], topic: list[tuple[int, int]]) -> Verdict | None:
    """Not the claim's amount: another sizeable amount on the topic, or the topic alone."""
    others = [f for f in amounts if f.value >= spec.amount * 0.05]
    if others and topic:
        return _other_amount(p, spec, others[0])
    return addressed(p, "report.topic") if topic else None


def _topic(p: Passage) -> list[tuple[int, int]]:
    """What names the claim's topic: its own words, else a negotiation or price cue."""
    return p.terms["topic"] or p.sentence.cues["negotiation"] or p.sentence.cues["price"]


def _amounts(p: Passage, spec: ReportSpec) -> list[Figure]:
    """The amounts in the claim's currency said of the subject and not another claim's."""
    return [f for f in _money(p, spec) if _said_of_subject(p, f.start) and not _other_claims_amount(p, f)]


def _is_claims(value: float, spec: ReportSpec) -> bool:
    """Whether an amount is the claim's, within the dossier's tolerance."""
    return abs(value - spec.amount) <= spec.tolerance * spec.amount


def _denied_or_dropped(p: Passage, spec: ReportSpec, topic: list[tuple[int, int]]) -> Verdict | None:
    denied = [d for d in p.terms["denied"] or p.sentence.cues["denial"] if _on_claim(p, d[0], topic)]
    if denied:
        return verdict(p, "contradicts", 0.7, "report.denied", (p.span("denial", *denied[0]),))
    dropped = [d for d in p.terms["dropped"] or p.sentence.cues["cancelled"] if _on_claim(p, d[0], topic)]
    if dropped and not negated(p, dropped[0][0]):
        return verdict(p, spec.dropped_stance, 0.7, "report.dropped", (p.span("dropped", *dropped[0]),))
    return None


def _same_amount(p: Passage, spec: ReportSpec, f: Figure) -> Verdict:
    span = p.span("amount", f.start, f.end)
    if negated_clause(p, f.start):
        return verdict(p, "contradicts", 0.65, "report.amount_negated", (span,), fmt(f.value))
    if recalled(p, f.start) or p.sentence.cue_near("conditional", f.start):
        return addressed(p, "report.amount_recalled", (span,))  # "would have been worth"
    said = _said(p, spec)
    if (spec.near or spec.near_concept) and not said:
        return addressed(p, "report.amount_only", (span,))  # "was worth $10 billion", not in the making
    spans = (span, p.span("report", *said[0])) if said else (span,)
    done = p.sentence.cue_near("done", f.start)  # "finalised an award of $6.6 billion"
    return verdict(p, "supports", 0.8, "report.amount", spans, fmt(f.value), fulfilled=done is not None)


def _other_amount(p: Passage, spec: ReportSpec, f: Figure) -> Verdict:
    span = p.span("amount", f.start, f.end)
    if recalled(p, f.start) or p.sentence.cue_in_clause("comparison", f.start) or _at_claim_time(p):
        return addressed(p, "report.other_amount_recalled", (span,))
    if not p.sentence.cue_near("price", f.start) and not _topic_near(p, f.start):
        return addressed(p, "report.other_thing", (span,))  # "and up to $5 billion in loans"
    stance = (spec.larger if f.value > spec.amount else spec.smaller) or spec.changed
    return verdict(p, stance, 0.65, "report.other_amount", (span,), fmt(f.value))


register(ClaimKind("report", _terms, decide, __doc__ or ""))
