"""Dossier drafting: one article in, a first dossier to review out (`followup stories draft`).

Pure functions over the article's title, text, language and publication date: no
network, no clock. Names come from the writing itself (capitals, acronyms, model
numbers, Chinese transliterations and suffixes), claims from the claim engine's
language layer (claims.lang: figures and unit concepts, dates resolved against the
publication date, cues). Every claim carries the sentence it came from
(``source_quote``) and ``review = true``: the draft proposes, a person decides.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

from ..lang import Language, LanguageWarning, language
from ..sentences import split_sentences
from .names import DraftEntity, find_entities, slug
from .statements import DraftClaim, find_claims
from .story import (
    attribution,
    claim_tables,
    keep_entities,
    rank,
    relevance,
    search_queries,
    topic_thing,
)
from .toml_out import to_toml

__all__ = ["DRAFT_HEADER", "draft_dossier", "draft_toml", "to_toml"]

DRAFT_HEADER = (
    "DRAFT dossier written by `followup stories draft` from one article: review it before use.\n"
    "Each claim keeps the sentence it came from (source_quote) and review = true; check the\n"
    "kind, the figures and deadlines, the entities and their aliases, then drop review = true.\n"
    "Format: docs/dossier.md."
)


def _entity_table(e: DraftEntity) -> dict[str, Any]:
    t: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases}
    ctx = e.contextual
    if ctx:
        t["contextual"] = [ctx]
    return t


def _quiet_language(code: str) -> Language:
    """The language layer without its warning: a draft for an unknown language still comes out."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LanguageWarning)
        return language(code)


def _story_head(title: str, language_code: str, source_url: str,
                published: dt.datetime | dt.date | None, story_id: str | None) -> dict[str, Any]:  # fmt: skip
    """The story's own keys, so the dossier opens with what it is and where it came from."""
    return {
        "id": story_id or slug(" ".join(title.split()[:6]))[:40].strip("-") or "story",
        "title": title or "(untitled)",
        "language": language_code,
        "source_url": source_url,
        "published": published,
    }


def _empty_note(claims: list[DraftClaim], sentences: list[str]) -> str:
    """Why a draft has nothing to review, so the person knows to write the claims by hand."""
    why = "no checkable claim found" if not claims else "no named entity found"
    return (
        f"EMPTY DRAFT: {why} in the text ({len(sentences)} sentence(s)); write the claims by hand."
    )


def _fill(story: dict[str, Any], sentences: list[str], lang: Language, kept: list[DraftEntity],
          claims: list[DraftClaim]) -> dict[str, Any]:  # fmt: skip
    """The relevance rule, claimants, queries, entities and claims: the dossier's reviewable body."""
    rel_entities = rank(kept, claims)
    anchor = rel_entities[0]
    thing = topic_thing(sentences, lang, anchor, {a.lower() for e in kept for a in e.aliases})
    rel = relevance(rel_entities, claims, thing)
    att = attribution(kept, sentences, lang, anchor)
    by_id = {e.id: e for e in kept}
    support = [by_id[i] for i in rel.get("support_any", []) if i in by_id]
    anchors = [by_id[i] for i in rel["require_any"] if i in by_id]
    story["search_queries"] = search_queries(story["language"], anchors, support, thing)
    story["relevance"] = rel
    story["attribution"] = att
    story["entities"] = [_entity_table(e) for e in kept + ([thing] if thing else [])]
    speakers = set(att.get("self", [])) - {anchor.id}
    story["claims"] = claim_tables(claims, kept, anchors[0], speakers, thing)
    return story


def draft_dossier(
    title: str,
    text: str,
    language_code: str,
    published: dt.datetime | dt.date | None,
    story_id: str | None = None,
    source_url: str = "https://example.invalid/source-article",
) -> dict[str, Any]:
    """A TOML-ready dossier table drafted from one article.

    When the text holds no claim the table has empty ``entities``/``claims`` and a
    ``"#"`` note saying why (the dossier parser refuses it until someone adds claims).
    """
    lang = _quiet_language(language_code)
    day = published.date() if isinstance(published, dt.datetime) else published
    sentences = split_sentences(text, language_code)
    title = " ".join(title.split()) or (sentences[0][:140] if sentences else "")
    entities = find_entities(title, sentences, lang)
    claims = find_claims(sentences, lang, day, [a for e in entities for a in e.aliases])
    kept = keep_entities(entities, claims)
    story = _story_head(title, language_code, source_url, published, story_id)
    if not claims or not kept:
        story["#"] = _empty_note(claims, sentences)
        return {**story, "entities": [], "claims": []}
    return _fill(story, sentences, lang, kept, claims)


def draft_toml(story: dict[str, Any], source: str = "") -> str:
    """The draft as TOML text with its review header (and why, when it is empty)."""
    header = DRAFT_HEADER + (f"\nSource: {source}" if source else "")
    note = story.get("#")
    if note:
        header += f"\n{note}"
    body = {k: v for k, v in story.items() if k != "#" and v not in (None, [], {})}
    return to_toml(body, header)
