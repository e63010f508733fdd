"""End to end: the real CLI crawls the dev news web's feeds on 127.0.0.1 into SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DevWeb, followup, start_dev_web, write_config

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dev_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevWeb]:
    web = start_dev_web(tmp_path_factory.mktemp("web"))
    yield web
    web.server.stop()


def crawl_feeds(web: DevWeb, folder: Path, db_url: str) -> Path:
    cfg = write_config(folder, db_url, web.feed_sources(), allow=web.base.split("//")[1])
    followup("init", config=cfg)
    followup("crawl", config=cfg)
    return cfg


def query_json(cfg: Path, *args: str) -> list[dict[str, Any]]:
    return json.loads(followup("query", *args, "--format", "json", config=cfg).stdout)


def by_title(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["title"]: r for r in rows}


def test_feed_crawl_stores_relevant_articles_with_their_labels(
    dev_web: DevWeb, tmp_path: Path, db_url: str
) -> None:
    cfg = crawl_feeds(dev_web, tmp_path, db_url)
    rows = query_json(cfg, "--include-duplicates", "--limit", "1000")
    stored = by_title(rows)
    listed = dev_web.in_feeds()
    relevant = [a for a in listed if a["labels"]["relevant"]]
    lookalikes = [a for a in listed if not a["labels"]["relevant"]]
    found = [a for a in relevant if a["title"] in stored]
    false_pos = [a for a in lookalikes if a["title"] in stored and stored[a["title"]]["stories"]]
    recall = len(found) / len(relevant)
    precision = len(found) / max(1, len(found) + len(false_pos))
    print(
        f"\nfeed crawl: {len(relevant)} relevant listed, {len(found)} stored; recall {recall:.3f}, precision {precision:.3f}"
    )
    assert recall == 1.0, [a["id"] for a in relevant if a["title"] not in stored]
    assert false_pos == [], [a["id"] for a in false_pos]
    for a in found:
        row = stored[a["title"]]
        assert row["published"][:10] == a["published"][:10], a["id"]
        assert row["language"] == a["language"], a["id"]
        assert row["stories"] == ["xai-supercomputer"], a["id"]
        assert set(row["entities"]) == set(a["labels"]["entities"]), (a["id"], row["entities"])


def test_second_crawl_of_unchanged_web_stores_nothing(dev_web: DevWeb, tmp_path: Path) -> None:
    cfg = crawl_feeds(dev_web, tmp_path, f"sqlite:///{tmp_path / 'f.db'}")
    before = query_json(cfg, "--include-duplicates", "--limit", "1000")
    second = json.loads(followup("crawl", "--format", "json", config=cfg).stdout)
    assert second["new_articles"] == 0 and second["updated_articles"] == 0
    assert {s["outcome"] for s in second["sources"]} <= {"not_modified", "unchanged"}
    assert query_json(cfg, "--include-duplicates", "--limit", "1000") == before


def test_query_formats_agree_and_filters_work(dev_web: DevWeb, tmp_path: Path) -> None:
    cfg = crawl_feeds(dev_web, tmp_path, f"sqlite:///{tmp_path / 'q.db'}")
    as_json = query_json(cfg)
    jsonl = [
        json.loads(line)
        for line in followup("query", "--format", "jsonl", config=cfg).stdout.splitlines()
    ]
    assert jsonl == as_json
    rows = list(
        csv.DictReader(io.StringIO(followup("query", "--format", "csv", config=cfg).stdout))
    )
    assert [int(r["id"]) for r in rows] == [r["id"] for r in as_json]
    table = followup("query", config=cfg).stdout
    assert all(str(r["id"]) in table for r in as_json)

    es = query_json(cfg, "--lang", "es")
    assert es and all(r["language"] == "es" for r in es)
    since = query_json(cfg, "--since", "2024-09-01", "--until", "2024-12-31")
    assert since and all("2024-09-01" <= r["published"][:10] <= "2024-12-31" for r in since)
    ent = query_json(cfg, "--entity", "grok2", "--entity", "oracle")
    assert ent and all({"grok2", "oracle"} <= set(r["entities"]) for r in ent)
    src = query_json(cfg, "--source", "keji-qianxian")
    assert src and all(r["source"] == "keji-qianxian" for r in src)
    # full-text search finds words of the body, not only of the title
    body_word = query_json(cfg, "liquid-cooled")
    assert body_word and all("liquid" not in (r["title"] or "").lower() for r in body_word)
    zh = query_json(cfg, "孟菲斯")
    assert zh and all(r["language"] == "zh" for r in zh)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["query", "--story", "nope"], "unknown story"),
        (["query", "--since", "last tuesday"], "ISO 8601"),
        (["query", '"'], "unbalanced"),
        (["claims", "--as-of", "2024-13-45"], "ISO 8601"),
        (["crawl", "--source", "nope"], "unknown source"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    dev_web: DevWeb, tmp_path: Path, args: list[str], words: str
) -> None:
    cfg = write_config(
        tmp_path, f"sqlite:///{tmp_path / 'b.db'}", dev_web.feed_sources(), allow="127.0.0.1:1"
    )
    followup("init", config=cfg)
    proc = followup(*args, config=cfg, check=False)
    assert proc.returncode == 2, proc.stderr
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.postgres
def test_postgres_gives_the_same_rows_as_sqlite(
    dev_web: DevWeb, tmp_path: Path, postgres_url: str
) -> None:
    def comparable(cfg: Path) -> list[dict[str, Any]]:
        rows = query_json(cfg, "--include-duplicates", "--limit", "1000")
        titles = {r["id"]: r["title"] for r in rows}
        return sorted(
            (
                {
                    **{k: v for k, v in r.items() if k not in ("id", "fetched")},
                    "duplicate_of": titles.get(r["duplicate_of"]),
                }
                for r in rows
            ),
            key=lambda r: r["url"],
        )

    (tmp_path / "lite").mkdir()
    (tmp_path / "pg").mkdir()
    lite = comparable(
        crawl_feeds(dev_web, tmp_path / "lite", f"sqlite:///{tmp_path / 'lite' / 'x.db'}")
    )
    pg = comparable(crawl_feeds(dev_web, tmp_path / "pg", postgres_url))
    assert lite == pg
    assert len(lite) > 20
