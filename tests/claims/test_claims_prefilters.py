"""The cheap tests that let entity matching skip regexes must never skip a match.

The term lists' prefilters rely on facts about Python's case-insensitive regexes and
about the patterns they guard; these tests check those facts (benchmarks/claims_digest.py
checks that the outputs did not change)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from claims import sentences
from claims.compiled import compiled, term_matchers
from claims.dossier import Story, builtin_story_path, load_story
from claims.patterns import CompiledTerms

ROOT = Path(__file__).resolve().parents[2]


def _all_chars() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.fixture(scope="module")
def all_chars() -> str:
    return _all_chars()


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


def test_fold_traps_cover_every_case_insensitive_equivalent(all_chars: str) -> None:
    """Outside FOLD_TRAPS, a (?i) pattern letter matches exactly the characters that
    lower() maps to it (alone): a case-insensitive match of a word shows in the
    lower-cased text as the word, and the word there is such a match."""
    words = _term_words()
    # (characters without case, such as Han or digits, match only themselves)
    letters = {ch for w in words for ch in w if ch.lower() != ch.upper()} | set(
        "abcdefghijklmnopqrstuvwxyz"
    )
    lowered = {ch: ch.lower() for ch in all_chars}
    for letter in sorted(letters):
        matched = set(re.findall("(?i)" + re.escape(letter), all_chars))
        lowers_to = {ch for ch, low in lowered.items() if low == letter}
        traps = {ch for ch in matched ^ lowers_to if sentences.FOLD_TRAPS.match(ch)}
        assert matched - traps == lowers_to - traps, letter


def test_term_lists_required_words_are_in_every_match() -> None:
    """A match of a term list's union regex, even in a slice of a sentence, contains one of
    its `required` words once lower-cased (matching skips sentences without)."""
    fixtures = ROOT / "tests" / "fixtures" / "claims" / "articles"
    texts = [
        s
        for f in sorted(fixtures.glob("*.json"))
        for a in json.loads(f.read_text(encoding="utf-8"))
        for p in [a["title"], *a["body"]]
        for s in sentences.split_sentences(p) + sentences.split_sentences(p.upper())
        if not sentences.FOLD_TRAPS.search(s) and len(s.lower()) == len(s)
    ]
    checked = 0
    for ct in _term_lists():
        if ct.required is None:
            assert any(src.startswith("(?:") or "(?!)" in src for src in ct.sources)
            continue
        for s in texts:
            for cut in (0, 1, 5):
                for m in ct.regex.finditer(s[cut:]):
                    assert any(w in m.group().lower() for w in ct.required), (m.group(), ct.sources)
                    checked += 1
    assert checked > 1000
