"""Which story entities an article names, in the right sense, and whether it is relevant."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .compiled import compiled
from .document import Document
from .dossier import Story, story_fingerprint
from .patterns import _literal

__all__ = [
    "EntityCounts",
    "Mention",
    "anaphora_mentions",
    "entity_counts",
    "entity_mentions",
    "is_relevant",
    "match_entities",
    "may_be_relevant",
]


@dataclass(frozen=True)
class Mention:
    """One mention of an entity; `how` is alias, ambiguous, contextual or anaphora."""

    entity: str
    sentence: int
    start: int
    end: int
    how: str


class EntityCounts(dict[str, int]):
    """Entity id -> mention count, plus `lead` (mentions in the headline and the first
    paragraph: an article about X names X up front), `sentences` (how many sentences
    name each entity: a passing mention fills one sentence however often it names it) and
    `addressing` (sentences naming an anchor together with a claim's key words)."""

    lead: dict[str, int]
    sentences: dict[str, int]
    addressing: int

    def __init__(
        self,
        counts: Mapping[str, int] | None = None,
        lead: Mapping[str, int] | None = None,
        sentences: Mapping[str, int] | None = None,
        addressing: int = 0,
    ) -> None:
        super().__init__(counts or {})
        self.lead = dict(lead or {})
        self.sentences = dict(sentences if sentences is not None else (counts or {}))
        self.addressing = addressing


def match_entities(story: Story, title: str, body: str, language: str | None = None) -> dict[str, int]:
    """Entity id -> number of mentions in headline and body (only ids with mentions).

    The result is an EntityCounts (a dict) that also remembers which entities the lead
    names; is_relevant uses that when it gets it.
    """
    doc = Document(title, body, language)
    return entity_counts(story, doc)


def entity_counts(story: Story, doc: Document) -> EntityCounts:
    """EntityCounts of a prepared document."""
    counts: dict[str, int] = {}
    lead: dict[str, int] = {}
    where: dict[str, set[int]] = {}
    for m in entity_mentions(story, doc):
        counts[m.entity] = counts.get(m.entity, 0) + 1
        where.setdefault(m.entity, set()).add(m.sentence)
        if doc.sentences[m.sentence].paragraph <= 1:
            lead[m.entity] = lead.get(m.entity, 0) + 1
    rule = story.relevance
    anchors = {i for e in rule.require_any for i in where.get(e, ())}
    addressing = 0
    # Only when the cheap signals do not settle it: an anchor named once, outside the lead,
    # in a sentence that speaks to a claim ("ahead of xAI, whose cluster ...").
    if (
        anchors
        and not any(lead.get(e) for e in rule.require_any)
        and max(len(where.get(e, ())) for e in rule.require_any) < rule.min_mentions
    ):
        addressing = len(anchors & _claim_sentences(story, doc))
    return EntityCounts(counts, lead, {k: len(v) for k, v in where.items()}, addressing)


# The term lists that show a sentence speaks to a claim, by claim kind (bare superlatives
# and topic words are too common to count).
_KEY_TERMS = {
    "quantity": ("unit", "growth"),
    "event": ("triggers",),
    "state": ("state", "opposite", "updated"),
    "superlative": ("comparative", "equal", "doubt"),
    "report": ("near", "dropped", "denied"),
}


def _claim_sentences(story: Story, doc: Document) -> set[int]:
    cs = compiled(story)
    out: set[int] = set()
    for claim in story.claims:
        cc = cs.claims[claim.id]
        for name in _KEY_TERMS[claim.kind]:
            m = cc.get(name)
            if m is None:
                continue
            for i in doc.by_sentence(m.get(doc.language)):
                if claim.kind != "quantity" or any(ch.isdigit() for ch in doc.sentences[i].text):
                    out.add(i)
    return out


def _term_literal(term: str) -> str | None:
    """A lower-case string every match of ``term`` contains (the whole term when plain)."""
    if not term.startswith("re:") and "*" not in term and "..." not in term:
        return term.lower()
    lit, _exact, _start = _literal(term, case_sensitive=False)
    return lit.lower() if lit else None


def _literals(tables: list[Mapping[str, tuple[str, ...]]]) -> frozenset[str] | None:
    found: set[str] = set()
    for table in tables:
        for terms in table.values():
            for term in terms:
                lit = _term_literal(term)
                if lit is None:
                    return None
                found.add(lit)
    return frozenset(found)


def _minimal(literals: Iterable[str]) -> tuple[str, ...]:
    """The literals that contain none of the others, shortest first.

    ``any(lit in text for lit in ...)`` answers the same (a text holding "xai corp"
    holds "xai"), with fewer scans of a whole page for literals it does not hold:
    each costs about 25 us on a 70 KB page.
    """
    kept: list[str] = []
    for lit in sorted(set(literals), key=lambda s: (len(s), s)):
        if not any(k in lit for k in kept):
            kept.append(lit)
    return tuple(kept)


@dataclass(frozen=True)
class _Prefilter:
    direct: tuple[str, ...]  # anchors' aliases (minimal: see _minimal)
    contextual: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (terms, near entities' aliases)
    support: tuple[str, ...]  # support entities' aliases and contextual terms


_PREFILTERS: dict[str, _Prefilter | None] = {}


def _prefilter(story: Story) -> _Prefilter | None:
    key = story_fingerprint(story)
    if key in _PREFILTERS:
        return _PREFILTERS[key]
    by_id = {e.id: e for e in story.entities}

    def names(entity_id: str) -> frozenset[str] | None:
        e = by_id.get(entity_id)
        return _literals([e.aliases, e.ambiguous]) if e else frozenset()

    result: _Prefilter | None = None
    try:
        direct: set[str] = set()
        contextual: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for eid in story.relevance.require_any:
            lits = names(eid)
            if lits is None:
                raise LookupError(eid)
            direct |= lits
            for ctx in by_id[eid].contextual if eid in by_id else ():
                terms = _literals([ctx.terms])
                near = [names(n) for n in ctx.near]
                if terms is None or any(n is None for n in near):
                    raise LookupError(eid)
                contextual.append((_minimal(terms), _minimal(frozenset().union(*[n for n in near if n]))))
        support: set[str] = set()
        for eid in story.relevance.support_any:
            e = by_id.get(eid)
            if e is None:
                continue
            lits = _literals([e.aliases, e.ambiguous, *(c.terms for c in e.contextual)])
            if lits is None:
                raise LookupError(eid)
            support |= lits
        result = _Prefilter(_minimal(direct), tuple(contextual), _minimal(support))
    except LookupError:
        result = None
    _PREFILTERS[key] = result
    return result


def may_be_relevant(story: Story, text: str) -> bool:
    """False only when ``text`` (a whole page is fine) cannot be relevant to ``story``.

    Relevance needs an anchor entity named (by alias, or by a contextual term next
    to one of its `near` entities) and a support entity; every such naming contains
    a literal of the dossier's terms. A page containing none of them is skipped
    before any extraction, which is most pages of a general news feed. Safe by
    construction: it only ever answers False when the matcher would find nothing.
    """
    pf = _prefilter(story)
    if pf is None:
        return True
    lower = text.lower()
    anchored = any(lit in lower for lit in pf.direct) or any(
        any(t in lower for t in terms) and any(n in lower for n in near)
        for terms, near in pf.contextual
    )
    if not anchored:
        return False
    return not pf.support or any(lit in lower for lit in pf.support)


def is_relevant(story: Story, entities: Mapping[str, int]) -> bool:
    """Apply the dossier's relevance rule to entity counts (see Relevance).

    An anchor (`require_any`) and a `support_any` entity must be named, and the story
    must be the article's subject: an anchor in the lead, or in at least `min_mentions`
    sentences, or in a sentence that speaks to a claim, or `lead_support` support
    entities in the lead. (These need the EntityCounts of match_entities; with a plain
    dict, total mentions count.)
    """
    rule = story.relevance
    if not any(entities.get(e, 0) > 0 for e in rule.require_any):
        return False
    if rule.support_any and not any(entities.get(e, 0) > 0 for e in rule.support_any):
        return False
    lead = getattr(entities, "lead", None)
    if lead is not None and any(lead.get(e, 0) > 0 for e in rule.require_any):
        return True
    if lead is not None and rule.lead_support:
        topical = {e for e in rule.support_any if lead.get(e, 0) > 0} - set(rule.require_any)
        if len(topical) >= rule.lead_support:
            return True
    if getattr(entities, "addressing", 0) > 0:
        return True
    per_sentence = getattr(entities, "sentences", None)
    if per_sentence is not None:
        # Several anchors in one sentence are still one passing mention.
        return max(per_sentence.get(e, 0) for e in rule.require_any) >= rule.min_mentions
    anchors = sum(max(0, entities.get(e, 0)) for e in rule.require_any)
    return anchors >= rule.min_mentions


def entity_mentions(story: Story, doc: Document) -> list[Mention]:
    """All sense-checked entity mentions in `doc`, in text order (cached on the document)."""
    return doc.memo(("mentions", story_fingerprint(story)), lambda: _scan(story, doc))


def _scan(story: Story, doc: Document) -> list[Mention]:
    cs = compiled(story)
    found: dict[str, list[Mention]] = {eid: [] for eid in cs.entities}
    for eid, ce in cs.entities.items():
        for si, s, e in doc.find(ce.aliases.get(None)):
            found[eid].append(Mention(eid, si, s, e, "alias"))
        if ce.ambiguous:
            blocked = ce.unless_document and doc.find(ce.unless_document.get(None))
            if not blocked:
                for si, s, e in doc.find(ce.ambiguous.get(None)):
                    found[eid].append(Mention(eid, si, s, e, "ambiguous"))
        if ce.exclude_near:
            excl = doc.by_sentence(ce.exclude_near.get(None))
            found[eid] = [m for m in found[eid] if m.sentence not in excl]
    _apply_require_document(story, found)

    by_sentence: list[set[str]] = [set() for _ in doc.sentences]
    for eid, ms in found.items():
        for m in ms:
            by_sentence[m.sentence].add(eid)
    for eid, ce in cs.entities.items():
        excl = doc.by_sentence(ce.exclude_near.get(None)) if ce.exclude_near else {}
        for ctx, matcher in ce.contextual:
            near = set(ctx.near)
            for si, s, e in doc.find(matcher.get(None)):
                if si in excl:
                    continue
                lo, hi = max(0, si - ctx.window), min(len(doc.sentences) - 1, si + ctx.window)
                window = [j for j in range(lo, hi + 1) if doc.same_block(si, j)]
                if not any(near & by_sentence[j] for j in window):
                    continue
                if any(m.start < e and s < m.end for m in found[eid]):
                    continue
                found[eid].append(Mention(eid, si, s, e, "contextual"))
    out = [m for ms in found.values() for m in ms]
    out.sort(key=lambda m: (m.start, m.entity))
    return out


def _apply_require_document(story: Story, found: dict[str, list[Mention]]) -> None:
    present = {eid for eid, ms in found.items() if ms}
    for ent in story.entities:
        if ent.require_document and found[ent.id]:
            others = set(ent.require_document) - {ent.id}
            if not others & present:
                found[ent.id] = []


def anaphora_mentions(story: Story, doc: Document) -> list[Mention]:
    """Definite descriptions ("the cluster") of entities the document names properly."""

    def scan() -> list[Mention]:
        cs = compiled(story)
        named = {m.entity for m in entity_mentions(story, doc)}
        out: list[Mention] = []
        for eid, ce in cs.entities.items():
            if eid not in named or not ce.anaphora:
                continue
            for si, s, e in doc.find(ce.anaphora.get(doc.language)):
                out.append(Mention(eid, si, s, e, "anaphora"))
        return out

    return doc.memo(("anaphora", story_fingerprint(story)), scan)
