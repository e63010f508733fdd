"""How well an automatically drafted dossier tracks its story, beside the hand-written one.

    python benchmarks/draft_eval.py [--shared ../shared] [--blind /work/blind] [--story NAME] [-v]

For each story a source article is drafted with ``claims.draft.draft_dossier``; the draft's
ids are then mapped onto the ids the labelled corpus uses, and the renamed draft is scored
with ``claims.evaluate.evaluate`` like any dossier.

Stories (source article -> labelled corpus):

* ``xai-supercomputer``: ``<shared>/seed/xai-supercomputer.es.txt`` (Spanish, 2024-07-10; no
  title line, one paragraph a line) -> ``<shared>/corpus/dev``;
* ``cybertruck``, ``tsmc-arizona``: the "## Source article" section of
  ``<shared>/corpus/<name>/STORY.md`` -> ``<shared>/corpus/<name>``;
* ``intel-magdeburg`` (unseen): the German source article of
  ``<blind>/newstory/STORY.md`` -> ``<blind>/newstory``.

The reference ids: the bundled dossiers ``claims/stories/<name>.toml`` for the three dev
stories; for the unseen story the claims table of its STORY.md (ids, kinds and figures),
and for its entities the aliases of ``<blind>/newstory/dossier.toml`` when present, else
the STORY.md entity table (a draft name found as a word in a row's "counts as" text; the
row naming it first wins).

Mapping (the logic of tests/claims/draft/test_draft_sources.py ``recovery``, not imported:
importing a test module would pull in pytest and the test configuration):

* claims: each reference claim, in dossier order, takes the first unused draft claim of the
  same kind whose figure agrees (quantity: value within 1 %; report: same currency and amount
  within 1 %; event: same deadline; state and superlative: the kind alone). Unmapped draft
  claims are spurious: they keep their own ids (prefixed ``draft-`` if that id is a reference
  claim id), so their verdicts are counted as false positives.
* entities: a draft entity maps to the reference entity sharing the most names with it (its
  name and aliases against the reference's name and aliases in every language, compared
  case- and accent-insensitively; ``re:`` aliases are matched as patterns); ties go to the
  first in dossier order. Several draft entities mapped to one reference entity are merged
  (aliases and contextual terms joined). Unmapped draft entities are KEPT as extra entities
  (prefixed ``draft-`` on an id clash): what they match counts as entity false positives in
  the main figure; the entity F1 with them dropped from the predictions is shown beside it.

The hand-written dossier is scored on the same corpus for comparison.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.dossier import DossierError, Story, builtin_story_path, load_story, parse_story
from claims.draft import draft_dossier
from claims.evaluate import PRF, Prediction, Scores, evaluate, load_corpus, score
from claims.lang import LanguageWarning
from claims.lang.common import fold
from claims.status import VERDICTS

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = {"english": "en", "spanish": "es", "german": "de", "french": "fr", "chinese": "zh"}


# --- reference (corpus) ids ----------------------------------------------------------------


@dataclass(frozen=True)
class RefClaim:
    """A corpus claim id with what identifies it: kind and figure or deadline."""

    id: str
    kind: str
    value: float | None = None
    amount: float | None = None
    currency: str | None = None
    deadline: dt.date | None = None


@dataclass(frozen=True)
class RefEntity:
    """A corpus entity id with the names it goes by (folded), or a description to search."""

    id: str
    names: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()
    description: str = ""


@dataclass
class Reference:
    claims: list[RefClaim]
    entities: list[RefEntity]
    origin: str


def _terms(t: Mapping[str, Iterable[str]]) -> list[str]:
    return [x for items in t.values() for x in items]


def reference_from_story(story: Story, origin: str) -> Reference:
    claims = []
    for c in story.claims:
        spec = c.spec
        claims.append(
            RefClaim(
                id=c.id,
                kind=c.kind,
                value=getattr(spec, "value", None) if c.kind == "quantity" else None,
                amount=getattr(spec, "amount", None) if c.kind == "report" else None,
                currency=getattr(spec, "currency", None) if c.kind == "report" else None,
                deadline=c.deadline,
            )
        )
    entities = []
    for e in story.entities:
        terms = [*_terms(e.aliases), e.name]
        names = frozenset(fold(t) for t in terms if not t.startswith("re:"))
        pats = tuple(re.compile(t[3:], re.I) for t in terms if t.startswith("re:"))
        entities.append(RefEntity(e.id, names, pats))
    return Reference(claims, entities, origin)


def _table_rows(section: str) -> list[list[str]]:
    """The rows of the section's first Markdown table, without its header row."""
    rows: list[list[str]] = []
    for line in section.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        if not re.match(r"^\|[\s|:-]+\|$", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows[1:]


def _section(text: str, heading: str) -> str:
    part = text.split(heading, 1)
    if len(part) < 2:
        raise ValueError(f"no {heading!r} section")
    return part[1].split("\n## ", 1)[0]


def reference_from_story_md(path: Path, dossier_path: Path) -> Reference:
    """Claim ids, kinds and figures from STORY.md's claims table; entities from the
    hand-written dossier's aliases when there is one, else from STORY.md's entity table."""
    text = path.read_text(encoding="utf-8")
    claims = []
    for row in _table_rows(_section(text, "## Claims to track")):
        cid, kind, fields = row[0].strip("`"), row[1], row[2]
        num = re.compile(r"^(?:value|amount) ([\d_.]+)")
        m = num.search(fields)
        figure = float(m.group(1).replace("_", "")) if m else None
        cur = re.search(r"currency ([A-Z]{3})", fields)
        day = re.search(r"deadline (\d{4}-\d{2}-\d{2})", fields)
        claims.append(
            RefClaim(
                id=cid,
                kind=kind,
                value=figure if kind == "quantity" else None,
                amount=figure if kind == "report" else None,
                currency=cur.group(1) if cur else ("USD" if kind == "report" else None),
                deadline=dt.date.fromisoformat(day.group(1)) if day else None,
            )
        )
    if dossier_path.is_file():
        entities = reference_from_story(load_story(dossier_path), "").entities
        origin = f"{path} (claims table) + {dossier_path} (entity aliases)"
    else:
        entities = [
            RefEntity(row[0].strip("`"), frozenset({fold(row[0].strip("`"))}), (), fold(row[1]))
            for row in _table_rows(_section(text, "## Entities of the story"))
        ]
        origin = f"{path} (claims and entity table)"
    return Reference(claims, entities, origin)


# --- source articles -------------------------------------------------------------------------


@dataclass
class Source:
    title: str
    body: str
    language: str
    published: dt.datetime


def story_md_source(path: Path) -> Source:
    """The "## Source article" of a STORY.md (as tests/claims/draft/test_draft_sources.py
    reads it): the published time and language from the heading, the title line (which may
    wrap) and the paragraphs, single line breaks joined."""
    text = path.read_text(encoding="utf-8")
    section = _section(text, "## Source article")
    heading, body = section.split("\n", 1)
    m = re.search(r"published (\S+?), (\w+)", heading)
    if m is None:
        raise ValueError(f"{path}: no published date and language in {heading!r}")
    published = dt.datetime.fromisoformat(m.group(1).replace("Z", "+00:00"))
    language = LANGUAGES[m.group(2).lower()]
    body = body.strip()
    t = re.search(r"^(?:Title|Título|Titel|Titre): (.*?)\n\n", body, re.S | re.M)
    if t is None:
        raise ValueError(f"{path}: no title line in the source article")
    title, body = " ".join(t.group(1).split()), body[t.end() :]
    return Source(title, re.sub(r"(?<!\n)\n(?!\n)", " ", body), language, published)


def seed_source(path: Path) -> Source:
    """The bundled story's seed article: no title line (the first line is the first
    paragraph, see seed/README.md), so the title is left to the drafter."""
    text = path.read_text(encoding="utf-8")
    return Source("", text, "es", dt.datetime(2024, 7, 10, 6, tzinfo=dt.UTC))


# --- mapping ---------------------------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * b


def same_claim(c: Mapping[str, Any], ref: RefClaim) -> bool:
    """The recovery test's `_same`: same kind, and the figure or deadline agrees."""
    if c.get("kind") != ref.kind:
        return False
    if ref.kind == "quantity" and ref.value is not None:
        return c.get("value") is not None and _close(float(c["value"]), ref.value)
    if ref.kind == "report" and ref.amount is not None:
        return (
            c.get("currency", "USD") == ref.currency
            and c.get("amount") is not None
            and _close(float(c["amount"]), ref.amount)
        )
    if ref.kind == "event":
        return _as_date(c.get("deadline")) == ref.deadline
    return True  # state, superlative: the kind is the test


def _as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def map_claims(draft: Mapping[str, Any], ref: Reference) -> tuple[dict[str, str], list[str]]:
    """(draft claim id -> reference claim id, reference claim ids left unmatched)."""
    used: dict[int, str] = {}
    missed = []
    claims = draft.get("claims", [])
    for rc in ref.claims:
        hit = next((i for i, c in enumerate(claims) if i not in used and same_claim(c, rc)), None)
        if hit is None:
            missed.append(rc.id)
        else:
            used[hit] = rc.id
    return {claims[i]["id"]: rid for i, rid in used.items()}, missed


def _draft_names(e: Mapping[str, Any]) -> list[str]:
    aliases = e.get("aliases", [])
    terms = list(aliases) if isinstance(aliases, list) else _terms(aliases)
    return [e.get("name", ""), *terms]


def _shared_names(names: list[str], ref: RefEntity) -> int:
    folded = {fold(n) for n in names if n}
    n = len(folded & ref.names)
    n += sum(1 for p in ref.patterns for x in names if x and p.fullmatch(x))
    return n


def _described_at(names: list[str], ref: RefEntity) -> int | None:
    """Where a draft name first occurs as a word in a STORY.md entity description."""
    spots = [
        m.start()
        for x in names
        if x
        for m in [re.search(rf"(?<!\w){re.escape(fold(x))}(?!\w)", ref.description)]
        if m
    ]
    return min(spots) if spots else None


def map_entities(draft: Mapping[str, Any], ref: Reference) -> dict[str, str]:
    """Draft entity id -> reference entity id, for the draft entities that share a name."""
    out = {}
    for e in draft.get("entities", []):
        names = _draft_names(e)
        best = max(
            ((_shared_names(names, r), -i, r.id) for i, r in enumerate(ref.entities)),
            default=(0, 0, ""),
        )
        if best[0] > 0:
            out[e["id"]] = best[2]
            continue
        spots = [
            (at, i, r.id)
            for i, r in enumerate(ref.entities)
            if r.description and (at := _described_at(names, r)) is not None
        ]
        if spots:
            out[e["id"]] = min(spots)[2]
    return out


def _free(wanted: str, taken: set[str]) -> str:
    out = wanted if wanted not in taken else f"draft-{wanted}"
    n = 2
    while out in taken:
        out, n = f"draft-{wanted}-{n}", n + 1
    return out


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def rename(
    draft: Mapping[str, Any],
    claim_map: Mapping[str, str],
    entity_map: Mapping[str, str],
    ref: Reference,
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """The draft with reference ids; returns it and the full claim and entity renamings
    (spurious claims and extra entities keep their ids, unless that id is taken)."""
    data = copy.deepcopy(dict(draft))
    data.pop("#", None)
    ref_claims = {c.id for c in ref.claims}
    ref_entities = {e.id for e in ref.entities}
    ents: dict[str, str] = dict(entity_map)
    taken = set(ref_entities) | set(entity_map.values())
    for e in data.get("entities", []):
        if e["id"] not in ents:
            ents[e["id"]] = _free(e["id"], taken)
            taken.add(ents[e["id"]])
    cls: dict[str, str] = dict(claim_map)
    taken = set(ref_claims) | set(claim_map.values())
    for c in data.get("claims", []):
        if c["id"] not in cls:
            cls[c["id"]] = _free(c["id"], taken)
            taken.add(cls[c["id"]])

    def ids(v: Iterable[str]) -> list[str]:
        return _dedupe(ents.get(x, x) for x in v)

    merged: dict[str, dict[str, Any]] = {}
    for e in data.get("entities", []):
        new = ents[e["id"]]
        e["id"] = new
        for ctx in e.get("contextual", []):
            ctx["near"] = ids(ctx.get("near", []))
        if "require_document" in e:
            e["require_document"] = ids(e["require_document"])
        if new not in merged:
            merged[new] = e
            continue
        first = merged[new]
        if isinstance(first.get("aliases"), list) and isinstance(e.get("aliases"), list):
            first["aliases"] = _dedupe([*first["aliases"], *e["aliases"]])
        first["contextual"] = [*first.get("contextual", []), *e.get("contextual", [])] or None
        if first["contextual"] is None:
            del first["contextual"]
    data["entities"] = list(merged.values())

    rel = data.get("relevance")
    if isinstance(rel, dict):
        for key in ("require_any", "support_any"):
            if key in rel:
                rel[key] = ids(rel[key])
        if "support_any" in rel:
            rel["support_any"] = [
                x for x in rel["support_any"] if x not in rel.get("require_any", [])
            ]
    att = data.get("attribution")
    if isinstance(att, dict) and "self" in att:
        att["self"] = ids(att["self"])
    for c in data.get("claims", []):
        c["id"] = cls[c["id"]]
        about = c.get("about", [])
        if about and all(isinstance(x, str) for x in about):
            c["about"] = ids(about)
        elif about:
            c["about"] = [ids(g) for g in about]
        if "not_with" in c:
            c["not_with"] = ids(c["not_with"])
    return data, cls, ents


# --- evaluation ------------------------------------------------------------------------------


@dataclass
class Result:
    scores: Scores
    entity_f1_dropped: float | None = None  # entity F1 with the extra entities left out
    spurious_verdicts: int = 0  # verdicts predicted for spurious claims
    seconds: float = 0.0


@dataclass
class Case:
    name: str
    story_id: str
    corpus: Path
    source: Callable[[], Source]
    reference: Callable[[], Reference]
    hand: Callable[[], Story | None]
    notes: list[str] = field(default_factory=list)


def _run(story: Story, corpus: Path, extra_entities: set[str], spurious: set[str]) -> Result:
    start = time.perf_counter()
    scores, preds = evaluate(story, corpus)
    result = Result(scores, seconds=time.perf_counter() - start)
    result.spurious_verdicts = sum(
        1 for p in preds.values() for c, st in p.stances.items() if c in spurious and st in VERDICTS
    )
    if extra_entities:
        articles, _ = load_corpus(corpus)
        labels = {a.id: a.labels for a in articles if a.labels is not None}
        kept: dict[str, Prediction] = {
            aid: replace(p, entities=p.entities - extra_entities) for aid, p in preds.items()
        }
        result.entity_f1_dropped = score(kept, labels).entities.f1
    return result


def _prf(p: PRF) -> str:
    return f"P={p.precision:.3f} R={p.recall:.3f} F1={p.f1:.3f} ({p.tp}/{p.fp}/{p.fn})"


def _statuses(s: Scores) -> str:
    """Equal statuses over every expected one; `score` leaves a claim the dossier lacks
    out of status_checked (it is only a mismatch), so it is added back here."""
    unknown = sum(1 for m in s.status_mismatches if m.endswith(": unknown claim"))
    total = s.status_checked + unknown
    equal = total - len(s.status_mismatches)
    return f"{equal}/{total} equal" + (f" ({unknown} missing)" if unknown else "")


def report(case: Case, verbose: bool) -> bool:
    """Draft, map, score and print one story; False when it could not be run."""
    print(f"=== {case.name}  (corpus {case.corpus})")
    try:
        src = case.source()
        ref = case.reference()
    except (OSError, ValueError, DossierError) as exc:
        print(f"  SKIPPED: {exc}\n")
        return False
    draft = draft_dossier(
        src.title, src.body, src.language, src.published, f"{case.story_id}-draft"
    )
    print(
        f"  source: {src.language}, published {src.published.isoformat()}, "
        f"title {src.title[:70]!r}{'...' if len(src.title) > 70 else ''}"
    )
    print(f"  reference ids: {ref.origin}")
    claim_map, missed = map_claims(draft, ref)
    entity_map = map_entities(draft, ref)
    n_claims, n_ents = len(draft.get("claims", [])), len(draft.get("entities", []))
    spurious_ids = [c["id"] for c in draft.get("claims", []) if c["id"] not in claim_map]
    print(
        f"  claims drafted {n_claims}, mapped {len(claim_map)}/{len(ref.claims)}, "
        f"spurious {len(spurious_ids)}; reference claims not drafted: {missed or 'none'}"
    )
    for c in draft.get("claims", []):
        target = claim_map.get(c["id"], "SPURIOUS")
        figure = c.get("value", c.get("amount", c.get("deadline", c.get("state", ""))))
        print(f"    claim  {c['id']:<34} {c['kind']:<11} {figure!s:<16} -> {target}")
    targets = set(entity_map.values())
    print(
        f"  entities drafted {n_ents}, mapped {len(entity_map)} "
        f"(onto {len(targets)}/{len(ref.entities)} reference entities); "
        f"not drafted: {sorted({e.id for e in ref.entities} - targets) or 'none'}"
    )
    for e in draft.get("entities", []):
        names = ", ".join(_draft_names(e)[1:])
        target = entity_map.get(e["id"], "extra (kept)")
        print(f"    entity {e['id']:<24} [{names[:40]}] -> {target}")
    if "#" in draft:
        print(f"  DRAFT NOTE: {draft['#']}")

    draft_result: Result | None = None
    try:
        data, cls, ents = rename(draft, claim_map, entity_map, ref)
        story = parse_story(data, f"draft of {case.name}")
    except DossierError as exc:
        print(f"  draft does not parse after renaming: {exc}")
    else:
        extra = {new for old, new in ents.items() if old not in entity_map}
        spurious = {cls[c] for c in spurious_ids}
        draft_result = _run(story, case.corpus, extra, spurious)

    hand_result: Result | None = None
    try:
        hand = case.hand()
    except (OSError, DossierError) as exc:
        print(f"  hand-written dossier unreadable: {exc}")
        hand = None
    if hand is not None:
        hand_result = _run(hand, case.corpus, set(), set())

    def col(r: Result | None, f: Callable[[Result], str]) -> str:
        return f(r) if r is not None else "-"

    rows: list[tuple[str, Callable[[Result], str]]] = [
        (
            "relevance F1",
            lambda r: (
                f"{r.scores.relevance.f1:.3f} ({r.scores.relevance.tp}/"
                f"{r.scores.relevance.fp}/{r.scores.relevance.fn})"
            ),
        ),
        (
            "entity F1",
            lambda r: (
                f"{r.scores.entities.f1:.3f} ({r.scores.entities.tp}/"
                f"{r.scores.entities.fp}/{r.scores.entities.fn})"
            ),
        ),
        (
            "entity F1, extras dropped",
            lambda r: (
                f"{r.entity_f1_dropped:.3f}"
                if r.entity_f1_dropped is not None
                else f"{r.scores.entities.f1:.3f}"
            ),
        ),
        ("verdict precision", lambda r: f"{r.scores.verdicts.precision:.3f}"),
        ("verdict recall", lambda r: f"{r.scores.verdicts.recall:.3f}"),
        (
            "verdicts tp/fp/fn",
            lambda r: f"{r.scores.verdicts.tp}/{r.scores.verdicts.fp}/{r.scores.verdicts.fn}",
        ),
        ("  fp from spurious claims", lambda r: str(r.spurious_verdicts)),
        ("statuses", lambda r: _statuses(r.scores)),
        ("seconds", lambda r: f"{r.seconds:.1f}"),
    ]
    print(f"  {'':<27} {'DRAFT':<22} HAND-WRITTEN")
    for label, f in rows:
        print(f"  {label:<27} {col(draft_result, f):<22} {col(hand_result, f)}")
    if hand is None:
        print("  (no hand-written dossier for this story)")
    for title, r in (("draft", draft_result), ("hand-written", hand_result)):
        if r is None:
            continue
        mism = r.scores.status_mismatches
        if mism:
            print(f"  {title} status mismatches: " + "; ".join(mism))
        if verbose:
            for m in r.scores.mistakes:
                print(f"    {title}: {m}")
    print()
    return True


def _maybe_story(path: Path) -> Story | None:
    return load_story(path) if path.is_file() else None


def _builtin(name: str) -> Story | None:
    return load_story(builtin_story_path(name))


def _builtin_reference(name: str) -> Reference:
    return reference_from_story(load_story(builtin_story_path(name)), f"claims/stories/{name}.toml")


def cases(shared: Path, blind: Path) -> list[Case | str]:
    """The stories to run, or a message saying why a group is skipped."""
    out: list[Case | str] = []
    if not shared.is_dir():
        out.append(
            f"SKIPPED xai-supercomputer, cybertruck, tsmc-arizona: {shared} is absent "
            "(../shared, the dev corpus and seed article, is not checked out here)"
        )
    else:
        out.append(
            Case(
                "xai-supercomputer",
                "xai-supercomputer",
                shared / "corpus" / "dev",
                partial(seed_source, shared / "seed" / "xai-supercomputer.es.txt"),
                partial(_builtin_reference, "xai-supercomputer"),
                partial(_builtin, "xai-supercomputer"),
            )
        )
        for name in ("cybertruck", "tsmc-arizona"):
            out.append(
                Case(
                    name,
                    name,
                    shared / "corpus" / name,
                    partial(story_md_source, shared / "corpus" / name / "STORY.md"),
                    partial(_builtin_reference, name),
                    partial(_builtin, name),
                )
            )
    new = blind / "newstory"
    if not new.is_dir():
        out.append(f"SKIPPED the unseen story: {new} is absent (/work/blind is not here)")
    else:
        out.append(
            Case(
                "intel-magdeburg (unseen)",
                "intel-magdeburg",
                new,
                partial(story_md_source, new / "STORY.md"),
                partial(reference_from_story_md, new / "STORY.md", new / "dossier.toml"),
                partial(_maybe_story, new / "dossier.toml"),
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--blind", type=Path, default=Path("/work/blind"))
    ap.add_argument("--story", action="append", help="run only stories whose name starts so")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every scoring mistake")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore", LanguageWarning)  # the dossiers' ja queries; not scored
    ran = 0
    for case in cases(args.shared.resolve(), args.blind):
        if isinstance(case, str):
            print(case + "\n")
            continue
        if args.story and not any(case.name.startswith(s) for s in args.story):
            continue
        ran += report(case, args.verbose)
    print(f"{ran} stor{'y' if ran == 1 else 'ies'} evaluated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
