"""When the store pipeline starts its fork server and workers: only when pages will come."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.middlewares import EXPECT_META
from crawler.pipelines import StorePipeline


class Recording(StorePipeline):
    """The real decisions; the process starts recorded instead of made."""

    warmed = 0
    started = 0

    def _warm_fork_server(self) -> None:
        self.warmed += 1

    def _executor(self) -> Any:
        self.started += 1
        return None


@pytest.fixture
def pipeline() -> Recording:
    crawler = get_crawler(
        settings_dict={"FOLLOWUP_DATABASE_URL": "sqlite://", "FOLLOWUP_EXTRACT_WORKERS": 2}
    )
    p = Recording.from_crawler(crawler)
    assert isinstance(p, Recording)
    return p


FEED = "http://news.test/feed.xml"
PAGE = "http://news.test/2024/07/story.html"


@pytest.mark.parametrize(
    ("url", "meta", "status", "warms"),
    [
        (FEED, {"source_id": 1}, 200, 1),  # a changed feed: pages are likely, warm up now
        (FEED, {"source_id": 1}, 304, 0),  # an unchanged feed: nothing to extract
        (PAGE, {"source_id": 1, EXPECT_META: "html"}, 200, 0),  # pages come after the feed
        ("http://news.test/robots.txt", {}, 200, 0),  # not a source's document
    ],
)
def test_fork_server_warms_up_only_for_a_changed_source_document(
    pipeline: Recording, url: str, meta: dict[str, Any], status: int, warms: int
) -> None:
    request = Request(url, meta=meta)
    pipeline.response_received(Response(url, status=status, request=request), request, None)  # type: ignore[arg-type]
    assert pipeline.warmed == warms


def test_workers_start_with_the_first_page_request(pipeline: Recording) -> None:
    pipeline.request_scheduled(Request(FEED, meta={"source_id": 1}), None)  # type: ignore[arg-type]
    assert pipeline.started == 0
    pipeline.request_scheduled(Request(PAGE, meta={EXPECT_META: "html"}), None)  # type: ignore[arg-type]
    assert pipeline.started == 1


def test_in_process_extraction_never_warms_a_fork_server() -> None:
    crawler = get_crawler(
        settings_dict={"FOLLOWUP_DATABASE_URL": "sqlite://", "FOLLOWUP_EXTRACT_WORKERS": -1}
    )
    p = Recording.from_crawler(crawler)
    assert isinstance(p, Recording)
    request = Request(FEED, meta={"source_id": 1})
    p.response_received(Response(FEED, status=200, request=request), request, None)  # type: ignore[arg-type]
    assert p.warmed == 0
