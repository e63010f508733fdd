"""superlative: "the most powerful cluster in the world", "quicker than a 911".

An independent source calling the subject the most/largest supports it; the owner's
own words, a hedge ("billed as") or a prediction are mentions; a negated superlative
("no longer the largest"), a doubt, an equal rival or a rival that beats the subject
contradicts. Which side of a comparison the subject is on decides whom it favours:
"Colossus is bigger than Frontier" supports, "a cluster bigger than Colossus"
contradicts.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..dossier import Claim, SuperlativeSpec, Terms
from ..retrieve import Passage
from . import ClaimKind, Verdict, register
from .common import addressed, negated, planned, verdict


def _terms(claim: Claim) -> Mapping[str, Terms]:
    spec = claim.spec
    assert isinstance(spec, SuperlativeSpec)
    return {
        "superlative": spec.superlative,
        "comparative": spec.comparative,
        "equal": spec.equal,
        "doubt": spec.doubt,
        "objects": spec.objects,
        "rivals": spec.rivals,
    }


def _all(p: Passage, name: str, cue: str) -> list[tuple[int, int]]:
    return sorted({*p.terms[name], *p.sentence.cues[cue]})


def decide(p: Passage) -> Verdict | None:
    doubt = _all(p, "doubt", "doubt")
    if doubt and _about_subject(p, doubt[0][0]):
        return verdict(p, "contradicts", 0.7, "superlative.doubt", (p.span("doubt", *doubt[0]),))
    if p.claim.spec.rivals:  # type: ignore[union-attr]
        return _against_rival(p)
    stated = _stated(p)
    if stated is not None:
        return stated
    if _objects_missing(p):
        return None  # rivals of another kind of thing ("yields comparable to Taiwan's")
    return _rivalled(p)


def _objects_missing(p: Passage) -> bool:
    """The claim ranks the subject among some things ("objects") the sentence does not name."""
    return bool(p.claim.spec.objects and not p.terms["objects"])  # type: ignore[union-attr]


def _stated(p: Passage) -> Verdict | None:
    """A superlative said of the subject: negated, predicted, or stated."""
    for hit in _all(p, "superlative", "superlative"):
        if not _about_subject(p, hit[0]):
            continue
        if _objects_missing(p):
            continue
        span = p.span("superlative", *hit)
        neg = negated(p, hit[0])
        if neg:
            return verdict(p, "contradicts", 0.75, "superlative.negated", (span, p.span("negation", *neg)))
        if planned(p, hit[0]):
            return addressed(p, "superlative.predicted", (span,))
        return verdict(p, "supports", 0.8, "superlative.stated", (span,))
    return None


def _rivalled(p: Passage) -> Verdict | None:
    """No superlative: an equal rival next to the subject, or a comparison about it."""
    equal = [e for e in _all(p, "equal", "equal") if _next_to_subject(p, e[0])]
    if equal:
        return verdict(p, "contradicts", 0.65, "superlative.equal_rival", (p.span("equal", *equal[0]),))
    comp = [c for c in _all(p, "comparative", "comparative") if _about_subject(p, c[0])]
    if comp:
        return _compared(p, comp[0])
    return None


def _next_to_subject(p: Passage, pos: int) -> bool:
    """An equal rival is said of the subject right next to it ("comparable to Colossus")."""
    gap = 5 if not p.sentence.lang.cjk else 10
    return any(abs(s - pos) <= (gap * 7 if not p.sentence.lang.cjk else gap) for s in p.subject_at)


def _about_subject(p: Passage, pos: int) -> bool:
    """Whether the subject (or, by co-reference, a pronoun) is in the clause of ``pos``."""
    lo, hi = p.sentence.clause(pos)
    if any(lo <= s < hi for s in p.subject_at):
        return True
    named_here = any(lo <= a < hi for spans in p.sentence.entities.values() for a, _ in spans)
    if p.subject_at and not named_here and p.sentence.text[hi:].strip(" .") == "":
        return True  # a trailing complement: "Musk called Colossus, the …, the world's most powerful"
    return p.coreferent and bool(p.sentence.lang.pronoun_regex.search(p.text, lo, hi))


def _against_rival(p: Passage) -> Verdict | None:
    """A claim against a named rival ("quicker than a Porsche 911"): who wins the
    comparison in the sentence that names both."""
    if not p.terms["rivals"]:
        return None
    cues = sorted({*p.sentence.cues["comparative"], *p.sentence.cues["superlative"], *p.terms["comparative"]})
    for hit in cues:
        v = _compared(p, hit)
        if v is not None:
            return v
    return addressed(p, "superlative.rival_named")


_LOSING = ("lost", "loses", "behind", "beaten", "输给", "不及", "落后")  # the one named first loses


def _compared(p: Passage, hit: tuple[int, int]) -> Verdict | None:
    """A comparison: whoever is named just before the comparative wins it ("X beat Y",
    "X is bigger than Y"); a losing word ("lost to", "behind") or a negation reverses
    that. The contenders are the subject and, when the claim names them, its rivals."""
    winner_is_subject = _first_named_wins(p, hit)
    if winner_is_subject is None:
        return None
    word = p.text[hit[0] : hit[1]].lower()
    if any(w in word for w in _LOSING):
        winner_is_subject = not winner_is_subject
    if negated(p, hit[0]):
        winner_is_subject = not winner_is_subject
    span = p.span("comparative", *hit)
    if winner_is_subject:
        return verdict(p, "supports", 0.7, "superlative.beats_rival", (span,))
    return verdict(p, "contradicts", 0.7, "superlative.rival_ahead", (span,))


def _first_named_wins(p: Passage, hit: tuple[int, int]) -> bool | None:
    """Whether the subject wins by word order alone: the contender named last before
    the comparative wins, else the first one after it loses. None without contenders."""
    contenders = _contenders(p)
    before = [c for c in contenders if c[0] < hit[0]]
    if before:
        return max(before)[1]
    if contenders:
        return not min(contenders)[1]  # "beaten by X": the one after loses
    return None


def _contenders(p: Passage) -> list[tuple[int, bool]]:
    """Where the subject (else an owner) and the claim's rivals are named, as
    (position, is_subject)."""
    named = p.sentence.named
    subject = [x for g in p.claim.about[:1] for e in g for x in named.get(e, [])]
    owners = [x for e in p.reading.owners for x in named.get(e, [])]
    # by name only: "a cluster bigger than xAI's" is someone else's cluster
    contenders = [(pos, True) for pos in (subject or owners)]
    contenders += [(s, False) for s, _ in p.terms["rivals"]]
    return contenders


register(ClaimKind("superlative", _terms, decide, __doc__ or ""))
