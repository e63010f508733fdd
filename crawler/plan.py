"""What a crawl is asked to do: the sources, and what the database remembers of their documents.

Plain data, free of Scrapy, so the scheduler can plan a crawl (and start its
extraction workers) before the crawl process has loaded Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(frozen=True)
class SourceJob:
    """One source to visit in this crawl, with what the database remembers of its documents."""

    id: int
    name: str
    kind: str  # feed | search | sitemap | site
    url: str
    language: str | None = None
    follow: str | None = None
    max_pages: int = 50
    queries: tuple[str, ...] = ()
    documents: dict[str, Validators] = field(default_factory=dict)  # url_hash -> validators

    @property
    def first_visit(self) -> bool:
        """Never fetched: its documents will be downloaded whole, and their pages will come."""
        return not self.documents
