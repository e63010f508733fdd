"""Stance of an article on each claim of a story, by explainable rules.

A sentence addresses a claim when it (or, for co-reference, it together with the
sentences just before it) names the claim's entities and carries the claim's key words:
a figure in the claim's unit, an event trigger, a state word, a superlative or an amount
of money. Every verdict names the rule that decided it (`Evidence.rule`).

Cross-cutting rules:
  * attribution: a confirmation in the words of the story's own protagonists ("Musk
    said", "según Musk", "马斯克表示") only `mentions` the claim; independent reporting
    ("Semafor reported") can support it;
  * hedges and plans ("may", "号称", "will", "prevé") keep a confirmation a mention;
  * negation flips ("have not stopped", "并未如期", "ya no es el mayor");
  * contradictions or updates published before the claim was made are not evidence;
  * another subject's figures and descriptions ("Meta's cluster", "the biggest cluster")
    are not the claim's, and a sentence about another of the story's subjects does not
    borrow the claim's subject from the sentence before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from .compiled import CompiledClaim
from .context import SELF, Context
from .document import Document
from .dossier import (
    Claim,
    EventSpec,
    QuantitySpec,
    ReportSpec,
    StateSpec,
    Story,
    SuperlativeSpec,
)
from .lexicon import cue
from .patterns import is_cjk
from .text import Quantity, may_have_factors, parse_money
from .version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "STANCE_RANK",
    "Evidence",
    "RuleClassifier",
    "StanceClassifier",
    "analyse",
    "analyse_document",
    "claim_evidence",
    "strongest",
]


#: How strong a stance is when one article gives several for the same claim.
STANCE_RANK = {"updates": 3, "contradicts": 2, "supports": 1, "mentions": 0}


@dataclass(frozen=True)
class Evidence:
    """What one article says about one claim.

    `stance` is supports, contradicts, updates or mentions; `quote` the sentence(s) that
    carry it; `value` the normalised figure, date or amount, if any; `rule` which rule
    decided (e.g. "quantity.smaller_running", "event.done_by_deadline; attributed ...").
    """

    claim_id: str
    stance: str
    quote: str
    value: str | None
    rule: str
    confidence: float = 1.0
    classifier: str = "rules/3"


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


class RuleClassifier:
    """The previous rule engine (rules/3), kept while dossiers move to the layered
    engine (:mod:`claims.engine`); select it with ``classify="rules/3"``."""

    def classify(self, story: Story, doc: Document) -> list[Evidence]:
        ctx = Context(story, doc)
        out: list[Evidence] = []
        for claim in story.claims:
            out.extend(claim_evidence(ctx, claim))
        return out


def claim_evidence(ctx: Context, claim: Claim) -> list[Evidence]:
    """Every verdict the rules of the claim's kind find in the prepared document."""
    rules = _Rules(ctx, ctx.cs.claims[claim.id])
    spec = claim.spec
    if isinstance(spec, QuantitySpec):
        rules.quantity(spec)
    elif isinstance(spec, EventSpec):
        rules.event(spec)
    elif isinstance(spec, StateSpec):
        rules.state()
    elif isinstance(spec, SuperlativeSpec):
        rules.superlative()
    elif isinstance(spec, ReportSpec):
        rules.report(spec)
    return rules.found


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------

_CLASSIFIER = "块張张颗顆枚个個台"
_UNIT_CUT = re.compile(r"(?<!\d),|,(?!\d)|[;:，。；：()（）]")
_PART_OF = re.compile(r"(?i)^\s*(?:of|de|out\s+of)\s+(?:the|its|their|his|las|los|sus|el|la)?\s*[\d.,]+\s*$")
_TO_BEFORE = re.compile(r"(?i)(?:\bto|\ba|\bhasta|到|至)\s*(?:about\s+|around\s+|roughly\s+|some\s+|unos\s+|约)?$")
_DIGIT = re.compile(r"\d")
_PRONOUN_TARGET = re.compile(r"(?i)\b(?:it|its|it's)\b|\blo\b|它")
_MONEY_LITERALS = ("$", "€", "£", "¥", "usd", "eur", "dollar", "dólar", "dolar", "euro", "pound",
                   "libra", "yuan", "美元", "美金", "欧元", "元")  # fmt: skip


def _fmt(v: float) -> str:
    return str(round(v)) if abs(v - round(v)) < 1e-6 else f"{v:g}"


def _close(gap: str, words: int, cjk_chars: int) -> bool:
    """Whether two phrases separated by `gap` are near each other."""
    return len(gap) <= cjk_chars if is_cjk(gap) else len(gap.split()) <= words


class _Rules:
    """The rules for one claim of one document; verdicts collect in `found`."""

    def __init__(self, ctx: Context, cc: CompiledClaim) -> None:
        self.ctx = ctx
        self.cc = cc
        self.claim = cc.claim
        self.found: list[Evidence] = []
        self._early = ctx.predates(self.claim) and self.claim.kind != "report"

    def add(self, i: int, prev: bool, stance: str, rule: str, value: str | None = None) -> None:
        if self._early and stance in ("contradicts", "updates"):
            stance, rule = "mentions", rule + "; published before the claim"
        self.found.append(Evidence(self.claim.id, stance, self.ctx.quote(i, prev), value, rule))

    def sentences(
        self, keys: Iterable[str], extra: Iterable[int] = (), where: Callable[[int], bool] | None = None
    ) -> list[tuple[int, bool]]:
        """Sentences carrying one of the claim's `keys` term lists (or listed in `extra`)
        that address the claim, with whether the sentences before were needed. `where`
        is a cheaper test a sentence must pass too (a rule's own precondition), checked
        first so that sentences the rule would skip cost no co-reference work."""
        ctx, claim = self.ctx, self.claim
        out = []
        for i in sorted(ctx.sentences_with(self.cc, keys) | set(extra)):
            if where is not None and not where(i):
                continue
            ok, prev = ctx.about(claim, i)
            if ok and not ctx.blocked(self.cc, claim, i):
                out.append((i, prev))
        return out

    def terms(self, name: str, i: int) -> list[tuple[int, int]]:
        return self.ctx.terms_in(self.cc, name, i)

    # -- quantity ----------------------------------------------------------

    def quantity(self, spec: QuantitySpec) -> None:
        """Equal figure supports; a larger one `larger` (updates); a smaller one `smaller`
        (contradicts) when it says what is running (`smaller_requires`)."""
        ctx, claim = self.ctx, self.claim
        unit_terms = self.cc.get("unit")
        compiled_unit = unit_terms.get(ctx.lang) if unit_terms else None
        if compiled_unit is None:
            return
        unit = compiled_unit.regex
        target, tol = spec.value, spec.tolerance
        # A figure that is another quantity claim's figure, in a sentence about that
        # claim's subject, belongs to that claim ("24,000 Oracle GPUs" vs "100,000").
        others = [c for c in ctx.story.claims if isinstance(c.spec, QuantitySpec) and c.id != claim.id]
        subject = set(claim.about[0])
        named_in = [i for i, ents in enumerate(ctx.proper_in) if subject & ents]

        def unit_or_subject(i: int) -> bool:
            return bool(self.terms("unit", i)) or bool(subject & ctx.proper_in[i])

        for i, prev in self.sentences(("unit", "growth"), named_in, unit_or_subject):
            if not ctx.may_contain(i, compiled_unit.required) and not may_have_factors(ctx.text(i)):
                # No figure can count the unit and there is no factor: the figures do not
                # matter, only a growth word does (most sentences that name the subject).
                if self.terms("growth", i) and not ctx.cue_in("comparison", i):
                    self.add(i, prev, spec.larger or "mentions", "quantity.growth_word")
                continue
            has_unit = bool(self.terms("unit", i))
            named = bool(subject & ctx.proper_in[i])
            qs = ctx.quantities(i)
            if not (qs or self.terms("growth", i)):
                continue  # nothing to weigh (cheaper than the comparison cue below)
            if ctx.cue_in("comparison", i):
                continue  # a rival's figures ("for comparison, Frontier has ...")
            fractions = any(q.kind == "factor" and q.value < 1 for q in qs)
            requires_ok = not self.cc.get("smaller_requires") or bool(self.terms("smaller_requires", i))
            t = ctx.text(i)
            for q in qs:
                if q.kind != "factor" and not self._unit_attached(i, q, unit):
                    continue  # not a count of the unit (first: it rules out most figures)
                if ctx.inside_name(i, q):
                    continue  # the "2" of "Grok 2", the "100" of "H100"
                if ctx.foreign_subject(i, ctx.base(i) + q.start, subject):
                    continue  # "Meta's cluster has more than 100,000 H100s"
                if q.kind == "factor":
                    if q.value > 1 and (has_unit or named):
                        self._figure(spec, i, prev, q, "larger", "quantity.growth_factor", requires_ok)
                    elif q.value < 1 and (
                        any(abs(x.value - target) <= tol * target for x in qs if x.kind == "number")
                        or self._unit_attached(i, q, unit)
                    ):
                        self._figure(spec, i, prev, q, "smaller", "quantity.fraction", requires_ok)
                    continue
                v = q.value
                if abs(v - target) > tol * target and any(self._belongs_to(o, i, v) for o in others):
                    continue
                after, before = t[q.end : q.end + 30], t[max(0, q.start - 30) : q.start]
                if cue("less_after", ctx.lang).search(after) or cue("less_before", ctx.lang).search(before):
                    self._figure(spec, i, prev, q, "smaller", "quantity.shortfall", requires_ok)
                elif cue("more_after", ctx.lang).search(after) or cue("more_before", ctx.lang).search(before):
                    self._figure(spec, i, prev, q, "larger", "quantity.addition", requires_ok)
                elif q.bound == "max" and abs(v - target) <= tol * target:
                    self._figure(spec, i, prev, q, "smaller", "quantity.fewer_than_claimed", requires_ok)
                elif abs(v - target) <= tol * target:
                    if not fractions:  # "a third of the 100,000" is not a confirmation
                        self._figure(spec, i, prev, q, "equal", "quantity.equal", requires_ok)
                elif v > target:
                    self._figure(spec, i, prev, q, "larger", "quantity.larger", requires_ok)
                else:
                    rule = "quantity.smaller_running" if self.cc.get("smaller_requires") else "quantity.other_figure"
                    self._figure(spec, i, prev, q, "smaller", rule, requires_ok)
            if self.terms("growth", i):
                self.add(i, prev, spec.larger or "mentions", "quantity.growth_word")

    def _belongs_to(self, other: Claim, i: int, v: float) -> bool:
        spec = other.spec
        assert isinstance(spec, QuantitySpec)
        return abs(v - spec.value) <= spec.tolerance * spec.value and self.ctx.about(other, i)[0]

    def _figure(
        self, spec: QuantitySpec, i: int, prev: bool, q: Quantity, direction: str, rule: str, requires_ok: bool
    ) -> None:
        ctx = self.ctx
        a, b = ctx.base(i) + q.start, ctx.base(i) + q.end
        value = _fmt(q.value) if q.kind == "number" else None
        if direction == "equal":
            if self._unreal(i, a):  # "... but that number is more ambition than reality"
                self.add(i, prev, spec.smaller or "mentions", "quantity.not_real", value)
            elif ctx.negated(i, a):
                self.add(i, prev, "contradicts", "quantity.negated", value)
            elif ctx.in_scope("plan", i, a):
                self.add(i, prev, "mentions", "quantity.equal; planned", value)
            else:
                self.add(i, prev, *ctx.soften("supports", rule, i, a, b), value)
        elif direction == "larger":
            self.add(i, prev, spec.larger or "mentions", rule, value)
        elif spec.smaller and spec.smaller != "mentions" and not requires_ok:
            self.add(i, prev, "mentions", rule + "; not said to be running", value)
        else:
            self.add(i, prev, spec.smaller or "mentions", rule, value)

    def _unreal(self, i: int, a: int) -> bool:
        """Whether the sentence goes on to say the figure at `a` is not real ("that number is
        more ambition than reality"), with no other figure in between."""
        ctx = self.ctx
        figures = [ctx.base(i) + q.start for q in ctx.quantities(i)]
        return any(s > a and not any(a < f < s for f in figures) for s, _ in ctx.cue_in("unreal", i))

    def _unit_attached(self, i: int, q: Quantity, unit: re.Pattern[str]) -> bool:
        """Whether the figure counts the claim's unit: the unit follows within a few words
        (no other figure in between, except "30,000 of the 100,000 chips"), a Chinese
        classifier follows and the unit precedes, or "from 100,000 GPUs to 200,000"."""
        ctx = self.ctx
        t = ctx.text(i)
        after = t[q.end : q.end + 60]
        cut = _UNIT_CUT.search(after)
        if cut:
            after = after[: cut.start()]
        m = unit.search(after)
        if m:
            gap = after[: m.start()]
            if _close(gap, 4, 8) and (not _DIGIT.search(gap) or _PART_OF.match(gap)):
                return True
        if after[:1] in _CLASSIFIER:
            seg_start = ctx.segment_of(i, ctx.base(i) + q.start)[0] - ctx.base(i)
            if unit.search(t, max(seg_start, q.start - 24), q.start):
                return True
        wider = t[max(0, q.start - 50) : q.start]
        return bool(_TO_BEFORE.search(wider) and unit.search(wider))

    # -- event -------------------------------------------------------------

    def event(self, spec: EventSpec) -> None:
        """Done by the deadline supports; not done by then (or delayed) contradicts; done
        later than promised is `late` (updates)."""
        ctx, claim = self.ctx, self.claim
        deadline = claim.deadline
        assert deadline is not None
        pub = ctx.doc.date
        for i, prev in self.sentences(("triggers",)):
            # Of several triggers, the one that reports a fact ("came online a month after
            # the date by which it had said it would be training") over the promise.
            found = self.terms("triggers", i)
            ta, tb = next((t for t in found if not ctx.in_scope("plan", i, t[0])), found[0])
            if prev and ctx.other_topic(claim, i, ta):
                continue  # the claim's subject is only in the sentence before
            dates = ctx.dates(i)
            valid = [d for d, negated, _ in dates if not negated]
            date_negations = [s for _, negated, s in dates if negated and s]
            ref = any(
                d.start <= deadline <= d.end or (d.end.year, d.end.month) == (deadline.year, deadline.month)
                for d, _, _ in dates
            )
            neg = ctx.negated(i, ta, date_negations, after_too=True)
            plan = ctx.in_scope("plan", i, ta)
            late = bool(ctx.cue_in("late", i))
            # When it was said bounds when it happened only from above.
            after = [d for d in valid if d.start > deadline and not ctx.speech_date(i, d)]
            before = [d for d in valid if d.end <= deadline]
            value: str | None = None
            if neg:
                if ref or late or (pub and pub > deadline):
                    stance, rule = "contradicts", "event.not_done_by_deadline"
                else:
                    stance, rule = "mentions", "event.not_yet"
            elif after or (late and pub and pub > deadline):
                ev = min(after, key=lambda d: d.start) if after else None
                value = ev.start.isoformat() if ev else None
                if plan or (ev is not None and pub is not None and ev.start > pub):
                    if late or ctx.speaker(i, ta, tb) != SELF:
                        stance, rule = "contradicts", "event.delayed_past_deadline"
                    else:
                        stance, rule = "mentions", "event.planned_after_deadline; attributed"
                elif ref or late:
                    stance, rule = spec.late, "event.done_after_deadline"
                else:
                    # A later milestone ("all chips online this week") is not the claimed
                    # one unless the article contrasts it with the promised date.
                    stance, rule = "mentions", "event.done_later_without_contrast"
            elif plan:
                stance, rule = "mentions", "event.planned"
            elif before:
                d = max(before, key=lambda d: d.end)
                value = d.start.isoformat() if d.days == 1 else None
                stance, rule = "supports", "event.done_by_deadline"
            elif ctx.cue_in("ontime", i):
                stance, rule = "supports", "event.on_time"
            elif pub and pub <= deadline:
                stance, rule = "supports", "event.reported_before_deadline"
            else:
                stance, rule = "mentions", "event.no_date"
            self.add(i, prev, *ctx.soften(stance, rule, i, ta, tb), value)

    # -- state -------------------------------------------------------------

    def state(self) -> None:
        """State words support (negated: contradict); opposite words contradict (negated:
        support); an alternative ("builds its own") supports; `updated` updates."""
        ctx, claim = self.ctx, self.claim
        has_topic = bool(self.cc.get("topic"))
        for i, prev in self.sentences(("topic", "state", "opposite", "alternative", "updated")):
            before = len(self.found)
            topic = bool(self.terms("topic", i)) or not has_topic
            if self.terms("updated", i):
                self.add(i, prev, "updates", "state.later_arrangement")
            for a, b in self.terms("state", i) if topic else []:
                if ctx.negated(i, a):
                    self.add(i, prev, "contradicts", "state.negated")
                else:
                    self.add(i, prev, *ctx.soften("supports", "state.reported", i, a, b))
            for a, b in self.terms("opposite", i):
                if ctx.negated(i, a):
                    self.add(i, prev, *ctx.soften("supports", "state.opposite_negated", i, a, b))
                else:
                    self.add(i, prev, "contradicts", "state.opposite")
            # "Builds its own" supports only when contrasted with the other party close by.
            if ctx.about(claim, i, 1)[0]:
                for a, b in self.terms("alternative", i):
                    if ctx.negated(i, a):
                        self.add(i, prev, "mentions", "state.alternative_negated")
                    else:
                        self.add(i, prev, *ctx.soften("supports", "state.alternative", i, a, b))
            if has_topic and topic and len(self.found) == before:
                self.add(i, prev, "mentions", "state.topic_only")

    # -- superlative -------------------------------------------------------

    def superlative(self) -> None:
        """An independent superlative supports; Musk's is a mention; a doubt, a negated
        superlative or a larger/comparable rival contradicts."""
        ctx, claim = self.ctx, self.claim
        subject = set(claim.about[0])
        story_ids = subject | ctx.self_ids
        cache: dict[int, list[tuple[int, int]]] = {}

        def sups(i: int) -> list[tuple[int, int]]:
            if i not in cache:
                cache[i] = [(a, b) for a, b in self.terms("superlative", i) if self._qualifies(i, a, b)]
            return cache[i]

        for i, prev in self.sentences(("superlative", "comparative", "equal", "doubt")):
            p = ctx.prev(i)
            here = sups(i)
            if (here or (p is not None and sups(p))) and self.terms("doubt", i):
                self.add(i, prev or not here, "contradicts", "superlative.doubted")
            for a, b in self.terms("comparative", i):
                seg_end = ctx.segment_of(i, b)[1]
                # The rival is whoever is named in the comparison (by name, not by a
                # common noun like "supercomputer rankings").
                named = [m for m in ctx.proper_at(i) if m.how != "contextual"]
                # "than X" follows the comparative; "比X更大" holds it inside.
                if any(m.entity in story_ids and a <= m.start < seg_end for m in named) or _PRONOUN_TARGET.search(
                    ctx.doc.text, b, min(seg_end, b + 12)
                ):
                    self.add(i, prev, "contradicts", "superlative.rival_larger")
                elif any(m.entity in subject and m.start < a for m in named):
                    self.add(i, prev, *ctx.soften("supports", "superlative.larger_than_rival", i, a, b))
            if self.terms("equal", i):
                self.add(i, prev, "contradicts", "superlative.rival_comparable")
            for a, b in here:
                if ctx.negated(i, a):
                    self.add(i, prev, "contradicts", "superlative.negated")
                elif ctx.in_scope("future", i, a):
                    self.add(i, prev, "mentions", "superlative.predicted")
                elif prev and not _PRONOUN_TARGET.search(ctx.text(i)) and not ctx.cue_in("refers_back", i):
                    # The subject is only in the sentence before and nothing here refers
                    # back to it: "The biggest cluster is now in Louisiana" is a rival's.
                    self.add(i, prev, "mentions", "superlative.not_anchored")
                else:
                    self.add(i, prev, *ctx.soften("supports", "superlative.independent", i, a, b))

    def _qualifies(self, i: int, a: int, b: int) -> bool:
        """A superlative counts when it qualifies one of the claim's objects or names the
        claim's entity within a few words ("Colossus ya no es el mayor")."""
        ctx = self.ctx
        text = ctx.doc.text
        subject = self.claim.about[0]
        names = [(m.start, m.end) for m in ctx.proper_at(i) if m.entity in subject]
        for s, e in self.terms("objects", i) + names:
            if s >= b and _close(text[b:s], 6, 12):
                return True
            if e <= a and _close(text[e:a], 6, 12):
                return True
        return False

    # -- report ------------------------------------------------------------

    def report(self, spec: ReportSpec) -> None:
        """Near/negotiating with the amount supports; dropped updates; denied or another
        amount contradicts; "declined to comment" is a mention."""
        ctx = self.ctx
        money: dict[int, list[tuple[float, int]]] = {}

        def amounts(i: int) -> list[tuple[float, int]]:
            if i not in money:
                money[i] = [
                    (m.amount, ctx.base(i) + m.start)
                    for m in parse_money(ctx.text(i), ctx.lang, lambda: ctx.quantities(i))
                    if m.currency == spec.currency
                ]
            return money[i]

        def matches(v: float) -> bool:
            return abs(v - spec.amount) <= spec.tolerance * spec.amount

        n = len(ctx.doc.sentences)
        low = ctx.doc.lower or ctx.doc.text.lower()
        with_money = {ctx.doc.sentence_of(pos) for lit in _MONEY_LITERALS for pos in _positions(low, lit)}
        for i, prev in self.sentences((), {j for k in with_money for j in (k, k + 1) if j < n}):
            p = ctx.prev(i)
            ok_here = [x for x in amounts(i) if matches(x[0])]
            ok = ok_here or [x for x in (amounts(p) if p is not None else []) if matches(x[0])]
            topics = self.terms("topic", i)
            other = [x for x in amounts(i) if not matches(x[0]) and any(abs(s - x[1]) < 60 for s, _ in topics)]
            if not ok and not other:
                continue
            use_prev = prev or (not ok_here and bool(ok))
            value = _fmt(ok[0][0]) if ok else _fmt(other[0][0])
            near = self.terms("near", i)
            if self.terms("dropped", i):
                self.add(i, use_prev, "updates", "report.dropped", value)
            elif self.terms("denied", i):
                self.add(i, use_prev, "contradicts", "report.denied", value)
            elif other and not ok:
                self.add(i, use_prev, "contradicts", "report.other_amount", value)
            elif ctx.cue_in("no_comment", i):
                self.add(i, use_prev, "mentions", "report.no_comment", value)
            elif near and ctx.negated(i, near[0][0]):
                self.add(i, use_prev, "contradicts", "report.negated", value)
            elif near:
                a, b = near[0]
                self.add(i, use_prev, *ctx.soften("supports", "report.near", i, a, b, hedges=False), value)
            else:
                self.add(i, use_prev, "mentions", "report.amount_only", value)


def _positions(hay: str, lit: str) -> Iterable[int]:
    pos = hay.find(lit)
    while pos != -1:
        yield pos
        pos = hay.find(lit, pos + len(lit))
