"""claims.regexopt regroups alternations; the regexes must match exactly as before."""

from __future__ import annotations

import random
import re

import pytest

from claims import text
from claims.lexicon import CUES, cue
from claims.regexopt import _atoms, _emit, factor_alternatives, required_literals


def test_examples() -> None:
    assert factor_alternatives("(?i)said|says|told") == "(?i)s(?:a(?:id|ys))|told"
    assert factor_alternatives(r"\bnot\b|\bnever\b|n't") == r"\b(?:n(?:ot\b|ever\b))|n't"
    # a leading group is distributed so that its words join the trie
    assert factor_alternatives("(?:big|bad)ger|box") == "b(?:igger|adger|ox)"
    # capturing groups, quantified first letters and mixed case flags are left alone
    assert factor_alternatives("(said)|(says)") == "(said)|(says)"
    assert factor_alternatives("s?aid|say") == "s?aid|say"
    assert factor_alternatives("said|(?i:says)") == "said|(?i:says)"
    # without (?i) the case of the first letter tells alternatives apart
    assert factor_alternatives("Said|said|Says") == "S(?:a(?:id|ys))|said"


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n, t in CUES.items() for lang in t])
def test_sources_parse_back_unchanged(name: str, lang: str) -> None:
    src = CUES[name][lang]
    body = src[4:] if src.startswith("(?i)") else src
    alts, end = _atoms(body, 0)
    assert end == len(body)
    assert src[: len(src) - len(body)] + _emit(alts) == src


def _sentences(n: int = 1500) -> list[str]:
    """Sentences made of the lexicon's own words in odd cases and spacing, with the
    characters Python folds specially (ſ, K, ı, İ) and CJK."""
    rng = random.Random(7)
    vocab = sorted(
        {
            w
            for table in CUES.values()
            for src in table.values()
            for w in re.findall(r"[^\W\d_]+|'", src)
        }
        | {"n't", "no", "not", "the", "a", "Musk", "xAI", "100,000", "said", "2024"}
        | {
            *text._EN_MONTHS,
            *text._ES_MONTHS,
            *text._EN_WEEKDAYS,
            *text._ES_WEEKDAYS,
            *text._SEASONS,
        }
        | {
            "22",
            "3",
            "2024-07-01",
            "7月",
            "22日",
            "2024年",
            "early",
            "end",
            "of",
            "de",
            "del",
            "last",
            "next",
            "this",
            "week",
            "weekend",
            "ago",
            "hace",
            "finales",
            "mediados",
            "今年",
            "上周",
            "周末",
            "前",
        }
    )
    seps = [" ", "  ", "-", ", ", ". ", "\n", "’", "'", "", " (", ") ", "; "]
    odd = {"s": "ſ", "k": "\u212a", "i": "ı", "I": "İ"}
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(1, 14)):
            w = rng.choice(vocab)
            r = rng.random()
            if r < 0.2:
                w = w.upper()
            elif r < 0.4:
                w = w.title()
            elif r < 0.45:
                w = "".join(odd.get(c, c) for c in w)
            words.append(w + rng.choice(seps))
        out.append("".join(words))
    return out


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return _sentences()


@pytest.mark.parametrize("name", sorted(CUES))
def test_cues_match_as_their_sources(name: str, sentences: list[str]) -> None:
    union = "|".join(
        f"(?i:{src[4:]})" if src.startswith("(?i)") else f"(?:{src})" for src in CUES[name].values()
    )
    for lang, src in [*CUES[name].items(), (None, union)]:
        original, fast = re.compile(src), cue(name, lang)
        for s in sentences:
            want = [(m.span(), m.groups()) for m in original.finditer(s)]
            assert [(m.span(), m.groups()) for m in fast.finditer(s)] == want, (lang, s)


def test_date_patterns_match_as_their_sources(sentences: list[str]) -> None:
    plain = text._compile_dates(factored=False)
    for lang, table in text._DATE_PATTERNS.items():
        for (fast, _, _), (original, _, _) in zip(table, plain[lang], strict=True):
            assert fast.groupindex == original.groupindex and fast.groups == original.groups
            for s in [
                *sentences,
                "On Monday, 22 July 2024, and by the end of July",
                "el 3 de agosto de 2024",
            ]:
                want = [(m.span(), m.groups()) for m in original.finditer(s)]
                assert [(m.span(), m.groups()) for m in fast.finditer(s)] == want, (
                    lang,
                    original.pattern,
                )


def test_required_literals_examples() -> None:
    assert required_literals(r"(?i)\bnot\b|n't|\bno\s+longer\b") == {"not", "n't", "longer"}
    assert required_literals(r"(?:likes?|loved)\s+to") == {"like", "loved"}
    assert required_literals(r"foo|[a-z]+") is None  # the class names no word
    assert required_literals(r"\u00e9t[eé]") is None  # escapes of several characters
    assert required_literals(r"(?i)x{0,2}abc(?:de)?") == {"abc"}


@pytest.mark.parametrize("name", sorted(CUES))
def test_every_cue_match_holds_a_required_literal(name: str, sentences: list[str]) -> None:
    for src in CUES[name].values():
        lits = required_literals(src)
        if lits is None:
            continue
        for s in sentences:
            for m in re.finditer(src, s):
                if not text.FOLD_TRAPS.search(m.group()):
                    assert any(w in m.group().lower() for w in lits), (src, m.group())


@pytest.mark.parametrize("name", ["_EN_WORDS_RE", "_ES_WORDS_RE", "_FACTOR_RE"])
def test_number_patterns_match_as_their_sources(name: str, sentences: list[str]) -> None:
    fast, original = getattr(text, name), getattr(text, name + "_PLAIN")
    rng = random.Random(3)
    words = [
        *text._EN_UNITS,
        *text._EN_MULT,
        *text._ES_UNITS,
        "a",
        "and",
        "y",
        "mil",
        "millones",
        "half",
        "doubled",
        "twice",
        "el doble",
        "tripled",
        "a third",
        "un cuarto",
        "3 times",
        "diez veces",
        "翻倍",
        "三倍",
        "down",
        "filo",
    ]
    numbers = [
        " ".join(
            rng.choice(words) + rng.choice(["", "-", " ", "  ", "s"])
            for _ in range(rng.randint(1, 6))
        )
        for _ in range(3000)
    ]
    assert fast.groupindex == original.groupindex and fast.groups == original.groups
    for s in [*sentences, *numbers, *(n.upper() for n in numbers[:500])]:
        want = [(m.span(), m.groups()) for m in original.finditer(s)]
        assert [(m.span(), m.groups()) for m in fast.finditer(s)] == want, s
