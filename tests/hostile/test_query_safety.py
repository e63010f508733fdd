"""Query safety: SQL and FTS syntax in `followup query` text gives results or a clear error.

Never a traceback, never a changed database: the query is run read-only and
its text only ever becomes bound parameters and quoted FTS phrases.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from scheduler.demo.server import NewsWebServer
from tests.helpers import followup
from tests.hostile.cases import HEALTHY_TITLES
from tests.hostile.harness import query_json, require_pipeline, write_config

pytestmark = pytest.mark.slow

HOSTILE_TEXT = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "xAI') UNION SELECT sql, 1, 1 FROM sqlite_master --",
    "colossus; DELETE FROM articles",
    "NEAR(xai colossus, 2)",
    '"unbalanced phrase',
    "title:colossus",
    "articles_fts MATCH 'x'",
    "* OR ^xai",
    "xai AND OR NOT",
    "-colossus",
    "(((",
    "\\x00 \\' %_%",
    "%",
    "🙂" * 50,
    "x" * 5000,
]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, healthy: NewsWebServer) -> Path:
    require_pipeline()
    folder = tmp_path_factory.mktemp("query")
    cfg = write_config(
        folder,
        f"sqlite:///{folder / 'q.db'}",
        [{"name": "healthy", "kind": "feed", "url": f"http://localhost:{healthy.port}/feed.xml"}],
        allow_hosts=[f"localhost:{healthy.port}"],
    )
    followup("init", config=cfg)
    followup("crawl", config=cfg)
    with sqlite3.connect(folder / "q.db") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return cfg


def _fingerprint(db: Path) -> tuple[str, list[tuple[str, int]]]:
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        counts = [(t, conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables]
    return digest, counts


def test_hostile_query_text_gives_results_or_a_clear_error(stored: Path) -> None:
    db = stored.parent / "q.db"
    before = _fingerprint(db)
    outcomes = []
    for text in HOSTILE_TEXT:
        # "--": text starting with "-" is text, not an option (--config goes before the command)
        proc = followup(
            "--config", str(stored), "query", "--format", "json", "--", text, check=False
        )
        assert "Traceback" not in proc.stderr, (text, proc.stderr[-2000:])
        if proc.returncode == 0:
            rows = json.loads(proc.stdout)
            assert isinstance(rows, list)
            outcomes.append(f"{len(rows)} rows")
        else:
            assert proc.returncode == 2, (text, proc.returncode, proc.stderr)
            errors = [
                line for line in proc.stderr.splitlines() if line.startswith("followup: error:")
            ]
            assert errors, proc.stderr
            outcomes.append(errors[0][:80])
    for text, out in zip(HOSTILE_TEXT, outcomes, strict=True):
        print(f"  {text[:40]!r:44} -> {out}")
    assert sum(o.endswith(" rows") for o in outcomes) >= len(HOSTILE_TEXT) // 2, outcomes
    assert not any("unrecognized arguments" in o for o in outcomes), outcomes
    assert _fingerprint(db) == before
    assert {r["title"] for r in query_json(stored)} == set(HEALTHY_TITLES)


def test_queries_open_the_database_read_only(stored: Path) -> None:
    """A query works on a database file the user may only read (so it cannot write to it)."""
    db = stored.parent / "q.db"
    if os.geteuid() == 0:
        # root ignores file modes: check instead that the query left the file's bytes alone
        before = _fingerprint(db)
        followup("query", "colossus", config=stored)
        assert _fingerprint(db) == before
        return
    mode = db.stat().st_mode
    db.chmod(stat.S_IRUSR)
    try:
        proc = followup("query", "colossus", "--format", "json", config=stored)
        assert json.loads(proc.stdout)
    finally:
        db.chmod(mode)
