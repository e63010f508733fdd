"""Query latency at scale: fill a database with N generated articles, time the CLI's queries.

    python benchmarks/query.py [--n 100000] [--db sqlite:///tmp/q.db | postgresql+psycopg://...]

Prints the median and p95 latency of (a) a two-term full-text query with a
date filter, (b) an entity filter query, (c) a plain date-ordered listing,
each as `followup query` runs it (storage.queries.search_articles).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from storage.engine import make_engine, make_session_factory, transaction
from storage.migrate import upgrade
from storage.models import Article, ArticleEntity, ArticleStory
from storage.queries import ArticleFilter, search_articles
from storage.repository import SourceSpec, StoryRecord, sync_sources, sync_stories
from storage.search import fold

WORDS = [
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "for",
    "with",
    "as",
    "by",
    "at",
    "from",
    "that",
    "this",
    "it",
    "is",
    "was",
    "were",
    "will",
    "be",
    "has",
    "have",
    "had",
    "said",
    "company",
    "market",
    "chips",
    "cluster",
    "data",
    "center",
    "power",
    "grid",
    "training",
    "model",
    "cloud",
    "deal",
    "talks",
    "billion",
    "servers",
    "racks",
    "cooling",
    "network",
    "engineers",
    "city",
    "council",
    "permit",
    "turbines",
    "energy",
    "gas",
    "regulators",
    "investors",
    "shares",
    "quarter",
    "revenue",
    "earnings",
    "forecast",
    "analysts",
    "growth",
    "supply",
    "demand",
    "prices",
    "rental",
    "startup",
    "funding",
    "round",
    "valuation",
    "lawsuit",
    "court",
    "ruling",
    "government",
    "policy",
    "election",
    "weather",
    "sports",
    "league",
    "season",
    "players",
    "coach",
    "museum",
    "exhibition",
    "codebreaker",
    "history",
    "software",
    "database",
    "security",
    "update",
]
TOPIC = [
    "xai",
    "memphis",
    "colossus",
    "nvidia",
    "h100",
    "oracle",
    "grok",
    "supercomputer",
    "gpu",
    "musk",
]
ENTITIES = ["xai", "colossus", "memphis", "nvidia", "h100", "oracle", "grok2", "musk"]


def body(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(300, 600))]
    for _ in range(rng.randint(0, 12)):
        words[rng.randrange(len(words))] = rng.choice(TOPIC)
    return " ".join(words)


def fill(url: str, n: int, seed: int = 7) -> None:
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    with transaction(factory) as s:
        sync_sources(s, [SourceSpec("bench", "feed", "http://bench.test/feed", "* * * * *")], now)
        sync_stories(s, [StoryRecord("xai-supercomputer", "xAI", "es", None, "x", {}, [])], now)
    rng = random.Random(seed)
    t0 = time.perf_counter()
    batch = 2000
    dialect = engine.dialect.name
    for start in range(0, n, batch):
        rows, search_rows, ents, links = [], [], [], []
        for i in range(start, min(n, start + batch)):
            b = body(rng)
            title = " ".join(rng.choice(WORDS + TOPIC) for _ in range(8))
            published = now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
            rows.append(
                {
                    "id": i + 1,
                    "url": f"http://bench.test/a/{i}",
                    "canonical_url": f"http://bench.test/a/{i}",
                    "url_hash": f"{i:032x}",
                    "title": title,
                    "author": None,
                    "published": published,
                    "fetched": now,
                    "updated": now,
                    "language": rng.choice(["en", "es", "zh"]),
                    "body": b,
                    "description": None,
                    "content_hash": f"{i:064x}",
                    "fingerprint": None,
                    "source_id": 1,
                    "duplicate_of": None,
                    "revisions": 1,
                    "needs_analysis": False,
                    "analysed_at": now,
                }
            )
            search_rows.append({"id": i + 1, "t": fold(title), "b": fold(b)})
            if rng.random() < 0.4:
                links.append(
                    {"article_id": i + 1, "story_id": "xai-supercomputer", "matched_at": now}
                )
                for e in rng.sample(ENTITIES, rng.randint(1, 4)):
                    ents.append(
                        {
                            "article_id": i + 1,
                            "story_id": "xai-supercomputer",
                            "entity_id": e,
                            "mentions": 1,
                        }
                    )
        with transaction(factory) as s:
            s.execute(insert(Article), rows)
            if dialect == "sqlite":
                s.execute(
                    text("INSERT INTO article_search(rowid, title, body) VALUES (:id, :t, :b)"),
                    search_rows,
                )
            else:
                s.execute(
                    text(
                        "INSERT INTO article_search(article_id, doc) VALUES (:id, to_tsvector('simple', :t || ' ' || :b))"
                    ),
                    search_rows,
                )
            if links:
                s.execute(insert(ArticleStory), links)
            if ents:
                s.execute(insert(ArticleEntity), ents)
    if dialect == "sqlite":
        with engine.connect() as c:
            c.exec_driver_sql("ANALYZE")
    else:
        with engine.connect() as c:
            c.exec_driver_sql("ANALYZE")
            c.commit()
    print(f"filled {n} articles in {time.perf_counter() - t0:.1f} s ({dialect})")
    engine.dispose()


def measure(url: str, runs: int) -> None:
    engine = make_engine(url, read_only=url.startswith("sqlite"))
    factory = make_session_factory(engine)
    since = datetime(2024, 6, 1, tzinfo=UTC)
    cases = {
        "two-term full-text + date filter": ArticleFilter(text="memphis turbines", since=since),
        "full-text phrase": ArticleFilter(text='"data center"'),
        "entity filter (2 entities, story)": ArticleFilter(
            story="xai-supercomputer", entities=("xai", "h100")
        ),
        "latest 50, language filter": ArticleFilter(language="es"),
    }
    for name, f in cases.items():
        times = []
        hits = 0
        for _ in range(runs):
            with factory() as s:
                t = time.perf_counter()
                hits = len(search_articles(s, f))
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(
            f"{name:38s} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms   ({hits} rows)"
        )
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", help="database URL (default: a fresh SQLite file in a temp folder)")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument(
        "--reuse", action="store_true", help="do not fill; measure an existing database"
    )
    args = ap.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    if not args.reuse:
        fill(url, args.n)
    measure(url, args.runs)


if __name__ == "__main__":
    main()
