"""Dates in a sentence, read with a language's table and resolved against the
publication date: absolute dates, months and years, parts of a period ("late 2021",
"a finales de este mes", "Ende Juli", "年底"), halves and quarters, relative dates
("next month", "le mois prochain") and bounds ("no earlier than", "au plus tôt").

Each date is an interval of days (:class:`DateSpan`): "July 2024" is 1-31 July, "late
2021" is October to December. Rules compare intervals with a claim's deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from . import Language, compile_terms
from .common import fold

__all__ = ["DateSpan", "date_word", "dates"]

_PARTS = {  # part of a month / of a year, as (first day, last day) or (first month, last month)
    "end": ((21, 31), (10, 12)),
    "start": ((1, 10), (1, 3)),
    "mid": ((11, 20), (5, 8)),
}
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"


@dataclass(frozen=True)
class DateSpan:
    """A date expression: its place in the sentence, the days it covers, and whether it
    is a lower bound ("no earlier than"), an upper bound ("by") or plain."""

    start: int
    end: int
    first: dt.date
    last: dt.date
    bound: str | None = None  # "not_before" | "by" | None
    explicit_year: bool = True


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_span(year: int, month: int, part: str | None) -> tuple[dt.date, dt.date]:
    last = _last_day(year, month)
    if part is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    lo, hi = _PARTS[part][0]
    return dt.date(year, month, lo), dt.date(year, month, min(hi, last))


def _year_span(year: int, part: str | None) -> tuple[dt.date, dt.date]:
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    lo, hi = _PARTS[part][1]
    return dt.date(year, lo, 1), dt.date(year, hi, _last_day(year, hi))


_COMPILED: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def _alt(words: Iterable[str]) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in items) or "(?!)"


def _patterns(lang: Language) -> list[tuple[str, re.Pattern[str]]]:
    """The language's date patterns, most specific first (compiled once)."""
    found = _COMPILED.get(lang.code)
    if found is not None:
        return found
    month = rf"(?P<month>{_alt(lang.months)})\.?"
    of = r"(?:\s+(?:de|del|of|des|d')\s*|\s+|,\s*)"
    rel = rf"(?P<rel>{_alt(fold(w) for w in lang.date_words)})"
    half = rf"(?P<half>{_alt(fold(w) for w in lang.halves)})"
    quarter = rf"(?P<quarter>{_alt(fold(w) for w in lang.quarters)})"
    days = _weekday_names(lang)
    weekday = rf"(?P<weekday>{_alt(days)})"
    if lang.cjk:
        pats = [
            ("ymd", rf"{_YEAR}\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月(?:\s*(?P<day>[0-3]?\d)\s*[日号])?(?P<zhpart>底|末|初|中旬|上旬|下旬)?"),
            ("rq", rf"{rel}\s*(?:第)?{quarter}"),
            ("rh", rf"{rel}\s*{half}"),
            ("yq", rf"{_YEAR}\s*年?\s*(?:第)?{quarter}"),
            ("yh", rf"{_YEAR}\s*年\s*{half}"),
            ("y", rf"{_YEAR}\s*年(?P<zhpart>底|末|初|中)?"),
            ("md", r"(?<!\d)(?P<month>1[0-2]|0?[1-9])\s*月(?:\s*(?P<day>[0-3]?\d)\s*[日号])?(?P<zhpart>底|末|初|中旬|上旬|下旬)?"),
            ("q", rf"(?:第)?{quarter}"),
            ("h", rf"{half}"),
            ("rel", rf"{rel}(?P<zhpart>底|末|初)?"),
            ("wd", r"(?:周|星期|禮拜|礼拜)(?P<weekday>[一二三四五六日天1-7])"),
        ]
    else:
        pats = [
            ("dmy", rf"(?<!\d){_DAY}(?:\s+de)?\s+{month}(?:{of}{_YEAR})?(?!\w)"),
            ("mdy", rf"{month}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\w)"),
            ("my", rf"{month}{of}{_YEAR}"),
            ("rq", rf"(?:the\s+)?{quarter}(?:{of}|\s+){rel}"),
            ("rh", rf"(?:the\s+)?{half}(?:{of}|\s+){rel}"),
            ("yq", rf"{quarter}(?:{of}|\s+)?{_YEAR}"),
            ("yq", rf"{_YEAR}\s+{quarter}"),
            ("yh", rf"(?:the\s+)?{half}(?:\s+(?:of|de|del|des|von|du)\s+|\s+){_YEAR}"),
            ("yh", rf"{_YEAR}\s+{half}"),
            ("q", rf"(?<!\w){quarter}(?!\w)"),
            ("h", rf"(?<!\w){half}(?!\w)"),
            ("m", rf"(?<!\w){month}(?!\w)"),
            ("rel", rf"(?<!\w){rel}(?!\w)"),
            ("wd", rf"(?<!\w){weekday}(?!\w)"),
            ("y", rf"(?<![\w.,]){_YEAR}(?![\w.,]\d)"),
        ]
    found = _COMPILED[lang.code] = [(k, re.compile(p, re.IGNORECASE)) for k, p in pats]
    return found


_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}


def _weekday_names(lang: Language) -> dict[str, int]:
    return {} if lang.cjk or lang.code == "und" else _babel_weekdays(lang.code)


@functools.cache
def _babel_weekdays(code: str) -> dict[str, int]:
    """Weekday names (folded) -> 0 (Monday) .. 6, from Babel's locale data."""
    from babel.dates import get_day_names

    out: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_day_names(width, locale=code).items():
            if len(name.rstrip(".")) > 3 or width == "wide":
                out[fold(name).rstrip(".")] = number
    return out


def _weekday(g: dict[str, str | None], lang: Language, published: dt.date | None) -> tuple[dt.date, dt.date]:
    """A weekday names the latest such day up to the publication date (news reports the
    past: "on Thursday" in a Friday paper is yesterday)."""
    if published is None:
        raise ValueError("a weekday needs the publication date")
    raw = g["weekday"] or ""
    number = _ZH_WEEKDAY[raw] if raw in _ZH_WEEKDAY else _weekday_names(lang)[fold(raw).rstrip(".")]
    day = published - dt.timedelta(days=(published.weekday() - number) % 7)
    return day, day


_ZH_PART = {"底": "end", "末": "end", "下旬": "end", "初": "start", "上旬": "start", "中旬": "mid", "中": "mid"}


_ARTICLES = r"(?:\s+(?:of|de|del|des|d'|the|la|le|el|this|ce|cette|este|esta)\b)*[\s\-]*$"


_CACHE: dict[tuple[str, str], object] = {}


def _once(name: str, lang: Language, build: object) -> object:
    """What ``build(lang)`` makes, made once per language (the tables are not hashable)."""
    key = (name, lang.code)
    if key not in _CACHE:
        _CACHE[key] = build(lang)  # type: ignore[operator]
    return _CACHE[key]


def _part_patterns(lang: Language) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The language's period words ("late", "finales de", "Ende"), each compiled once,
    accent-folded as the text they are searched in."""
    return _once("parts", lang, _build_parts)  # type: ignore[return-value]


def _build_parts(lang: Language) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?:{compile_terms((fold(phrase),), lang.cjk).pattern}){_ARTICLES}", re.IGNORECASE), part)
        for phrase, part in lang.period_words.items()
    )


def _bound_patterns(lang: Language) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    """Bounds before a date (not_before, by) and after it, compiled once per language."""
    return _once("bounds", lang, _build_bounds)  # type: ignore[return-value]


def _build_bounds(lang: Language) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:

    def before(words: tuple[str, ...]) -> re.Pattern[str] | None:
        if not words:
            return None
        pat = compile_terms(tuple(fold(w) for w in words), lang.cjk).pattern
        return re.compile(rf"(?:{pat})[\s,]*(?:(?:the|el|la|le|der|die|das|of|de|du)\s+)*[\w\-]*\s*$", re.IGNORECASE)

    late = [fold(w) for w in lang.not_before if w.split()[0].lower() in ("at", "au", "como")]
    if lang.cjk:
        late = [*late, "以后", "之后", "后"]
    after_parts = []
    if late:
        after_parts.append(rf"(?P<late>{compile_terms(tuple(late), lang.cjk).pattern})")
    if lang.by_after:
        after_parts.append(rf"(?P<by>{compile_terms(tuple(fold(w) for w in lang.by_after), lang.cjk).pattern})")
    after = re.compile(rf"\s*,?\s*(?:{'|'.join(after_parts)})", re.IGNORECASE) if after_parts else None
    return before(tuple(lang.not_before)), before(tuple(lang.by_words)), after


def _part_before(text: str, start: int, lang: Language) -> tuple[str | None, int]:
    """A period word right before a date ("late", "finales de", "Ende"), and where it
    starts (the text is accent-folded, so the phrases are folded too)."""
    head = text[max(0, start - 30) : start]
    best: tuple[str | None, int] = (None, start)
    for pattern, part in _part_patterns(lang):
        m = pattern.search(head)
        if m and (best[0] is None or start - len(head) + m.start() < best[1]):
            best = (part, start - len(head) + m.start())
    return best


def _bound_before(text: str, start: int, lang: Language) -> str | None:
    head = text[max(0, start - 40) : start]
    not_before, by, _ = _bound_patterns(lang)
    if not_before is not None and not_before.search(head):
        return "not_before"
    if by is not None and by.search(head):
        return "by"
    return None


def _bound_after(text: str, end: int, lang: Language) -> str | None:
    _, _, after = _bound_patterns(lang)
    m = after.match(text, end, end + 25) if after is not None else None
    if m is None:
        return None
    return "not_before" if m.groupdict().get("late") else "by"


def date_word(lang: Language, text: str) -> bool:
    """Whether ``text`` holds a word a date can be made of (a month, a weekday, a period
    or relative word): only such words can be read both as a cue and as part of a date."""
    pattern = _once("date_words", lang, _build_date_words)
    return pattern.search(fold(text)) is not None  # type: ignore[attr-defined]


def _build_date_words(lang: Language) -> re.Pattern[str]:
    words = [*lang.months, *_weekday_names(lang), *lang.period_words, *lang.date_words, *lang.halves, *lang.quarters]
    alternatives = "|".join(re.escape(fold(w).rstrip(".")) for w in sorted(words, key=len, reverse=True) if w)
    if not alternatives:
        return re.compile("(?!)")
    edge = "" if lang.cjk else r"(?<![\w])"
    return re.compile(f"{edge}(?:{alternatives})", re.IGNORECASE)


def dates(text: str, lang: Language, published: dt.date | None) -> list[DateSpan]:
    """Every date expression of the sentence, longest first where they overlap."""
    folded = fold(text)
    hay = folded if len(folded) == len(text) else text.lower()
    taken: list[tuple[int, int]] = []
    out: list[DateSpan] = []
    for kind, pat in _patterns(lang):
        for m in pat.finditer(hay):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = _resolve(kind, m, hay, lang, published)
            if span is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(span)
    out.sort(key=lambda d: d.start)
    return out


def _resolve(
    kind: str, m: re.Match[str], text: str, lang: Language, published: dt.date | None
) -> DateSpan | None:
    g = m.groupdict()
    part, start = _part_before(text, m.start(), lang)
    if g.get("zhpart"):
        part = _ZH_PART.get(g["zhpart"], part)
    year = int(g["year"]) if g.get("year") else None
    explicit = year is not None
    if year is None:
        if published is None and kind not in ("rel", "wd", "rq", "rh"):
            return None
        year = published.year if published else 0
    try:
        first, last = _interval(kind, g, year, part, lang, published)
    except (ValueError, TypeError, KeyError):
        return None
    bound = _bound_before(text, start, lang) or _bound_after(text, m.end(), lang)
    return DateSpan(start, m.end(), first, last, bound, explicit or kind in ("rel", "wd", "rq", "rh"))


def _month_number(g: dict[str, str | None], lang: Language) -> int:
    raw = (g["month"] or "").rstrip(".")
    return int(raw) if raw.isdigit() else lang.months[fold(raw)]


Groups = dict[str, str | None]
Interval = tuple[dt.date, dt.date]


def _interval(kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None) -> Interval:
    """The days a date expression of ``kind`` covers (by its kind, from the table)."""
    if kind in ("dmy", "mdy", "ymd", "md") and g.get("day"):
        day = dt.date(year, _month_number(g, lang), int(g["day"] or 0))
        return day, day
    return _INTERVALS.get(kind, _year_interval)(kind, g, year, part, lang, published)


def _month_interval(kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None) -> Interval:
    """A month, or a part of it ("late July")."""
    return _month_span(year, _month_number(g, lang), part)


def _quarter_interval(kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None) -> Interval:
    """A quarter of the year ("Q3 2024")."""
    q = _lookup(lang.quarters, g["quarter"])
    return dt.date(year, 3 * q - 2, 1), dt.date(year, 3 * q, _last_day(year, 3 * q))


def _half_interval(kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None) -> Interval:
    """A half of the year ("H2 2024")."""
    h = _lookup(lang.halves, g["half"])
    return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if h == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))


def _weekday_interval(kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None) -> Interval:
    """A weekday, the one nearest the publication date."""
    return _weekday(g, lang, published)


def _relative_part_interval(
    kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None
) -> Interval:
    """A quarter or a half of a relative year ("the second half of next year")."""
    if published is None:
        raise ValueError("a relative date needs the publication date")
    unit, offset = _lookup(lang.date_words, g["rel"])
    if unit != "year":
        raise ValueError("only a year holds quarters and halves")
    return _interval("yq" if kind == "rq" else "yh", g, published.year + offset, part, lang, published)


def _relative_interval(kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None) -> Interval:
    """A date relative to the publication date ("next month", "l'an dernier")."""
    if published is None:
        raise ValueError("a relative date needs the publication date")
    return _relative(_lookup(lang.date_words, g["rel"]), published, part)


def _year_interval(kind: str, g: Groups, year: int, part: str | None, lang: Language, published: dt.date | None) -> Interval:
    """A year, or a part of it ("late 2021")."""
    return _year_span(year, part)


_INTERVALS = {
    **dict.fromkeys(("dmy", "mdy", "ymd", "md", "my", "m"), _month_interval),
    **dict.fromkeys(("yq", "q"), _quarter_interval),
    **dict.fromkeys(("yh", "h"), _half_interval),
    "wd": _weekday_interval,
    **dict.fromkeys(("rq", "rh"), _relative_part_interval),
    "rel": _relative_interval,
}


T = TypeVar("T")


def _lookup(table: Mapping[str, T], key: str | None) -> T:
    """The entry of a phrase table for a phrase as found (any case, any accents)."""
    folded = {fold(k): v for k, v in table.items()}
    return folded[fold(key or "")]


def _relative(spec: tuple[str, int], published: dt.date, part: str | None) -> tuple[dt.date, dt.date]:
    unit, offset = spec
    if unit == "day":
        d = published + dt.timedelta(days=offset)
        return d, d
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return _month_span(index // 12, index % 12 + 1, part)
    return _year_span(published.year + offset, part)
