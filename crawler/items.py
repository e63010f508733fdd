"""What the spider hands to the pipeline: a downloaded article page and what the feed said of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class PageItem:
    source_id: int | None
    url: str  # the final URL, after redirects
    requested_url: str  # the URL the feed, sitemap or listing gave
    body: bytes
    content_type: str | None
    fetched: datetime
    language_hint: str | None = None
    title_hint: str | None = None
    published_hint: datetime | None = None
    author_hint: str | None = None
