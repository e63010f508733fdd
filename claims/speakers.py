"""Attribution: who speaks at a place of a sentence — the claim's owner (the story's
``attribution.self``, whose own words only repeat a claim), someone else, or nobody
(the article's own voice).

The speaker of a speech cue ("said", "según", "表示") is a name next to it, a
description of an owner ("the company"), the sentence's subject, or the person last
named when the sentence only says "he"/"she". :class:`claims.retrieve.Reading` asks
this module through :meth:`~claims.retrieve.Reading.speaker`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .retrieve import Reading, Sentence

__all__ = ["OTHER", "OWNER", "speaker"]

OWNER, OTHER = "owner", "other"
_SPEAKER_WINDOW = 60  # characters between a speech cue and its speaker

_HEADLINE_SPEAKER = re.compile(r"^[^:：,，]{2,30}(?::\s|：)")
_COMPANY = re.compile(
    r"(?i)\b(?:the|la|le|die|das|der)\s+(?:company|compañía|empresa|firma|société|entreprise|groupe|Unternehmen|Konzern|Firma)\b|该公司|公司方面"
)
_PRONOUN_SPEAKER = re.compile(r"(?i)\b(?:he|she|il|elle|er|sie|él|ella)\s+(?:has\s+|had\s+|a\s+|hat\s+)?$|他|她")
_NAME = re.compile(r"[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+)*")

Names = list[tuple[int, int, bool]]  # who can speak in a sentence: (start, end, is_owner)


def speaker(reading: Reading, s: Sentence, pos: int) -> str | None:
    """Who says what is at ``pos``: OWNER when the speaker of the sentence's speech
    cue is one of the claim's owners (or a description of one, "the company", or
    "he"/"she" or nobody after an owner was named), OTHER when it is someone else
    (a name, "analysts", "people familiar with…"), None when the sentence is the
    article's own voice."""
    if s.is_title:
        lead = _HEADLINE_SPEAKER.match(s.text)
        if lead:
            return OWNER if owned_span(reading, s, 0, lead.end()) else OTHER
    says = [*s.cues["say"], *s.cues["hedge"]]
    if not says:
        return None
    found = names(reading, s)
    for cs, ce in sorted(says, key=lambda c: abs(c[0] - pos)):
        spoken = who(reading, s, cs, ce, found)
        if spoken is not None:
            return OWNER if spoken else OTHER
    return OTHER


def names(reading: Reading, s: Sentence) -> Names:
    """Who can speak in the sentence: the owners (also by description) and the
    story's other people and organisations, as (start, end, is_owner)."""
    owned = [(a, b, True) for eid in reading.owners for a, b in s.entities.get(eid, [])]
    owned += [(m.start(), m.end(), True) for m in reading.owner_terms.finditer(s.text)]
    others = [
        (a, b, False)
        for eid, spans in s.entities.items()
        if eid not in reading.owners and eid in reading.speakers
        for a, b in spans
    ]
    return sorted(owned + others)


def owned_span(reading: Reading, s: Sentence, a: int, b: int) -> bool:
    """Whether an owner is named in ``a:b`` (a headline's "Musk: …")."""
    return any(a <= x < b and owner for x, _, owner in names(reading, s))


def who(reading: Reading, s: Sentence, cs: int, ce: int, found: Names) -> bool | None:
    """The speaker of one speech cue: True for an owner, False for someone else."""
    if _sourced(s, cs, ce):
        return False  # "analysts said", "people familiar with xAI's plans said", "sagen Experten"
    named = speaker_of(s, cs, ce, found)
    if named is not None:
        return named
    return _unnamed_speaker(reading, s, cs, ce, found)


def _sourced(s: Sentence, cs: int, ce: int) -> bool:
    """An anonymous or expert source stands next to the cue: someone else speaks."""
    return any(cs - _SPEAKER_WINDOW <= a < cs or ce <= a <= ce + 12 for a, _ in s.cues["source"])


def _unnamed_speaker(reading: Reading, s: Sentence, cs: int, ce: int, found: Names) -> bool | None:
    """No name is next to the cue: "the company", the sentence's subject, or whom
    "he"/"she" stands for speaks."""
    head = s.text[max(0, cs - _SPEAKER_WINDOW) : cs]
    if _COMPANY.search(head[-30:]) or _COMPANY.search(s.text[ce : ce + 30]):
        return bool(reading.owners & reading.organisations) or None
    first = [n for n in found if n[0] < cs and words(s, 0, n[0]) <= 3]
    if first:
        return first[0][2]  # the sentence's subject speaks: "Musk shared … and said"
    if not found or all(a > ce for a, _, _ in found):
        return last_person_owned(reading, s.index)  # "he said", "según explicó"
    return None


def speaker_of(s: Sentence, cs: int, ce: int, found: Names) -> bool | None:
    """The speaker of the speech cue at cs:ce: a name just before it ("Musk said",
    "Zuckerberg says"), else just after it ("according to Musk", "said Musk"). True
    for an owner, False for anyone else, None when no name is next to the cue."""
    before = _named_before(s, cs, found)
    if before is not None:
        return before
    if _unknown_name_before(s, cs):
        return False  # a name the story does not know ("Zuckerberg says")
    return _named_after(s, ce, found)


def _named_before(s: Sentence, cs: int, found: Names) -> bool | None:
    """Whether the name right before the cue is an owner's ("Musk said"), if one is there."""
    gap = 3 if not s.lang.cjk else 8
    before = [n for n in found if n[1] <= cs and words(s, n[1], cs) <= gap]
    if before:
        return max(before)[2]
    return None


def _unknown_name_before(s: Sentence, cs: int) -> bool:
    """A capitalised name the story does not know ends right before the cue."""
    head = s.text[max(0, cs - 40) : cs].rstrip()
    tail = head.split(",")[-1]
    m = _NAME.search(tail) if not s.lang.cjk else None
    at = cs - len(head) + (m.start() if m else 0)
    is_cue = any(a <= at < b for a, b in (*s.cues["say"], *s.cues["hedge"], *s.cues["source"]))
    return bool(m and not is_cue and m.end() == len(tail) and len(m.group().split()) <= 4)


def _named_after(s: Sentence, ce: int, found: Names) -> bool | None:
    """Inverted speech names its speaker right after the cue ("said Musk", "según Musk")."""
    after = [n for n in found if n[0] >= ce and words(s, ce, n[0]) <= (1 if not s.lang.cjk else 4)]
    if after:
        return min(after)[2]
    return None


def words(s: Sentence, a: int, b: int) -> int:
    """How far apart two places are: in words, or in characters in CJK text."""
    gap = s.text[a:b]
    return len(gap) if s.lang.cjk else len(gap.split())


def last_person_owned(reading: Reading, index: int) -> bool | None:
    """Whether the person "he"/"she" stands for (the last one named) is an owner."""
    persons = {e.id for e in reading.story.entities if e.type == "person"}
    for j in range(index - 1, -1, -1):
        named = [eid for eid in reading.sentences[j].entities if eid in persons]
        if named:
            return named[-1] in reading.owners
    return None
