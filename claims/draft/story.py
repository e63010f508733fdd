"""Assembling a draft dossier: which entities stay, the anchors of the relevance rule,
whose words are the claimant's, the search queries, and each claim's id and text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..lang import Language, compile_terms
from .names import DraftEntity, slug
from .statements import DraftClaim
from .words import COMPANY_NOUNS, FUNCTION

__all__ = [
    "attribution",
    "claim_tables",
    "keep_entities",
    "rank",
    "relevance",
    "search_queries",
    "topic_thing",
]

_QUERY_LANGS = ("en", "es", "zh", "fr", "de")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_PRIORITY = {"product": 1, "thing": 1}
_ACCORDING = re.compile(r"(?:según|according to|selon|laut|据|據)\s*$", re.IGNORECASE)


def keep_entities(entities: list[DraftEntity], claims: list[DraftClaim]) -> list[DraftEntity]:
    """What the article is about: names said twice, in the title, or in a claim's
    sentence; a name said once elsewhere (the outlet, a passing reference) goes."""
    claimed = {n for c in claims for n in c.names}
    kept = [e for e in entities if e.mentions >= 2 or e.in_title or claimed & set(e.aliases)]
    return kept[:14]


def _score(e: DraftEntity, claims: list[DraftClaim]) -> float:
    in_claims = sum(bool(set(e.aliases) & set(c.names)) for c in claims)
    return (
        e.mentions
        + 2 * e.in_title
        + in_claims
        + (1.5 if e.in_title else 0.5) * _PRIORITY.get(e.type, 0)
    )


def topic_thing(
    sentences: list[str], lang: Language, anchor: DraftEntity, names: set[str]
) -> DraftEntity | None:
    """The unnamed thing the story is about ("la supercomputadora", "the fab"): the
    content word said most often, at least three times, as a contextual term near the
    anchor. It is what lets a later "the cluster" count as the story's subject."""
    fn = FUNCTION.get(lang.code, frozenset())
    if lang.cjk or not fn:
        return None
    blocked = compile_terms(tuple(lang.currencies) + tuple(lang.scales), False)
    words = _thing_words(sentences, fn, names, blocked)
    if not words:
        return None
    word, count = words.most_common(1)[0]
    if count < 3:
        return None
    text = "\n".join(sentences)
    phrase = next((m.group() for a in anchor.aliases for m in re.finditer(
        rf"{re.escape(word)}\s+(?:de|of|du|von)\s+{re.escape(a)}", text, re.IGNORECASE)), None)  # fmt: skip
    alias = phrase or f"{anchor.name} {word}"
    ent = DraftEntity(
        id=slug(word), name=f"{anchor.name} {word}", type="thing", aliases=[alias], mentions=count
    )
    ent.sentences = {i + 1 for i, s in enumerate(sentences) if word in s.lower()}
    ent.contextual = {"terms": {lang.code: [word]}, "near": [anchor.id]}
    return ent


def _thing_words(
    sentences: list[str], fn: frozenset[str], names: set[str], blocked: re.Pattern[str]
) -> Counter[str]:
    """How often each long lower-case content word occurs: the candidates for the story's thing."""
    words: Counter[str] = Counter()
    for s in sentences:
        for m in re.finditer(r"[^\W\d_]{6,}", s):
            w = m.group()
            if re.search(r"\d\s*$", s[: m.start()]):
                continue  # "4 nanómetros": a unit, not a thing
            if w.islower() and w not in fn and w not in names and not blocked.fullmatch(w):
                words[w] += 1
    return words


def rank(entities: list[DraftEntity], claims: list[DraftClaim]) -> list[DraftEntity]:
    """The entities by how much the article is about them (the first is the anchor); a
    product or thing of the title goes before the organisation that makes it."""
    ranked = sorted(entities, key=lambda e: -_score(e, claims))
    if ranked and ranked[0].type != "product":
        top = _score(ranked[0], claims)
        made = [
            e
            for e in ranked
            if e.in_title and e.type == "product" and _score(e, claims) >= 0.6 * top
        ]
        if made:
            ranked.remove(made[0])
            ranked.insert(0, made[0])
    return ranked


def relevance(
    entities: list[DraftEntity], claims: list[DraftClaim], thing: DraftEntity | None
) -> dict[str, Any]:
    """The anchor is the most-said name, a product or thing first on a tie (the story is
    about the truck more than its maker); the next names support it."""
    ranked = rank(entities, claims)
    anchors = [ranked[0].id] + ([thing.id] if thing else [])
    support = [e.id for e in ranked[1:7]]
    out: dict[str, Any] = {
        "require_any": anchors,
        "min_mentions": 2 if ranked[0].mentions >= 3 else 1,
    }
    if support:
        out["support_any"] = support
    return out


def attribution(
    entities: list[DraftEntity], sentences: list[str], lang: Language, anchor: DraftEntity
) -> dict[str, Any]:
    """The claimants: names that speak ("Musk said", "según TSMC"), and the anchor when
    it is an organisation; self-references ("la startup de Musk") as terms."""
    say = lang.cue("say").regex
    speakers: list[str] = []
    for e in entities:
        for s in sentences:
            for a in e.aliases:
                for m in re.finditer(rf"(?<!\w){re.escape(a)}(?!\w)", s):
                    after, before = s[m.end() : m.end() + 60], s[max(0, m.start() - 25) : m.start()]
                    said = say.search(after)
                    if (
                        said and not re.search(r"[.;:,]", after[: said.start()])
                    ) or _ACCORDING.search(before):
                        speakers.append(e.id)
    self_ids = list(dict.fromkeys(([anchor.id] if anchor.type == "org" else []) + speakers))
    out: dict[str, Any] = {"self": self_ids[:4]} if self_ids else {}
    terms = _self_terms(entities, "\n".join(sentences), lang)
    if terms:
        out["self_terms"] = {lang.code: terms}
    return out


def _self_terms(entities: list[DraftEntity], text: str, lang: Language) -> list[str]:
    nouns = "|".join(re.escape(n) for n in COMPANY_NOUNS.get(lang.code, ()))
    if not nouns:
        return []
    found: list[str] = []
    for e in entities:
        for a in e.aliases:
            n = re.escape(a)
            pats = [
                rf"\b(?:la|el|the|le|das|die|der)\s+(?:{nouns})\s+(?:de|of|von|du)\s+{n}\b",
                rf"\b{n}['’]s?\s+(?:{nouns})\b",
            ]
            if lang.cjk:
                pats = [rf"{n}旗下"]
            for p in pats:
                found += [m.group() for m in re.finditer(p, text, re.IGNORECASE)]
    return list(dict.fromkeys(found))[:6]


def _written_in(e: DraftEntity, code: str) -> str | None:
    """The entity's name as language ``code`` writes it: Latin names everywhere, CJK
    names in Chinese only."""
    latin = [a for a in e.aliases if not _CJK.search(a)]
    cjk = [a for a in e.aliases if _CJK.search(a)]
    if code == "zh" and cjk:
        return cjk[0]
    return latin[0] if latin else None


def search_queries(language: str, anchors: list[DraftEntity], support: list[DraftEntity],
                   thing: DraftEntity | None) -> dict[str, list[str]]:  # fmt: skip
    """A few news-search queries in each language: the anchor, and the anchor with
    each of the two names that support it most."""
    out: dict[str, list[str]] = {}
    for code in dict.fromkeys((language, *_QUERY_LANGS)):
        head = next((n for n in (_written_in(a, code) for a in anchors[:1]) if n), None)
        if head is None:
            continue
        qs = [head] + [f"{head} {n}" for n in (_written_in(s, code) for s in support[:2]) if n]
        if thing is not None and code == language:
            qs.append(
                f"{head} {(thing.contextual or {}).get('terms', {}).get(language, [''])[0]}".strip()
            )
        out[code] = list(dict.fromkeys(qs))
    return out


_UNITS_EN = {"gpu": "GPUs", "jobs": "jobs", "vehicles": "vehicles", "orders": "orders", "people": "people",
             "homes": "homes", "plants": "plants", "customers": "customers"}  # fmt: skip


def _quantity_text(who: str, f: dict[str, Any], lang: str) -> str:
    """ "Who: more than 1,500 vehicles.": the figure with its English unit."""
    more = "more than " if f.get("larger") == "supports" else ""
    return f"{who}: {more}{f['value']:,} {_UNITS_EN.get(f['unit'], f['unit'])}."


def _report_text(who: str, f: dict[str, Any], lang: str) -> str:
    """ "Who: a reported amount of USD 800,000,000.": the money figure."""
    return f"{who}: a reported amount of {f['currency']} {f['amount']:,}."


def _event_text(who: str, f: dict[str, Any], lang: str) -> str:
    """ "Who: deliver, robots (en) by 2024-04-30.": the event words and deadline."""
    words = ", ".join(f["event"][lang][:3])
    return f"{who}: {words} ({lang}) by {f['deadline'].isoformat()}."


def _state_text(who: str, f: dict[str, Any], lang: str) -> str:
    """An ended state, or the property that holds."""
    if f.get("state") == "ended":
        return f"{who}: it has ended (talks, a deal or a plan) and does not continue."
    return f"{who}: the state holds ({', '.join(next(iter(f['state'].values())))})."


def _superlative_text(who: str, f: dict[str, Any], lang: str) -> str:
    """The superlative and what it is said of."""
    return f"{who}: a superlative ({'; '.join(next(iter(f.get('objects', {'': ['as stated']}).values())))})."


_TEXTS = {
    "quantity": _quantity_text,
    "report": _report_text,
    "event": _event_text,
    "state": _state_text,
}


def _text(c: DraftClaim, who: str) -> str:
    """A one-line English text built from the claim's kind and fields (to be reworded)."""
    f, lang = c.fields, next(iter(c.fields.get("event", c.fields.get("topic", {"": []}))), "")
    return _TEXTS.get(c.kind, _superlative_text)(who, f, lang)


def _claim_id(c: DraftClaim, head: str, taken: set[str]) -> str:
    f = c.fields
    tail = {
        "quantity": lambda: f"{f.get('value')}-{f.get('unit')}",
        "report": lambda: f"{_short(f.get('amount', 0))}-{str(f.get('currency', '')).lower()}",
        "event": lambda: f"{next(iter(f['event'].values()))[0]}-{f['deadline']:%Y-%m}",
        "state": lambda: "ended" if f.get("state") == "ended" else "state",
        "superlative": lambda: "superlative",
    }[c.kind]()
    base = slug(f"{head}-{tail}")[:48].strip("-")
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    taken.add(cid)
    return cid


def _short(amount: float) -> str:
    for factor, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if amount >= factor:
            return f"{amount / factor:g}{suffix}"
    return f"{amount:g}"


def _about(c: DraftClaim, entities: list[DraftEntity], anchor: DraftEntity,
           speakers: set[str], thing: DraftEntity | None) -> list[str]:  # fmt: skip
    """The claim's subjects: the names in its sentence but its speakers, the story's thing
    when the sentence says it, else the anchor."""
    about = [e.id for e in entities if set(e.aliases) & set(c.names) and e.id not in speakers]
    # a name said once (the outlet, a passing one) does not make the claim's subject
    if len(about) > 1:
        about = [i for i in about if next(e for e in entities if e.id == i).mentions > 1] or about
    if thing is not None and c.sentence in thing.sentences:
        about.append(thing.id)
    return about[:4] or [anchor.id]


def claim_tables(claims: list[DraftClaim], entities: list[DraftEntity], anchor: DraftEntity,
                 speakers: set[str], thing: DraftEntity | None) -> list[dict[str, Any]]:  # fmt: skip
    """Each claim as its dossier table: id, English text, kind, about, the kind's fields,
    the sentence it came from and ``review = true``."""
    taken: set[str] = set()
    out = []
    for c in claims:
        about = _about(c, entities, anchor, speakers, thing)
        head = next(e for e in entities + ([thing] if thing else []) if e.id == about[0])
        table: dict[str, Any] = {
            "id": _claim_id(c, head.id, taken),
            "text": _text(c, head.name),
            "kind": c.kind,
        }
        table["about"] = about
        table.update(c.fields)
        table["source_quote"] = c.quote
        table["review"] = True
        out.append(table)
    return out
