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


def test_the_download_handler_is_imported_with_source_free_frames() -> None:
    """Scrapy's deprecated-class shims still name their module right, and inspect.stack
    is itself again afterwards."""
    import subprocess
    import sys

    code = (
        "import inspect\n"
        "from crawler.tuning import import_without_frame_sources\n"
        "original = inspect.stack\n"
        "import_without_frame_sources('crawler.handlers')\n"
        "assert inspect.stack is original\n"
        "from scrapy.core.downloader import contextfactory\n"
        "print(contextfactory.ScrapyClientContextFactory.__module__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.strip() == "scrapy.core.downloader.contextfactory"


def test_frames_without_source_are_inspect_stacks_frames() -> None:
    import inspect

    from crawler.tuning import frames_without_source

    ours, theirs = frames_without_source(), inspect.stack(0)  # one line: the same frames
    assert [(f.frame, f.filename, f.lineno, f.function) for f in ours] == [
        (f.frame, f.filename, f.lineno, f.function) for f in theirs
    ]
    assert len(ours) > 3 and all(f.code_context is None for f in ours)


def test_the_crawl_runs_with_its_start_up_frozen_and_a_lazier_young_generation() -> None:
    """What loaded before the reactor starts is frozen (the collector's full passes skip
    it) and the youngest generation is collected every 5,000 allocations."""
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from scheduler.crawl import run_spider\n"
        "_, _, reason = run_spider({'FOLLOWUP_DATABASE_URL': None, 'LOG_LEVEL': 'ERROR'}, [])\n"
        "print(reason, gc.get_freeze_count() > 10_000, gc.get_threshold()[0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["finished", "True", "5000"]
