"""Score predictions against a labelled corpus (dev corpus, held-out fixtures, crawled data).

Corpus format (../shared/corpus/dev): `articles/*.json` hold lists of articles with `id`,
`title`, `body` (list of paragraphs), `language`, `published` and `labels` (`relevant`,
`entities`, `claims` {claim id: stance}, `duplicate_of`); `expected.json` holds claim
statuses at several as-of dates. Duplicates (labels.duplicate_of set) count once: they
are skipped for verdicts and statuses.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dossier import Story
from .evidence import Evidence, StanceClassifier, analyse
from .matching import is_relevant, match_entities
from .status import VERDICTS, claim_status, end_of_day

__all__ = [
    "PRF",
    "Article",
    "Labels",
    "Prediction",
    "Scores",
    "evaluate",
    "expected_statuses",
    "load_corpus",
    "predict",
    "score",
]


@dataclass(frozen=True)
class Labels:
    """Ground truth for one article (LABELS.md)."""

    relevant: bool
    entities: frozenset[str]
    claims: Mapping[str, str]
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Article:
    """A corpus article: headline, body paragraphs joined, and optional labels."""

    id: str
    title: str
    body: str
    language: str | None
    published: dt.datetime | None
    labels: Labels | None = None


@dataclass(frozen=True)
class Prediction:
    """What the pipeline concluded about one article (the evaluation's input)."""

    article_id: str
    relevant: bool
    entities: frozenset[str]
    stances: Mapping[str, str]
    published: dt.datetime | None
    evidence: tuple[Evidence, ...] = ()


@dataclass
class PRF:
    """Counts and precision/recall/F1 (1.0 when there is nothing to find or claim)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn})"
        )


@dataclass
class Scores:
    """Evaluation figures plus the individual mistakes, for printing."""

    relevance: PRF = field(default_factory=PRF)
    entities: PRF = field(default_factory=PRF)
    verdicts: PRF = field(default_factory=PRF)
    status_checked: int = 0
    status_mismatches: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)

    @property
    def status_ok(self) -> bool:
        return not self.status_mismatches

    def summary(self) -> str:
        lines = [
            f"relevance: {self.relevance}",
            f"entities:  {self.entities}",
            f"verdicts:  {self.verdicts}",
            f"statuses:  {self.status_checked - len(self.status_mismatches)}/{self.status_checked} equal",
        ]
        lines += [f"  status mismatch: {m}" for m in self.status_mismatches]
        lines += [f"  {m}" for m in self.mistakes]
        return "\n".join(lines)

    def failures(
        self,
        relevance_f1: float = 0.97,
        entity_f1: float = 0.95,
        verdict_precision: float = 0.90,
        verdict_recall: float = 0.85,
        status_mismatches: int = 0,
    ) -> list[str]:
        """The thresholds this evaluation misses (empty when it passes); by default the
        targets of the claim-engine issue, every status right."""
        out = []
        if self.relevance.f1 < relevance_f1:
            out.append(f"relevance F1 {self.relevance.f1:.3f} < {relevance_f1}")
        if self.entities.f1 < entity_f1:
            out.append(f"entity F1 {self.entities.f1:.3f} < {entity_f1}")
        if self.verdicts.precision < verdict_precision:
            out.append(f"verdict precision {self.verdicts.precision:.3f} < {verdict_precision}")
        if self.verdicts.recall < verdict_recall:
            out.append(f"verdict recall {self.verdicts.recall:.3f} < {verdict_recall}")
        if len(self.status_mismatches) > status_mismatches:
            out.append(f"{len(self.status_mismatches)} claim statuses differ (at most {status_mismatches})")
        return out


def _parse_time(v: Any) -> dt.datetime | None:
    if not v:
        return None
    t = dt.datetime.fromisoformat(str(v).replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def _labels(raw: Mapping[str, Any] | None) -> Labels | None:
    if raw is None:
        return None
    return Labels(
        relevant=bool(raw.get("relevant")),
        entities=frozenset(raw.get("entities") or ()),
        claims=dict(raw.get("claims") or {}),
        duplicate_of=raw.get("duplicate_of"),
    )


def load_corpus(directory: Path) -> tuple[list[Article], dict[str, Any] | None]:
    """Articles of a corpus directory (articles/*.json, or *.json) and its expected.json."""
    directory = Path(directory)
    files = sorted((directory / "articles").glob("*.json")) or sorted(
        p for p in directory.glob("*.json") if p.name != "expected.json"
    )
    articles: list[Article] = []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        for raw in data if isinstance(data, list) else [data]:
            body = raw.get("body") or ""
            articles.append(
                Article(
                    id=str(raw["id"]),
                    title=raw.get("title") or "",
                    body="\n\n".join(body) if isinstance(body, list) else str(body),
                    language=raw.get("language"),
                    published=_parse_time(raw.get("published")),
                    labels=_labels(raw.get("labels")),
                )
            )
    exp = directory / "expected.json"
    expected = json.loads(exp.read_text(encoding="utf-8")) if exp.is_file() else None
    return articles, expected


def predict(story: Story, article: Article, classifier: StanceClassifier | None = None) -> Prediction:
    """Run entity matching, the relevance rule and (for relevant articles) the analysis."""
    counts = match_entities(story, article.title, article.body, article.language)
    relevant = is_relevant(story, counts)
    evidence: list[Evidence] = []
    if relevant:
        evidence = analyse(story, article.title, article.body, article.language, article.published, classifier)
    return Prediction(
        article_id=article.id,
        relevant=relevant,
        entities=frozenset(counts),
        stances={e.claim_id: e.stance for e in evidence},
        published=article.published,
        evidence=tuple(evidence),
    )


def score(
    predictions: Mapping[str, Prediction] | Iterable[Prediction],
    labels: Mapping[str, Labels],
    expected: Mapping[str, Any] | None = None,
    story: Story | None = None,
) -> Scores:
    """Compare predictions with labels (keyed by article id).

    Relevance and entities are scored over every labelled article (micro-averaged);
    verdict pairs (article, claim, stance in supports/contradicts/updates) and statuses
    skip labelled duplicates. A labelled article without prediction counts as predicted
    irrelevant with nothing found. Statuses need `expected` and the `story`.
    """
    preds = dict(predictions) if isinstance(predictions, Mapping) else {p.article_id: p for p in predictions}
    s = Scores()
    for aid, lab in sorted(labels.items()):
        pred = preds.get(aid)
        relevant = pred.relevant if pred else False
        ents = pred.entities if pred else frozenset()
        if relevant and lab.relevant:
            s.relevance.tp += 1
        elif relevant:
            s.relevance.fp += 1
            s.mistakes.append(f"{aid}: predicted relevant, labelled not")
        elif lab.relevant:
            s.relevance.fn += 1
            s.mistakes.append(f"{aid}: predicted not relevant, labelled relevant")
        s.entities.tp += len(ents & lab.entities)
        s.entities.fp += len(ents - lab.entities)
        s.entities.fn += len(lab.entities - ents)
        if ents != lab.entities:
            s.mistakes.append(
                f"{aid}: entities extra={sorted(ents - lab.entities)} missing={sorted(lab.entities - ents)}"
            )
        if lab.duplicate_of:
            continue
        got = {c: st for c, st in (pred.stances.items() if pred else ()) if st in VERDICTS}
        want = {c: st for c, st in lab.claims.items() if st in VERDICTS}
        for c in sorted(set(got) | set(want)):
            g, w = got.get(c), want.get(c)
            if g and g == w:
                s.verdicts.tp += 1
                continue
            if g:
                s.verdicts.fp += 1
            if w:
                s.verdicts.fn += 1
            shown = pred.stances.get(c) if pred else None
            s.mistakes.append(f"{aid} {c}: predicted {shown or '-'}, labelled {lab.claims.get(c, '-')}")
    if expected and story is not None:
        for point in expected.get("as_of", []):
            day = dt.date.fromisoformat(str(point["date"])[:10])
            as_of = end_of_day(day)
            for cid, want_status in point.get("claims", {}).items():
                try:
                    claim = story.claim(cid)
                except KeyError:
                    s.status_mismatches.append(f"{day} {cid}: unknown claim")
                    continue
                ev = [
                    (p.stances[cid], p.published)
                    for aid, p in preds.items()
                    if cid in p.stances and not (labels.get(aid) and labels[aid].duplicate_of)
                ]
                got_status = claim_status(claim, ev, as_of)
                s.status_checked += 1
                if got_status != want_status:
                    s.status_mismatches.append(f"{day} {cid}: got {got_status}, expected {want_status}")
    return s


def expected_statuses(story: Story, articles: Iterable[Article], dates: Iterable[dt.date]) -> dict[str, Any]:
    """The expected.json a labelled corpus implies: each claim's status at each date,
    from the labelled stances (duplicates counted once)."""
    labelled = [a for a in articles if a.labels is not None and not a.labels.duplicate_of]
    points = []
    for day in dates:
        claims = {}
        for claim in story.claims:
            ev = [
                (a.labels.claims[claim.id], a.published)
                for a in labelled
                if a.labels is not None and claim.id in a.labels.claims
            ]
            claims[claim.id] = claim_status(claim, ev, end_of_day(day))
        points.append({"date": day.isoformat(), "claims": claims})
    return {"story": story.id, "as_of": points}


def evaluate(
    story: Story, directory: Path, classifier: StanceClassifier | None = None
) -> tuple[Scores, dict[str, Prediction]]:
    """Predict every article of a corpus directory and score it."""
    articles, expected = load_corpus(directory)
    preds = {a.id: predict(story, a, classifier) for a in articles}
    labels = {a.id: a.labels for a in articles if a.labels is not None}
    return score(preds, labels, expected, story), preds
