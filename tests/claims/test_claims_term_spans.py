"""CompiledTerms.spans skips work (CJK terms in Latin texts, windows without the term's
first word, positions where no match can start): it must find what a plain scan of the
whole text finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claims.compiled import compiled
from claims.document import Document, WordIndex
from claims.dossier import builtin_story_path, load_story
from claims.patterns import CompiledTerms, compile_terms, leftmost_longest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"


def reference_spans(ct: CompiledTerms, text: str, lower: str | None) -> list[tuple[int, int]]:
    """The plain scan: every term's regex over the whole text, no word index, no windows.

    A term looked up by its literal is found only where the literal is (in the text, or
    in the lower-cased text for a case-insensitive term, where a folding trap such as
    "ſ" stays itself): its matches that hold the literal, at their start for a term
    that starts with it.
    """
    found: set[tuple[int, int]] = set()
    for rx, lit, exact, at_start, _latin, _head in ct.parts:
        hay = text if exact else lower
        for m in rx.finditer(text):
            a, b = m.span()
            if b > a and (
                lit is None
                or hay is None
                or (hay.startswith(lit, a) if at_start else lit in hay[a:b])
            ):
                found.add((a, b))
    return leftmost_longest(found)


def _texts() -> list[tuple[str, str, str | None]]:
    out = []
    for f in sorted((FIXTURES / "articles").glob("*.json")):
        for a in json.loads(f.read_text(encoding="utf-8")):
            body = "\n\n".join(a["body"]) if isinstance(a["body"], list) else a["body"]
            out.append((a["title"], body, a.get("language")))
            # odd spacing and case around the terms' words, and a case-folding trap
            out.append((a["title"].upper(), re.sub(r" (?=[A-Z])", "   ", body), None))
            out.append((a["title"], body.replace("s", "ſ", 3), a.get("language")))
    return out


@pytest.fixture(scope="module")
def matchers() -> list[tuple[str, object]]:
    story = load_story(builtin_story_path("xai-supercomputer"))
    cs = compiled(story)
    out: list[tuple[str, object]] = [("self", cs.self_terms)]
    for ce in cs.entities.values():
        for name in ("aliases", "ambiguous", "unless_document", "exclude_near", "anaphora"):
            out.append((f"{ce.entity.id}.{name}", getattr(ce, name)))
        out += [(f"{ce.entity.id}.contextual", m) for _, m in ce.contextual]
    for cc in cs.claims.values():
        out += [(f"{cc.claim.id}.{name}", m) for name, m in cc.terms.items()]
    out.append(
        ("made up", compile_terms({"*": ("the ... cluster", "-foo bar", "X-Men", "GPU cluster*")}))
    )
    return out


def test_spans_as_the_plain_scan(matchers: list[tuple[str, object]]) -> None:
    checked = 0
    for title, body, lang in _texts():
        doc = Document(title, body, lang)
        for name, matcher in matchers:
            for language in {lang, None}:
                ct = matcher.get(language)  # type: ignore[attr-defined]
                if ct is None:
                    continue
                got = ct.spans(doc.text, doc.lower, doc.words)
                assert got == reference_spans(ct, doc.text, doc.lower), (name, title)
                checked += 1
    assert checked > 10_000


def test_regex_opening_with_a_lookbehind_as_the_plain_scan() -> None:
    """A raw regex that opens with a lookbehind is tried only where its literal occurs,
    inside a word too ("MyGrok"): it finds what a scan with the whole regex finds."""
    ct = compile_terms(
        {"*": ("re:(?<!trained )(?<!train )Grok\\b[^.]{0,20}\\bOCI", "re:(?<=x)(?i:foo)", "re:(?<=(a))b")}
    ).get(None)
    assert ct is not None
    assert [(lit, exact, at_start, latin) for _, lit, exact, at_start, latin, _ in ct.parts] == [
        ("Grok", True, True, False),
        ("foo", False, True, False),
        (None, False, False, False),  # a group inside the lookbehind: not read
    ]
    for text in ["Grok on OCI. trained Grok on OCI. MyGrok via OCI, Grok Grok OCI", "xFOO xfoo foo XFoo"]:
        doc = Document("", text)
        scan = {m.span() for rx, *_ in ct.parts for m in rx.finditer(doc.text) if m.end() > m.start()}
        assert ct.spans(doc.text, doc.lower, doc.words) == leftmost_longest(scan)
        assert ct.spans(doc.text, doc.lower, doc.words)


def test_word_index_has_every_word_at_its_positions() -> None:
    """WordIndex reads the words' positions off re.split: those of finditer."""
    for title, body, lang in _texts():
        lower = Document(title, body, lang).text.lower()
        expected: dict[str, list[int]] = {}
        for m in re.finditer(r"[0-9a-z\u00e0-\u024f]+", lower):
            expected.setdefault(m.group(), []).append(m.start())
        words = WordIndex(lower, True)
        assert dict(words._pos) == expected
        for w in list(expected)[:20]:
            assert words.starts(w[:2]) == sorted(p for k, v in expected.items() if k.startswith(w[:2]) for p in v)
    assert WordIndex("a word", False).starts("wo") == []
