"""When a crawl starts its extraction workers' fork server before loading Scrapy."""

from __future__ import annotations

import pytest

from crawler.plan import SourceJob, Validators
from scheduler.crawl import workers_surely_needed

KNOWN = SourceJob(1, "known", "feed", "http://a.test/feed.xml", documents={"h1": Validators('"e"')})
NEW = SourceJob(2, "new", "feed", "http://b.test/feed.xml")


@pytest.mark.parametrize(
    ("jobs", "workers", "expected"),
    [
        ([NEW], 0, True),  # a first visit downloads its feed whole: pages will come
        ([KNOWN, NEW], 2, True),
        ([KNOWN], 0, False),  # may all answer 304: an unchanged crawl starts nothing
        ([NEW], -1, False),  # in-process extraction has no workers
        ([], 0, False),
    ],
)
def test_workers_surely_needed(jobs: list[SourceJob], workers: int, expected: bool) -> None:
    assert workers_surely_needed(jobs, workers) is expected


def test_first_visit_is_no_stored_document() -> None:
    assert NEW.first_visit and not KNOWN.first_visit
