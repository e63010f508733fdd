"""Sentences of a text, in any script: paragraphs end a sentence, CJK full stops split
anywhere, Latin full stops only before a capital or a digit and not after a known
abbreviation. Pure and deterministic."""

from __future__ import annotations

import re

__all__ = ["FOLD_TRAPS", "sentence_spans", "split_sentences"]

# Matched by (?i) patterns as an ASCII letter ("ſ" as s, "ı" and "İ" as i, the Kelvin sign
# as k) though lower() maps them elsewhere, or to a different length: without them in a
# text, a case-insensitive match of ASCII letters appears in text.lower() as those
# letters (tests/claims/test_claims_prefilters.py checks the list).
FOLD_TRAPS = re.compile("[\u017f\u0131\u0130\u212a]")


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Abbreviations after which a full stop does not end a sentence (lower-cased, no dot).
_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "st", "mt", "inc", "corp", "co", "ltd", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "eeuu", "ee.uu", "no", "nos", "gen", "sen", "rep", "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "sra", "srta", "dra", "lic", "ing", "av", "avda", "pág", "aprox", "p.ej", "núm", "fig",
     "m", "mme", "mlle", "env", "nr", "z.b", "bzw", "ca", "vgl", "dt", "mio", "mrd", "bd", "abs"]
)

# ("[.!?…][.!?…]*", not "[.!?…]+": the same matches, but a pattern that opens with a
# character set lets the engine skip to those characters)
_LATIN_BOUNDARY = re.compile(
    r"([.!?…][.!?…]*)([\"'”’»)\]]*)(\s+)(?=[¿¡\"'“‘«(\[]?[A-ZÁÉÍÓÚÑÜ0-9" + _CJK + r"])"
)
_CJK_BOUNDARY = re.compile(r"([。！？!?][。！？!?]*[”’」』）)\"]*)")


_LINE = re.compile(r"[^\n]+")


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


_ORDINAL = re.compile(r"(?<![\d.,])(?:^|(?<=\s))[0-3]?\d\.$")


def _is_abbreviation(par: str, dot: int) -> bool:
    # the run of [A-Za-zÀ-ÿ.] ending at the dot, found backwards (a regex search for it
    # would scan the paragraph from its start at every full stop)
    if _ORDINAL.search(par, max(0, dot - 4), dot + 1):
        return True  # a German ordinal date: "am 22. Juli", "bis 1. März"
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


