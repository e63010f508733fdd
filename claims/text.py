"""Language-aware text utilities for en/es/zh: sentences, numbers, money and dates.

Everything here is pure and deterministic: relative dates are resolved against a
publication date passed in by the caller, never against the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .regexopt import factor_alternatives

T = TypeVar("T")

__all__ = [
    "DateSpan",
    "Money",
    "Quantity",
    "clauses",
    "may_have_factors",
    "parse_dates",
    "parse_money",
    "parse_number",
    "parse_quantities",
    "split_sentences",
]

# ---------------------------------------------------------------------------
# Prefilters
# ---------------------------------------------------------------------------

# Matched by (?i) patterns as an ASCII letter ("ſ" as s, "ı" and "İ" as i, the Kelvin sign
# as k) though lower() maps them elsewhere, or to a different length: without them in a
# text, a case-insensitive match of ASCII letters appears in text.lower() as those
# letters (tests/claims/test_claims_prefilters.py checks the list).
FOLD_TRAPS = re.compile("[\u017f\u0131\u0130\u212a]")


def _factored(p: re.Pattern[str]) -> re.Pattern[str]:
    """`p` with its alternations grouped by first letter (claims.regexopt): the same
    matches, found faster when it lists many words."""
    flags = "(?i)" if p.flags & re.IGNORECASE else ""
    return re.compile(factor_alternatives(flags + p.pattern))


class _Hint:
    """Whether a sentence matches `other` (a case-sensitive regex) or contains one of
    `words` case-insensitively: the answer of the regex `other|(?i:word|word|...)`.

    Why: a regex search over a long case-insensitive alternation tries every word at
    every position; substring tests on the lower-cased sentence are several times
    cheaper. Exact unless lower() changes the length or FOLD_TRAPS occur (then the regex
    answers): every letter of the words matches case-insensitively exactly the
    characters lower() maps to it (checked in tests/claims/test_claims_prefilters.py).
    """

    def __init__(self, words: tuple[str, ...], other: str | None = None) -> None:
        assert all(w == w.lower() and re.escape(w) == w for w in words), words
        self.words = words
        self.other = re.compile(other) if other else None
        self.regex = re.compile("(?i:" + "|".join(words) + ")")
        # `words in low` as one search, alternatives grouped by first letter: a few times
        # cheaper than a substring test per word
        self._lowered = re.compile(factor_alternatives("|".join(words)))

    def search(self, sentence: str, low: str | None = None) -> bool:
        """`low` is sentence.lower() when the caller has it."""
        if self.other is not None and self.other.search(sentence):
            return True
        if low is None:
            low = sentence.lower()
        if len(low) != len(sentence) or FOLD_TRAPS.search(sentence):
            return self.regex.search(sentence) is not None
        return self._lowered.search(low) is not None


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN_WORD = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"

# Abbreviations after which a full stop does not end a sentence (lower-cased, no dot).
_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "st", "mt", "inc", "corp", "co", "ltd", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "eeuu", "ee.uu", "no", "nos", "gen", "sen", "rep", "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "sra", "srta", "dra", "lic", "ing", "av", "avda", "pág", "aprox", "p.ej", "núm", "fig"]
)

# ("[.!?…][.!?…]*", not "[.!?…]+": the same matches, but a pattern that opens with a
# character set lets the engine skip to those characters)
_LATIN_BOUNDARY = re.compile(
    r"([.!?…][.!?…]*)([\"'”’»)\]]*)(\s+)(?=[¿¡\"'“‘«(\[]?[A-ZÁÉÍÓÚÑÜ0-9" + _CJK + r"])"
)
_CJK_BOUNDARY = re.compile(r"([。！？!?][。！？!?]*[”’」』）)\"]*)")


_LINE = re.compile(r"[^\n]+")
_SPACES = re.compile(r"\s+")
_DIGIT_GROUPS = re.compile(r"\d+(?:[.,]\d+)*")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_MONEY_BEFORE = re.compile(r"(?:US)?\$|€|£|USD|EUR\s*$")


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Split text into sentences; paragraphs (newlines) always end a sentence.

    Works for mixed text: CJK full stops split anywhere, Latin full stops only when
    followed by whitespace and a capital/digit and not after a known abbreviation.
    """
    return [text[s:e] for s, e in sentence_spans(text, language)]


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text` (see split_sentences)."""
    del language  # the rules below are safe for all three languages
    spans: list[tuple[int, int]] = []
    for para in _LINE.finditer(text):
        cuts = _cuts(para.group())
        base = para.start()
        prev = 0
        for cut in [*cuts, len(para.group())]:
            seg = para.group()[prev:cut]
            stripped = seg.strip()
            if stripped:
                lead = len(seg) - len(seg.lstrip())
                spans.append((base + prev + lead, base + prev + lead + len(stripped)))
            prev = cut
    return spans


def _cuts(par: str) -> list[int]:
    cuts: set[int] = set()
    for m in _CJK_BOUNDARY.finditer(par):
        if m.end() < len(par):
            cuts.add(m.end())
    for m in _LATIN_BOUNDARY.finditer(par):
        if m.group(1) == "." and _is_abbreviation(par, m.start()):
            continue
        cuts.add(m.end(2))
    return sorted(cuts)


def _is_abbreviation(par: str, dot: int) -> bool:
    # the run of [A-Za-zÀ-ÿ.] ending at the dot, found backwards (a regex search for it
    # would scan the paragraph from its start at every full stop)
    start = dot
    while start > 0 and par[start - 1] in _ABBREVIATION_CHARS:
        start -= 1
    if start == dot:
        return False
    word = par[start:dot]
    w = word.lower().strip(".")
    if w in _ABBREVIATIONS:
        return True
    # A middle initial ("John F. Kennedy"), but not "posted on X." or a final "I".
    if len(w) == 1 and w != "i" and word.isupper():
        before = par[:start].split()
        return bool(before) and before[-1][:1].isupper()
    return False


_ABBREVIATION_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz." + "".join(map(chr, range(0xC0, 0x100)))
)


_CLAUSE_SPLIT = re.compile(r"[;；:：,，、()（）—–]|\s-\s")


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of the comma/semicolon/colon separated segments of a sentence."""
    out: list[tuple[int, int]] = []
    prev = 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.group() in ",，" and _digit_comma(sentence, m.start()):
            continue
        out.append((prev, m.start()))
        prev = m.end()
    out.append((prev, len(sentence)))
    return out


def _digit_comma(s: str, i: int) -> bool:
    return 0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number found in text.

    kind "number": `value` is the normalised amount. kind "factor": a relative
    change ("doubled" -> 2.0, "a third of" -> 0.333). `bound` is "min" for
    "more than / at least", "max" for "fewer than / up to", else None.
    """

    value: float
    text: str
    start: int
    end: int
    kind: str = "number"
    approx: bool = False
    bound: str | None = None


_SCALES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "thousands": 1e3,
    "mil": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "millón": 1e6,
    "millon": 1e6,
    "millones": 1e6,
    "mil millones": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "billón": 1e12,
    "billones": 1e12,
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "億": 1e8,
    "千": 1e3,
    "百万": 1e6,
    "千万": 1e7,
    "万亿": 1e12,
}

_DIGITS = (
    r"(?<![0-9A-Za-z.,])"
    r"(\d{1,3}(?:([,.\u00a0\u202f'’])\d{3})(?:\2\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![0-9])"
)
_SCALE_AFTER = (
    r"(?:(?:\s?(k|K|bn|mn|mln|m|b)(?![A-Za-z]))"
    r"|(?:\s+(mil\s+millones|thousands?|millions?|billions?|trillion|mil|millones|millón|millon|billones|billón)\b)"
    r"|(?:\s?(万亿|千万|百万|万|萬|亿|億|千)))?"
)
_NUMBER_RE = re.compile(_DIGITS + _SCALE_AFTER)


def parse_number(token: str, language: str | None = None) -> float | None:
    """Normalise a digit string with separators: '100,000', '100.000', '2,5', '3.2'.

    en/zh: ',' groups thousands, '.' is decimal. es: '.' groups thousands, ',' is
    decimal unless it is followed by exactly three digits (a quoted US figure).
    Unknown language: a separator followed by exactly three digits groups thousands.
    """
    t = token.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not t:
        return None
    for sep in (" ", "'", "’"):
        if sep in t:
            t = t.replace(sep, "")
    if not _DIGIT_GROUPS.fullmatch(t):
        return None
    has_dot, has_comma = "." in t, "," in t
    if has_dot and has_comma:
        dec = "." if t.rfind(".") > t.rfind(",") else ","
        grp = "," if dec == "." else "."
        return float(t.replace(grp, "").replace(dec, "."))
    if not (has_dot or has_comma):
        return float(t)
    sep = "." if has_dot else ","
    parts = t.split(sep)
    grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and parts[0] != "0"
    if len(parts) > 2:
        return float("".join(parts)) if grouped else None
    lang = (language or "").lower()[:2]
    if lang in ("en", "zh", "ja"):
        thousands = sep == "," and grouped
    elif lang == "es":
        thousands = grouped
    else:
        thousands = grouped
    if thousands:
        return float("".join(parts))
    return float(parts[0] + "." + parts[1])


_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_MULT = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_WORD = "|".join(sorted([*_EN_UNITS, *_EN_MULT, "a"], key=len, reverse=True))
_EN_WORDS_RE_PLAIN = re.compile(
    rf"(?<![A-Za-z])(?:half\s+a\s+million|(?:{_EN_WORD})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_EN_WORD}))*)(?![A-Za-z])",
    re.IGNORECASE,
)
_EN_WORDS_RE = _factored(_EN_WORDS_RE_PLAIN)  # the same matches, several times faster

_ES_UNITS = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
    "veintiún": 21, "veintidós": 22, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200,
    "trescientos": 300, "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400,
    "quinientos": 500, "quinientas": 500, "seiscientos": 600, "seiscientas": 600,
    "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800,
    "novecientos": 900, "novecientas": 900,
}  # fmt: skip
_ES_WORD = "|".join(sorted([*_ES_UNITS, "mil", "millón", "millon", "millones"], key=len, reverse=True))
_ES_WORDS_RE_PLAIN = re.compile(
    rf"(?<![A-Za-zÀ-ÿ])(?:{_ES_WORD})(?:\s+(?:y\s+)?(?:{_ES_WORD}))*(?![A-Za-zÀ-ÿ])",
    re.IGNORECASE,
)
_ES_WORDS_RE = _factored(_ES_WORDS_RE_PLAIN)  # the same matches, several times faster

_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_ZH_NUM_RE = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億][零〇一二两兩三四五六七八九十百千万萬亿億]*")  # x+ as xx*: see _LATIN_BOUNDARY
_ZH_CLASSIFIER = "块張张颗顆枚个個台家名座次倍人件套兆"


def _en_words_value(words: str) -> float | None:
    toks = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if toks[:3] == ["half", "a", "million"]:
        return 5e5
    if all(t == "a" for t in toks) or toks[-1] == "a":
        return None
    total, cur, seen = 0.0, 0.0, False
    for t in toks:
        if t == "a":
            cur = cur or 1
            continue
        if t in _EN_UNITS:
            cur += _EN_UNITS[t]
            seen = True
        elif t == "hundred":
            cur = (cur or 1) * 100
            seen = True
        elif t in _EN_MULT:
            total += (cur or 1) * _EN_MULT[t]
            cur = 0
            seen = True
    return total + cur if seen else None


def _es_words_value(words: str) -> float | None:
    toks = [t for t in words.lower().split() if t != "y"]
    if len(toks) == 1 and toks[0] in ("un", "una", "uno"):
        return None
    total, cur = 0.0, 0.0
    for t in toks:
        if t in _ES_UNITS:
            cur += _ES_UNITS[t]
        elif t == "mil":
            cur = (cur or 1) * 1000
        elif t in ("millón", "millon", "millones"):
            total += (cur or 1) * 1e6
            cur = 0
    return total + cur


def zh_number(s: str) -> float | None:
    """Value of a Chinese numeral string: '十万' -> 100000, '二十万' -> 200000."""
    total, section, cur = 0, 0, 0
    for ch in s:
        if ch in _ZH_DIGIT:
            cur = _ZH_DIGIT[ch]
        elif ch in _ZH_SMALL:
            section += (cur or 1) * _ZH_SMALL[ch]
            cur = 0
        elif ch in _ZH_BIG:
            section += cur
            if _ZH_BIG[ch] == 10**8:
                total = (total + section) * 10**8
            else:
                total += section * _ZH_BIG[ch]
            section, cur = 0, 0
        else:
            return None
    return float(total + section + cur)


_APPROX_WORDS = (
    "about", "around", "roughly", "some", "nearly", "almost", "approximately", r"an\s+estimated",
    "estimated", "circa", "~", "unos", "unas", r"alrededor\s+de", r"cerca\s+de", "aproximadamente",
    "casi", r"del\s+orden\s+de", "约为", "约", "大约", "近", "将近", "接近", "逾",
)  # fmt: skip
_MIN_WORDS = (
    r"more\s+than", "over", r"at\s+least", r"upwards\s+of", r"in\s+excess\s+of", "exceeding", "above",
    r"más\s+de", r"al\s+menos", r"por\s+lo\s+menos", r"por\s+encima\s+de", r"superior\s+a",
    "超过", "超", "逾", "至少", "多于", "高于",
)  # fmt: skip
_MAX_WORDS = (
    r"fewer\s+than", r"less\s+than", "under", r"up\s+to", r"at\s+most", r"no\s+more\s+than", "below",
    r"menos\s+de", "hasta", r"como\s+máximo", r"por\s+debajo\s+de",
    "不到", "少于", "低于", "不足", "至多", "最多", "远少于",
)  # fmt: skip
_APPROX_BEFORE = re.compile("(?:" + "|".join(_APPROX_WORDS) + r")\s*$", re.IGNORECASE)
_MIN_BEFORE = re.compile("(?:" + "|".join(_MIN_WORDS) + r")\s*$", re.IGNORECASE)
_MAX_BEFORE = re.compile("(?:" + "|".join(_MAX_WORDS) + r")\s*$", re.IGNORECASE)
_MIN_AFTER = re.compile(r"^\s*(?:or\s+more|\+|o\s+más|以上|多)", re.IGNORECASE)
_MAX_AFTER = re.compile(r"^\s*(?:or\s+(?:fewer|less)|o\s+menos|以下|以内)", re.IGNORECASE)
_APPROX_AFTER = re.compile(r"^\s*(?:左右|上下)")
# Prefilters for the six patterns above (most figures have none of these words around
# them): the text before a figure can only match when, spaces aside, it ends in the last
# letter of one of the words (an ASCII letter matches case-insensitively only its own
# lower and upper case; anything non-ASCII is left to the regex); the text after only
# when it starts with one of these characters.
_BEFORE_ENDS = frozenset(w[-1] for w in (*_APPROX_WORDS, *_MIN_WORDS, *_MAX_WORDS))
_AFTER_STARTS = frozenset("oO+")
# Sharper, when the sentence lower-cases safely (see FOLD_TRAPS): with its spaces
# collapsed, the lower-cased text before a figure must end with one of the words, the
# text after must start with one of these.
_BEFORE_PHRASES = tuple(w.replace(r"\s+", " ") for w in (*_APPROX_WORDS, *_MIN_WORDS, *_MAX_WORDS))
_AFTER_PHRASES = ("or more", "+", "o más", "以上", "多", "or fewer", "or less", "o menos", "以下", "以内", "左右", "上下")

_FACTOR_RE_PLAIN = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?P<double>doubl(?:e|ed|es|ing)(?![\s-]+(?:down|check\w*|digits?|standards?|edged|dip|take))|twice|duplic\w*|el\s+doble(?!\s+filo)|翻倍|翻番|翻一番)"
    r"|(?P<triple>tripl(?:e|ed|es|ing)|tripli\w*|el\s+triple)"
    r"|(?P<quad>quadrupl\w*|cuadruplic\w*)"
    r"|(?P<half>half(?!\s+a\s+million)|la\s+mitad|一半)"
    r"|(?P<third>(?:a|one)\s+third|un\s+tercio|三分之一)"
    r"|(?P<quarter>(?:a|one)\s+quarter|un\s+cuarto|四分之一)"
    r"|(?P<times>(?P<tn>\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|[一二两三四五六七八九十]+)\s*(?:times|veces|倍))"
    r")(?![A-Za-z])",
    re.IGNORECASE,
)
_FACTOR_RE = _factored(_FACTOR_RE_PLAIN)  # the same matches, several times faster
_FACTOR_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10,
}  # fmt: skip


def parse_quantities(sentence: str, language: str | None = None) -> list[Quantity]:
    """Numbers and relative factors in a sentence, normalised.

    Handles '100,000', '100.000' (es), '100k', '1.5 million', 'one hundred thousand',
    '100 mil', 'cien mil', '10万', '3.2万', '十万块', '二十万', 'doubled', 'twice',
    'ten times', 'a third of', '三分之一'. Spans never overlap.
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity) -> None:
        if any(q.start < e and s < q.end for s, e in taken):
            return
        taken.append((q.start, q.end))
        found.append(q)

    low = sentence.lower()
    words = set(_WORD_RE.findall(low))
    safe = low if len(low) == len(sentence) and not FOLD_TRAPS.search(sentence) else None
    if _FACTOR_HINT.search(sentence, low):
        for m in _FACTOR_RE.finditer(sentence):
            value = _factor_value(m)
            if value is not None:
                add(Quantity(value, m.group(), m.start(), m.end(), kind="factor"))

    for m in _NUMBER_RE.finditer(sentence) if _ANY_DIGIT.search(sentence) else ():
        base = parse_number(m.group(1), language)
        if base is None:
            continue
        scale_word = (m.group(3) or m.group(4) or m.group(5) or "").lower()
        scale_word = _SPACES.sub(" ", scale_word) if scale_word else scale_word
        if scale_word in ("m", "b") and not _money_context(sentence, m.start()):
            scale_word = ""
        scale = _SCALES.get(scale_word, 1.0)
        end = m.end() if scale_word else m.end(1)
        add(_decorate(sentence, base * scale, m.start(), end, safe))

    for m in _EN_WORDS_RE.finditer(sentence) if words & _EN_HINTS else ():
        val = _en_words_value(m.group())
        if val is not None:
            add(_decorate(sentence, val, m.start(), m.end(), safe))
    for m in _ES_WORDS_RE.finditer(sentence) if words & _ES_HINTS else ():
        val = _es_words_value(m.group())
        if val is not None and (language in (None, "es") or val >= 1000):
            add(_decorate(sentence, val, m.start(), m.end(), safe))
    for m in _ZH_NUM_RE.finditer(sentence) if _ZH_ANY.search(sentence) else ():
        s = m.group()
        nxt = sentence[m.end() : m.end() + 1]
        if len(s) == 1 and s in "一两兩二" and (not nxt or nxt not in _ZH_CLASSIFIER):
            continue
        if s[0] in "万萬亿億" or (s[0] in "千百" and (len(s) == 1 or s[1] not in "万萬亿億")):
            continue
        val = zh_number(s)
        if val is not None:
            add(_decorate(sentence, val, m.start(), m.end(), safe))
    found.sort(key=lambda q: q.start)
    return found


_WORD_RE = re.compile(r"[a-záéíóúñü]+")
_ANY_DIGIT = re.compile(r"\d")
_ZH_ANY = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]")
# Every factor expression contains one of these (cheap prefilter for _FACTOR_RE).
_FACTOR_HINT = _Hint(
    ("doubl", "twice", "tripl", "quadrupl", "half", "third", "quarter", "times", "veces", "duplic",
     "cuadrupl", "doble", "mitad", "tercio", "cuarto", "翻", "倍", "分之", "一半")
)  # fmt: skip
_EN_HINTS = frozenset([*_EN_UNITS, *_EN_MULT])
_ES_HINTS = frozenset([*_ES_UNITS, "mil", "millón", "millon", "millones"]) - {"un", "una", "uno"}


def may_have_factors(sentence: str) -> bool:
    """False only when parse_quantities(sentence) finds no factor ("doubled", "a third
    of"): a caller that needs only the factors of most sentences can skip parsing them."""
    return _FACTOR_HINT.search(sentence)


def _factor_value(m: re.Match[str]) -> float | None:
    if m.group("double"):
        return 2.0
    if m.group("triple"):
        return 3.0
    if m.group("quad"):
        return 4.0
    if m.group("half"):
        return 0.5
    if m.group("third"):
        return 1 / 3
    if m.group("quarter"):
        return 0.25
    tn = (m.group("tn") or "").lower()
    if not tn:
        return None
    if _DECIMAL.fullmatch(tn):
        return float(tn)
    if tn in _FACTOR_WORDS:
        return float(_FACTOR_WORDS[tn])
    return zh_number(tn)


def _decorate(sentence: str, value: float, start: int, end: int, low: str | None = None) -> Quantity:
    """`low`: the sentence lower-cased, if that is safe (no FOLD_TRAPS, same length)."""
    before = sentence[max(0, start - 24) : start]
    after = sentence[end : end + 12]
    if low is not None:
        if not " ".join(low[max(0, start - 24) : start].split()).endswith(_BEFORE_PHRASES):
            before = ""  # no bound word ends there: the patterns cannot match
        if not " ".join(low[end : end + 12].split()).startswith(_AFTER_PHRASES):
            after = ""
    else:
        last = before.rstrip()[-1:]
        if not (last and (last.lower() in _BEFORE_ENDS or not last.isascii())):
            before = ""  # no word can end there: the patterns cannot match (see _BEFORE_ENDS)
        first = after.lstrip()[:1]
        if not (first and (first in _AFTER_STARTS or not first.isascii())):
            after = ""
    bound: str | None = None
    approx = False
    if before or after:
        if _MIN_BEFORE.search(before) or _MIN_AFTER.search(after):
            bound = "min"
        elif _MAX_BEFORE.search(before) or _MAX_AFTER.search(after):
            bound = "max"
        approx = bool(_APPROX_BEFORE.search(before) or _APPROX_AFTER.search(after))
    return Quantity(value, sentence[start:end], start, end, approx=approx, bound=bound)


def _money_context(sentence: str, pos: int) -> bool:
    return bool(_MONEY_BEFORE.search(sentence[max(0, pos - 5) : pos]))


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """An amount of money; `amount` in units of `currency` (USD for dollars)."""

    amount: float
    currency: str
    text: str
    start: int
    end: int
    approx: bool = False


_CUR_BEFORE = re.compile(
    r"(US\$|U\.S\.\s?\$|USD\s?|\$|€|EUR\s?|£|GBP\s?|¥|RMB\s?|CNY\s?)\s*$", re.IGNORECASE
)
_CUR_AFTER = re.compile(
    r"^\s*(?:(?:de\s+)?(dólares|dolares|dollars?|usd|美元|美金)(?:\s+(?:estadounidenses|americanos))?"
    r"|(?:de\s+)?(euros?|欧元)|(?:de\s+)?(libras|pounds?|英镑)|(人民币|元|yuan))",
    re.IGNORECASE,
)
_CUR_NAMES = {"$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP",
              "GBP": "GBP", "¥": "CNY", "RMB": "CNY", "CNY": "CNY"}  # fmt: skip


MONEY_HINT = _Hint(
    ("usd", "eur", "gbp", "rmb", "cny", "dollar", "dólar", "dolar", "euro", "pound", "libra", "yuan"),
    "[$€£¥]|美元|美金|欧元|英镑|元",
)


def parse_money(
    sentence: str, language: str | None = None, quantities: Callable[[], list[Quantity]] | None = None
) -> list[Money]:
    """Money amounts: '$10 billion', 'US$10bn', '10.000 millones de dólares', '100亿美元'.

    Dollar amounts are normalised to a USD float (10e9 for all three examples);
    other currencies keep their ISO code. A number without a currency is not money.
    `quantities`, when given, returns what parse_quantities(sentence, language) would
    (a caller that already parsed the sentence saves parsing it again).
    """
    out: list[Money] = []
    if not MONEY_HINT.search(sentence):
        return out
    for q in quantities() if quantities else parse_quantities(sentence, language):
        if q.kind != "number":
            continue
        before = sentence[max(0, q.start - 8) : q.start]
        after = sentence[q.end : q.end + 40]
        cur: str | None = None
        start, end = q.start, q.end
        mb = _CUR_BEFORE.search(before)
        ma = _CUR_AFTER.match(after)
        if mb:
            token = mb.group(1).strip().upper().replace("U.S.", "US").replace(" ", "")
            cur = _CUR_NAMES.get(token, "USD" if "$" in token else token)
            start = q.start - len(before) + mb.start(1)
        elif ma:
            if ma.group(1):
                cur = "USD"
            elif ma.group(2):
                cur = "EUR"
            elif ma.group(3):
                cur = "GBP"
            else:
                cur = "CNY"
            end = q.end + ma.end()
        if cur is None:
            continue
        out.append(Money(q.value, cur, sentence[start:end], start, end, approx=q.approx))
    return out


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DateSpan:
    """A date or period named in text, as an inclusive range of days."""

    start: dt.date
    end: dt.date
    text: str
    pos: int
    endpos: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


_Span = tuple[dt.date, dt.date]
_Handler = Callable[[re.Match[str], dt.date | None], _Span | None]

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_ES_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
_EN_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                "saturday": 5, "sunday": 6}  # fmt: skip
_ES_WEEKDAYS = {"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3,
                "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6}  # fmt: skip
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2), "primavera": (3, 5), "verano": (6, 8), "otoño": (9, 11),
            "otono": (9, 11), "invierno": (12, 2), "春": (3, 5), "夏": (6, 8), "秋": (9, 11),
            "冬": (12, 2)}  # fmt: skip
_EN_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "un": 1, "una": 1, "dos": 2,
             "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
             "nueve": 9, "diez": 10}  # fmt: skip

_EN_MONTH_RE = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_ES_MONTH_RE = "|".join(sorted(_ES_MONTHS, key=len, reverse=True))
_EN_WD_RE = "|".join(_EN_WEEKDAYS)
_ES_WD_RE = "|".join(sorted(_ES_WEEKDAYS, key=len, reverse=True))
_ZH_N = r"(?:\d{1,4}|[〇零一二两三四五六七八九十]{1,4})"


def _month_last(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), _month_last(year, month)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _guess_year(month: int, anchor: dt.date | None, day: int = 15) -> int | None:
    """The year that puts month/day closest to the anchor (news talks about nearby dates)."""
    if anchor is None:
        return None
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))
        gap = abs((d - anchor).days)
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best else None


def _part_span(year: int, month: int, part: str) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    if part == "early":
        return dt.date(year, month, 1), dt.date(year, month, 10)
    if part == "mid":
        return dt.date(year, month, 11), dt.date(year, month, 20)
    if part == "late":
        return dt.date(year, month, 21), dt.date(year, month, last)
    return _month_span(year, month)


_PART_WORDS = {
    "early": "early", "start": "early", "beginning": "early", "principios": "early",
    "comienzos": "early", "inicios": "early", "初": "early", "上旬": "early",
    "mid": "mid", "middle": "mid", "mediados": "mid", "中旬": "mid", "中": "mid",
    "late": "late", "end": "late", "finales": "late", "fines": "late", "final": "late",
    "fin": "late", "底": "late", "末": "late", "下旬": "late",
}  # fmt: skip


def _weekday_before(anchor: dt.date, weekday: int, direction: str = "last") -> dt.date:
    if direction == "next":
        delta = (weekday - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    return anchor - dt.timedelta(days=delta)


def _weekend_before(anchor: dt.date) -> tuple[dt.date, dt.date]:
    sunday = anchor - dt.timedelta(days=(anchor.weekday() - 6) % 7)
    return sunday - dt.timedelta(days=1), sunday


def _season_span(season: str, year: int) -> tuple[dt.date, dt.date]:
    a, b = _SEASONS[season]
    if a > b:  # winter spans the new year
        return dt.date(year, 12, 1), _month_last(year + 1, 2)
    return dt.date(year, a, 1), _month_last(year, b)


def _season_year(season: str, anchor: dt.date, which: str) -> int:
    a, _ = _SEASONS[season]
    if which == "last":
        return anchor.year if anchor.month > a + 2 else anchor.year - 1
    if which == "next":
        return anchor.year if anchor.month < a else anchor.year + 1
    return anchor.year


def _num(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    t = token.lower()
    if t in _EN_COUNT:
        return _EN_COUNT[t]
    v = zh_number(token)
    return int(v) if v is not None else None




def _h_iso(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return d, d


def _folded_get(table: dict[str, T], raw: str) -> T | None:
    """What a matched word stands for in ``table`` (lower-case keys), or None.

    The date patterns match case-insensitively, and so also match a word written
    with a letter that only folds to its ASCII form ("Auguſt", with a long s):
    such a word is looked up case-folded, and one still unknown means no date.
    """
    key = raw.lower()
    value = table.get(key)
    return value if value is not None else table.get(key.casefold())


def _month_of(months: dict[str, int], raw: str) -> int | None:
    """The month a matched name (perhaps abbreviated, "Aug.") stands for, or None."""
    return _folded_get(months, raw.rstrip("."))


def _h_day_month(months: dict[str, int]) -> _Handler:
    def h(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
        month = _month_of(months, m["mon"])
        if month is None:
            return None
        day = int(m["d"])
        year = int(m["y"]) if m["y"] else _guess_year(month, anchor, day)
        if year is None or day > calendar.monthrange(year, month)[1]:
            return None
        d = dt.date(year, month, day)
        return d, d

    return h


def _h_part_month(months: dict[str, int]) -> _Handler:
    def h(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
        part = _folded_get(_PART_WORDS, re.sub(r"^the\s+", "", m["part"].lower()))
        if part is None:
            return None
        mon = m["mon"].lower()
        if mon in ("este mes", "ese mes", "mes", "this month", "the month"):
            if anchor is None:
                return None
            return _part_span(anchor.year, anchor.month, part)
        if mon in ("año", "este año", "the year", "this year"):
            if anchor is None:
                return None
            y = anchor.year
            return {"early": (dt.date(y, 1, 1), dt.date(y, 3, 31)),
                    "mid": (dt.date(y, 5, 1), dt.date(y, 8, 31)),
                    "late": (dt.date(y, 10, 1), dt.date(y, 12, 31))}[part]  # fmt: skip
        if mon.isdigit() and len(mon) == 4:
            y = int(mon)
            return {"early": (dt.date(y, 1, 1), dt.date(y, 3, 31)),
                    "mid": (dt.date(y, 5, 1), dt.date(y, 8, 31)),
                    "late": (dt.date(y, 10, 1), dt.date(y, 12, 31))}[part]  # fmt: skip
        month = _month_of(months, mon)
        if month is None:
            return None
        year = int(m["y"]) if m["y"] else _guess_year(month, anchor)
        if year is None:
            return None
        return _part_span(year, month, part)

    return h


def _h_month(months: dict[str, int], need_capital: bool = False) -> _Handler:
    def h(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
        raw = m["mon"]
        if need_capital and not raw[:1].isupper():
            return None
        month = _month_of(months, raw)
        if month is None:
            return None
        year = int(m["y"]) if m.groupdict().get("y") else _guess_year(month, anchor)
        if year is None:
            return None
        return _month_span(year, month)

    return h


def _h_en_month_alone(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    raw = m["mon"]
    if not raw[:1].isupper() or len(raw) < 3:
        return None
    if raw.lower() in ("may", "march") and not m["prep"]:
        return None
    if raw.lower() in ("mar", "jun", "jan", "sep", "oct", "nov", "dec", "aug", "apr", "feb", "jul"):
        return None
    month = _month_of(_EN_MONTHS, raw)
    if month is None:
        return None
    year = _guess_year(month, anchor)
    return _month_span(year, month) if year else None


def _h_relative_unit(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if anchor is None:
        return None
    which = m["which"].lower()
    which = {"this": "this", "este": "this", "esta": "this", "本": "this", "这个": "this",
             "这": "this", "今": "this", "last": "last", "previous": "last", "the previous": "last",
             "pasado": "last", "pasada": "last", "上": "last", "上个": "last", "去": "last",
             "next": "next", "the following": "next", "following": "next",
             "the coming": "next", "que viene": "next", "próximo": "next", "proximo": "next",
             "próxima": "next", "siguiente": "next", "下": "next", "下个": "next", "明": "next",
             "earlier this": "earlier", "later this": "later"}.get(which, which)  # fmt: skip
    unit = m["unit"].lower()
    unit = {"week": "week", "semana": "week", "周": "week", "星期": "week", "month": "month",
            "mes": "month", "月": "month", "year": "year", "año": "year", "年": "year",
            "weekend": "weekend"}.get(unit, unit)  # fmt: skip
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        if which == "last":
            monday -= dt.timedelta(days=7)
        elif which == "next":
            monday += dt.timedelta(days=7)
        elif which == "earlier":
            return monday, anchor
        elif which == "later":
            return anchor, monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        delta = {"last": -1, "next": 1}.get(which, 0)
        y, mo = _add_months(anchor.year, anchor.month, delta)
        s, e = _month_span(y, mo)
        if which == "earlier":
            return s, anchor
        if which == "later":
            return anchor, e
        return s, e
    if unit == "year":
        delta = {"last": -1, "next": 1}.get(which, 0)
        y = anchor.year + delta
        if which == "earlier":
            return dt.date(y, 1, 1), anchor
        if which == "later":
            return anchor, dt.date(y, 12, 31)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if unit == "weekend":
        sat, sun = _weekend_before(anchor)
        if which == "next":
            return sat + dt.timedelta(days=7), sun + dt.timedelta(days=7)
        if which == "last" and anchor.weekday() >= 5:
            return sat - dt.timedelta(days=7), sun - dt.timedelta(days=7)
        return sat, sun
    return None


def _h_weekend(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    return _weekend_before(anchor) if anchor else None


def _h_day_word(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if anchor is None:
        return None
    w = m["w"].lower()
    off = {"yesterday": -1, "ayer": -1, "昨天": -1, "昨日": -1, "today": 0, "tonight": 0,
           "hoy": 0, "今天": 0, "今日": 0, "tomorrow": 1, "mañana": 1, "明天": 1}[w]  # fmt: skip
    d = anchor + dt.timedelta(days=off)
    return d, d


def _h_ago(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if anchor is None:
        return None
    n = _num(m["n"])
    if n is None:
        return None
    unit = m["unit"].lower()
    if unit.startswith(("day", "día", "dia", "天")):
        d = anchor - dt.timedelta(days=n)
        return d, d
    if unit.startswith(("week", "semana", "周", "星期")):
        d = anchor - dt.timedelta(days=7 * n)
        return d - dt.timedelta(days=3), d + dt.timedelta(days=3)
    if unit.startswith(("month", "mes", "个月")):
        y, mo = _add_months(anchor.year, anchor.month, -n)
        return _month_span(y, mo)
    y = anchor.year - n
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _h_weekday(table: dict[str, int]) -> _Handler:
    def h(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
        if anchor is None:
            return None
        wd = table[m["wd"].lower()]
        which = (m.groupdict().get("which") or "").lower()
        direction = "next" if which in ("next", "próximo", "proximo", "下", "下个", "this coming") else "last"
        d = _weekday_before(anchor, wd, direction)
        if which in ("last", "pasado", "上", "上个") and d == anchor:
            d -= dt.timedelta(days=7)
        return d, d

    return h


def _h_season(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    season = m["season"].lower()
    if season in ("夏天", "夏季"):
        season = "夏"
    elif season in ("秋天", "秋季"):
        season = "秋"
    elif season in ("春天", "春季"):
        season = "春"
    elif season in ("冬天", "冬季"):
        season = "冬"
    if m.groupdict().get("y"):
        return _season_span(season, int(m["y"]))
    if anchor is None:
        return None
    which = (m.groupdict().get("which") or "this").lower()
    which = {"last": "last", "pasado": "last", "el pasado": "last", "去年": "last",
             "next": "next", "próximo": "next", "el próximo": "next", "明年": "next"}.get(
        which, "this"
    )  # fmt: skip
    if m.groupdict().get("which") in ("去年",):
        return _season_span(season, anchor.year - 1)
    if m.groupdict().get("which") in ("明年",):
        return _season_span(season, anchor.year + 1)
    return _season_span(season, _season_year(season, anchor, which))


def _h_year(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    y = int(m["y"])
    if not 1900 <= y <= 2200:
        return None
    part = (m.groupdict().get("part") or "").lower()
    if part in _PART_WORDS:
        p = _PART_WORDS[part]
        return {"early": (dt.date(y, 1, 1), dt.date(y, 3, 31)),
                "mid": (dt.date(y, 5, 1), dt.date(y, 8, 31)),
                "late": (dt.date(y, 10, 1), dt.date(y, 12, 31))}[p]  # fmt: skip
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _h_zh_date(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    month = _num(m["m"])
    if month is None or not 1 <= month <= 12:
        return None
    day = _num(m["d"]) if m.groupdict().get("d") else None
    year = _num(m["y"]) if m.groupdict().get("y") else _guess_year(month, anchor, day or 15)
    if year is None:
        return None
    if day is not None:
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        d = dt.date(year, month, day)
        return d, d
    part = m.groupdict().get("part") or ""
    if part in _PART_WORDS:
        return _part_span(year, month, _PART_WORDS[part])
    return _month_span(year, month)


def _h_zh_year(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    w = m["w"]
    if w in ("今年", "去年", "明年"):
        if anchor is None:
            return None
        y = anchor.year + {"今年": 0, "去年": -1, "明年": 1}[w]
    else:
        y = int(w[:-1])
    part = m.groupdict().get("part") or ""
    if part in ("初", "年初"):
        return dt.date(y, 1, 1), dt.date(y, 3, 31)
    if part in ("底", "末", "年底", "年末"):
        return dt.date(y, 10, 1), dt.date(y, 12, 31)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _h_zh_relmonth(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if anchor is None:
        return None
    which = m["which"]
    delta = {"本": 0, "这个": 0, "当": 0, "上": -1, "上个": -1, "下": 1, "下个": 1}[which]
    y, mo = _add_months(anchor.year, anchor.month, delta)
    part = m.groupdict().get("part") or ""
    if part in ("晚些时候", "稍后"):
        return anchor, _month_last(y, mo)
    if part in ("早些时候",):
        return dt.date(y, mo, 1), anchor
    if part in _PART_WORDS:
        return _part_span(y, mo, _PART_WORDS[part])
    return _month_span(y, mo)


# What every match of a date pattern contains, tested before the pattern runs (most
# sentences have a year or a month name but none of the other words): each group lists
# lower-case strings of which the lower-cased sentence must contain one; _DIGIT stands
# for a digit (\d), _HAN_CHAR for a Han character. E.g. every month name contains its
# first three letters. See parse_dates for when the test is skipped.
_Need = tuple[tuple[str, ...], ...]
_DIGIT, _HAN_CHAR = ("\\d",), ("\\han",)
_EN_MON = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_WD = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EN_SEASON = ("summer", "autumn", "fall", "winter", "spring")
_EN_PART = ("early", "mid", "late", "end", "start", "beginning")
_EN_UNIT = ("week", "month", "year")
_ES_MON = tuple(_ES_MONTHS)
_ES_WD = tuple(_ES_WEEKDAYS)
_ES_SEASON = ("verano", "otoño", "otono", "invierno", "primavera")
_ES_PART = ("fin", "principios", "comienzos", "inicios", "mediados")
_ES_UNIT = ("mes", "año", "semana")
_DatePattern = tuple[re.Pattern[str], _Handler, _Need]


def _compile_dates(factored: bool = True) -> dict[str, list[_DatePattern]]:
    """The date patterns per language; `factored`: with their alternations grouped by first
    letter (claims.regexopt: the same matches, found faster)."""
    i = re.IGNORECASE
    en_parts = r"(?P<part>early|mid|late|(?:the\s+)?(?:end|start|beginning|middle))(?:[\s-]+of)?[\s-]+"
    en: list[_DatePattern] = [
        (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _h_iso, (_DIGIT,)),
        (re.compile(rf"\b(?:(?:{_EN_WD_RE}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_EN_MONTH_RE})\.?(?:,?\s+(?P<y>\d{{4}}))?\b", i), _h_day_month(_EN_MONTHS), (_DIGIT, _EN_MON)),
        (re.compile(rf"\b(?:(?:{_EN_WD_RE}),?\s+)?(?P<mon>{_EN_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?![\d,.]\d)\b", i), _h_day_month(_EN_MONTHS), (_DIGIT, _EN_MON)),
        (re.compile(rf"\b{en_parts}(?P<mon>{_EN_MONTH_RE}|this\s+month|the\s+month|the\s+year|this\s+year|\d{{4}})\b(?:\s+(?P<y>\d{{4}}))?", i), _h_part_month(_EN_MONTHS), (_EN_PART,)),
        (re.compile(rf"\b(?P<mon>{_EN_MONTH_RE})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})\b", i), _h_month(_EN_MONTHS, need_capital=True), (_EN_MON, _DIGIT)),
        (re.compile(r"\b(?P<which>earlier\s+this|later\s+this|this|last|next|the\s+following|the\s+previous|the\s+coming|previous|following)\s+(?P<unit>week|month|year|weekend)\b", i), _h_relative_unit, (_EN_UNIT,)),
        (re.compile(r"\b(?:over|during|on|at)\s+the\s+weekend\b", i), _h_weekend, (("weekend",),)),
        (re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow)\b", i), _h_day_word, (("yesterday", "today", "tonight", "tomorrow"),)),
        (re.compile(r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", i), _h_ago, (("ago",),)),
        (re.compile(rf"\b(?P<which>last|next|this|this\s+coming)?\s*(?P<wd>{_EN_WD_RE})\b", i), _h_weekday(_EN_WEEKDAYS), (_EN_WD,)),
        (re.compile(r"\b(?P<season>summer|autumn|fall|winter|spring)\s+(?:of\s+)?(?P<y>\d{4})\b", i), _h_season, (_EN_SEASON, _DIGIT)),
        (re.compile(r"\b(?P<which>this|last|next)\s+(?P<season>summer|autumn|fall|winter|spring)\b", i), _h_season, (_EN_SEASON,)),
        (re.compile(r"\b(?:(?P<part>early|late|mid)[\s-]+|(?:the\s+)?(?P<part2>end|start|beginning)\s+of\s+)(?P<y>\d{4})\b", i), _h_year_part, (_DIGIT, _EN_PART)),
        (re.compile(r"\b(?:in|by|since|during|until|through|from|of|before|after)\s+(?P<y>\d{4})\b(?![-/]\d)", i), _h_year, (_DIGIT,)),
        (re.compile(rf"\b(?P<prep>in|by|since|until|through|during|from|of|early|late|mid|before|after|last|next|this)?\s*(?P<mon>{_EN_MONTH_RE})\b(?!\s+\d)", i), _h_en_month_alone, (_EN_MON,)),
    ]
    es_parts = r"(?:a\s+)?(?P<part>finales|fines|final|principios|comienzos|inicios|mediados)\s+de(?:l)?\s+"
    es: list[_DatePattern] = [
        (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _h_iso, (_DIGIT,)),
        (re.compile(rf"\b(?:(?:{_ES_WD_RE})\s+)?(?P<d>\d{{1,2}})\s+de\s+(?P<mon>{_ES_MONTH_RE})(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?\b", i), _h_day_month(_ES_MONTHS), (_DIGIT, _ES_MON)),
        (re.compile(rf"{es_parts}(?P<mon>{_ES_MONTH_RE}|este\s+mes|ese\s+mes|mes|este\s+año|año|\d{{4}})\b(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?", i), _h_part_month(_ES_MONTHS), (_ES_PART,)),
        (re.compile(rf"\b(?P<mon>{_ES_MONTH_RE})\s+(?:de|del)\s+(?P<y>\d{{4}})\b", i), _h_month(_ES_MONTHS), (_ES_MON, _DIGIT)),
        (re.compile(r"\b(?:el\s+)?(?P<unit>mes|año|semana)\s+(?P<which>que\s+viene|pasad[oa]|próxim[oa]|proxim[oa]|siguiente)\b", i), _h_relative_unit, (_ES_UNIT,)),
        (re.compile(r"\b(?:el\s+|la\s+)?(?P<which>próxim[oa]|proxim[oa]|pasad[oa])\s+(?P<unit>mes|año|semana)\b", i), _h_relative_unit, (_ES_UNIT,)),
        (re.compile(r"\b(?P<which>est[ea])\s+(?P<unit>mes|año|semana)\b", i), _h_relative_unit, (_ES_UNIT,)),
        (re.compile(r"\b(?:durante\s+|en\s+)?(?:el|este)\s+fin\s+de\s+semana\b", i), _h_weekend, (("semana",),)),
        (re.compile(r"\b(?P<w>ayer|hoy)\b|(?<!la\s)(?<!las\s)\b(?P<w2>mañana)\b(?!\s+de)", i), _h_es_day_word, (("ayer", "hoy", "mañana"),)),
        (re.compile(r"\bhace\s+(?P<n>\d+|una?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+(?P<unit>días|dias|día|semanas?|meses|mes|años?)\b", i), _h_ago, (("hace",),)),
        (re.compile(rf"\b(?:el\s+)?(?P<which>pasado|próximo|proximo)?\s*(?P<wd>{_ES_WD_RE})\b(?!\s+\d)", i), _h_weekday(_ES_WEEKDAYS), (_ES_WD,)),
        (re.compile(r"\b(?P<season>verano|otoño|otono|invierno|primavera)\s+(?:de|del)\s+(?P<y>\d{4})\b", i), _h_season, (_ES_SEASON, _DIGIT)),
        (re.compile(r"\b(?:(?P<which>este|el\s+pasado|el\s+próximo)\s+)(?P<season>verano|otoño|otono|invierno|primavera)\b", i), _h_season, (_ES_SEASON,)),
        (re.compile(r"\b(?:en|de|desde|hasta|durante|para|antes\s+de|después\s+de)\s+(?P<y>\d{4})\b(?![-/]\d)", i), _h_year, (_DIGIT,)),
        (re.compile(rf"\b(?:en|de|desde|hasta|para|durante|antes\s+de|después\s+de|a\s+partir\s+de)\s+(?P<mon>{_ES_MONTH_RE})\b", i), _h_month(_ES_MONTHS), (_ES_MON,)),
    ]
    zh: list[_DatePattern] = [
        (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"), _h_iso, (_DIGIT,)),
        (re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_ZH_N})月(?P<d>{_ZH_N})[日号]"), _h_zh_date, (_HAN_CHAR,)),
        (re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_ZH_N})月(?:份)?(?P<part>底|末|初|中旬|上旬|下旬|中)?"), _h_zh_date, (_HAN_CHAR,)),
        (re.compile(r"(?P<which>今年|去年|明年)?(?P<season>夏天|夏季|秋天|秋季|春天|春季|冬天|冬季)"), _h_season_zh, (_HAN_CHAR,)),
        (re.compile(r"(?P<w>\d{4}年|今年|去年|明年)(?P<part>年初|年底|年末|初|底|末)?(?!\d|[一二三四五六七八九十]+月)"), _h_zh_year, (_HAN_CHAR,)),
        (re.compile(r"(?P<which>本|这个|当|上个|下个|上|下)月(?P<part>晚些时候|稍后|早些时候|初|底|末|中旬)?"), _h_zh_relmonth, (_HAN_CHAR,)),
        (re.compile(r"(?P<which>本|这|上|下)(?P<unit>周|星期)(?![一二三四五六日天])"), _h_relative_unit, (_HAN_CHAR,)),
        (re.compile(r"(?P<which>上|下|本|这)?(?:个)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"), _h_weekday(_ZH_WEEKDAYS), (_HAN_CHAR,)),
        (re.compile(r"(?P<w>昨天|今天|明天|昨日|今日)"), _h_day_word, (_HAN_CHAR,)),
        (re.compile(r"(?:上个?)?周末"), _h_weekend, (_HAN_CHAR,)),
        (re.compile(r"(?P<n>\d+|[一二两三四五六七八九十]+)(?:个)?(?P<unit>天|周|星期|个月|月|年)前"), _h_ago, (_HAN_CHAR,)),
    ]
    tables = {"en": en, "es": es, "zh": zh}
    if factored:
        tables = {lang: [(_factored(p), h, need) for p, h, need in t] for lang, t in tables.items()}
    return tables



def _h_year_part(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    y = int(m["y"])
    part = (m["part"] or m["part2"] or "").lower()
    p = _PART_WORDS.get(part, "late")
    return {"early": (dt.date(y, 1, 1), dt.date(y, 3, 31)),
            "mid": (dt.date(y, 5, 1), dt.date(y, 8, 31)),
            "late": (dt.date(y, 10, 1), dt.date(y, 12, 31))}[p]  # fmt: skip


def _h_es_day_word(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if anchor is None:
        return None
    w = (m["w"] or m["w2"] or "").lower()
    off = {"ayer": -1, "hoy": 0, "mañana": 1}[w]
    d = anchor + dt.timedelta(days=off)
    return d, d


def _h_season_zh(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date, dt.date] | None:
    season = m["season"][0]
    which = m["which"] or ""
    if anchor is None:
        return None
    if which == "去年":
        return _season_span(season, anchor.year - 1)
    if which == "明年":
        return _season_span(season, anchor.year + 1)
    if which == "今年":
        return _season_span(season, anchor.year)
    return None  # a bare season word is too vague


_DATE_PATTERNS = _compile_dates()
_HAN_ANY = re.compile(r"[\u4e00-\u9fff]")
# Every date expression above contains a digit or one of these words (cheap prefilter).
_DATE_HINT = _Hint(
    (*_EN_MONTHS, *_ES_MONTHS, *_EN_WEEKDAYS, *_ES_WEEKDAYS, "week", "month", "year", "today",
     "tonight", "yesterday", "tomorrow", "summer", "autumn", "fall", "winter", "spring", "mes",
     "semana", "año", "ayer", "hoy", "mañana", "verano", "otoño", "otono", "invierno", "primavera",
     "principios", "finales", "mediados"),
    r"[\d月周年天昨今明夏秋春冬]",
)  # fmt: skip


def parse_dates(
    sentence: str, language: str | None, published: dt.datetime | dt.date | None
) -> list[DateSpan]:
    """Dates and periods in a sentence as day ranges, relative ones resolved against `published`.

    Examples (published 2024-07-23, a Tuesday): 'July 22' / '22 de julio' / '7月22日' ->
    2024-07-22; 'on Monday' -> 2024-07-22; 'last month' -> June 2024; 'end of July' ->
    2024-07-21..31. Without `published`, only dates with an explicit year are returned.
    """
    anchor = published.date() if isinstance(published, dt.datetime) else published
    low = sentence.lower()
    if not _DATE_HINT.search(sentence, low):
        return []
    lang = (language or "").lower()[:2]
    if lang in _DATE_PATTERNS:
        tables = [_DATE_PATTERNS[lang]]
        if lang != "zh":
            tables.append(_DATE_PATTERNS["zh"])
    else:
        tables = [_DATE_PATTERNS["en"], _DATE_PATTERNS["es"], _DATE_PATTERNS["zh"]]
    out: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    # The needs are tested on the lower-cased sentence, unless FOLD_TRAPS make that unsafe.
    plain = len(low) == len(sentence) and not FOLD_TRAPS.search(sentence)
    # Whether the sentence has each group of a need, by id(group): the patterns share
    # groups, and a sentence is tested for each group once.
    has = {id(_DIGIT): _ANY_DIGIT.search(sentence) is not None, id(_HAN_CHAR): _HAN_ANY.search(sentence) is not None}
    for table in tables:
        for pattern, handler, need in table:
            if plain and not _has_all(has, need, low):
                continue
            for m in pattern.finditer(sentence):
                if not m.group().strip():
                    continue
                s, e = m.span()
                while s < e and sentence[s].isspace():
                    s += 1
                if any(s < te and ts < e for ts, te in taken):
                    continue
                try:
                    span = handler(m, anchor)
                except ValueError:
                    span = None
                if span is None:
                    continue
                taken.append((s, e))
                out.append(DateSpan(span[0], span[1], sentence[s:e], s, e))
    out.sort(key=lambda d: d.pos)
    return _relative_to_previous(out)


def _has_all(has: dict[int, bool], need: _Need, low: str) -> bool:
    """Whether the lower-cased sentence `low` has every group of `need` (`has` caches)."""
    for group in need:
        hit = has.get(id(group))
        if hit is None:
            hit = has[id(group)] = any(w in low for w in group)
        if not hit:
            return False
    return True


_FOLLOWING = re.compile(r"following|siguiente|次月|第二个月|下一个月", re.IGNORECASE)


def _relative_to_previous(spans: list[DateSpan]) -> list[DateSpan]:
    """'In July ... the following month' means August, whatever the publication date."""
    out: list[DateSpan] = []
    for d in spans:
        if out and _FOLLOWING.search(d.text) and d.days >= 28:
            prev = out[-1]
            y, m = _add_months(prev.start.year, prev.start.month, 1)
            s, e = _month_span(y, m)
            d = DateSpan(s, e, d.text, d.pos, d.endpos)
        out.append(d)
    return out
