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


def test_fork_server_preload_compiles_the_crawls_dossiers(tmp_path: Any) -> None:
    """The preload compiles the dossiers the crawl names, so forked workers find them
    compiled; a dossier it cannot read is left for the worker to report."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from claims.dossier import builtin_story_path
    from crawler.jobs import PRELOAD_STORIES_ENV

    story = str(builtin_story_path("xai-supercomputer"))
    code = (
        "import json, crawler.preload\n"
        "from pathlib import Path\n"
        "from claims.compiled import _CACHE\n"
        "from claims.dossier import load_story, story_fingerprint\n"
        f"s = load_story(Path({story!r}))\n"
        "cs = _CACHE.get(story_fingerprint(s))\n"
        "print(json.dumps([len(_CACHE), cs is not None and bool(cs.claims['gpu-count'].terms)"
        " and all(m._cache for m in cs.claims['gpu-count'].terms.values() if m)]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    missing = str(tmp_path / "missing.toml")
    for paths, expect in (([missing, story], [1, True]), ([], [0, False])):
        env = {**os.environ, PRELOAD_STORIES_ENV: os.pathsep.join(paths)}
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert json.loads(out) == expect


def test_fork_server_context_names_the_dossiers(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from crawler.jobs import PRELOAD_STORIES_ENV, fork_server_context

    monkeypatch.delenv(PRELOAD_STORIES_ENV, raising=False)
    ctx = fork_server_context(("/a/one.toml", "/b/two.toml"))
    assert ctx.get_start_method() == "forkserver"
    assert os.environ[PRELOAD_STORIES_ENV] == os.pathsep.join(["/a/one.toml", "/b/two.toml"])


def test_ready_pool_only_once_the_workers_are_spawned() -> None:
    import threading

    crawler = get_crawler(
        settings_dict={"FOLLOWUP_DATABASE_URL": "sqlite://", "FOLLOWUP_EXTRACT_WORKERS": 2}
    )
    p = StorePipeline.from_crawler(crawler)
    assert p.ready_pool() is None  # no pool yet
    gate = threading.Event()
    spawner = threading.Thread(target=gate.wait)
    spawner.start()
    p._pool, p._spawner = object(), spawner  # type: ignore[assignment]
    assert p.ready_pool() is None  # workers still being spawned
    gate.set()
    spawner.join()
    assert p.ready_pool() is p._pool
    p._pool = p._spawner = None


def _fork_server_state() -> tuple[bool, int]:
    import gc

    import crawler.preload

    return crawler.preload.IN_FORK_SERVER, gc.get_freeze_count()


def test_only_the_fork_server_freezes_its_objects_and_skips_the_orderly_shutdown() -> None:
    """The fork server freezes what it preloaded (its workers' collectors never walk it)
    and leaves through os._exit (it holds the crawl's output streams while it shuts
    down); a script that imports the preload does neither and keeps its exit code."""
    import subprocess
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from crawler.jobs import fork_server_context

    with ProcessPoolExecutor(max_workers=1, mp_context=fork_server_context(())) as pool:
        in_server, frozen = pool.submit(_fork_server_state).result(timeout=120)  # a fork of it
    assert in_server is True and frozen > 10_000
    script = (
        "import gc, sys, crawler.preload\n"
        "sys.exit(3 if not crawler.preload.IN_FORK_SERVER and not gc.get_freeze_count() else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 3
