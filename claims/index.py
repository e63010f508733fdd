"""One matcher over every story's names, in front of the per-story rules.

A page can be relevant to a story only if it names one of the story's anchor
entities (an alias, or a contextual noun next to one of its ``near``
entities) and, when the story has any, one of its support entities. Asking
each story in turn costs a handful of substring scans of the page per story:
linear in the number of stories watched (0.7 ms a page for one story, ~70 ms
for a hundred). Here all the stories' literals go into one Aho–Corasick
automaton; a page is scanned once, and only the stories whose gate the
literals found open are handed to the per-story matcher and rules.

The gate is a necessary condition only (case-folded substrings, as the
per-story prefilter uses): it never drops a story the matcher would find
relevant. A story with a term that has no plain literal (a ``re:`` pattern,
a ``*`` or ``...`` wildcard) among its gate terms is always a candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import ahocorasick

from claims.dossier import Entity, Story

# Up to this many distinct gates, plain substring scans; above, one automaton pass.
SCAN_GATES = 2
# Slots of a gate: which part of the condition a literal serves.
_DIRECT, _SUPPORT = 0, 1


def _ctx_term(k: int) -> int:
    return 2 + 2 * k


def _ctx_near(k: int) -> int:
    return 3 + 2 * k


class _NoLiteral(Exception):
    """A term that no plain substring stands for: the story cannot be gated."""


def _literals(tables: Iterable[Mapping[str, Sequence[str]]]) -> frozenset[str]:
    out: set[str] = set()
    for table in tables:
        for terms in table.values():
            for term in terms:
                if term.startswith("re:") or "*" in term or "..." in term or not term.strip():
                    raise _NoLiteral(term)
                out.add(term.lower())
    return frozenset(out)


def _minimal(literals: frozenset[str]) -> tuple[str, ...]:
    """The literals that contain none of the others, shortest first (same answers, fewer scans)."""
    kept: list[str] = []
    for lit in sorted(literals, key=lambda x: (len(x), x)):
        if not any(k in lit for k in kept):
            kept.append(lit)
    return tuple(kept)


@dataclass(frozen=True)
class _Gate:
    """The literals of one story's relevance condition, by slot."""

    slots: tuple[frozenset[str], ...]  # _DIRECT, _SUPPORT, then (terms, near) per contextual
    has_support: bool
    # the same, minimal (see _minimal): what a page is scanned for
    scans: tuple[tuple[str, ...], ...] = field(default=(), compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scans", tuple(_minimal(lits) for lits in self.slots))

    def rare_slots(self) -> list[int]:
        """The slots the automaton looks for: names (anchors and the entities a noun needs
        next to it) are rare on a page; common nouns ("system") and support words are
        looked up afterwards, on the pages where a name opened the way."""
        return [_DIRECT] + [_ctx_near(k) for k in range((len(self.slots) - 2) // 2)]

    def opens(self, found: set[int], lower: str) -> bool:
        """Whether the page (``lower``: its case-folded text) passes, given the rare slots found."""
        anchored = _DIRECT in found or any(
            _ctx_near(k) in found and any(t in lower for t in self.scans[_ctx_term(k)])
            for k in range((len(self.slots) - 2) // 2)
        )
        if not anchored:
            return False
        return not self.has_support or any(lit in lower for lit in self.scans[_SUPPORT])


def _gate(story: Story) -> _Gate | None:
    """The story's gate, or None when some gate term has no literal (always a candidate)."""
    by_id: dict[str, Entity] = {e.id: e for e in story.entities}

    def names(eid: str) -> frozenset[str]:
        e = by_id.get(eid)
        return _literals([e.aliases, e.ambiguous]) if e else frozenset()

    try:
        direct: set[str] = set()
        contextual: list[frozenset[str]] = []
        for eid in story.relevance.require_any:
            if eid not in by_id:
                return None  # an anchor the dossier does not define: leave it to the matcher
            direct |= names(eid)
            for ctx in by_id[eid].contextual:
                contextual.append(_literals([ctx.terms]))
                contextual.append(frozenset().union(*(names(n) for n in ctx.near)))
        support: set[str] = set()
        for eid in story.relevance.support_any:
            e = by_id.get(eid)
            if e is not None:
                support |= _literals([e.aliases, e.ambiguous, *(c.terms for c in e.contextual)])
    except _NoLiteral:
        return None
    has_support = bool(story.relevance.support_any)
    return _Gate((frozenset(direct), frozenset(support), *contextual), has_support)


class StoryIndex:
    """Which of many stories a text may be relevant to, in one scan of the text."""

    def __init__(self, stories: Iterable[Story]) -> None:
        self.stories: tuple[Story, ...] = tuple(stories)
        self._always: list[int] = []  # stories that cannot be gated: always candidates
        gates: dict[_Gate, list[int]] = {}  # identical gates (copies of a dossier) share a row
        for i, story in enumerate(self.stories):
            g = _gate(story)
            if g is None:
                self._always.append(i)
            else:
                gates.setdefault(g, []).append(i)
        self._gates: tuple[_Gate, ...] = tuple(gates)
        self._members: tuple[tuple[int, ...], ...] = tuple(tuple(v) for v in gates.values())
        postings: dict[str, set[tuple[int, int]]] = {}
        for gi, g in enumerate(self._gates):
            for slot in g.rare_slots():
                for lit in g.slots[slot]:
                    postings.setdefault(lit, set()).add((gi, slot))
        # a few substring scans (memchr-fast) beat one automaton pass for a story or two
        self._rare = [
            [(slot, g.scans[slot]) for slot in g.rare_slots()] for g in self._gates
        ]
        self._automaton: ahocorasick.Automaton | None = None
        if postings and len(self._gates) > SCAN_GATES:
            auto = ahocorasick.Automaton()
            for lit, post in postings.items():
                auto.add_word(lit, tuple(sorted(post)))
            auto.make_automaton()
            self._automaton = auto

    def candidate_indices(self, text: str) -> list[int]:
        """Positions (in ``stories``) of the stories ``text`` may be relevant to, in order."""
        out = list(self._always)
        if self._gates:
            lower = text.lower()
            found = self._scan(lower) if self._automaton is None else self._automaton_scan(lower)
            for gi, slots in found.items():
                if self._gates[gi].opens(slots, lower):
                    out.extend(self._members[gi])
        out.sort()
        return out

    def _scan(self, lower: str) -> dict[int, set[int]]:
        found: dict[int, set[int]] = {}
        for gi, slots in enumerate(self._rare):
            hit = {slot for slot, lits in slots if any(lit in lower for lit in lits)}
            if hit:
                found[gi] = hit
        return found

    def _automaton_scan(self, lower: str) -> dict[int, set[int]]:
        assert self._automaton is not None
        # each literal's postings tuple is one object: a set of them is cheap to build
        posts = {post for _end, post in self._automaton.iter(lower)}
        found: dict[int, set[int]] = {}
        for post in posts:
            for gi, slot in post:
                found.setdefault(gi, set()).add(slot)
        return found

    def candidates(self, text: str) -> tuple[Story, ...]:
        """The stories ``text`` may be relevant to (a superset of those it is relevant to)."""
        return tuple(self.stories[i] for i in self.candidate_indices(text))

    def any_candidate(self, text: str) -> bool:
        return bool(self.candidate_indices(text))
