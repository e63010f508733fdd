"""Story dossiers: the entities that make an article relevant and the claims to check.

A dossier is a TOML file (see claims/stories/xai-supercomputer.toml for the full format).
Everything the rules engine looks for — names, trigger words, figures, deadlines — comes
from here, so a user can watch a different story without touching Python.

Word lists ("terms") are either a list (all languages) or a table keyed by language
code. Each term is a phrase matched case-insensitively on word boundaries, where
`word*` matches any ending, ` ... ` allows up to three words (eight CJK characters) in
between, ` ...N ` up to N words, and a term starting with `re:` is a raw regular
expression. Entity aliases are
matched case-sensitively ("xAI" is not "XAI").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ENTITY_TYPES",
    "KINDS",
    "STANCES",
    "Attribution",
    "Claim",
    "Contextual",
    "DossierError",
    "Entity",
    "EventSpec",
    "QuantitySpec",
    "Relevance",
    "ReportSpec",
    "StateSpec",
    "Story",
    "SuperlativeSpec",
    "Terms",
    "builtin_story_names",
    "builtin_story_path",
    "load_story",
    "parse_story",
    "story_fingerprint",
]

KINDS = ("quantity", "event", "state", "superlative", "report")
STANCES = ("supports", "contradicts", "updates", "mentions")
ENTITY_TYPES = ("person", "org", "product", "place", "thing")

#: Per-language term lists; the key "*" holds terms for every language.
Terms = Mapping[str, tuple[str, ...]]

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG_RE = re.compile(r"^(?:\*|[a-z]{2,3}(?:-[A-Za-z]{2,4})?)$")
_STORIES_DIR = Path(__file__).resolve().parent / "stories"


class DossierError(ValueError):
    """A dossier is invalid; the message names the file and the key, e.g.
    'stories/x.toml: claims[2].kind: must be one of quantity, event, ...'."""


# ---------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Contextual:
    """Common nouns ("the supercomputer") that name the entity only next to another one."""

    terms: Terms
    near: tuple[str, ...]
    window: int = 0


@dataclass(frozen=True)
class Entity:
    """Something an article can name, with the sense rules that keep look-alikes out."""

    id: str
    name: str
    type: str = "thing"
    aliases: Terms = field(default_factory=dict)
    ambiguous: Terms = field(default_factory=dict)
    unless_document: Terms = field(default_factory=dict)
    contextual: tuple[Contextual, ...] = ()
    require_document: tuple[str, ...] = ()
    exclude_near: Terms = field(default_factory=dict)
    anaphora: Terms = field(default_factory=dict)
    case_sensitive: bool = False


@dataclass(frozen=True)
class QuantitySpec:
    """A figure: `value` counted in `unit`; what a larger/smaller figure means."""

    value: float
    unit: Terms
    tolerance: float = 0.05
    larger: str | None = "updates"
    smaller: str | None = "contradicts"
    smaller_requires: Terms = field(default_factory=dict)
    growth: Terms = field(default_factory=dict)
    unit_concept: str | None = None  # "duration", "distance", "gpu" … (claims.lang.units)
    unit_word: str | None = None  # the unit as the claim writes it ("miles"), for conversions
    smaller_requires_cue: str | None = None  # a cue of claims.lang ("running") instead of words


@dataclass(frozen=True)
class EventSpec:
    """Something due to happen by the claim's deadline."""

    triggers: Terms
    late: str = "updates"
    replaced: Terms = field(default_factory=dict)  # "turned into a cargo flight"
    replaced_stance: str = "contradicts"
    # today's-format `triggers` name the event as done ("began training", "docked"): a
    # trigger found is a done word; `event` words name the event only ("training")
    triggers_done: bool = False


@dataclass(frozen=True)
class StateSpec:
    """A state of affairs (talks ended) and the words that assert or deny it."""

    state: Terms
    topic: Terms = field(default_factory=dict)
    opposite: Terms = field(default_factory=dict)
    alternative: Terms = field(default_factory=dict)
    updated: Terms = field(default_factory=dict)
    state_concept: str | None = None  # a cue of claims.lang naming the state ("ended")
    opposite_concept: str | None = None  # … and its opposite ("continues")
    updated_concept: str | None = None  # … and a later arrangement ("new_arrangement")


@dataclass(frozen=True)
class SuperlativeSpec:
    """'The most powerful X in the world' and what doubts, equals or beats it."""

    superlative: Terms
    objects: Terms = field(default_factory=dict)
    comparative: Terms = field(default_factory=dict)
    equal: Terms = field(default_factory=dict)
    doubt: Terms = field(default_factory=dict)
    rivals: Terms = field(default_factory=dict)  # what the subject is compared with


@dataclass(frozen=True)
class ReportSpec:
    """A reported fact with an amount of money (a deal being negotiated)."""

    amount: float
    topic: Terms
    currency: str = "USD"
    tolerance: float = 0.2
    near: Terms = field(default_factory=dict)
    dropped: Terms = field(default_factory=dict)
    denied: Terms = field(default_factory=dict)
    changed: str = "contradicts"  # what another amount means ("updates": a new price)
    dropped_stance: str = "updates"
    near_concept: str | None = None  # a cue that must say the deal is in the making ("negotiation")
    larger: str | None = None  # what a larger later amount means, if not ``changed``
    smaller: str | None = None  # … and a smaller one


Spec = QuantitySpec | EventSpec | StateSpec | SuperlativeSpec | ReportSpec


@dataclass(frozen=True)
class Claim:
    """One checkable claim of the source article.

    `about` lists groups of entity ids: a sentence addresses the claim when, together
    with the `window` sentences before it, it names one entity of every group. `not_with`
    entities in the sentence mean it is about something else; `asserted` is when the
    claim was made (contradictions published before it are not evidence).
    """

    id: str
    text: str
    kind: str
    spec: Spec
    deadline: dt.date | None = None
    about: tuple[tuple[str, ...], ...] = ()
    not_with: tuple[str, ...] = ()
    exclude: Terms = field(default_factory=dict)
    requires: Terms = field(default_factory=dict)  # a sentence must hold one of these ("second fab")
    asserted: dt.date | None = None
    window: int = 1
    source_quote: str | None = None  # the sentence of the source article it came from (drafts)
    review: bool = False  # a drafted claim nobody has reviewed yet


@dataclass(frozen=True)
class Relevance:
    """An article is relevant when an anchor (`require_any`) and a `support_any` entity
    are named (an anchor may also support), and the story is its subject: an anchor is
    named in the lead (headline and first paragraph), in at least `min_mentions`
    sentences, or in a sentence carrying a claim's key words; or (when `lead_support`
    > 0) the lead names that many support entities."""

    require_any: tuple[str, ...]
    support_any: tuple[str, ...] = ()
    min_mentions: int = 1
    lead_support: int = 0


@dataclass(frozen=True)
class Attribution:
    """Whose own words repeat the claims (so they do not confirm them)."""

    self_ids: tuple[str, ...] = ()
    self_terms: Terms = field(default_factory=dict)
    # What the owners' report that a claimed event happened is: "evidence" (a new
    # development, like a finished award) or "mentions" (their word only).
    own_reports: str = "evidence"


@dataclass(frozen=True)
class Story:
    """A story dossier; build it with load_story/parse_story."""

    id: str
    title: str
    language: str
    source_url: str
    published: dt.datetime | None
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    relevance: Relevance
    search_queries: dict[str, list[str]] = field(default_factory=dict)
    attribution: Attribution = field(default_factory=Attribution)
    _fingerprint: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_fingerprint", _fingerprint_of(self))

    def __hash__(self) -> int:
        return hash(self._fingerprint)

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if absent)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (KeyError if absent)."""
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form in the dossier's own shape (parse_story accepts it back)."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "source_url": self.source_url,
            "published": self.published.isoformat() if self.published else None,
            "search_queries": {k: list(v) for k, v in self.search_queries.items()},
            "relevance": {
                "require_any": list(self.relevance.require_any),
                "support_any": list(self.relevance.support_any),
                "min_mentions": self.relevance.min_mentions,
                "lead_support": self.relevance.lead_support,
            },
            "attribution": {
                "self": list(self.attribution.self_ids),
                "self_terms": _terms_out(self.attribution.self_terms),
                "own_reports": self.attribution.own_reports,
            },
            "entities": [_entity_out(e) for e in self.entities],
            "claims": [_claim_out(c) for c in self.claims],
        }
        return out


def story_fingerprint(story: Story) -> str:
    """Stable SHA-256 of the dossier's content, so callers re-analyse when it changes."""
    return story._fingerprint or _fingerprint_of(story)


def _fingerprint_of(story: Story) -> str:
    blob = json.dumps(story.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _terms_out(t: Terms) -> Any:
    if set(t) == {"*"}:
        return list(t["*"])
    return {k: list(v) for k, v in t.items()}


def _entity_out(e: Entity) -> dict[str, Any]:
    d: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.type, "aliases": _terms_out(e.aliases)}
    if e.ambiguous:
        d["ambiguous"] = _terms_out(e.ambiguous)
    if e.unless_document:
        d["unless_document"] = _terms_out(e.unless_document)
    if e.contextual:
        d["contextual"] = [
            {"terms": _terms_out(c.terms), "near": list(c.near), "window": c.window}
            for c in e.contextual
        ]
    if e.require_document:
        d["require_document"] = list(e.require_document)
    if e.exclude_near:
        d["exclude_near"] = _terms_out(e.exclude_near)
    if e.anaphora:
        d["anaphora"] = _terms_out(e.anaphora)
    if e.case_sensitive:
        d["case_sensitive"] = True
    return d


def _claim_out(c: Claim) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": c.id,
        "text": c.text,
        "kind": c.kind,
        "deadline": c.deadline.isoformat() if c.deadline else None,
        "about": [list(g) for g in c.about],
    }
    if c.not_with:
        d["not_with"] = list(c.not_with)
    if c.exclude:
        d["exclude"] = _terms_out(c.exclude)
    if c.requires:
        d["requires"] = _terms_out(c.requires)
    if c.asserted:
        d["asserted"] = c.asserted.isoformat()
    if c.window != 1:
        d["window"] = c.window
    if c.source_quote:
        d["source_quote"] = c.source_quote
    if c.review:
        d["review"] = True
    spec = c.spec
    for name in spec.__dataclass_fields__:
        value = getattr(spec, name)
        if name in _NAMED_IN:
            continue
        if isinstance(value, Mapping):
            if value:
                d[name] = _terms_out(value)
        elif value is not None:
            d[name] = value
    for name, (key, concept_field) in _NAMED_OUT.items():
        concept = getattr(spec, concept_field, None)
        if concept is not None and key not in d:  # words written out stay as written
            d[key] = getattr(spec, name, None) or concept
    if isinstance(spec, EventSpec) and not spec.triggers_done and "triggers" in d:
        d["event"] = d.pop("triggers")  # the event's words, as the new format writes them
    return d


# Spec fields written back as the key they were read from (``unit = "miles"``,
# ``state = "ended"``): field -> (key, the field holding the concept).
_NAMED_OUT = {
    "unit_word": ("unit", "unit_concept"),
    "state_concept": ("state", "state_concept"),
    "opposite_concept": ("opposite", "opposite_concept"),
    "smaller_requires_cue": ("smaller_requires", "smaller_requires_cue"),
    "updated_concept": ("updated", "updated_concept"),
    "near_concept": ("near", "near_concept"),
}
_NAMED_IN = frozenset(
    {"triggers_done"} |
    {"unit_word", "unit_concept", "state_concept", "opposite_concept", "smaller_requires_cue", "updated_concept",
     "near_concept"}
)


# ---------------------------------------------------------------------------
# Parsing and validation
# ---------------------------------------------------------------------------


class _Checker:
    """Validation helpers that raise DossierError naming the origin and key."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.language = "en"  # the story's language, once read (unit words are in it)

    def fail(self, key: str, msg: str) -> DossierError:
        return DossierError(f"{self.origin}: {key}: {msg}" if key else f"{self.origin}: {msg}")

    def table(self, data: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(key, "must be a table")
        return data

    def keys(self, data: Mapping[str, Any], key: str, allowed: Sequence[str]) -> None:
        for k in data:
            if k not in allowed:
                prefix = f"{key}." if key else ""
                raise self.fail(f"{prefix}{k}", f"unknown key (allowed: {', '.join(allowed)})")

    def text(self, data: Mapping[str, Any], key: str, name: str, required: bool = True) -> str:
        full = f"{key}.{name}" if key else name
        if name not in data or data[name] is None:
            if required:
                raise self.fail(full, "is required")
            return ""
        v = data[name]
        if not isinstance(v, str) or (required and not v.strip()):
            raise self.fail(full, "must be a non-empty string")
        return v

    def ident(self, data: Mapping[str, Any], key: str, name: str = "id") -> str:
        v = self.text(data, key, name)
        if not _ID_RE.match(v):
            raise self.fail(f"{key}.{name}" if key else name, f"{v!r} must match [a-z0-9][a-z0-9_-]*")
        return v

    def number(self, data: Mapping[str, Any], key: str, name: str, default: float | None = None,
               minimum: float | None = None) -> float:  # fmt: skip
        full = f"{key}.{name}"
        if name not in data:
            if default is None:
                raise self.fail(full, "is required")
            return default
        v = data[name]
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.fail(full, "must be a number")
        if minimum is not None and v < minimum:
            raise self.fail(full, f"must be >= {minimum}")
        return float(v)

    def integer(self, data: Mapping[str, Any], key: str, name: str, default: int, minimum: int = 0) -> int:
        full = f"{key}.{name}"
        v = data.get(name, default)
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.fail(full, "must be an integer")
        if v < minimum:
            raise self.fail(full, f"must be >= {minimum}")
        return v

    def date(self, data: Mapping[str, Any], key: str, name: str) -> dt.date | None:
        full = f"{key}.{name}"
        v = data.get(name)
        if v is None:
            return None
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        if isinstance(v, str):
            try:
                return dt.date.fromisoformat(v.strip()[:10])
            except ValueError:
                pass
        raise self.fail(full, f"{v!r} must be a date (YYYY-MM-DD)")

    def datetime(self, data: Mapping[str, Any], key: str, name: str) -> dt.datetime | None:
        v = data.get(name)
        if v is None:
            return None
        if isinstance(v, dt.datetime):
            out = v
        elif isinstance(v, dt.date):
            out = dt.datetime(v.year, v.month, v.day)
        elif isinstance(v, str):
            try:
                out = dt.datetime.fromisoformat(v.strip().replace("Z", "+00:00"))
            except ValueError:
                raise self.fail(name, f"{v!r} must be an ISO 8601 date or timestamp") from None
        else:
            raise self.fail(name, "must be an ISO 8601 date or timestamp")
        return out if out.tzinfo else out.replace(tzinfo=dt.UTC)

    def choice(self, data: Mapping[str, Any], key: str, name: str, options: Sequence[str | None],
               default: str | None) -> str | None:  # fmt: skip
        v = data.get(name, default)
        if v == "none":
            v = None
        if v not in options:
            shown = ", ".join("none" if o is None else o for o in options)
            raise self.fail(f"{key}.{name}", f"must be one of {shown}")
        return v

    def str_list(self, v: Any, key: str) -> tuple[str, ...]:
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise self.fail(key, "must be a list of non-empty strings")
        return tuple(v)

    def terms(self, data: Mapping[str, Any], key: str, name: str, required: bool = False) -> Terms:
        full = f"{key}.{name}" if key else name
        if name not in data:
            if required:
                raise self.fail(full, "is required")
            return {}
        v = data[name]
        out: dict[str, tuple[str, ...]]
        if isinstance(v, list | str):
            out = {"*": self.str_list(v, full)}
        elif isinstance(v, Mapping):
            out = {}
            for lang, items in v.items():
                if not isinstance(lang, str) or not _LANG_RE.match(lang):
                    raise self.fail(f"{full}.{lang}", "must be a language code such as en, es, zh")
                out[lang] = self.str_list(items, f"{full}.{lang}")
        else:
            raise self.fail(full, "must be a list of strings or a table of lists per language")
        for lang, items in out.items():
            for i, term in enumerate(items):
                if term.startswith("re:"):
                    try:
                        re.compile(term[3:])
                    except re.error as exc:
                        where = f"{full}.{lang}[{i}]" if lang != "*" else f"{full}[{i}]"
                        raise self.fail(where, f"invalid regular expression: {exc}") from None
        if required and not any(out.values()):
            raise self.fail(full, "must not be empty")
        return out

    def refs(self, v: Any, key: str, known: Sequence[str]) -> tuple[str, ...]:
        items = self.str_list(v, key)
        for i, x in enumerate(items):
            if x not in known:
                raise self.fail(f"{key}[{i}]", f"unknown entity {x!r} (known: {', '.join(known)})")
        return items


_TOP_KEYS = ("id", "title", "language", "source_url", "published", "search_queries",
             "relevance", "attribution", "entities", "claims")  # fmt: skip
_ENTITY_KEYS = ("id", "name", "type", "aliases", "ambiguous", "unless_document", "contextual",
                "require_document", "exclude_near", "anaphora", "case_sensitive", "source_quote",
                "review")  # fmt: skip
_COMMON_CLAIM_KEYS = ("id", "text", "kind", "deadline", "about", "not_with", "exclude", "requires", "asserted",
                      "window", "source_quote", "review")  # fmt: skip
_SPEC_KEYS: dict[str, tuple[str, ...]] = {
    "quantity": ("value", "unit", "tolerance", "larger", "smaller", "smaller_requires", "growth"),
    "event": ("triggers", "event", "late", "replaced", "replaced_stance"),
    "state": ("state", "topic", "opposite", "alternative", "updated"),
    "superlative": ("superlative", "objects", "comparative", "equal", "doubt", "rivals"),
    "report": ("amount", "currency", "tolerance", "topic", "near", "dropped", "denied", "changed", "dropped_stance", "larger", "smaller"),
}
_VERDICTS: tuple[str | None, ...] = ("supports", "contradicts", "updates", "mentions", None)


def parse_story(data: Mapping[str, Any], origin: str) -> Story:
    """Build a Story from a parsed dossier table; errors name `origin` and the key."""
    c = _Checker(origin)
    data = c.table(data, "")
    c.keys(data, "", _TOP_KEYS)
    story_id = c.ident(data, "")
    title = c.text(data, "", "title")
    language = c.text(data, "", "language")
    if not _LANG_RE.match(language) or language == "*":
        raise c.fail("language", f"{language!r} must be a language code such as en, es, zh")
    c.language = language
    source_url = c.text(data, "", "source_url")
    if not re.match(r"^https?://\S+$", source_url):
        raise c.fail("source_url", "must be an http(s) URL")
    published = c.datetime(data, "", "published")

    raw_entities = data.get("entities")
    if not isinstance(raw_entities, list) or not raw_entities:
        raise c.fail("entities", "must be a non-empty array of tables ([[entities]])")
    ids: list[str] = []
    for i, raw in enumerate(raw_entities):
        key = f"entities[{i}]"
        ent = c.table(raw, key)
        eid = c.ident(ent, key)
        if eid in ids:
            raise c.fail(f"{key}.id", f"duplicate entity id {eid!r}")
        ids.append(eid)
    entities = tuple(_parse_entity(c, raw, f"entities[{i}]", ids) for i, raw in enumerate(raw_entities))

    rel_raw = c.table(data.get("relevance", {}), "relevance")
    c.keys(rel_raw, "relevance", ("require_any", "support_any", "min_mentions", "lead_support"))
    if "require_any" not in rel_raw:
        raise c.fail("relevance.require_any", "is required")
    relevance = Relevance(
        require_any=c.refs(rel_raw["require_any"], "relevance.require_any", ids),
        support_any=c.refs(rel_raw.get("support_any", []), "relevance.support_any", ids)
        if rel_raw.get("support_any")
        else (),
        min_mentions=c.integer(rel_raw, "relevance", "min_mentions", 1, minimum=1),
        lead_support=c.integer(rel_raw, "relevance", "lead_support", 0, minimum=0),
    )
    if not relevance.require_any:
        raise c.fail("relevance.require_any", "must name at least one entity")

    att_raw = c.table(data.get("attribution", {}), "attribution")
    c.keys(att_raw, "attribution", ("self", "self_terms", "own_reports"))
    attribution = Attribution(
        self_ids=c.refs(att_raw.get("self", []), "attribution.self", ids) if att_raw.get("self") else (),
        self_terms=c.terms(att_raw, "attribution", "self_terms"),
        own_reports=c.choice(att_raw, "attribution", "own_reports", ("evidence", "mentions"), "evidence") or "evidence",
    )

    sq_raw = c.table(data.get("search_queries", {}), "search_queries")
    search_queries: dict[str, list[str]] = {}
    for lang, items in sq_raw.items():
        if not _LANG_RE.match(lang) or lang == "*":
            raise c.fail(f"search_queries.{lang}", "must be a language code such as en, es, zh")
        search_queries[lang] = list(c.str_list(items, f"search_queries.{lang}"))

    raw_claims = data.get("claims")
    if not isinstance(raw_claims, list) or not raw_claims:
        raise c.fail("claims", "must be a non-empty array of tables ([[claims]])")
    claims: list[Claim] = []
    for i, raw in enumerate(raw_claims):
        claim = _parse_claim(c, raw, f"claims[{i}]", ids)
        if any(x.id == claim.id for x in claims):
            raise c.fail(f"claims[{i}].id", f"duplicate claim id {claim.id!r}")
        claims.append(claim)

    return Story(
        id=story_id,
        title=title,
        language=language,
        source_url=source_url,
        published=published,
        entities=entities,
        claims=tuple(claims),
        relevance=relevance,
        search_queries=search_queries,
        attribution=attribution,
    )


def _parse_entity(c: _Checker, raw: Any, key: str, ids: Sequence[str]) -> Entity:
    ent = c.table(raw, key)
    c.keys(ent, key, _ENTITY_KEYS)
    aliases = c.terms(ent, key, "aliases", required=True)
    contextual: list[Contextual] = []
    raw_ctx = ent.get("contextual", [])
    if not isinstance(raw_ctx, list):
        raise c.fail(f"{key}.contextual", "must be an array of tables")
    for j, rc in enumerate(raw_ctx):
        ck = f"{key}.contextual[{j}]"
        t = c.table(rc, ck)
        c.keys(t, ck, ("terms", "near", "window"))
        if "near" not in t:
            raise c.fail(f"{ck}.near", "is required")
        contextual.append(
            Contextual(
                terms=c.terms(t, ck, "terms", required=True),
                near=c.refs(t["near"], f"{ck}.near", ids),
                window=c.integer(t, ck, "window", 0),
            )
        )
    etype = c.choice(ent, key, "type", ENTITY_TYPES, "thing")
    return Entity(
        id=c.ident(ent, key),
        name=c.text(ent, key, "name"),
        type=etype or "thing",
        aliases=aliases,
        ambiguous=c.terms(ent, key, "ambiguous"),
        unless_document=c.terms(ent, key, "unless_document"),
        contextual=tuple(contextual),
        require_document=c.refs(ent["require_document"], f"{key}.require_document", ids)
        if "require_document" in ent
        else (),
        exclude_near=c.terms(ent, key, "exclude_near"),
        anaphora=c.terms(ent, key, "anaphora"),
        case_sensitive=_flag(c, ent, key, "case_sensitive"),
    )


def _flag(c: _Checker, t: Mapping[str, Any], key: str, name: str, default: bool = False) -> bool:
    v = t.get(name, default)
    if not isinstance(v, bool):
        raise c.fail(f"{key}.{name}", "must be true or false")
    return v


def _parse_about(c: _Checker, v: Any, key: str, ids: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    if v is None:
        return ()
    if not isinstance(v, list):
        raise c.fail(key, "must be a list of entity ids or a list of such lists")
    if all(isinstance(x, str) for x in v):
        return (c.refs(v, key, ids),) if v else ()
    groups = []
    for i, g in enumerate(v):
        groups.append(c.refs(g, f"{key}[{i}]", ids))
    return tuple(groups)


def _unit_concept(c: _Checker, t: Mapping[str, Any], key: str) -> tuple[str | None, str | None]:
    """``unit = "gpu"`` (a concept) or ``unit = "miles"`` (a unit word of the story's
    language, converted by claims.lang.units); a list or table keeps today's meaning."""
    raw = t.get("unit")
    from .lang import language
    from .lang.units import MEASURE_CONCEPTS, is_concept

    if isinstance(raw, (list, dict)):
        return _measure_of_words(raw, c.language, MEASURE_CONCEPTS)
    if not isinstance(raw, str):
        return None, None

    if is_concept(raw):
        return raw, None
    lang = language(c.language)
    for term, (concept, _factor) in lang.units.items():
        base = term.lower().rstrip("*")
        if raw.lower() == base or (term.endswith("*") and raw.lower().startswith(base)):
            return concept, raw
    raise c.fail(f"{key}.unit", f"{raw!r} is neither a unit concept nor a unit word of {c.language!r}")


def _measure_of_words(raw: Any, code: str, measures: frozenset[str]) -> tuple[str | None, str | None]:
    """Unit words written out (today's format) that name a measure ("days", "miles")
    convert like a named unit: "286 days" is compared with "about eight days", "nine
    months" too. Words of counts keep their literal meaning."""
    from .lang import language

    words = raw if isinstance(raw, list) else [*raw.get("*", []), *raw.get(code, [])]
    lang = language(code)
    for word in words:
        if not isinstance(word, str):
            continue
        for term, (concept, _factor) in lang.units.items():
            base = term.lower().rstrip("*")
            w = word.lower().rstrip("*")
            if concept in measures and (w == base or (term.endswith("*") and w.startswith(base))):
                return concept, w
    return None, None


def _cue_name(c: _Checker, t: Mapping[str, Any], key: str, name: str) -> str | None:
    """``state = "ended"``: a word list of claims.lang named instead of written out."""
    raw = t.get(name)
    if not isinstance(raw, str):
        return None
    from .lang import CUES

    if raw not in CUES:
        raise c.fail(f"{key}.{name}", f"{raw!r} is not a cue of claims.lang (one of {', '.join(CUES)})")
    return raw


def _parse_claim(c: _Checker, raw: Any, key: str, ids: Sequence[str]) -> Claim:
    t = c.table(raw, key)
    kind = c.choice(t, key, "kind", KINDS, None) if "kind" in t else None
    if kind is None:
        if "kind" not in t:
            raise c.fail(f"{key}.kind", f"is required (one of {', '.join(KINDS)})")
        raise c.fail(f"{key}.kind", f"must be one of {', '.join(KINDS)}")
    c.keys(t, key, _COMMON_CLAIM_KEYS + _SPEC_KEYS[kind])
    deadline = c.date(t, key, "deadline")
    spec: Spec
    if kind == "quantity":
        concept, word = _unit_concept(c, t, key)
        spec = QuantitySpec(
            value=c.number(t, key, "value", minimum=0),
            unit={} if isinstance(t.get("unit"), str) else c.terms(t, key, "unit", required=True),
            unit_concept=concept,
            unit_word=word,
            tolerance=c.number(t, key, "tolerance", 0.05, minimum=0),
            larger=c.choice(t, key, "larger", _VERDICTS, "updates"),
            smaller=c.choice(t, key, "smaller", _VERDICTS, "contradicts"),
            smaller_requires={} if isinstance(t.get("smaller_requires"), str) else c.terms(t, key, "smaller_requires"),
            smaller_requires_cue=_cue_name(c, t, key, "smaller_requires"),
            growth=c.terms(t, key, "growth"),
        )
    elif kind == "event":
        if deadline is None:
            raise c.fail(f"{key}.deadline", "is required for an event claim")
        if "triggers" not in t and "event" not in t:
            raise c.fail(f"{key}.event", "is required for an event claim (the words that name the event)")
        spec = EventSpec(
            triggers={**c.terms(t, key, "triggers"), **c.terms(t, key, "event")},
            late=c.choice(t, key, "late", ("updates", "contradicts"), "updates") or "updates",
            replaced=c.terms(t, key, "replaced"),
            replaced_stance=c.choice(t, key, "replaced_stance", ("contradicts", "updates"), "contradicts") or "contradicts",
            triggers_done="triggers" in t and "event" not in t,
        )
    elif kind == "state":
        state_concept = _cue_name(c, t, key, "state")
        opposite_concept = _cue_name(c, t, key, "opposite")
        updated_concept = _cue_name(c, t, key, "updated")
        if "state" not in t:
            raise c.fail(f"{key}.state", "is required for a state claim")
        spec = StateSpec(
            state={} if state_concept else c.terms(t, key, "state", required=True),
            state_concept=state_concept,
            opposite_concept=opposite_concept,
            updated_concept=updated_concept,
            topic=c.terms(t, key, "topic"),
            opposite={} if opposite_concept else c.terms(t, key, "opposite"),
            alternative=c.terms(t, key, "alternative"),
            updated={} if updated_concept else c.terms(t, key, "updated"),
        )
    elif kind == "superlative":
        spec = SuperlativeSpec(
            superlative=c.terms(t, key, "superlative"),
            rivals=c.terms(t, key, "rivals"),
            objects=c.terms(t, key, "objects"),
            comparative=c.terms(t, key, "comparative"),
            equal=c.terms(t, key, "equal"),
            doubt=c.terms(t, key, "doubt"),
        )
    else:
        currency = c.text(t, key, "currency", required=False) or "USD"
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise c.fail(f"{key}.currency", "must be an ISO 4217 code such as USD")
        spec = ReportSpec(
            amount=c.number(t, key, "amount", minimum=0),
            topic=c.terms(t, key, "topic"),
            currency=currency,
            changed=c.choice(t, key, "changed", ("contradicts", "updates"), "contradicts") or "contradicts",
            dropped_stance=c.choice(t, key, "dropped_stance", ("contradicts", "updates"), "updates") or "updates",
            larger=c.choice(t, key, "larger", _VERDICTS, None),
            smaller=c.choice(t, key, "smaller", _VERDICTS, None),
            tolerance=c.number(t, key, "tolerance", 0.2, minimum=0),
            near={} if isinstance(t.get("near"), str) else c.terms(t, key, "near"),
            near_concept=_cue_name(c, t, key, "near"),
            dropped=c.terms(t, key, "dropped"),
            denied=c.terms(t, key, "denied"),
        )
    about = _parse_about(c, t.get("about"), f"{key}.about", ids)
    if not about:
        raise c.fail(f"{key}.about", "must name at least one entity")
    return Claim(
        id=c.ident(t, key),
        text=c.text(t, key, "text"),
        kind=kind,
        spec=spec,
        deadline=deadline,
        about=about,
        not_with=c.refs(t["not_with"], f"{key}.not_with", ids) if "not_with" in t else (),
        exclude=c.terms(t, key, "exclude"),
        requires=c.terms(t, key, "requires"),
        asserted=c.date(t, key, "asserted"),
        window=c.integer(t, key, "window", 1),
        source_quote=c.text(t, key, "source_quote", required=False) or None,
        review=_flag(c, t, key, "review"),
    )


def load_story(path: Path) -> Story:
    """Read and validate a dossier TOML file; raises DossierError naming the file."""
    origin = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DossierError(f"{origin}: cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DossierError(f"{origin}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise DossierError(f"{origin}: invalid TOML: {exc}") from None
    story = parse_story(data, origin)
    _warn_missing_languages(story, origin)
    return story


def _warn_missing_languages(story: Story, origin: str) -> None:
    """One warning per language the dossier writes for (its own, its term tables, its
    search queries) that has no module in claims.lang: only aliases and digit figures
    work there (claims.lang.language warns once per language and origin)."""
    from .lang import language

    codes = {story.language, *story.search_queries}
    for e in story.entities:
        codes |= set(e.aliases) | set(e.anaphora)
    codes.discard("*")
    for code in sorted(codes):
        language(code, origin=origin)


def builtin_story_names() -> list[str]:
    """Names of the dossiers bundled in claims/stories/."""
    return sorted(p.stem for p in _STORIES_DIR.glob("*.toml"))


def builtin_story_path(name: str) -> Path:
    """Path of a bundled dossier: 'xai-supercomputer' -> claims/stories/xai-supercomputer.toml."""
    if not _ID_RE.match(name):
        raise DossierError(f"builtin:{name}: not a valid story name")
    path = _STORIES_DIR / f"{name}.toml"
    if not path.is_file():
        raise DossierError(
            f"builtin:{name}: no such bundled story (available: {', '.join(builtin_story_names())})"
        )
    return path
