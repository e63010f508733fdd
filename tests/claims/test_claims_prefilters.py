"""The cheap tests that let the text parsers skip regexes must never skip a match.

Each prefilter relies on a fact about Python's case-insensitive regexes or about the
patterns it guards; these tests check those facts (benchmarks/claims_digest.py checks
that the outputs did not change).
"""

from __future__ import annotations

import re
import sys

import pytest

from claims import text


def _all_chars() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.fixture(scope="module")
def all_chars() -> str:
    return _all_chars()


def _need_letters() -> set[str]:
    words = [
        w
        for table in text._DATE_PATTERNS.values()
        for _, _, need in table
        for group in need
        if group not in (text._DIGIT, text._HAN_CHAR)
        for w in group
    ]
    return {ch for w in words for ch in w}


def test_date_needs_are_lower_case_words() -> None:
    for ch in _need_letters():
        assert ch == ch.lower() and not ch.isspace(), ch


def test_fold_traps_cover_every_case_insensitive_equivalent(all_chars: str) -> None:
    """A (?i) pattern letter matches exactly the characters that lower() maps to it, save
    the listed traps: so a match implies the lower-cased sentence contains the word."""
    for letter in sorted(_need_letters()):
        for ch in re.findall("(?i)" + re.escape(letter), all_chars):
            assert ch.lower() == letter or text._FOLD_TRAPS.match(ch), (letter, ch, hex(ord(ch)))


def test_date_needs_are_contained_in_every_word_they_stand_for() -> None:
    assert all(any(stem in m for stem in text._EN_MON) for m in text._EN_MONTHS)
    assert all(any(stem in d for stem in text._EN_WD) for d in text._EN_WEEKDAYS)
    assert set(text._ES_SEASON) | set(text._EN_SEASON) >= {s for s in text._SEASONS if s.isascii() or "ñ" in s}
    # every pattern has a need for each of its three tables
    assert {len(t) for t in text._DATE_PATTERNS.values()} == {15, 11}


def test_bound_prefilter_letters() -> None:
    """_decorate skips the bound patterns unless the text before a figure ends in the last
    letter of a bound word: the words end in a letter or '~', matched by no other ASCII."""
    for w in (*text._APPROX_WORDS, *text._MIN_WORDS, *text._MAX_WORDS):
        assert w[-1] in text._BEFORE_ENDS and (w[-1].isalpha() or w[-1] == "~")
    for ch in map(chr, range(128)):
        for end in text._BEFORE_ENDS:
            if re.fullmatch("(?i)" + re.escape(end), ch):
                assert ch.lower() == end


@pytest.mark.parametrize(
    "sentence",
    [
        "xAI said on Monday that Colossus started training in July, 2024.",
        "La empresa dijo el lunes que empezó a entrenar a finales de julio de 2024.",
        "xAI 表示，Colossus 已于 2024 年 7 月底开始训练，下周一再扩容。",
        "Training began the week before last and ended yesterday.",
        "It was delayed until the fall of 2024 (2024-10-01).",
        "İn the FRIDAY after, on SEPT. 6, 2024, it ran at ſome 100,000 GPUs.",
    ],
)
def test_dates_unchanged_by_needs(sentence: str, monkeypatch: pytest.MonkeyPatch) -> None:
    published = None
    got = text.parse_dates(sentence, None, published)
    monkeypatch.setattr(text, "_FOLD_TRAPS", re.compile(""))  # matches always: no needs tested
    assert text.parse_dates(sentence, None, published) == got
