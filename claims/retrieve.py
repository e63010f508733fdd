"""Retrieval: the passages of an article that address each claim, as typed spans.

For one story and one article this module finds, sentence by sentence, what the stance
rules decide on: mentions of the story's entities (and of their definite descriptions),
the figures, dates and cues of the sentence (:mod:`claims.lang`), the claim's own
words, and who speaks — the claim's owner (the story's ``attribution.self``, whose own
words only repeat a claim) or someone else. A passage is a sentence that names the
claim's subjects, or a sentence that continues one that did (co-reference).

All offsets of a passage index its ``text``, the sentence with numbers written in words
turned into digits (:func:`claims.lang.numbers.normalise`); ``quote`` is what the article
says, verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .document import Document
from .dossier import Claim, Story, Terms
from .lang import CUES, Language, compile_terms, language
from .lang.common import fold
from .lang.dates import DateSpan, date_word, dates
from .lang.numbers import Figure, figures, normalise
from .matching import anaphora_mentions, entity_mentions
from .speakers import OTHER, OWNER, speaker

__all__ = ["OTHER", "OWNER", "Passage", "Reading", "Sentence", "Span", "passages", "read", "terms_regex"]

_QUOTE = re.compile(r"[“«「『„\"]([^”»」』“\"]{3,})[”»」』“\"]")


@dataclass(frozen=True)
class Span:
    """A typed stretch of a passage's text (what decided a verdict, for explanations)."""

    kind: str
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    """One sentence read once for every claim: its normalised text and what is in it."""

    index: int
    text: str
    original: str
    is_title: bool
    lang: Language
    published: dt.date | None
    entities: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    named: dict[str, list[int]] = field(default_factory=dict)  # by name (alias), not a common noun

    @cached_property
    def cues(self) -> dict[str, list[tuple[int, int]]]:
        """The language's cues in the sentence, each found when a rule first asks for it
        (most sentences are asked about a few); a cue inside a date is the date ("May
        2025" is no "may")."""
        return _Cues(self)

    @cached_property
    def figures(self) -> list[Figure]:
        return figures(self.text, self.lang)

    @cached_property
    def dates(self) -> list[DateSpan]:
        return dates(self.text, self.lang, self.published)

    @cached_property
    def clause_cuts(self) -> list[int]:
        return [m.start() for m in self.lang.clause_regex.finditer(self.text)]

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        return [m.span(1) for m in _QUOTE.finditer(self.text)]

    @cached_property
    def foreign_owner(self) -> bool:
        """Whether the sentence gives something to a name the story does not know."""
        return _foreign_name(self)

    @cached_property
    def foreign_owner_or_place(self) -> bool:
        """… or places it somewhere the story does not know ("now in Louisiana")."""
        return _foreign_name(self, places=True)

    def has(self, cue: str) -> bool:
        return bool(self.cues[cue])

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: between the nearest clause marks."""
        lo, hi = 0, len(self.text)
        for cut in self.clause_cuts:
            if cut < pos:
                lo = cut
            elif cut > pos:
                hi = cut
                break
        return lo, hi

    def cue_in_clause(self, cue: str, pos: int, before_only: bool = False) -> tuple[int, int] | None:
        """A cue in the clause of ``pos`` (before it, when ``before_only``)."""
        lo, hi = self.clause(pos)
        for s, e in self.cues[cue]:
            if lo <= s and e <= hi and (not before_only or s <= pos):
                return s, e
        return None

    def cue_near(self, cue: str, pos: int, words: int = 6) -> tuple[int, int] | None:
        """A cue in the clause of ``pos`` and within ``words`` words of it (twice as
        many characters in CJK text): what governs a word stands next to it."""
        lo, hi = self.clause(pos)
        best: tuple[int, int] | None = None
        for s, e in self.cues[cue]:
            if not (lo <= s and e <= hi):
                continue
            gap = self.text[e:pos] if e <= pos else self.text[pos:s]
            size = len(gap) if self.lang.cjk else len(gap.split())
            if size <= (2 * words if self.lang.cjk else words) and (best is None or abs(s - pos) < abs(best[0] - pos)):
                best = (s, e)
        return best

    def in_quotes(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)


class _Cues(dict[str, list[tuple[int, int]]]):
    """Cue name -> spans in one sentence, computed on first lookup."""

    def __init__(self, sentence: Sentence) -> None:
        super().__init__()
        self.sentence = sentence

    def __missing__(self, name: str) -> list[tuple[int, int]]:
        if name not in CUES:
            raise KeyError(name)
        s = self.sentence
        found = s.lang.cue(name).find(s.text)
        if found and any(date_word(s.lang, s.text[a:b]) for a, b in found):
            # a cue made of a date's words ("May", "the end of") may be part of a date
            taken = [(d.start, d.end) for d in s.dates]
            found = [c for c in found if not any(a <= c[0] < b for a, b in taken)]
        self[name] = found
        return found


@dataclass
class Reading:
    """An article read for one story: its sentences, who speaks where, the owner's names."""

    story: Story
    doc: Document
    lang: Language
    sentences: list[Sentence]
    owners: frozenset[str]
    owner_terms: re.Pattern[str]

    def speaker(self, s: Sentence, pos: int) -> str | None:
        """Who says what is at ``pos`` (OWNER, OTHER, or None for the article's own
        voice): :func:`claims.speakers.speaker`."""
        return speaker(self, s, pos)

    @cached_property
    def organisations(self) -> frozenset[str]:
        return frozenset(e.id for e in self.story.entities if e.type == "org")

    @cached_property
    def speakers(self) -> frozenset[str]:
        """The entities that can speak: people and organisations."""
        return frozenset(e.id for e in self.story.entities if e.type in ("person", "org"))


@dataclass
class Passage:
    """A sentence that addresses a claim, with the spans the rules weigh."""

    claim: Claim
    sentence: Sentence
    reading: Reading
    coreferent: bool
    subject_at: list[int]
    terms: dict[str, list[tuple[int, int]]]

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def quote(self) -> str:
        """The sentence, with the one before it when that is where the subject is named."""
        if self.coreferent and self.sentence.index > 0:
            before = self.reading.sentences[self.sentence.index - 1]
            if not before.is_title:
                return f"{before.original} {self.sentence.original}"
        return self.sentence.original

    def span(self, kind: str, s: int, e: int) -> Span:
        return Span(kind, s, e, self.text[s:e])

    def speaker(self, pos: int) -> str | None:
        return self.reading.speaker(self.sentence, pos)

    def nearest_subject(self, pos: int) -> int | None:
        return min(self.subject_at, key=lambda p: abs(p - pos)) if self.subject_at else None


def terms_regex(terms: Terms, lang: Language, plural: bool = False) -> re.Pattern[str] | None:
    """The dossier terms for the language ("*" and its own list), or None if none."""
    words = (*terms.get("*", ()), *terms.get(lang.code, ()))
    return compile_terms(tuple(words), lang.cjk, plural) if words else None


def read(story: Story, doc: Document) -> Reading:
    """Read the article once for every claim of the story."""
    lang = language(doc.language or _script_language(doc.text), origin=f"story {story.id}")
    published = doc.published.date() if doc.published else None
    mentions = [*entity_mentions(story, doc), *anaphora_mentions(story, doc)]
    sentences: list[Sentence] = []
    for s in doc.sentences:
        text = normalise(s.text, lang)
        sentences.append(Sentence(s.index, text, s.text, s.is_title, lang, published))
    for m in mentions:
        sent = sentences[m.sentence]
        surface = doc.text[m.start : m.end]
        at = _place(sent, doc.sentences[m.sentence].start, m.start, surface)
        sent.entities.setdefault(m.entity, []).append((at, at + len(surface)))
        if m.how in ("alias", "ambiguous"):
            sent.named.setdefault(m.entity, []).append(at)
    owner_words = terms_regex(story.attribution.self_terms, lang)
    return Reading(
        story, doc, lang, sentences, frozenset(story.attribution.self_ids), owner_words or re.compile("(?!)")
    )


def _script_language(text: str) -> str:
    """A guess from the script when nothing declared the language (the crawler
    identifies every page's, so this is for direct calls): Han is Chinese, else English."""
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def _place(sent: Sentence, sentence_start: int, start: int, surface: str) -> int:
    """Where a mention is in the normalised sentence: the same occurrence of its text
    (the second "xAI" of a sentence is not the first)."""
    if sent.text == sent.original:
        return start - sentence_start
    nth = sent.original.count(surface, 0, start - sentence_start)
    at = -1
    for _ in range(nth + 1):
        at = sent.text.find(surface, at + 1)
        if at < 0:
            return max(0, sent.text.find(surface))
    return at


def _names(s: Sentence, group: Sequence[str]) -> list[int]:
    return [p for eid in group for p, _ in s.entities.get(eid, [])]


def _addresses(reading: Reading, claim: Claim, i: int) -> tuple[bool, bool, list[int]]:
    """Whether sentence ``i`` addresses the claim (every ``about`` group named in it or,
    by co-reference, in the ``window`` sentences before it), whether it needed them,
    and where in it the subject (the first group) is named."""
    s = reading.sentences[i]
    if any(s.entities.get(eid) for eid in claim.not_with):
        return False, False, []
    here = [_names(s, g) for g in claim.about]
    if all(here):
        if _borrowed(s, claim, reading.owners):
            return False, False, []
        return True, False, here[0]
    if s.is_title:
        return False, False, []
    return _by_coreference(reading, claim, i, here)


def _by_coreference(reading: Reading, claim: Claim, i: int, here: list[list[int]]) -> tuple[bool, bool, list[int]]:
    """Sentence ``i`` lacks a group of the claim: it addresses the claim when the
    sentences before it name that group and it reads as their sequel, or when it
    continues the headline's topic."""
    s = reading.sentences[i]
    if _unresolved(reading, claim, i, here):
        return (True, True, here[0]) if _on_topic(reading, claim, i) else (False, False, [])
    if not (s.lang.pronoun_regex.search(s.text) or any(here) or _continues(reading, claim, s)):
        return False, False, []
    if s.foreign_owner:
        return False, False, []  # "its own cluster" is Microsoft's, not the subject's
    return True, True, here[0]


def _unresolved(reading: Reading, claim: Claim, i: int, here: list[list[int]]) -> bool:
    """Whether a group missing from sentence ``i`` is named in none of the ``window``
    sentences before it either (headlines aside): co-reference cannot supply it."""
    lo = max(0, i - claim.window)
    back = [j for j in range(lo, i) if not reading.sentences[j].is_title]
    for g, found in zip(claim.about, here, strict=True):
        if found:
            continue
        if not any(_names(reading.sentences[j], g) for j in back):
            return True
    return False


def _borrowed(s: Sentence, claim: Claim, owners: frozenset[str]) -> bool:
    """The subject is named only by a common noun ("el clúster", "the biggest cluster")
    that the sentence gives to someone the story does not know ("de Amazon", "in
    Louisiana"), or ranks ("the biggest X in the world" is not co-reference)."""
    subject = claim.about[0]
    if any(s.named.get(e) for e in subject):
        return False
    if any(s.named.get(e) for e in owners):
        return False  # "… mayor que el de xAI": the owner's own thing is in the sentence
    weak = [(a, b) for e in subject for a, b in s.entities.get(e, [])]
    ranked = all(any(a <= x < b or 0 <= a - x <= 20 for x, _ in s.cues["superlative"]) for a, b in weak)
    return ranked or s.foreign_owner_or_place


def _continues(reading: Reading, claim: Claim, s: Sentence) -> bool:
    """A sentence whose subject is no other party reads as a sequel of the sentences
    before it ("The cheapest model is now listed at $60,990."; "La machine se compose de
    cent mille GPU H100 de Nvidia": a supplier named further on is no new subject). It
    is someone else's when another person or organisation opens it, or a name the story
    does not know owns or places what it speaks of."""
    own = reading.owners | {e for g in claim.about for e in g}
    others = (set(s.entities) - own) & reading.speakers
    opening = any(_words(s, 0, a) <= 3 for e in others for a, _ in s.entities[e])
    return not opening and not s.foreign_owner_or_place


def _words(s: Sentence, a: int, b: int) -> int:
    gap = s.text[a:b]
    return len(gap) if s.lang.cjk else len(gap.split())


# A name the story does not know, as the owner of something ("Amazon's cluster", "el
# clúster de Amazon", "Amazon为…搭建的集群") or, with ``places``, its place ("in Louisiana").
_OWNER_NAME = re.compile(
    r"(?:(?<![A-Z]\w)(?<![A-Z]\w\w)\b(?:of|de|del|du|des|von)\s+)"
    r"([A-Z][a-z\u00e0-\u024f][\w\-]+)"
    r"|(?<![\w.])([A-Z][a-z\u00e0-\u024f][\w\-]+)(?:'s|’s|的|为|為)"
)
_PLACE_NAME = re.compile(r"(?<![A-Z]\w)(?<![A-Z]\w\w)\b(?:in|at|en|à|au|im|bei)\s+([A-Z][a-z\u00e0-\u024f][\w\-]+)()")


_LEAD_NAME = re.compile(r"[A-Z][a-z\u00e0-\u024f][\w\-]+(?:\s+[A-Z][\w\-]+)*\s")


def _foreign_name(s: Sentence, places: bool = False) -> bool:
    """Whether the sentence gives something to an owner or a place the story does not
    know: a capitalised name after "of/in/de/en/von…" or before "'s/的", that is not
    part of a mention of the story's entities, nor a month or a weekday."""
    known = [span for spans in s.entities.values() for span in spans]
    if _unknown_lead_says(s, known):
        return True  # "Microsoft says its own cluster …": someone else's
    found = [*_OWNER_NAME.finditer(s.text), *(_PLACE_NAME.finditer(s.text) if places else ())]
    return any(_unknown_owner(s, m, known) for m in found)


def _unknown_lead_says(s: Sentence, known: list[tuple[int, int]]) -> bool:
    """The sentence opens with a name the story does not know that speaks ("Microsoft
    says …"): what follows is that party's."""
    lead = _LEAD_NAME.match(s.text)
    if not lead or any(a <= 0 < b for a, b in known) or any(a == 0 for a, _ in s.cues["source"]):
        return False
    return any(lead.end() <= a <= lead.end() + 2 for a, _ in s.cues["say"])


def _unknown_owner(s: Sentence, m: re.Match[str], known: list[tuple[int, int]]) -> bool:
    """Whether an owner or place match names a party the story does not know: not one
    of its mentions, nor a month or a weekday."""
    word = m.group(1) or m.group(2)
    start = m.start(1) if m.group(1) else m.start(2)
    if any(a <= start < b for a, b in known):
        return False
    return not (fold(word) in s.lang.months or _is_weekday(s, word))


def _is_weekday(s: Sentence, word: str) -> bool:
    return any(d.start <= 0 for d in dates(word, s.lang, s.published or dt.date(2000, 1, 1)))


def _on_topic(reading: Reading, claim: Claim, i: int) -> bool:
    """Whether sentence ``i`` continues the article's topic: the headline names every
    group of the claim, and the sentence names no other party."""
    title = next((x for x in reading.sentences if x.is_title), None)
    if title is None or not all(_names(title, g) for g in claim.about):
        return False
    return _continues(reading, claim, reading.sentences[i])


def passages(
    reading: Reading, claim: Claim, claim_terms: Mapping[str, Terms], needs: Sequence[str] = ()
) -> Iterator[Passage]:
    """The sentences that address ``claim``, with the claim's own term lists found.
    ``needs`` names term lists of which one must match for the kind to decide anything
    (an event claim needs its event words): other sentences are not passages."""
    excluded = terms_regex(claim.exclude, reading.lang) if claim.exclude else None
    required = terms_regex(claim.requires, reading.lang, plural=True) if claim.requires else None
    for i, s in enumerate(reading.sentences):
        found = _terms_found(reading, s, claim_terms)
        if needs and not any(found.get(name) for name in needs):
            continue
        if claim.requires and (required is None or not required.search(s.text)):
            continue  # the claim is about one part of its subject ("the second fab")
        ok, coref, subject_at = _addresses(reading, claim, i)
        if not ok or (excluded is not None and excluded.search(s.text)):
            continue
        yield Passage(claim, s, reading, coref, subject_at, found)


def _terms_found(reading: Reading, s: Sentence, claim_terms: Mapping[str, Terms]) -> dict[str, list[tuple[int, int]]]:
    """Where each of the claim's term lists matches the sentence (the spans its rules weigh)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for name, terms in claim_terms.items():
        rx = terms_regex(terms, reading.lang, plural=True)
        found[name] = [m.span() for m in rx.finditer(s.text)] if rx else []
    return found
