"""What a crawl hands to storage: plain data, no SQLAlchemy.

The extraction workers build these; importing them must not load the ORM
(about 25 MB a process), so they live apart from storage.repository, which
re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass
class ArticleData:
    """An extracted article, ready to store."""

    url: str
    canonical_url: str
    url_hash: str
    title: str | None
    author: str | None
    published: datetime | None
    language: str | None
    body: str
    description: str | None
    content_hash: str
    fetched: datetime
    source_id: int | None = None
    fingerprint: bytes | None = None
    band_keys: Sequence[int] = ()
    duplicate_hint: str | None = None  # URL hash of the page this one names as its canonical


@dataclass(frozen=True)
class EvidenceRecord:
    claim_id: str
    stance: str
    quote: str
    value: str | None
    rule: str
    confidence: float = 1.0
    classifier: str = "rules"


@dataclass(frozen=True)
class StoryAnalysis:
    story_id: str
    relevant: bool
    entities: Mapping[str, int]
    evidence: Sequence[EvidenceRecord] = ()
