"""The type of a drafted entity (person, org, product, place, thing) from the words
around its mentions: titles, company nouns, legal suffixes, "in <Place>", model numbers,
never a list of known names. Each cue is one rule in a table with the type and weight it
votes for, so a cue is added or reweighed in one line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lang import Language, compile_terms
from .words import COMPANY_NOUNS, ORG_SUFFIXES, PLACE_PREPS, TITLES, ZH

if TYPE_CHECKING:
    from .names import Mention

__all__ = ["entity_type"]

#: Articles and possessives before a thing one has or makes ("a Cybertruck", "its Cybertruck").
_ARTICLE = {
    "en": "a|an|its",
    "es": "un|una|su",
    "fr": "un|une|sa|son",
    "de": "ein|eine|sein|seine|ihr|ihre",
}
#: "la secretaria de Comercio, Gina Raimondo": the title's complement before the name.
_APPOSITION = re.compile(r"\s+(?:de|del|of|du|des|für)\s+[\w\-]+,\s*$")
_TYPES = ("person", "org", "product", "place", "thing")


@dataclass(frozen=True)
class _Around:
    """One mention with the words around it and its language's cues, for the vote rules."""

    text: str
    before: str  # up to 40 characters before the mention
    after: str  # up to 30 characters after it
    titles: re.Pattern[str]
    company: re.Pattern[str]
    preps: re.Pattern[str]
    say: re.Pattern[str]
    article: str | None  # the articles and possessives before a product, when the language has them


def _model_number(a: _Around, votes: Counter[str]) -> bool:
    """Letters with digits ("H100", "Grok 2") name a product."""
    return bool(re.search(r"\d", a.text) and re.search(r"[A-Za-z]", a.text))


def _org_suffix(a: _Around, votes: Counter[str]) -> bool:
    """A legal suffix ("Inc.", "S.A.") ends an organisation's name."""
    return a.text.rstrip(".").split(" ")[-1] in _SUFFIXES


def _after_title(a: _Around, votes: Counter[str]) -> bool:
    """A title right before ("chief executive", "la secretaria de Comercio,") names a person."""
    return _ends_with(a.titles, _APPOSITION.sub("", a.before), 2)


def _after_company_noun(a: _Around, votes: Counter[str]) -> bool:
    """A company noun shortly before ("the startup xAI") names an organisation."""
    return _ends_with(a.company, a.before, 45)


def _place_cue(a: _Around, votes: Counter[str]) -> bool:
    """A place preposition before ("in Memphis") or a Chinese place word around names a place."""
    return (
        _ends_with(a.preps, a.before, 1)
        or a.before.endswith(ZH.PLACE_BEFORE)
        or a.after.startswith(ZH.PLACE_END)
    )


def _zh_org_end(a: _Around, votes: Counter[str]) -> bool:
    """公司/集团 right after names an organisation."""
    return a.after.startswith(ZH.ORG_END)


def _odd_case(a: _Around, votes: Counter[str]) -> bool:
    """Mixed case ("xAI") or an acronym not already voted a product leans organisation."""
    return bool(re.search(r"[a-z][A-Z]", a.text)) or (
        a.text.isupper() and len(a.text) >= 3 and not votes["product"]
    )


def _speaks(a: _Around, votes: Counter[str]) -> bool:
    """A single title-case word followed by "said" is a person speaking."""
    return bool(a.say.match(a.after.lstrip())) and " " not in a.text.strip() and a.text.istitle()


def _after_article(a: _Around, votes: Counter[str]) -> bool:
    """An article or possessive before ("a Cybertruck", "its Cybertruck") names a product."""
    return bool(a.article) and bool(
        re.search(rf"\b(?:{a.article})\s+(?:[\w\-]+\s+)?$", a.before, re.I)
    )


def _company_noun_after(a: _Around, votes: Counter[str]) -> bool:
    """A company noun just after ("Tesla company") names an organisation."""
    return bool(a.company.search(a.after[:25]))


_SUFFIXES = frozenset(x.rstrip(".") for x in ORG_SUFFIXES)
#: (type, weight, rule) in the order they are counted: _odd_case reads the product votes so far.
_VOTE_RULES: tuple[tuple[str, int, Callable[[_Around, Counter[str]], bool]], ...] = (
    ("product", 2, _model_number),
    ("org", 3, _org_suffix),
    ("person", 3, _after_title),
    ("org", 2, _after_company_noun),
    ("place", 2, _place_cue),
    ("org", 2, _zh_org_end),
    ("org", 1, _odd_case),
    ("person", 1, _speaks),
    ("product", 1, _after_article),
    ("org", 2, _company_noun_after),
)


def entity_type(ms: list[Mention], sentences: list[str], lang: Language) -> str:
    """The type the words around the mentions point to (thing when nothing does)."""
    votes: Counter[str] = Counter()
    code = lang.code
    titles = compile_terms(TITLES.get(code, ()), lang.cjk)
    company = compile_terms(COMPANY_NOUNS.get(code, ()), lang.cjk)
    preps = compile_terms(PLACE_PREPS.get(code, ()), lang.cjk)
    say = lang.cue("say").regex
    for m in ms:
        s = sentences[m.sentence]
        around = _Around(m.text, s[max(0, m.start - 40) : m.start], s[m.end : m.end + 30],
                         titles, company, preps, say, _ARTICLE.get(code))  # fmt: skip
        for kind, weight, rule in _VOTE_RULES:
            if rule(around, votes):
                votes[kind] += weight
    if _surname_pair(ms):
        votes["person"] += 2  # "Elon Musk" then "Musk": a surname used alone
    if not votes:
        return "thing"
    return max(_TYPES, key=lambda t: (votes[t], -_TYPES.index(t)))


def _surname_pair(ms: list[Mention]) -> bool:
    """A two- or three-word title-case name also written otherwise is a person's full name."""
    words = max((m.text for m in ms), key=len).split(" ")
    return (
        len(words) in (2, 3) and all(w.istitle() for w in words) and len({m.text for m in ms}) > 1
    )


def _ends_with(regex: object, head: str, slack: int) -> bool:
    """Whether one of the terms ends within ``slack`` characters of the end of ``head``."""
    pattern = getattr(regex, "regex", regex)
    if not hasattr(pattern, "finditer"):
        return False
    return any(len(head) - m.end() <= slack for m in pattern.finditer(head))
