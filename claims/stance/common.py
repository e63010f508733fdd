"""What every claim kind asks of a passage: who speaks, negation and its scope,
plans and hedges, and how sure a verdict is."""

from __future__ import annotations

import datetime as dt

from ..retrieve import OWNER, Passage, Span
from . import Verdict

__all__ = [
    "addressed",
    "early",
    "hedged",
    "negated",
    "negated_clause",
    "owner_voice",
    "planned",
    "recalled",
    "subject_near",
    "verdict",
]

_NEAR_WORDS = 6  # a negation reaches this many words ahead in its clause
_NEAR_CJK = 6  # … or this many characters


def _gap_ok(text: str, a: int, b: int, cjk: bool, cjk_chars: int = _NEAR_CJK) -> bool:
    gap = text[a:b]
    return len(gap) <= cjk_chars if cjk else len(gap.split()) <= _NEAR_WORDS


def negated(p: Passage, pos: int) -> tuple[int, int] | None:
    """A negation that governs ``pos``: in its clause, before it and near it. A
    negation does not cross a clause or a sentence ("No habrá ampliación. xAI ha…")."""
    s = p.sentence
    if s.lang.negation_follows:
        return negated_clause(p, pos)
    lo, _ = s.clause(pos)
    for a, b in s.cues["negation"]:
        before = lo <= a and b <= pos and _gap_ok(s.text, b, pos, s.lang.cjk)
        around = lo <= a < pos < b  # "ne bat pas": the negation surrounds the verb
        if before or around:
            return a, b
    return None


def negated_clause(p: Passage, pos: int) -> tuple[int, int] | None:
    """A negation anywhere in the clause of ``pos``: what a figure or an amount is said
    of ("the $39,900 price is no longer on offer") is negated after it, too."""
    s = p.sentence
    lo, hi = s.clause(pos)
    for a, b in s.cues["negation"]:
        if lo <= a and b <= hi:
            return a, b
    return None


def recalled(p: Passage, pos: int) -> bool:
    """Whether the clause of ``pos`` recalls the past: a "previously"/"originally" cue,
    or a date no later than the claim itself ("In 2019 it was priced at $39,900")."""
    s = p.sentence
    if s.cue_in_clause("previous", pos) or s.cue_in_clause("retrospective", pos):
        return True
    story = p.reading.story
    made = p.claim.asserted or (story.published.date() if story.published else None)
    lo, hi = s.clause(pos)
    return made is not None and any(lo <= d.start < hi and d.first <= made for d in s.dates)


def subject_near(p: Passage, pos: int) -> bool:
    """Whether the claim's subject is what the clause of ``pos`` is about: it is named in
    that clause, or the sentence names it nowhere (it came by co-reference). A sentence
    that names it in another clause speaks of something else at ``pos`` ("Tesla
    delivered 936,000 vehicles, but the Cybertruck …")."""
    if not p.subject_at:
        return True
    lo, hi = p.sentence.clause(pos)
    if any(lo <= s < hi for s in p.subject_at):
        return True
    # an appositive or a trailing phrase ("a Cybertruck, at $39,900") stays close by
    return any(_gap_ok(p.text, min(s, pos), max(s, pos), p.sentence.lang.cjk, 14) for s in p.subject_at)


def planned(p: Passage, pos: int) -> tuple[int, int] | None:
    """A plan, a condition or the restated original plan governing ``pos``."""
    s = p.sentence
    for cue in ("plan", "conditional", "retrospective"):
        hit = s.cue_in_clause(cue, pos, before_only=True)
        if hit:
            return hit
    return None


def hedged(p: Passage) -> tuple[int, int] | None:
    hits = p.sentence.cues["hedge"]
    return hits[0] if hits else None


def owner_voice(p: Passage, pos: int) -> bool:
    """Whether the claim's owner says it: their own words only repeat the claim. An
    apposition to a name is the writer's own ("Musk called Colossus, the supercomputer
    with 100,000 GPUs, the most powerful")."""
    return p.speaker(pos) == OWNER and not _in_apposition(p, pos)


def _in_apposition(p: Passage, pos: int) -> bool:
    s = p.sentence
    left = s.text.rfind(",", 0, pos)
    right = s.text.find(",", pos)
    if left < 0 or right < 0:
        return False
    if any(left < a < right for a, _ in (*s.cues["say"], *s.cues["hedge"])):
        return False  # "Colossus, which Musk has promoted as …": his words
    before = s.text[:left].rstrip()
    return any(b == len(before) for spans in s.entities.values() for _, b in spans)


def early(p: Passage) -> bool:
    """Whether the article predates the claim (so it cannot contradict or update it)."""
    asserted = p.claim.asserted or (p.reading.story.published.date() if p.reading.story.published else None)
    published = p.sentence.published
    # a day's grace: the source article often reports what was said the day before
    return bool(asserted and published and published < asserted - dt.timedelta(days=1))


def addressed(p: Passage, rule: str, spans: tuple[Span, ...] = ()) -> Verdict:
    """A passage on the claim that gives no verdict."""
    return Verdict("mentions", 1.0, rule, spans)


def verdict(
    p: Passage,
    stance: str,
    confidence: float,
    rule: str,
    spans: tuple[Span, ...] = (),
    value: str | None = None,
    pos: int | None = None,
    fulfilled: bool = False,
) -> Verdict:
    """A verdict with the cross-cutting rules applied: the owner's own words and the
    article's hedges leave only a mention of a confirmation; contradictions and updates
    published before the claim are mentions; co-reference and a headline alone cost
    confidence."""
    at = spans[0].start if spans else (pos or 0)
    why = _only_a_mention(p, stance, at, fulfilled)
    if why is not None:
        return Verdict("mentions", confidence, rule + "; " + why, spans, value)
    if p.coreferent:
        confidence *= 0.85
    if p.sentence.is_title:
        confidence *= 0.9
    return Verdict(stance, confidence, rule, spans, value)


def _only_a_mention(p: Passage, stance: str, at: int, fulfilled: bool) -> str | None:
    """Why a verdict is only a mention (the owner's words, a hedge, an article older
    than the claim), as the note its rule gets; None when it stands."""
    own_word_counts = fulfilled and p.reading.story.attribution.own_reports == "evidence"
    if stance == "supports" and not own_word_counts and owner_voice(p, at):
        return "in the owner's words"
    if stance == "supports" and hedged(p):
        return "hedged"
    if stance in ("contradicts", "updates") and early(p) and p.claim.kind != "report":
        return "published before the claim"
    return None


def fmt(v: float) -> str:
    return str(round(v)) if abs(v - round(v)) < 1e-6 else f"{v:g}"


def iso(d: dt.date) -> str:
    return d.isoformat()
