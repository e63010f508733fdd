"""quantity: a figure of the claim's unit — equal supports, larger or smaller is what
the dossier says (``larger``/``smaller``), and a plan or a restated original is a
mention. Units are concepts: figures convert before they compare ("800 km" is "500
miles"; "286 days" is more than "about eight days")."""

from __future__ import annotations

from collections.abc import Mapping

from ..dossier import Claim, QuantitySpec, Terms
from ..lang import language
from ..lang.numbers import Figure
from ..lang.units import MEASURE_CONCEPTS
from ..retrieve import Passage, Span
from . import ClaimKind, Verdict, register
from .common import addressed, fmt, negated_clause, planned, verdict


def _terms(claim: Claim) -> Mapping[str, Terms]:
    spec = claim.spec
    assert isinstance(spec, QuantitySpec)
    return {"unit": spec.unit, "growth": spec.growth, "requires": spec.smaller_requires}


def _unit_of(p: Passage, spec: QuantitySpec) -> tuple[str | None, float]:
    """The claim's unit as a concept and factor, read in the story's language."""
    if spec.unit_concept is None:
        return None, 1.0
    lang = language(p.reading.story.language)
    for word, (concept, factor) in lang.units.items():
        if concept == spec.unit_concept and spec.unit_word and _same_word(word, spec.unit_word):
            return concept, factor
    return spec.unit_concept, 1.0


def _same_word(term: str, word: str) -> bool:
    t, w = term.lower(), word.lower()
    return t.rstrip("*") == w or (t.endswith("*") and w.startswith(t[:-1]))


def _counts(p: Passage, f: Figure, concept: str | None) -> bool:
    """Whether the figure counts the claim's unit: its unit word is the claim's concept,
    or one of the claim's own unit words follows it closely."""
    if f.year or f.currency or f.named:
        return False
    if concept is not None and f.unit == concept:
        return True
    if _product_follows(p, f):
        return True
    window_end = f.end + (12 if p.sentence.lang.cjk else 40)
    return any(f.end <= s <= window_end and _close(p.text[f.end : s], p.sentence.lang.cjk) for s, _ in p.terms["unit"])


def _grows_subject(p: Passage, pos: int, concept: str | None) -> bool:
    """A growth word counts when its clause names the subject itself (not by
    co-reference) or the claim's unit ("doubled in size", "adding GPUs")."""
    lo, hi = p.sentence.clause(pos)
    if any(lo <= f.start < hi and (f.currency or (f.unit and f.unit != concept)) for f in p.sentence.figures):
        return False  # "invests another $100 billion": the growth of something else
    named = any(lo <= s < hi for s in p.subject_at)
    return named or _unit_in(p, lo, hi, concept)


def _unit_in(p: Passage, lo: int, hi: int, concept: str | None) -> bool:
    """Whether ``lo:hi`` names the claim's unit: one of its words, or a figure of its concept."""
    unit = any(lo <= s < hi for s, _ in p.terms["unit"]) or any(
        lo <= f.start < hi and f.unit == concept and concept for f in p.sentence.figures
    )
    return bool(unit)


def _product_follows(p: Passage, f: Figure) -> bool:
    """A figure right before a product of the story counts units of it ("24,000 H100s")."""
    if f.unit is not None or _measure(p):
        return False  # "250,000 Cybertruck orders" counts orders; a range counts miles
    products = {e.id for e in p.reading.story.entities if e.type == "product"}
    cjk = p.sentence.lang.cjk
    for eid in products & set(p.sentence.entities):
        for s, _ in p.sentence.entities[eid]:
            gap = p.text[f.end : s]
            if s >= f.end and (len(gap) <= 2 if cjk else _close(gap, cjk)):
                return True
    return False


def _measure(p: Passage) -> bool:
    spec = p.claim.spec
    return isinstance(spec, QuantitySpec) and spec.unit_concept in MEASURE_CONCEPTS


def _close(gap: str, cjk: bool) -> bool:
    if any(c.isdigit() for c in gap.replace(" ", "")[:1]):
        return False
    return len(gap) <= 8 if cjk else len(gap.split()) <= 3


def _inside_name(p: Passage, f: Figure) -> bool:
    """The "100" of "H100", the "2" of "Grok 2": a figure inside an entity's name."""
    return any(s <= f.start and f.end <= e for spans in p.sentence.entities.values() for s, e in spans)


def _other_claims_figure(p: Passage, f: Figure) -> bool:
    """A figure equal to another quantity claim's belongs to that claim ("24,000 Oracle
    GPUs" in a sentence about the 100,000-GPU cluster)."""
    for c in p.reading.story.claims:
        if (
            c.id != p.claim.id
            and isinstance(c.spec, QuantitySpec)
            and abs(f.value - c.spec.value) <= c.spec.tolerance * c.spec.value
            and all(any(p.sentence.entities.get(e) for e in g) for g in c.about)
        ):
            return True
    return False


_STANCE_RANK = {"updates": 3, "contradicts": 2, "supports": 1}  # which verdict of a sentence wins
_EQUAL_RULES = ("quantity.equal", "quantity.equal_planned")


def decide(p: Passage) -> Verdict | None:
    spec = p.claim.spec
    assert isinstance(spec, QuantitySpec)
    concept, factor = _unit_of(p, spec)
    found = _figure_verdicts(p, spec, concept, spec.value * factor)
    if not found:
        grown = _growth_verdict(p, spec, concept)
        if grown is not None:
            found.append(grown)
    equal = [v for v in found if v.rule in _EQUAL_RULES]
    if equal:
        found = equal  # the claim's figure stated or planned here: the others count other things
    if not found:
        return addressed(p, "quantity.no_figure") if _unit_named(p, concept) else None
    return max(found, key=lambda v: (_STANCE_RANK.get(v.stance, 0), v.confidence))


def _figure_verdicts(p: Passage, spec: QuantitySpec, concept: str | None, target: float) -> list[Verdict]:
    """A verdict for each figure of the sentence that counts the claim's unit and is
    the subject's own, current figure."""
    found: list[Verdict] = []
    for f in p.sentence.figures:
        if not _counts(p, f, concept) or _inside_name(p, f) or _other_claims_figure(p, f):
            continue
        if p.sentence.cue_in_clause("comparison", f.start) or p.sentence.cue_in_clause("previous", f.start, before_only=True):
            continue  # a rival's figure, or an older one recalled ("up from 24,000")
        found.append(_weigh(p, spec, f, target))
    return found


def _growth_verdict(p: Passage, spec: QuantitySpec, concept: str | None) -> Verdict | None:
    """Without a figure, a growth word said of the subject ("doubled in size") is what
    the dossier says of a larger figure, unless it compares or plans."""
    growth = p.terms["growth"] or [g for g in p.sentence.cues["growth"] if _grows_subject(p, g[0], concept)]
    if not (growth and spec.larger):
        return None
    at = growth[0]
    if p.sentence.cue_in_clause("comparison", at[0]) or planned(p, at[0]):
        return None
    return verdict(p, spec.larger, 0.6, "quantity.growth_word", (p.span("growth", *at),))


def _unit_named(p: Passage, concept: str | None) -> bool:
    """Whether the sentence names the claim's unit, by a word or a figure of its own:
    it addresses the claim without a figure of it."""
    return bool(
        p.terms["unit"]
        or any(f.unit == concept and concept and not _other_claims_figure(p, f) for f in p.sentence.figures)
    )


def _within(value: float, target: float, tolerance: float) -> bool:
    """Whether a value is the claim's figure, within the dossier's tolerance."""
    return abs(value - target) <= tolerance * target


def _weigh(p: Passage, spec: QuantitySpec, f: Figure, target: float) -> Verdict:
    value = f.base_value
    spans = (p.span("figure", f.start, f.unit_end or f.end),)
    shown = fmt(f.value)
    plan = planned(p, f.start)
    if f.qualifier == "less" and _within(value, target, spec.tolerance):
        value = target * (1 - 2 * spec.tolerance)  # "far fewer than 100,000": a smaller figure
    if _within(value, target, spec.tolerance) or (f.qualifier == "more" and value <= target <= value * (1 + 2 * spec.tolerance)):
        return _weigh_equal(p, spec, f, spans, shown, plan)
    added = p.sentence.cue_near("growth", f.start, 3)
    if value > target or (added and spec.larger):
        if spec.larger is None:
            return addressed(p, "quantity.larger_ignored", spans)
        return verdict(p, spec.larger, 0.8 if not plan else 0.65, "quantity.larger", spans, shown)
    return _weigh_smaller(p, spec, spans, shown, plan)


def _weigh_equal(
    p: Passage, spec: QuantitySpec, f: Figure, spans: tuple[Span, ...], shown: str, plan: tuple[int, int] | None
) -> Verdict:
    """The claim's figure: planned (or the original plan recalled), negated, or stated."""
    if plan:
        recalled = p.sentence.cue_in_clause("retrospective", f.start, before_only=True)
        rule = "quantity.equal_recalled" if recalled else "quantity.equal_planned"
        return addressed(p, rule, (*spans, p.span("plan", *plan)))
    if negated_clause(p, f.start):
        return verdict(p, spec.smaller or "contradicts", 0.6, "quantity.equal_negated", spans, shown)
    return verdict(p, "supports", 0.9, "quantity.equal", spans, shown)


def _weigh_smaller(
    p: Passage, spec: QuantitySpec, spans: tuple[Span, ...], shown: str, plan: tuple[int, int] | None
) -> Verdict:
    """A smaller figure: what the dossier says of one, when it is not a plan and has
    the qualifier the dossier requires ("the second fab")."""
    if spec.smaller is None:
        return addressed(p, "quantity.smaller_ignored", spans)
    if plan:
        return addressed(p, "quantity.smaller_planned", spans)
    if not (spec.smaller_requires or spec.smaller_requires_cue):
        return verdict(p, spec.smaller, 0.75, "quantity.smaller", spans, shown)
    requires = p.terms["requires"] or (p.sentence.cues[spec.smaller_requires_cue] if spec.smaller_requires_cue else [])
    if not requires:
        return addressed(p, "quantity.smaller_unqualified", spans)
    return verdict(p, spec.smaller, 0.75, "quantity.smaller_qualified", (*spans, p.span("qualifier", *requires[0])), shown)


register(ClaimKind("quantity", _terms, decide, __doc__ or ""))
