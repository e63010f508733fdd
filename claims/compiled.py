"""Per-story compiled matchers, built once and cached by the dossier fingerprint."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from .dossier import Claim, Contextual, Entity, Story, story_fingerprint
from .patterns import TermMatcher, compile_terms

__all__ = ["CompiledClaim", "CompiledEntity", "CompiledStory", "compiled", "warm_up"]


@dataclass
class CompiledEntity:
    """An entity's alias and sense-rule patterns."""

    entity: Entity
    aliases: TermMatcher
    ambiguous: TermMatcher
    unless_document: TermMatcher
    contextual: list[tuple[Contextual, TermMatcher]]
    exclude_near: TermMatcher
    anaphora: TermMatcher


@dataclass
class CompiledClaim:
    """A claim's term tables compiled by field name (spec fields plus `exclude`)."""

    claim: Claim
    terms: dict[str, TermMatcher] = field(default_factory=dict)

    def get(self, name: str) -> TermMatcher | None:
        m = self.terms.get(name)
        return m if m else None


@dataclass
class CompiledStory:
    """Everything the matcher and the rules need from one dossier, compiled."""

    story: Story
    entities: dict[str, CompiledEntity]
    claims: dict[str, CompiledClaim]
    self_terms: TermMatcher


def _compile_entity(e: Entity) -> CompiledEntity:
    return CompiledEntity(
        entity=e,
        aliases=compile_terms(e.aliases, case_sensitive=e.case_sensitive, plural=True),
        ambiguous=compile_terms(e.ambiguous, case_sensitive=True, plural=True),
        unless_document=compile_terms(e.unless_document),
        contextual=[(c, compile_terms(c.terms, plural=True)) for c in e.contextual],
        exclude_near=compile_terms(e.exclude_near),
        anaphora=compile_terms(e.anaphora),
    )


def _compile_claim(c: Claim) -> CompiledClaim:
    cc = CompiledClaim(c)
    if c.exclude:
        cc.terms["exclude"] = compile_terms(c.exclude)
    spec = c.spec
    for name in spec.__dataclass_fields__:
        value = getattr(spec, name)
        if isinstance(value, dict) and value:
            cc.terms[name] = compile_terms(value, plural=name in ("unit", "objects"))
    return cc


_CACHE: dict[str, CompiledStory] = {}
_LOCK = threading.Lock()


def compiled(story: Story) -> CompiledStory:
    """The compiled form of `story`, shared by every story with the same fingerprint."""
    key = story_fingerprint(story)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    cs = CompiledStory(
        story=story,
        entities={e.id: _compile_entity(e) for e in story.entities},
        claims={c.id: _compile_claim(c) for c in story.claims},
        self_terms=compile_terms(story.attribution.self_terms),
    )
    with _LOCK:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = cs
    return cs


def term_matchers(cs: CompiledStory) -> list[TermMatcher]:
    """Every term list of a compiled dossier: the story's own, its entities', its claims'."""
    matchers = [cs.self_terms]
    for ce in cs.entities.values():
        matchers += [ce.aliases, ce.ambiguous, ce.unless_document, ce.exclude_near, ce.anaphora]
        matchers += [m for _, m in ce.contextual]
    for cc in cs.claims.values():
        matchers += list(cc.terms.values())
    return matchers


def warm_up(story: Story, languages: tuple[str | None, ...] = ("en", "es", "zh", "fr", "de")) -> None:
    """Compile every pattern of `story` and of the language tables now (about a second
    for five languages), e.g. in a worker's initialiser, instead of on the first article."""
    from .lang import language
    from .lang.dates import dates
    from .lang.numbers import figures, normalise
    from .retrieve import terms_regex
    from .stance import kind

    matchers = term_matchers(compiled(story))
    for code in languages:
        for m in matchers:
            m.get(code)
        table = language(code)
        for name in table.compiled_cues:
            table.cue(name)
        figures(normalise("100", table), table)
        dates("2024", table, None)
        for claim in story.claims:
            for terms in kind(claim.kind).terms(claim).values():
                terms_regex(terms, table, plural=True)
