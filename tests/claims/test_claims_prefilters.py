"""The cheap tests that let the text parsers skip regexes must never skip a match.

Each prefilter relies on a fact about Python's case-insensitive regexes or about the
patterns it guards; these tests check those facts (benchmarks/claims_digest.py checks
that the outputs did not change).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from claims import text
from claims.compiled import compiled, term_matchers
from claims.dossier import Story, builtin_story_path, load_story
from claims.lexicon import CUES
from claims.patterns import CompiledTerms
from claims.regexopt import required_literals

ROOT = Path(__file__).resolve().parents[2]


def _all_chars() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.fixture(scope="module")
def all_chars() -> str:
    return _all_chars()


def _need_words() -> list[str]:
    return [
        w
        for table in text._DATE_PATTERNS.values()
        for _, _, need in table
        for group in need
        if group not in (text._DIGIT, text._HAN_CHAR)
        for w in group
    ]


def _hint_words() -> list[str]:
    hints = [
        w for hint in (text._FACTOR_HINT, text._DATE_HINT, text.MONEY_HINT) for w in hint.words
    ]
    phrases = [*text._BEFORE_PHRASES, *text._AFTER_PHRASES]
    cues = [
        w for table in CUES.values() for src in table.values() for w in required_literals(src) or ()
    ]
    return hints + cues + [w for phrase in phrases for w in phrase.split() if w not in ("~", "+")]


def _stories() -> list[Story]:
    return [
        load_story(builtin_story_path("xai-supercomputer")),
        load_story(ROOT / "tests" / "fixtures" / "claims" / "stories" / "acme-plant.toml"),
    ]


def _term_lists() -> list[CompiledTerms]:
    """Every compiled term list of the bundled and the fixture dossier, in each language."""
    out = []
    for story in _stories():
        for m in term_matchers(compiled(story)):
            out += [ct for lang in ("en", "es", "zh", None) if (ct := m.get(lang)) is not None]
    return out


def _term_words() -> list[str]:
    """CompiledTerms.required of every term list (Context.may_contain looks for them)."""
    return sorted({w for ct in _term_lists() for w in ct.required or ()})


def test_needs_and_hints_are_lower_case_words() -> None:
    for w in _need_words() + _hint_words() + _term_words():
        assert w == w.lower(), w


def test_fold_traps_cover_every_case_insensitive_equivalent(all_chars: str) -> None:
    """Outside FOLD_TRAPS, a (?i) pattern letter matches exactly the characters that
    lower() maps to it (alone): a case-insensitive match of a word shows in the
    lower-cased text as the word, and the word there is such a match."""
    words = _need_words() + _hint_words() + _term_words()
    # (characters without case, such as Han or digits, match only themselves)
    letters = {ch for w in words for ch in w if ch.lower() != ch.upper()} | set(
        "abcdefghijklmnopqrstuvwxyz"
    )
    lowered = {ch: ch.lower() for ch in all_chars}
    for letter in sorted(letters):
        matched = set(re.findall("(?i)" + re.escape(letter), all_chars))
        lowers_to = {ch for ch, low in lowered.items() if low == letter}
        traps = {ch for ch in matched ^ lowers_to if text.FOLD_TRAPS.match(ch)}
        assert matched - traps == lowers_to - traps, letter


def test_date_needs_are_contained_in_every_word_they_stand_for() -> None:
    assert all(any(stem in m for stem in text._EN_MON) for m in text._EN_MONTHS)
    assert all(any(stem in d for stem in text._EN_WD) for d in text._EN_WEEKDAYS)
    assert set(text._ES_SEASON) | set(text._EN_SEASON) >= {
        s for s in text._SEASONS if s.isascii() or "ñ" in s
    }
    # every pattern has a need for each of its three tables
    assert {len(t) for t in text._DATE_PATTERNS.values()} == {15, 11}


@pytest.mark.parametrize("hint", ["_FACTOR_HINT", "_DATE_HINT", "MONEY_HINT"])
@pytest.mark.parametrize(
    "sentence",
    ["It DOUBLED to 200,000 GPUs.", "Se duplicó en JULIO.", "规模翻倍", "US$10 bn", "xAI said so.",
     "İt ſtarted on Monday", "K", "Ünïcode Straße ﬁnal Σ"],
)  # fmt: skip
def test_hints_answer_as_their_regex(hint: str, sentence: str) -> None:
    h = getattr(text, hint)
    regex = h.regex.pattern + (f"|{h.other.pattern}" if h.other else "")
    assert h.search(sentence) == bool(re.search(regex, sentence))


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
    monkeypatch.setattr(text, "FOLD_TRAPS", re.compile(""))  # matches always: no prefilters
    assert text.parse_dates(sentence, None, published) == got


def test_split_knows_the_spaces_of_backslash_s(all_chars: str) -> None:
    """document._norm_line collapses spaces with str.split() instead of re.sub(r"\\s+")."""
    assert set(re.findall(r"\s", all_chars)) == {ch for ch in all_chars if ch.isspace()}
    assert "".join(all_chars.split()) == re.sub(r"\s+", "", all_chars)


def test_bound_phrases_are_the_bound_words() -> None:
    """_decorate tests the lower-cased text around a figure for these phrases before it
    runs the bound patterns: each is its pattern's word with \\s+ as one space."""
    for w in text._BEFORE_PHRASES:
        assert re.fullmatch(r"[^\\()\[\]|?*+{}.^$]+", w), w
    for q in (
        "100 or more",
        "1 + ",
        "mil o más",
        "100以上",
        "about 100",
        "more  than\n100",
        "约100",
    ):
        got = text.parse_quantities(q, None)
        assert got  # and the same with the plain prefilter only:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(text, "FOLD_TRAPS", re.compile(""))
            assert text.parse_quantities(q, None) == got


def test_term_lists_required_words_are_in_every_match() -> None:
    """A match of a term list's union regex, even in a slice of a sentence, contains one of
    its `required` words once lower-cased (the quantity rule skips sentences without)."""
    fixtures = ROOT / "tests" / "fixtures" / "claims" / "articles"
    sentences = [
        s
        for f in sorted(fixtures.glob("*.json"))
        for a in json.loads(f.read_text(encoding="utf-8"))
        for p in [a["title"], *a["body"]]
        for s in text.split_sentences(p) + text.split_sentences(p.upper())
        if not text.FOLD_TRAPS.search(s) and len(s.lower()) == len(s)
    ]
    checked = 0
    for ct in _term_lists():
        if ct.required is None:
            assert any(src.startswith("(?:") or "(?!)" in src for src in ct.sources)
            continue
        for s in sentences:
            for cut in (0, 1, 5):
                for m in ct.regex.finditer(s[cut:]):
                    assert any(w in m.group().lower() for w in ct.required), (m.group(), ct.sources)
                    checked += 1
    assert checked > 1000
