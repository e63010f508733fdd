"""Compile dossier term lists into regular expressions (once per story, cached).

Term syntax (documented for dossier authors in claims/dossier.py): a phrase matched on
word boundaries; `word*` matches any ending; ` ... ` allows up to three words (eight
CJK characters) in between, ` ...N ` up to N words; `re:` is a raw regex. Spaces and
hyphens between words are interchangeable ("end-of-July").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .document import WordIndex
from .dossier import Terms

__all__ = ["LATIN", "CompiledTerms", "TermMatcher", "compile_terms", "is_cjk", "term_regex"]

LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]")
_LATIN_CHAR = re.compile(f"[{LATIN}]")
_BACK, _AHEAD = 120, 160  # how far a term may extend before/after its literal
_LATIN_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")
_LOOKBEHIND = r"\(\?<[!=][^()]*\)"  # (?<!...) or (?<=...) without groups inside
_BEHIND_FIRST = re.compile(rf"re:(?:\(\?i:|\(\?:|\(\?i\))*{_LOOKBEHIND}")


def _all(hay: str, lit: str) -> Iterator[int]:
    pos = hay.find(lit)
    while pos != -1:
        yield pos
        pos = hay.find(lit, pos + len(lit))


def _gap(words: int, cjk: bool) -> str:
    if cjk:
        return rf"[^。；！？\n]{{0,{max(1, words) * 3 - 1}}}?"
    return rf"(?:[\s\-]+[^\s.;:!?。；！？]+){{0,{words}}}?[\s\-]+"


def is_cjk(s: str) -> bool:
    """True when the string contains CJK characters (no word spaces, no boundaries)."""
    return bool(_CJK_RE.search(s))


def _token_regex(tok: str) -> str:
    star = tok.endswith("*") and len(tok) > 1
    core = tok[:-1] if star else tok
    out = re.escape(core).replace(r"\-", r"[\s\-]?")
    if star:
        out += f"[{LATIN}\\-]*" if not is_cjk(core) else ""
    return out


def term_regex(term: str, plural: bool = False) -> str:
    """Regex source for one dossier term (see module docstring)."""
    if term.startswith("re:"):
        return f"(?:{term[3:]})"
    tokens = term.split()
    while tokens and tokens[-1].startswith("..."):
        tokens.pop()
    while tokens and tokens[0].startswith("..."):
        tokens.pop(0)
    if not tokens:
        return "(?!)"  # a term made only of gaps matches nothing
    pieces: list[str] = []
    prev_tok = ""
    gap = 0
    for tok in tokens:
        m = re.fullmatch(r"\.\.\.(\d*)", tok)
        if m:
            gap = int(m.group(1) or 3)
            continue
        if pieces:
            cjk = is_cjk(prev_tok) or is_cjk(tok)
            if gap:
                pieces.append(_gap(gap, cjk))
            else:
                pieces.append(r"\s*" if cjk else r"[\s\-]+")
        gap = 0
        pieces.append(_token_regex(tok))
        prev_tok = tok
    body = "".join(pieces)
    first, last = tokens[0], tokens[-1]
    if _LATIN_CHAR.match(first[0]):
        body = f"(?<![{LATIN}])" + body
    if not last.endswith("*") and _LATIN_CHAR.match(last[-1]):
        if plural:
            body += "(?:s|'s|’s|es)?"
        body += f"(?![{LATIN}])"
        if last[-1].isdigit():
            body += r"(?![.,]\d)"
    return body


def _literal(term: str, case_sensitive: bool) -> tuple[str | None, bool, bool]:
    """A literal every match of `term` contains, for a fast str.find prefilter: the
    longest plain word of the term. Returns (literal, exact case, starts the match);
    literal None means: scan with the regex."""
    if term.startswith("re:"):
        src = term[3:]
        # A leading lookbehind ("(?<!trained )Grok") consumes nothing: the literal after
        # it still starts the match (it need not start a word: see _compile).
        ci = bool(re.match(rf"(?:{_LOOKBEHIND})*\(\?i", src))
        src = re.sub(rf"^(?:\(\?i:|\(\?:|\(\?i\)|\\b|\^|{_LOOKBEHIND})+", "", src)
        m = re.match(r"[A-Za-z\u3400-\u9fff]+", src)
        if not m:
            return None, False, False
        lit = m.group()
        rest = src[m.end() : m.end() + 1]
        if rest == "|":
            return None, False, False
        if rest in ("?", "*", "{"):
            lit = lit[:-1]
        if not lit:
            return None, False, False
        return (lit.lower(), False, True) if ci else (lit, True, True)
    best, first = "", True
    for k, tok in enumerate(term.split()):
        if tok.startswith("..."):
            continue
        core = tok[:-1] if tok.endswith("*") else tok
        for piece in re.split(r"[-'’.]", core):
            if len(piece) > len(best):
                best, first = piece, k == 0 and core.startswith(piece)
    if not best:
        return None, False, False
    return (best, True, first) if case_sensitive else (best.lower(), False, first)


@dataclass
class CompiledTerms:
    """One term list compiled for a language.

    `spans` finds matches in a long text quickly: each term's leading literal is located
    with str.find and the term's regex is tried only there. `regex` is the plain union,
    for short strings.
    """

    sources: list[str]
    parts: list[tuple[re.Pattern[str], str | None, bool, bool, bool, str | None]]
    _regex: re.Pattern[str] | None = field(default=None, repr=False)
    #: Lower-case words of which every match of `regex` contains one, in any slice of a
    #: text (None when a term has none, or is a raw regex): a lower-cased sentence with
    #: none of them has no match.
    required: frozenset[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        """The union of all terms (compiled on first use)."""
        if self._regex is None:
            self._regex = re.compile("|".join(self.sources))
        return self._regex

    def spans(self, text: str, lower: str | None, words: WordIndex | None = None) -> list[tuple[int, int]]:
        """Non-overlapping matches (leftmost, then longest) as (start, end)."""
        found: set[tuple[int, int]] = set()
        indexed = words is not None and words.aligned
        no_cjk = words is not None and not words.cjk
        # where a term's first word must appear (case-insensitive terms: only if reliable)
        lower_plain = lower if words is not None and words.plain else None
        for rx, lit, exact, at_start, latin, head in self.parts:
            if lit is None or (not exact and lower is None):
                found.update(m.span() for m in rx.finditer(text) if m.end() > m.start())
                continue
            if indexed and latin:
                assert words is not None
                candidates: Iterable[int] = words.starts(lit if not exact else lit.lower())
            elif no_cjk and is_cjk(lit):
                continue  # a CJK literal in a text without CJK characters
            else:
                candidates = _all(text if exact else lower or "", lit)
            for pos in candidates:
                if at_start:
                    m = rx.match(text, pos)
                    if m and m.end() > m.start():
                        found.add(m.span())
                else:
                    # The literal is inside the term: look for a match around it.
                    lo, hi = max(0, pos - _BACK), pos + len(lit) + _AHEAD
                    hay = text if exact else lower_plain
                    if head is not None and hay is not None:
                        span = _around(rx, text, hay, head, lo, hi, pos)
                        if span is not None:
                            found.add(span)
                        continue
                    for m in rx.finditer(text, lo, hi):
                        if m.start() <= pos < m.end():
                            found.add(m.span())
        return leftmost_longest(found)


def leftmost_longest(found: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-overlapping spans a scan keeps: leftmost first, then the longest there."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(found, key=lambda x: (x[0], -x[1])):
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def _around(
    rx: re.Pattern[str], text: str, hay: str, head: str, lo: int, hi: int, pos: int
) -> tuple[int, int] | None:
    """The match of `rx.finditer(text, lo, hi)` that contains `pos`, if any, found by trying
    `rx` only where `head` (with which every match starts; `hay` is `text`, lower-cased
    for a case-insensitive term) occurs: finditer's matches, without its attempt at every
    position of the window."""
    at = lo
    start = hay.find(head, lo, hi)
    while start != -1 and start <= pos:
        if start >= at:
            m = rx.match(text, start, hi)
            if m:
                if m.end() == m.start():  # never for a plain term; finditer's rules otherwise
                    return next((x.span() for x in rx.finditer(text, lo, hi) if x.start() <= pos < x.end()), None)
                if pos < m.end():
                    return m.span()
                at = m.end()
        start = hay.find(head, start + 1, hi)
    return None


# A term recurs across claims, cue lists and languages (1,692 compiles of 1,002 patterns for
# the bundled dossier), more distinct patterns than re's own cache holds: a third of a
# dossier's compile time went to compiling the same pattern again.
_term_pattern = functools.lru_cache(maxsize=8192)(re.compile)


def _compile(terms: Iterable[str], case_sensitive: bool, plural: bool) -> CompiledTerms | None:
    uniq = sorted(set(terms), key=lambda t: (-len(t), t))
    if not uniq:
        return None
    parts: list[tuple[re.Pattern[str], str | None, bool, bool, bool, str | None]] = []
    sources = []
    required: set[str] | None = set()
    for t in uniq:
        src = term_regex(t, plural)
        src = src if case_sensitive or t.startswith("re:") else f"(?i:{src})"
        sources.append(src)
        lit, exact, at_start = _literal(t, case_sensitive)
        # Where a Latin literal starts a word, the document's word index has its positions;
        # a regex that starts with a lookbehind need not start at a word ("xGrok"): the
        # literal is looked for everywhere (the matches of a scan with the whole regex).
        latin = bool(lit and _LATIN_WORD.fullmatch(lit)) and not _BEHIND_FIRST.match(t)
        head = _head(t) if lit is not None and not at_start else None
        if head is not None and not case_sensitive:
            head = head.lower()
        parts.append((_term_pattern(src), lit, exact, at_start, latin, head))
        if lit is None or t.startswith("re:"):
            required = None
        elif required is not None:
            required.add(lit.lower())
    return CompiledTerms(sources, parts, required=frozenset(required) if required is not None else None)


def _head(term: str) -> str | None:
    """The first piece of a plain term's first word ("GPU" of "GPU cluster", "X" of "X-Men"):
    every match starts with it verbatim (up to case). Only ASCII letters and digits, whose
    case-insensitive matches lower() keeps (see sentences.FOLD_TRAPS), and only when the word
    starts with it ("-foo" may match " foo"); else None."""
    if term.startswith("re:"):
        return None
    tokens = term.split()
    while tokens and tokens[-1].startswith("..."):  # as term_regex reads the term
        tokens.pop()
    while tokens and tokens[0].startswith("..."):
        tokens.pop(0)
    if not tokens:
        return None
    first = tokens[0][:-1] if tokens[0].endswith("*") and len(tokens[0]) > 1 else tokens[0]
    piece = re.split(r"[-'’.]", first)[0]
    return piece if re.fullmatch(r"[0-9A-Za-z]+", piece) else None


@dataclass
class TermMatcher:
    """Compiled per-language term lists, with a union for an unknown language."""

    terms: Terms
    case_sensitive: bool = False
    plural: bool = False
    _cache: dict[str, CompiledTerms | None] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return any(self.terms.values())

    def get(self, language: str | None = None) -> CompiledTerms | None:
        """The terms for `language`: its own plus the language-neutral ones; all
        languages when the language is unknown or has no terms of its own."""
        lang = (language or "").lower()[:2]
        if lang not in self.terms:
            lang = ""
        if lang not in self._cache:
            if lang:
                items = [*self.terms.get(lang, ()), *self.terms.get("*", ())]
            else:
                items = [t for ts in self.terms.values() for t in ts]
            self._cache[lang] = _compile(items, self.case_sensitive, self.plural)
        return self._cache[lang]


def compile_terms(terms: Terms, case_sensitive: bool = False, plural: bool = False) -> TermMatcher:
    """A TermMatcher for a dossier term table."""
    return TermMatcher(dict(terms), case_sensitive, plural)
