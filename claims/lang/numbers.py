"""Figures in a sentence: numbers in each locale's style, scale words, qualifiers,
money and units, read with a language's table.

The text is first passed through the language's ``words_to_digits`` (text2num,
cn2an), so "cent mille" and "十万" arrive here as digits; :func:`normalise` does that
and the rules work on the normalised sentence throughout.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from . import Language, compile_terms
from .common import fold

__all__ = ["Figure", "figures", "normalise", "parse_number"]

_YEAR = re.compile(r"(?:19|20)\d\d")
# A capitalised word right before a bare number names a model ("Porsche 911", "Model 3"),
# unless the word opens the sentence or is a month.
_NAME_BEFORE = re.compile(r"(?<=[\w,;] )([A-Z][A-Za-z\-]+)[ \-]$")


def _named(text: str, start: int, lang: Language) -> bool:
    m = _NAME_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and fold(m.group(1)).rstrip(".") not in lang.months


@dataclass(frozen=True)
class Figure:
    """A number in a sentence with what qualifies it.

    ``value`` is scaled ("10 billion" -> 1e10); ``qualifier`` is "about", "more",
    "less" or None; ``currency`` an ISO code when it is money; ``unit`` the unit word's
    concept and ``factor`` its conversion to the concept's base unit; ``year`` whether
    it reads as a calendar year (four digits, no unit, no group separator).
    """

    start: int
    end: int
    value: float
    qualifier: str | None = None
    currency: str | None = None
    unit: str | None = None
    factor: float = 1.0
    unit_end: int | None = None
    year: bool = False
    named: bool = False  # part of a name: "Porsche 911", "Model 3", "Boeing 737"

    @property
    def base_value(self) -> float:
        """The value in the concept's base unit (days, km …)."""
        return self.value * self.factor


_MASK = "\ue000"  # a private-use character: no converter reads it as a number


def normalise(text: str, lang: Language) -> str:
    """The sentence with numbers written in words turned into digits.

    A scale word after digits ("10 billion", "3,99 millones") stays a word: the
    converters would turn it into a second number.
    """
    if lang.words_to_digits is None:
        return text
    scales = _tables(lang)[0]
    kept: list[str] = []

    def mask(m: re.Match[str]) -> str:
        kept.append(m.group(2))
        return m.group(1) + _MASK * (len(kept))

    masked = re.sub(rf"(\d)({scales.pattern})", mask, text, flags=re.IGNORECASE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns on every character it leaves alone
        try:
            out = lang.words_to_digits(masked)
        except Exception:  # a converter's bug must not lose the sentence
            return text
    for i in range(len(kept), 0, -1):
        out = out.replace(_MASK * i, kept[i - 1], 1) if _MASK * i in out else out
    return out if _MASK not in out else text


@cache
def _number_regex(decimal: str, groups: tuple[str, ...]) -> re.Pattern[str]:
    g = "|".join(re.escape(x) for x in groups) or "(?!)"
    d = re.escape(decimal)
    # Latin letters and digits before a figure make it part of a word ("H100"); Han
    # characters do not ("约3000名员工").
    edge = r"(?<![A-Za-z0-9\u00c0-\u024f.,])"
    return re.compile(rf"{edge}\d{{1,3}}(?:(?:{g})\d{{3}})+(?:{d}\d+)?|{edge}\d+(?:{d}\d+)?(?![\d])")


def parse_number(token: str, lang: Language) -> float | None:
    """A number written in the language's style ("100.000,5" in es) as a float."""
    s = token
    for g in lang.group:
        s = s.replace(g, "")
    s = s.replace(lang.decimal, ".")
    try:
        return float(s)
    except ValueError:
        return None


_TABLES: dict[str, tuple[re.Pattern[str], ...]] = {}


def _tables(lang: Language) -> tuple[re.Pattern[str], ...]:
    """Compiled scale, qualifier, currency and unit matchers of a language (once each)."""
    found = _TABLES.get(lang.code)
    if found is None:
        found = _TABLES[lang.code] = _build_tables(lang)
    return found


def _scale_regex(term: str) -> str:
    """A scale word as a regex without a word boundary before it: it may stick to the
    digits ("$10bn", "€30bn", "3,5M")."""
    if term.startswith("re:"):
        return f"(?:{term[3:]})"
    return re.escape(term.rstrip("*")) + (r"\w*" if term.endswith("*") else "")


def _build_tables(lang: Language) -> tuple[re.Pattern[str], ...]:
    cjk = lang.cjk
    # a scale may stick to the digits ("$10bn", "3,5M"): no word boundary before it
    words = sorted((_scale_regex(t) for t in lang.scales), key=len, reverse=True)
    after = "" if cjk else r"(?![A-Za-z\u00c0-\u024f])"  # "万块" is fine, "millionaire" is not
    scales = re.compile(f"(?:{'|'.join(words)}){after}" if words else "(?!)", re.IGNORECASE)
    before = "|".join(
        f"(?P<{name}>{compile_terms(words, cjk).pattern})"
        for name, words in (("about", lang.approx), ("more", lang.more), ("less", lang.less))
        if words
    )
    after = "|".join(
        f"(?P<{name}>{compile_terms(words, cjk).pattern})"
        for name, words in (("about", lang.after_approx), ("more", lang.after_more), ("less", lang.after_less))
        if words
    )
    currencies = compile_terms(tuple(lang.currencies), cjk)
    units = compile_terms(tuple(lang.units), cjk)
    return (
        re.compile(rf"\s?(?:{scales.pattern})", re.IGNORECASE),
        re.compile(rf"(?:{before or '(?!)'})\s*$", re.IGNORECASE),
        re.compile(rf"^\s*(?:{after or '(?!)'})", re.IGNORECASE),
        currencies,
        units,
    )


@cache
def _term_pattern(term: str, cjk: bool) -> re.Pattern[str]:
    return re.compile(compile_terms((term,), cjk).pattern, re.IGNORECASE)


def _term_value(mapping: Mapping[str, object], found: str, cjk: bool) -> object | None:
    """The value of the term of ``mapping`` that matched ``found`` (terms may end in *)."""
    low = found.lower().strip()
    if low in mapping:
        return mapping[low]
    for term, value in mapping.items():
        if _term_pattern(term, cjk).fullmatch(found.strip()):
            return value
    return None


def figures(text: str, lang: Language) -> list[Figure]:
    """Every figure of the (normalised) sentence, in text order."""
    scales, before, after, currencies, units = _tables(lang)
    out: list[Figure] = []
    for m in _number_regex(lang.decimal, tuple(lang.group)).finditer(text):
        value = parse_number(m.group(), lang)
        if not value:
            continue  # nothing to compare in a zero ("from 0 to 60 mph")
        end = m.end()
        scaled = scales.match(text, end)
        if scaled:
            factor = _term_value(dict(lang.scales), scaled.group().strip(), lang.cjk)
            if isinstance(factor, float | int):
                value *= factor
                end = scaled.end()
        out.append(_qualified(text, m.start(), end, value, m.group(), lang, (before, after, currencies, units)))
    return out


def _qualified(
    text: str,
    start: int,
    end: int,
    value: float,
    token: str,
    lang: Language,
    tables: tuple[re.Pattern[str], ...],
) -> Figure:
    before, after, currencies, units = tables
    head = text[max(0, start - 40) : start]
    tail = text[end : end + 40]
    qualifier = _qualifier(head, tail, before, after)
    currency = _currency(head, tail, currencies, lang)
    unit = None if currency else _unit(text, end, units, lang)
    is_year = bool(_YEAR.fullmatch(token)) and unit is None and currency is None
    named = currency is None and token.isdigit() and _named(text, start, lang)
    if unit:
        concept, factor, unit_end = unit
        return Figure(start, end, value, qualifier, None, concept, factor, unit_end, False, named)
    return Figure(start, end, value, qualifier, currency, year=is_year, named=named)


def _qualifier(head: str, tail: str, before: re.Pattern[str], after: re.Pattern[str]) -> str | None:
    """The qualifier of a figure ("about", "more than", "左右"): a word before it (a
    currency between them aside), else one after it."""
    q = before.search(re.sub(r"(?:US\$|NT\$|[$€£¥]|\b(?:USD|EUR|GBP|CNY|JPY|TWD))\s*$", "", head))
    if not q:
        q = after.search(tail)
    return next(k for k, v in q.groupdict().items() if v) if q else None


def _currency(head: str, tail: str, currencies: re.Pattern[str], lang: Language) -> str | None:
    """A currency symbol or word right before or after the figure."""
    mapping = dict(lang.currencies)
    pre = re.search(r"(US\$|NT\$|R\$|[$€£¥]|\b(?:USD|EUR|GBP|CNY|JPY|TWD)\b)\s*$", head)
    if pre:
        found = _term_value(mapping, pre.group(1), lang.cjk)
        return found if isinstance(found, str) else _SYMBOLS.get(pre.group(1), "USD")
    post = currencies.match(tail.lstrip(" \u00a0")) if tail else None
    if post is None and lang.cjk:
        post = currencies.search(tail[:6])
    if post is None:
        post = re.match(r"\s*(?:de\s+)?(" + currencies.pattern + ")", tail, re.IGNORECASE)
        if post is None:
            return None
        found = _term_value(mapping, post.group(1), lang.cjk)
        return found if isinstance(found, str) else None
    found = _term_value(mapping, post.group(), lang.cjk)
    return found if isinstance(found, str) else None


_SYMBOLS = {"$": "USD", "US$": "USD", "NT$": "TWD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY",
            "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CNY": "CNY", "JPY": "JPY", "TWD": "TWD"}  # fmt: skip
_UNIT_GAP = re.compile(r"[^;:,.()，。；：（）]{0,40}")
_STANDALONE_NUMBER = re.compile(r"(?<![\w])\d")


def _unit(
    text: str, end: int, units: re.Pattern[str], lang: Language
) -> tuple[str, float, int] | None:
    """The unit word right after a figure: within three words (eight CJK characters)
    and before any other figure or clause mark ("100,000 Nvidia H100 GPUs")."""
    stretch = _UNIT_GAP.match(text, end)
    stop = stretch.end() if stretch else end
    limit = end + 10 if lang.cjk else stop
    window = text[end:min(stop, limit)]
    other = _STANDALONE_NUMBER.search(window, 1)
    if other:
        window = window[: other.start()]  # the next figure's unit is not this one's
    if not lang.cjk:
        words = window.split()
        keep = " ".join(words[:4])
        window = window[: window.find(keep) + len(keep)] if keep else ""
    m = units.search(window)
    if m is None or window[m.end() : m.end() + 1] == "/":
        return None  # "96 km/h" is a speed, not a distance
    found = _term_value(dict(lang.units), m.group(), lang.cjk)
    if not isinstance(found, tuple):
        return None
    concept, factor = found
    return concept, float(factor), end + m.end()
