"""What the crawl process sends to an extraction worker, and what comes back.

Plain picklable data, apart from crawler.worker so that the crawl process
can build jobs without importing the extraction stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from storage.records import ArticleData, StoryAnalysis

__all__ = ["PageJob", "PageResult"]


@dataclass(frozen=True)
class PageJob:
    url: str
    body: bytes
    content_type: str | None
    source_id: int | None
    fetched: datetime
    language_hint: str | None = None
    title_hint: str | None = None
    published_hint: datetime | None = None
    author_hint: str | None = None


@dataclass
class PageResult:
    """The article as it will be stored, and what every story makes of it."""

    article: ArticleData
    analyses: list[StoryAnalysis] = field(default_factory=list)
    relevant_to: list[str] = field(default_factory=list)


def start_worker(story_paths: tuple[str, ...], keep_unmatched: bool) -> None:
    """Pool initializer, by reference to this light module (the fork server has the heavy one)."""
    from crawler.worker import init_worker

    init_worker(story_paths, keep_unmatched)


def run_job(job: PageJob) -> PageResult:
    """Pool task: crawler.worker.process_page, without the crawl process importing it."""
    from crawler.worker import process_page

    return process_page(job)
