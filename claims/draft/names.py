"""Entities of a draft: the names an article uses, grouped and typed by language cues.

A name is a run of capitalised words, acronyms, mixed-case words ("xAI") and
letter-digit words ("H100"), with a model number after it ("Grok 2"), or in Chinese a
run of transliteration characters or a word before an organisation suffix. Variants
(Grok2 / Grok 2 / Grok-2, H100 / H100s, Elon Musk / Musk) are grouped; the type comes
from the words around the mentions (titles, suffixes, "in <Place>"), never from a list
of known companies, so any story's names are found the same way.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..lang import Language, compile_terms
from ..lang.common import fold
from .entity_types import entity_type
from .words import FUNCTION, TITLES, ZH

__all__ = ["DraftEntity", "Mention", "find_entities", "slug"]

_L = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_TOKEN = re.compile(rf"[{_L}](?:[{_L}'’.&\-]*[{_L}])?")
_MODEL_NO = re.compile(r"[ \-]?(\d{1,4})(?![\d.,]\d|[\w%])")
_CONNECTORS = frozenset(
    {"de", "del", "of", "von", "van", "der", "du", "des", "la", "di", "da", "&"}
)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name in sentence ``sentence`` (0 is the title)."""

    text: str
    sentence: int
    start: int
    end: int
    initial: bool  # opens its sentence: capitals there prove nothing


@dataclass
class DraftEntity:
    """A group of variants of one name with what the article says around them."""

    id: str
    name: str
    type: str
    aliases: list[str]
    sentences: set[int] = field(default_factory=set)
    mentions: int = 0
    in_title: bool = False
    first: int = 0
    contextual: dict[str, Any] | None = None  # the story's unnamed thing: a term near the anchor


def slug(text: str) -> str:
    """An id from a name: lower case ASCII, hyphens ("Grok 2" -> "grok-2")."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    # a name without Latin letters ("马斯克") gets an id from a digest of its text: the
    # same in every run (hash() of a str changes with PYTHONHASHSEED)
    return out or "e" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


_ROMAN = re.compile(r"[IVXLCDM]+")


@functools.cache
def _weekdays(code: str) -> frozenset[str]:
    """Weekday names (folded): capitalised in English and German, never names."""
    try:
        from babel.dates import get_day_names

        return frozenset(
            fold(n) for w in ("wide", "abbreviated") for n in get_day_names(w, locale=code).values()
        )
    except (ImportError, ValueError, LookupError):
        return frozenset()


def _is_name_token(tok: str, lang: Language) -> bool:
    if not tok[0].isupper() and not re.search(r"[a-z][A-Z]", tok):
        return False
    folded = fold(tok).rstrip(".")
    if (
        folded in lang.months
        or _ROMAN.fullmatch(tok)
        or (not lang.cjk and folded in _weekdays(lang.code))
    ):
        return False
    letters = [c for c in tok if c.isalpha()]
    return not (len(letters) <= 2 and tok.isupper() and not any(c.isdigit() for c in tok))


class _Scanner:
    """Reads the name runs of one language's sentences."""

    def __init__(self, lang: Language, text: str) -> None:
        self.lang = lang
        self.function = FUNCTION.get(lang.code, frozenset())
        self.lower_words = {w for w in _TOKEN.findall(text) if w.islower()}
        self.blockers = compile_terms(
            tuple(lang.units) + tuple(lang.currencies) + tuple(lang.scales), lang.cjk
        )

    def _blocked(self, tok: str) -> bool:
        """A unit or currency word ("GPUs", "USD") ends a name; "CHIPS Act" does not."""
        if tok.isupper() and sum(c.isalpha() for c in tok) > 3:
            return False
        return self.blockers.fullmatch(tok) is not None

    def _common(self, tok: str, initial: bool) -> bool:
        low = re.split(r"['’]", tok.lower())[0]
        return low in self.function or (initial and low in self.lower_words)

    def runs(self, sentence: str, index: int) -> list[Mention]:
        toks = list(_TOKEN.finditer(sentence))
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            j = self._run_end(sentence, toks, i)
            if j == i:
                i += 1
                continue
            out.extend(self._mention(sentence, toks, i, j, index))
            i = j
        return out

    def _run_end(self, s: str, toks: list[re.Match[str]], i: int) -> int:
        """The end (exclusive) of the name run starting at token i (i when none)."""
        j = i
        joined = False
        while j < len(toks):
            if j > i and s[toks[j - 1].end() : toks[j].start()] not in (" ", "-"):
                break
            tok = toks[j].group()
            if _is_name_token(tok, self.lang) and not self._blocked(tok):
                j += 1
                continue
            if joined or not self._connects(toks, i, j):
                break
            joined = True
            j += 1
        while j > i and toks[j - 1].group().lower() in _CONNECTORS:
            j -= 1
        return j

    def _connects(self, toks: list[re.Match[str]], i: int, j: int) -> bool:
        """Whether token j is a connector inside one name ("Banco de España"), not between two."""
        tok = toks[j].group()
        nxt = toks[j + 1].group() if j + 1 < len(toks) else ""
        after = toks[j + 2].group() if j + 2 < len(toks) else ""
        prev = toks[j - 1].group() if j > i else ""
        return bool(
            j > i and tok.lower() in _CONNECTORS and prev.isalpha() and prev.istitle()
            and nxt and _is_name_token(nxt, self.lang)
            and not (after and _is_name_token(after, self.lang))
        )  # fmt: skip

    def _mention(
        self, s: str, toks: list[re.Match[str]], i: int, j: int, index: int
    ) -> list[Mention]:
        initial = not s[: toks[i].start()].strip(" «“\"'(¿¡")
        while i < j and self._common(
            toks[i].group(), (initial and i == 0) or toks[i].group().lower() in self.function
        ):
            i += 1
            initial = False
        if i >= j:
            return []
        start, end = toks[i].start(), toks[j - 1].end()
        number = _MODEL_NO.match(s, end)
        if number and not re.fullmatch(r"(?:19|20)\d\d", number.group(1)):
            rest = s[number.end() :].split()
            if not (rest and self._blocked(rest[0].strip(".,;:"))):
                end = number.end()
        return [
            Mention(s[start:end], index, start, end, initial and not s[:start].strip(" «“\"'(¿¡"))
        ]


_ZH_TRANSLIT = re.compile("[" + "".join(sorted(ZH.TRANSLIT)) + "]{2,6}")
_ZH_ORG = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?=" + "|".join(ZH.ORG_END) + ")")
_ZH_TITLE = re.compile("(?:" + "|".join(TITLES["zh"]) + r")([\u4e00-\u9fff]{2,3})")


def _zh_mentions(sentence: str, index: int, text: str) -> list[Mention]:
    """Chinese names: transliterations (马斯克), words before 公司/集团, names after titles."""
    out: list[Mention] = []
    for m in _ZH_TRANSLIT.finditer(sentence):
        name = m.group()
        tail = sentence[m.end() : m.end() + 3]
        cued = tail.startswith(ZH.ORG_END + ZH.PLACE_END) or sentence[: m.start()].endswith(
            ZH.PLACE_BEFORE
        )
        if cued or (len(name) >= 3 and text.count(name) >= 2):
            out.append(Mention(name, index, m.start(), m.end(), False))
    for m in _ZH_ORG.finditer(sentence):
        if not any(x.start <= m.start() < x.end for x in out):
            out.append(Mention(m.group(1), index, m.start(1), m.end(1), False))
    for m in _ZH_TITLE.finditer(sentence):
        if not any(x.start <= m.start(1) < x.end for x in out):
            out.append(Mention(m.group(1), index, m.start(1), m.end(1), False))
    return out


def _key(text: str) -> str:
    k = re.sub(r"[\s\-.·’']", "", fold(text))
    return k[:-1] if re.search(r"\ds$", k) else k


def _split_compounds(mentions: list[Mention]) -> list[Mention]:
    """'NVIDIA H100' is two names when the article also writes each alone."""
    alone = {_key(m.text) for m in mentions if " " not in m.text}
    out: list[Mention] = []
    for m in mentions:
        parts = m.text.split(" ")
        cut = next((k for k in range(1, len(parts))
                    if _key(" ".join(parts[:k])) in alone
                    and (_key(" ".join(parts[k:])) in alone or re.search(r"\d", " ".join(parts[k:])))), None)  # fmt: skip
        if cut is None:
            out.append(m)
            continue
        head = " ".join(parts[:cut])
        out.append(Mention(head, m.sentence, m.start, m.start + len(head), m.initial))
        out.append(
            Mention(" ".join(parts[cut:]), m.sentence, m.start + len(head) + 1, m.end, False)
        )
    return out


def _groups(mentions: list[Mention]) -> dict[str, list[Mention]]:
    keys: dict[str, list[Mention]] = {}
    for m in mentions:
        keys.setdefault(_key(m.text), []).append(m)
    for k in list(keys):  # plural of a word name: "Cybertrucks" with "Cybertruck"
        if k.endswith("s") and k[:-1] in keys:
            keys[k[:-1]].extend(keys.pop(k))
    singles = [k for k in keys if " " not in keys[k][0].text]
    for k in singles:
        hosts = [h for h in keys if h != k and _last_word_key(keys[h]) == k]
        if len(hosts) == 1:  # "Musk" is "Elon Musk", "Comercio" is "Departamento de Comercio"
            keys[hosts[0]].extend(keys.pop(k))
    return keys


def _last_word_key(ms: list[Mention]) -> str | None:
    words = max((m.text for m in ms), key=len).split(" ")
    if len(words) < 2 or not all(w[:1].isupper() or w in _CONNECTORS for w in words):
        return None
    if any(any(c.isdigit() for c in w) or (w.isupper() and len(w) > 1) for w in words):
        return None
    return _key(words[-1])


def _variants(aliases: Iterable[str]) -> list[str]:
    """The aliases as written, plus the spacings of a product number (Grok2 -> Grok 2, Grok-2)."""
    out = list(dict.fromkeys(aliases))
    for a in list(out):
        m = re.fullmatch(r"([A-Za-z][a-z]{2,})[ \-]?(\d{1,4})", a)
        if m:
            out += [f"{m.group(1)}{sep}{m.group(2)}" for sep in ("", " ", "-")]
    return list(dict.fromkeys(out))


def _still_a_name(ms: list[Mention], mentions: list[Mention], scanner: _Scanner) -> bool:
    """A capitalised word seen only at sentence starts is a name when it recurs and is
    never written in lower case, or when a longer name contains it ("Tesla Armor Glass")."""
    word = ms[0].text
    if word.lower() in scanner.lower_words or scanner._common(word, True):
        return False
    inside = any(word in m.text.split(" ") and m.text != word for m in mentions)
    return inside or len(ms) >= 2


def _all_mentions(
    allsent: list[str], lang: Language, scanner: _Scanner, text: str
) -> list[Mention]:
    """Every name run of every sentence, with the Chinese cues where the script has no capitals."""
    mentions: list[Mention] = []
    for i, s in enumerate(allsent):
        mentions += scanner.runs(s, i)
        if lang.cjk:
            mentions += _zh_mentions(s, i, text)
    return mentions


def _entity(ms: list[Mention], eid: str, aliases: list[str], allsent: list[str],
            lang: Language) -> DraftEntity:  # fmt: skip
    """One group of mentions as an entity: its longest, most-used spelling names it."""
    name = max(aliases, key=lambda a: (len(a.split(" ")), sum(x.text == a for x in ms)))
    return DraftEntity(
        id=eid, name=name, type=entity_type(ms, allsent, lang), aliases=_variants(aliases),
        sentences={m.sentence for m in ms}, mentions=len(ms), in_title=any(m.sentence == 0 for m in ms),
        first=min(m.sentence * 10_000 + m.start for m in ms),
    )  # fmt: skip


def _unique_id(base: str, taken: set[str]) -> str:
    """An id no earlier entity has, so two names that slug alike stay apart."""
    eid = base
    while eid in taken:
        eid += "-2"
    taken.add(eid)
    return eid


def find_entities(title: str, sentences: list[str], lang: Language) -> list[DraftEntity]:
    """Every name group of the article (the title is sentence 0), most mentioned first.

    A group every mention of which opens its sentence, written as a plain capitalised
    word, is dropped: in Latin scripts that capital proves nothing ("Destacó", "Analysts").
    """
    allsent = [title, *sentences]
    text = "\n".join(allsent)
    scanner = _Scanner(lang, text)
    mentions = _all_mentions(allsent, lang, scanner, text)
    out: list[DraftEntity] = []
    taken: set[str] = set()
    for ms in _groups(_split_compounds(mentions)).values():
        plain = all(m.text.istitle() and " " not in m.text for m in ms)
        if plain and all(m.initial for m in ms) and not _still_a_name(ms, mentions, scanner):
            continue
        aliases = sorted(
            {m.text for m in ms}, key=lambda a: (-sum(x.text == a for x in ms), len(a))
        )
        eid = _unique_id(slug(min(aliases, key=len)), taken)
        out.append(_entity(ms, eid, aliases, allsent, lang))
    out.sort(key=lambda e: (-(e.mentions + 2 * e.in_title), e.first))
    return out
