"""An article prepared once for all matching: headline + body, sentences, cached scans."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from .sentences import FOLD_TRAPS, sentence_spans

__all__ = ["Document", "Sentence", "WordIndex", "normalise_language"]

T = TypeVar("T")


_WORD = re.compile(r"[0-9a-z\u00e0-\u024f]+")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class WordIndex:
    """Positions of every Latin word, looked up by prefix: finds where a term can start.

    A word is a maximal run of [0-9a-z\u00e0-\u024f] in the lower-cased text. Lookups
    are cached: the term lists of a story share many literals.
    """

    def __init__(self, lower: str, aligned: bool) -> None:
        pos: dict[str, list[int]] = defaultdict(list)
        if aligned:
            # [separator, word, separator, ..., word, separator]: each word's position is
            # the length of what comes before it (cheaper than a match object per word)
            parts = _WORD_SPLIT.split(lower)
            at = len(parts[0])
            rest = iter(parts[1:])
            for word, sep in zip(rest, rest, strict=True):
                pos[word].append(at)
                at += len(word) + len(sep)
        self.aligned = aligned
        self._pos = pos
        self._keys = sorted(pos)
        self._starts: dict[str, list[int]] = {}
        # Whether a case-insensitive match of ASCII letters is sure to appear in `lower`
        # as those letters (see sentences.FOLD_TRAPS), and whether the text has any Han or kana.
        self.plain = aligned and not FOLD_TRAPS.search(lower)
        self.cjk = _CJK.search(lower) is not None

    def starts(self, prefix: str) -> list[int]:
        """Positions of words beginning with `prefix` (lower-case), in text order
        (the list is shared: do not modify it)."""
        out = self._starts.get(prefix)
        if out is not None:
            return out
        keys = self._keys
        j = bisect.bisect_left(keys, prefix)
        out = []
        while j < len(keys) and keys[j].startswith(prefix):
            out.extend(self._pos[keys[j]])
            j += 1
        if len(out) > 1:
            out.sort()
        self._starts[prefix] = out
        return out


class _Spans(Protocol):
    def spans(self, text: str, lower: str | None, words: WordIndex | None = None) -> list[tuple[int, int]]: ...


Pattern = re.Pattern[str] | _Spans


def normalise_language(language: str | None) -> str | None:
    """'es-ES' -> 'es', 'zh-Hans' -> 'zh', '' -> None."""
    if not language:
        return None
    return language.strip().lower().replace("_", "-").split("-")[0] or None


def _norm_line(s: str) -> str:
    # = re.sub(r"\s+", " ", s).strip().casefold(): split() and \s know the same spaces
    return " ".join(s.split()).casefold()


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document; `start`/`end` index Document.text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    is_title: bool


class Document:
    """Headline and body as one text with sentence spans.

    Body paragraphs that repeat the headline (HTML extractors often keep it) are dropped,
    so a mention in the headline is counted once.
    """

    def __init__(
        self,
        title: str,
        body: str | Iterable[str],
        language: str | None = None,
        published: dt.datetime | dt.date | None = None,
    ) -> None:
        self.title = (title or "").strip()
        if not isinstance(body, str):
            body = "\n\n".join(body)
        self.language = normalise_language(language)
        if isinstance(published, dt.datetime):
            self.published: dt.datetime | None = (
                published if published.tzinfo else published.replace(tzinfo=dt.UTC)
            )
        elif isinstance(published, dt.date):
            self.published = dt.datetime(published.year, published.month, published.day, tzinfo=dt.UTC)
        else:
            self.published = None
        title_key = _norm_line(self.title)
        lines = [ln.strip() for ln in body.replace("\r", "\n").split("\n")]
        lines = [ln for ln in lines if ln and _norm_line(ln) != title_key]
        if lines and title_key and _norm_line(lines[0]).startswith(title_key):
            lines[0] = lines[0][len(self.title) :].strip(" .:-—|") or ""
            lines = [ln for ln in lines if ln]
        self.body = "\n".join(lines)
        head = self.title + "\n\n" if self.title else ""
        self.text = head + self.body
        sentences: list[Sentence] = []
        if self.title:
            sentences.append(Sentence(0, 0, len(self.title), self.title, 0, True))
        offset = len(head)
        para = 1
        pos = 0
        for line in self.body.split("\n"):
            for s, e in sentence_spans(line, self.language):
                a, b = offset + pos + s, offset + pos + e
                sentences.append(Sentence(len(sentences), a, b, self.text[a:b], para, False))
            pos += len(line) + 1
            para += 1
        self.sentences: list[Sentence] = sentences
        self._starts = [s.start for s in sentences]
        self._memo: dict[Any, Any] = {}

    @property
    def date(self) -> dt.date | None:
        return self.published.date() if self.published else None

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence containing text position `pos`."""
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    @property
    def lower(self) -> str | None:
        """Lower-cased text for literal prefilters (None if lowering changes offsets)."""
        if "lower" not in self._memo:
            low = self.text.lower()
            self._memo["lower"] = low if len(low) == len(self.text) else None
        return self._memo["lower"]

    @property
    def words(self) -> WordIndex:
        """Lower-cased Latin words of the text with their positions (for term lookup)."""
        if "words" not in self._memo:
            self._memo["words"] = WordIndex(self.lower or self.text.lower(), self.lower is not None)
        return self._memo["words"]

    def find(self, pattern: Pattern | None) -> list[tuple[int, int, int]]:
        """All matches of `pattern` (a regex or CompiledTerms) as (sentence, start, end); cached."""
        if pattern is None:
            return []
        key = ("find", id(pattern))
        hit = self._memo.get(key)
        if hit is None:
            if isinstance(pattern, re.Pattern):
                spans = [m.span() for m in pattern.finditer(self.text)]
            else:
                spans = pattern.spans(self.text, self.lower, self.words)
            hit = [(self.sentence_of(a), a, b) for a, b in spans]
            self._memo[key] = hit
            self._memo[("keep", id(pattern))] = pattern  # keep the id valid while cached
        return hit

    def by_sentence(self, pattern: Pattern | None) -> dict[int, list[tuple[int, int]]]:
        """Matches of `pattern` grouped by sentence index; cached."""
        if pattern is None:
            return {}
        key = ("by_sentence", id(pattern))
        hit = self._memo.get(key)
        if hit is None:
            hit = {}
            for si, s, e in self.find(pattern):
                hit.setdefault(si, []).append((s, e))
            self._memo[key] = hit
        return hit

    def has(self, pattern: Pattern | None, sentence: int) -> bool:
        """Whether `pattern` occurs in the given sentence."""
        return sentence in self.by_sentence(pattern)

    def memo(self, key: Any, fn: Callable[[], T]) -> T:
        """Compute once per document (analysis caches live with the document)."""
        if key not in self._memo:
            self._memo[key] = fn()
        return self._memo[key]

    def same_block(self, a: int, b: int) -> bool:
        """Whether two sentences may be read together (the headline stands alone)."""
        sa, sb = self.sentences[a], self.sentences[b]
        return sa.is_title == sb.is_title
