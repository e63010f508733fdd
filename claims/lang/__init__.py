"""What the claim rules need to know about a language, one module a language.

A language module (``claims/lang/en.py`` …) builds one :class:`Language` table and
registers it: its sentence ends, how it writes numbers, money and dates, the words of
its units (as concepts, :mod:`claims.lang.units`), and its cues — negation, plans,
hedges, delays, reported speech and the rest (:data:`CUES`). The rules read only these
tables, so teaching followup a language is writing one module, and no dossier has to
say how a language says "delayed" or "more than".

A language without a module still works on entity aliases and digit figures
(:func:`language` returns the neutral table), and :func:`language` warns once,
naming the language and the dossier that needs it.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..patterns import term_regex

__all__ = [
    "CUES",
    "Cue",
    "Language",
    "LanguageWarning",
    "available",
    "language",
    "register",
]

#: Cue names every language table may fill (a missing one matches nothing), and why
#: the rules look for them.
CUES: Mapping[str, str] = {
    "negation": "not, never, no longer: flips what follows it in its clause",
    "not_yet": "not yet, still not: an event that has not happened",
    "plan": "will, plans to, is expected to, aims: the future, not a report of the fact",
    "conditional": "would, could, if: a possibility, no verdict",
    "hedge": "reportedly, allegedly, supposedly, claims to: unconfirmed",
    "retrospective": "was meant to, was supposed to, originally: the claim restated as past plan",
    "delay": "delayed, postponed, pushed back, slipped: an event moved later",
    "on_time": "on schedule, as promised, on time: an event kept to its date",
    "advanced": "brought forward, ahead of schedule, earlier than planned: an event moved earlier",
    "done": "began, started, completed, launched, is now: the event happened",
    "cancelled": "cancelled, scrapped, abandoned, dropped: no longer happening",
    "replaced": "instead, turned into, replaced by: another thing in its place",
    "ended": "ended, broke off, called off, walked away: a state or talks over",
    "continues": "continues, still, resumed, ongoing: a state that holds on",
    "denial": "denied, dismissed, false: a party says it is not so",
    "say": "said, told, announced, according to: reported speech, its speaker near it",
    "doubt": "doubt, questioned, skeptical, overstated: the claim put in question",
    "comparison": "than, compared with, for comparison: a figure of another thing",
    "growth": "doubled, expanded to, grew to, raised to: a larger figure follows",
    "only": "only, just, merely, fewer than: a smaller figure that counts",
    "running": "running, operational, installed, online, powered: what actually works",
    "superlative": "most powerful, largest, biggest, fastest: a superlative",
    "comparative": "bigger than, surpass, overtake, ahead of: a rival compared",
    "equal": "comparable to, on par with, as big as: a rival that equals it",
    "negotiation": "talks, negotiating, near a deal, close to: a deal in the making",
    "new_arrangement": "new agreement, new deal, now offers: a later, different arrangement (never a bare \"deal\" or \"partnership\")",
    "price": "price, costs, starts at, priced: a money amount that is a price",
    "previous": "previously, formerly, had been, was initially: an older figure recalled",
    "first": "first, initial, debut: the first time the event happened (its start)",
    "source": "analysts, experts, people familiar, officials, filings: a speaker who is not the owner",
}


class LanguageWarning(UserWarning):
    """A dossier asks for a language that has no module: only aliases and figures work."""


@dataclass(frozen=True)
class Cue:
    """A compiled cue: the terms of one language for one of :data:`CUES`."""

    name: str
    regex: re.Pattern[str]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Spans of the cue in text[start:end] (offsets into ``text``)."""
        stop = len(text) if end is None else end
        return [m.span() for m in self.regex.finditer(text, start, stop) if m.end() > m.start()]


@functools.lru_cache(maxsize=4096)
def compile_terms(terms: tuple[str, ...], cjk: bool, plural: bool = False) -> re.Pattern[str]:
    """One case-insensitive regex for a term list (the dossier's term syntax); term
    lists recur across claims and languages, so each is compiled once. ``plural``: a
    Latin term also matches with -s/-es ("worker" finds "workers")."""
    if not terms:
        return re.compile(r"(?!)")
    parts = sorted({term_regex(t, plural=plural) for t in terms}, key=len, reverse=True)
    body = "|".join(parts)
    if cjk:
        return re.compile(f"(?:{body})", re.IGNORECASE)
    return re.compile(rf"(?<![\w]){'(?:' + body + ')'}(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Language:
    """The table of one language (see the module docstring and ``en.py`` for an example).

    Numbers: ``decimal`` and ``group`` are the locale's separators (Babel's, plus what
    newspapers also use); ``scales`` maps words after a figure to a factor ("million",
    "万"); ``words_to_digits`` rewrites numbers written in words as digits (text2num,
    cn2an) keeping offsets readable. ``approx``/``more``/``less`` qualify a figure
    written before it; ``after_approx``/``after_more``/``after_less`` after it.

    Money: ``currencies`` maps words and symbols to ISO codes.

    Dates: ``months`` maps month names (any case) to 1-12; ``date_words`` maps relative
    phrases to (unit, offset) — ("month", 1) is next month; ``period_words`` maps
    "late", "early", "mid", "end of" … to the part of the period they name; ``halves`` and
    ``quarters`` name parts of a year; ``not_before`` are the phrases of a date that is a
    lower bound ("no earlier than"); ``by_words`` of one that is an upper bound, and
    ``by_after`` the same written after the date ("2025年底前").

    ``units`` maps unit words to (concept, factor to the concept's base unit).
    ``negation_follows``: the language may negate after the verb (German), so a
    negation anywhere in the clause counts.
    ``cues`` holds the term lists of :data:`CUES`.
    """

    code: str
    name: str
    cjk: bool = False
    sentence_end: str = r"[.!?]"
    abbreviations: tuple[str, ...] = ()
    decimal: str = "."
    group: tuple[str, ...] = (",",)
    scales: Mapping[str, float] = field(default_factory=dict)
    words_to_digits: Callable[[str], str] | None = None
    approx: tuple[str, ...] = ()
    more: tuple[str, ...] = ()
    less: tuple[str, ...] = ()
    after_more: tuple[str, ...] = ()
    after_less: tuple[str, ...] = ()
    after_approx: tuple[str, ...] = ()
    currencies: Mapping[str, str] = field(default_factory=dict)
    months: Mapping[str, int] = field(default_factory=dict)
    date_words: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    period_words: Mapping[str, str] = field(default_factory=dict)
    halves: Mapping[str, int] = field(default_factory=dict)
    quarters: Mapping[str, int] = field(default_factory=dict)
    not_before: tuple[str, ...] = ()
    by_words: tuple[str, ...] = ()
    by_after: tuple[str, ...] = ()  # bounds written after the date ("2025年底前")
    year_suffix: str = ""
    units: Mapping[str, tuple[str, float]] = field(default_factory=dict)
    cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    pronouns: tuple[str, ...] = ()
    clause_words: tuple[str, ...] = ()
    negation_follows: bool = False  # negation may come after the verb ("beginnt 2025 nicht")

    @cached_property
    def compiled_cues(self) -> dict[str, Cue]:
        unknown = set(self.cues) - set(CUES)
        if unknown:
            raise ValueError(f"claims/lang/{self.code}.py: unknown cue(s) {sorted(unknown)}")
        return {n: Cue(n, compile_terms(self.cues.get(n, ()), self.cjk)) for n in CUES}

    def cue(self, name: str) -> Cue:
        """The compiled cue ``name`` (one of :data:`CUES`)."""
        return self.compiled_cues[name]

    @cached_property
    def clause_regex(self) -> re.Pattern[str]:
        """Where a clause ends: punctuation, and the words that open a new clause."""
        words = compile_terms(self.clause_words, self.cjk).pattern
        return re.compile(rf"[;:,，、；：()（）—–]|\s-\s|{words}", re.IGNORECASE)

    @cached_property
    def pronoun_regex(self) -> re.Pattern[str]:
        return compile_terms(self.pronouns, self.cjk)


_REGISTRY: dict[str, Language] = {}
_WARNED: set[tuple[str, str]] = set()
NEUTRAL = Language(code="und", name="any language")


def register(table: Language) -> Language:
    """Add a language table (a module does this at import); returns it."""
    _REGISTRY[table.code] = table
    return table


def _load_all() -> None:
    if _REGISTRY:
        return
    for info in pkgutil.iter_modules(__path__):
        if len(info.name) in (2, 3):  # language modules are named by their ISO 639 code
            importlib.import_module(f"{__name__}.{info.name}")


def available() -> list[str]:
    """The codes of the languages that have a module."""
    _load_all()
    return sorted(_REGISTRY)


def language(code: str | None, origin: str | None = None) -> Language:
    """The table of ``code`` ("en", "es-ES" -> "es"); the neutral table for a language
    without a module, with one :class:`LanguageWarning` naming it and ``origin``."""
    _load_all()
    base = (code or "").split("-")[0].lower()
    found = _REGISTRY.get(base)
    if found is not None:
        return found
    if base and (base, origin or "") not in _WARNED:
        _WARNED.add((base, origin or ""))
        where = f" (needed by {origin})" if origin else ""
        warnings.warn(
            f"no language module for {base!r}{where}: only entity aliases and digit "
            f"figures work in it; add claims/lang/{base}.py",
            LanguageWarning,
            stacklevel=2,
        )
    return NEUTRAL
