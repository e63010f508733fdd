"""What a crawl learned about each source, for the caller to record (the crawler writes no source state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class DocumentState:
    """Validators of one fetched document (feed, sitemap, listing page)."""

    url: str
    url_hash: str
    status: int
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass
class SourceReport:
    source_id: int
    name: str
    outcome: str = "pending"  # ok | not_modified | unchanged | error
    error: str | None = None
    http_status: int | None = None
    retry_after_s: float | None = None
    entries: int = 0
    requested: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_unmatched: int = 0
    page_errors: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    documents: list[DocumentState] = field(default_factory=list)

    def drop(self, reason: str, n: int = 1) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + n

    def fail(self, reason: str, status: int | None = None) -> None:
        """The source's own document failed; the first failure is the one shown."""
        if self.outcome != "error":
            self.outcome, self.error = "error", reason
            self.http_status = status

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.name,
            "outcome": self.outcome,
            "error": self.error,
            "http_status": self.http_status,
            "entries": self.entries,
            "requested": self.requested,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped_unmatched": self.skipped_unmatched,
            "page_errors": self.page_errors,
            "dropped": dict(self.dropped),
        }
