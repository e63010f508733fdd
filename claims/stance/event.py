"""event: something due by the claim's deadline. The passage names the event (the
claim's ``triggers``); its date is the date nearest the event in the sentence, and its
state comes from the language's cues: done, delayed, not yet, planned, on time,
cancelled, or replaced by something else.

| the passage says                              | stance                          |
|-----------------------------------------------|---------------------------------|
| it happened, on or before the deadline        | supports                        |
| it happened, after the deadline               | ``late`` (updates by default)   |
| it is delayed, or planned, past the deadline  | contradicts                     |
| it has not happened and the deadline passed   | contradicts                     |
| it was cancelled, or replaced                 | contradicts (``replaced``)      |
| it is planned by the deadline, as promised    | mentions                        |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..dossier import Claim, EventSpec, Terms
from ..lang.dates import DateSpan
from ..retrieve import Passage, Span
from . import STANCE_RANK, ClaimKind, Verdict, register
from .common import addressed, iso, negated, recalled, subject_near, verdict


def _terms(claim: Claim) -> Mapping[str, Terms]:
    spec = claim.spec
    assert isinstance(spec, EventSpec)
    return {"event": spec.triggers, "replaced": spec.replaced}


def _event_date(p: Passage, at: int) -> DateSpan | None:
    """The date of the event at ``at``: in its clause if one is there, else the nearest
    in the sentence; never a date inside a clause about something else."""
    s = p.sentence
    lo, hi = s.clause(at)
    spoken = [e for _, e in s.cues["say"]]
    dated = [d for d in s.dates if not any(0 <= d.start - e <= 4 for e in spoken)]  # "said on Tuesday"
    same = [d for d in dated if lo <= d.start < hi]
    pool = same or dated
    if not pool:
        return None
    return min(pool, key=lambda d: abs(d.start - at))


def _cue(p: Passage, name: str, at: int) -> tuple[int, int] | None:
    hit = p.sentence.cue_in_clause(name, at)
    if hit:
        return hit
    hits = p.sentence.cues[name]
    return hits[0] if hits and name in ("delay", "not_yet", "on_time") else None


def decide(p: Passage) -> Verdict | None:
    """The strongest verdict over the passage's mentions of the event."""
    spec = p.claim.spec
    assert isinstance(spec, EventSpec)
    if not p.terms["event"] or p.claim.deadline is None:
        return None
    hits = [h for h in p.terms["event"] if subject_near(p, h[0])]
    if not hits:
        return addressed(p, "event.other_subject")
    found = [_at(p, spec, p.claim.deadline, hit) for hit in hits]
    return max(found, key=lambda v: (STANCE_RANK[v.stance], v.confidence))


def _at(p: Passage, spec: EventSpec, deadline: dt.date, hit: tuple[int, int]) -> Verdict:
    """The verdict of one mention of the event: its state and its date."""
    at = hit[0]
    trigger = p.span("event", *hit)
    if p.terms["replaced"]:
        rs = p.terms["replaced"][0]
        return verdict(p, spec.replaced_stance, 0.75, "event.replaced", (trigger, p.span("replaced", *rs)))
    when = _event_date(p, at)
    spans = (trigger, *((p.span("date", when.start, when.end),) if when else ()))
    value = iso(when.last) if when else None
    for state in ("cancelled", "delay", "not_yet"):
        cue = _cue(p, state, at)
        if cue:
            return _unfinished(p, spec, deadline, when, state, (*spans, p.span(state, *cue)), value)
    if negated(p, at):
        return _unfinished(p, spec, deadline, when, "negated", spans, value)
    return _done_or_planned(p, spec, deadline, at, when, spans, value)


def _done_or_planned(
    p: Passage, spec: EventSpec, deadline: dt.date, at: int, when: DateSpan | None, spans: tuple[Span, ...], value: str | None
) -> Verdict:
    """Neither stopped nor negated: it happened, it is planned, or the sentence only
    names it. What stands next to the event word decides; a past date tells the tense
    where the language does not ("2023年7月投产")."""
    s = p.sentence
    future = s.cue_near("plan", at) or s.cue_near("conditional", at)
    plan = future or s.cue_near("retrospective", at)
    done = s.cue_near("done", at) or s.cue_near("on_time", at)
    if done is None and spec.triggers_done:
        done = spans[0].start, spans[0].end  # a trigger of today's format says it happened
    if done is not None and _closer(done, plan, at) and not _governs(future, done):
        return _happened(p, spec, deadline, when, (*spans, p.span("done", *done)), value)
    advanced = s.cue_near("advanced", at, 10)
    if advanced is not None:  # a new, earlier date for what had not happened yet
        return verdict(p, "updates", 0.7, "event.brought_forward", (*spans, p.span("advanced", *advanced)), value)
    if plan:
        return _planned(p, deadline, at, when, future, spans, value)
    return _done_or_named(p, spec, deadline, when, done, spans, value)


def _planned(
    p: Passage,
    deadline: dt.date,
    at: int,
    when: DateSpan | None,
    future: tuple[int, int] | None,
    spans: tuple[Span, ...],
    value: str | None,
) -> Verdict:
    """A plan: one dated past the deadline (and not the original plan recalled)
    contradicts; any other is a mention."""
    if when and when.first > deadline and future and not recalled(p, at):
        return verdict(p, "contradicts", 0.7, "event.planned_after_deadline", spans, value)
    return addressed(p, "event.planned", spans)


def _done_or_named(
    p: Passage,
    spec: EventSpec,
    deadline: dt.date,
    when: DateSpan | None,
    done: tuple[int, int] | None,
    spans: tuple[Span, ...],
    value: str | None,
) -> Verdict:
    """Neither stopped nor planned: a done word, or a date already past, says it
    happened; else the sentence only names the event."""
    published = p.sentence.published
    if done is not None:
        return _happened(p, spec, deadline, when, (*spans, p.span("done", *done)), value)
    if when is not None and published is not None and (when.last < published or (when.first < published and when.explicit_year)):
        return _happened(p, spec, deadline, when, spans, value)
    return addressed(p, "event.no_state", spans)


def _governs(plan: tuple[int, int] | None, done: tuple[int, int] | None) -> bool:
    """A plan word before the done word governs it ("will start", "将于…开始")."""
    return plan is not None and done is not None and plan[0] < done[0]


def _closer(a: tuple[int, int] | None, b: tuple[int, int] | None, at: int) -> bool:
    """Whether cue ``a`` is there and nearer to ``at`` than cue ``b`` (what stands next
    to a word governs it: "去年已量产，比原订提前" is done, not planned)."""
    if a is None:
        return False
    return b is None or abs(a[0] - at) < abs(b[0] - at)


def _unfinished(
    p: Passage, spec: EventSpec, deadline: dt.date, when: DateSpan | None, state: str, spans: tuple[Span, ...], value: str | None
) -> Verdict:
    """Cancelled, delayed, not yet done or negated: a delay or a date past the deadline
    contradicts; otherwise when it is said decides (:func:`_not_yet`)."""
    if state == "cancelled":
        return verdict(p, spec.replaced_stance, 0.75, "event.cancelled", spans, value)
    if when is not None and when.last <= deadline and state == "delay" and when.bound != "not_before":
        return addressed(p, "event.delayed_within_deadline", spans)
    if state == "delay" or (when is not None and when.first > deadline):
        return verdict(p, "contradicts", 0.8, f"event.{state}_past_deadline", spans, value)
    return _not_yet(p, deadline, when, state, spans, value)


def _not_yet(
    p: Passage, deadline: dt.date, when: DateSpan | None, state: str, spans: tuple[Span, ...], value: str | None
) -> Verdict:
    """Not done (or negated) and not dated past the deadline: said after the deadline,
    or of a date "by" the deadline, it contradicts; said before, it is a mention."""
    published = p.sentence.published
    if published is not None and published > deadline:
        return verdict(p, "contradicts", 0.75, f"event.{state}_after_deadline", spans, value)
    if state in ("negated", "not_yet") and when is not None and when.bound == "by" and when.last >= deadline - dt.timedelta(days=31):
        return verdict(p, "contradicts", 0.7, f"event.{state}_by_deadline", spans, value)  # "will not be ready by the end of July"
    return addressed(p, f"event.{state}_before_deadline", spans)


def _a_year_earlier(d: DateSpan) -> DateSpan:
    def back(x: dt.date) -> dt.date:
        return x.replace(year=x.year - 1, day=min(x.day, 28) if x.month == 2 else x.day)

    return DateSpan(d.start, d.end, back(d.first), back(d.last), d.bound, d.explicit_year)


def _happened(
    p: Passage, spec: EventSpec, deadline: dt.date, when: DateSpan | None, spans: tuple[Span, ...], value: str | None
) -> Verdict:
    """It happened: when, against the deadline."""
    published = p.sentence.published
    if when is not None and not when.explicit_year and published is not None and when.first > published:
        when = _a_year_earlier(when)  # "since the fourth quarter", said in January: last year's
    if when is None:
        return _happened_undated(p, spec, deadline, spans)
    if when.bound == "not_before":
        if when.first > deadline:
            return verdict(p, "contradicts", 0.75, "event.not_before_past_deadline", spans, value)
        return addressed(p, "event.not_before", spans)
    if when.first > deadline:
        return verdict(p, spec.late, 0.8, "event.done_after_deadline", spans, iso(when.last), fulfilled=True)
    if when.last <= deadline:
        return verdict(p, "supports", 0.85, "event.done_by_deadline", spans, iso(when.last), fulfilled=True)
    return addressed(p, "event.done_around_deadline", spans)


def _happened_undated(p: Passage, spec: EventSpec, deadline: dt.date, spans: tuple[Span, ...]) -> Verdict:
    """Undated: the publication date bounds it; late and undated, only the first
    occurrence ("its first truck") dates it."""
    published = p.sentence.published
    if published is None:
        return addressed(p, "event.done_undated", spans)
    if published <= deadline + dt.timedelta(days=7):
        return verdict(p, "supports", 0.7, "event.done_reported_by_deadline", spans, iso(published), fulfilled=True)
    first = p.sentence.cue_near("first", spans[0].start)
    confidence = 0.6 if first else 0.4
    return verdict(p, spec.late, confidence, "event.done_reported_after_deadline", spans, iso(published))


register(ClaimKind("event", _terms, decide, __doc__ or "", needs=("event",)))
