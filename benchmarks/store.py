"""Write-path cost per stored article: the crawl pipeline's flush, replayed without Scrapy.

    python benchmarks/store.py [--n 2000] [--repeat 3] [--postgres URL] [--rebuild]

Builds N generated pages (benchmarks/webgen.py) into the records the
extraction workers hand to the pipeline (crawler.worker.process_page with the
bundled xAI story), once, cached as a pickle under /tmp keyed by N and the
seed (--rebuild after changing extraction or analysis).  Then replays
crawler/pipelines.py StorePipeline.flush() -- batches of 50 in one
transaction, upsert_article + replace_analysis for pages relevant to a story,
remember_seen for the rest -- into a fresh, migrated database, and prints the
milliseconds per stored article (wall clock and this process's CPU), in total
and split into upsert (of which near-duplicate linking and search indexing),
analysis, seen-only pages and commits.  SQLite always; PostgreSQL when
FOLLOWUP_TEST_POSTGRES_URL or --postgres names a server (a throw-away database
is created on it and dropped afterwards).

The digest line hashes what was stored (duplicate groups, analysis rows,
full-text search hits for a few queries), so a change that must not alter
results can be checked by comparing it before and after, and across dialects.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import pickle
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.worker import PageJob, PageResult, process_page

ROOT = Path(__file__).resolve().parents[1]
STORY_PATH = ROOT / "claims" / "stories" / "xai-supercomputer.toml"
BASE_URL = "http://bench.test"
BATCH = 50  # FOLLOWUP_BATCH_SIZE's default
FETCHED = datetime(2026, 1, 2, 12, tzinfo=UTC)
SEARCHES = (
    "xAI",
    "Colossus Memphis",
    '"Oracle" OR Nvidia',
    "孟菲斯",
    "cluster megavatios",
    "Colossus -Oracle",
    '"base fiscal"',
)

# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Record:
    """One page as the pipeline's buffer holds it: the source it came from and the worker's result."""

    source_name: str
    result: PageResult


_STORIES: Any = None


def _init_pool() -> None:
    global _STORIES
    from claims.dossier import load_story

    _STORIES = (load_story(STORY_PATH),)


def _process(job: PageJob) -> PageResult:
    return process_page(job, _STORIES, False)


def build_records(n: int, seed: int) -> list[Record]:
    """Generate the web and run every article page through the extraction worker's code."""
    from benchmarks.webgen import OUTLETS, article_path, generate_articles, generate_web

    pages = generate_web(n, BASE_URL, seed)
    outlets = {o.id: o for o in OUTLETS}
    jobs: list[tuple[str, PageJob]] = []
    for a in generate_articles(n, seed):
        outlet = outlets[a["outlet"]]
        path = article_path(a, outlet)
        page = pages[path]
        # the hints a feed entry gives the spider (crawler/spiders/news.py)
        jobs.append(
            (
                outlet.id,
                PageJob(
                    url=BASE_URL + path,
                    body=page.body,
                    content_type=page.content_type,
                    source_id=None,  # set at replay time from the database's source ids
                    fetched=FETCHED,
                    language_hint=outlet.language,
                    title_hint=a["title"],
                    published_hint=datetime.fromisoformat(a["published"]),
                    author_hint=a["author"],
                ),
            )
        )
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(os.cpu_count() or 1, initializer=_init_pool) as pool:
        results = pool.map(_process, [j for _, j in jobs], chunksize=16)
    return [Record(name, r) for (name, _), r in zip(jobs, results, strict=True)]


def load_records(n: int, seed: int, rebuild: bool) -> list[Record]:
    cache = Path(tempfile.gettempdir()) / f"followup-store-bench-v2-n{n}-s{seed}.pkl"
    if cache.exists() and not rebuild:
        with cache.open("rb") as fh:
            # plain tuples: a pickled class of __main__ would not load elsewhere
            records = [Record(name, result) for name, result in pickle.load(fh)]
        print(f"records: {len(records)} pages from {cache}")
        return records
    t = time.perf_counter()
    records = build_records(n, seed)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(
            [(r.source_name, r.result) for r in records], fh, protocol=pickle.HIGHEST_PROTOCOL
        )
    tmp.replace(cache)
    print(
        f"records: {len(records)} pages built in {time.perf_counter() - t:.1f} s, cached in {cache}"
    )
    return records


# ------------------------------------------------------------------ timing


@dataclass
class Clock:
    """Wall and CPU seconds spent per phase."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        w, c = time.perf_counter(), time.thread_time()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - w, time.thread_time() - c)

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name] = self.wall.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.phase(name):
                return fn(*args, **kwargs)

        return timed


@contextmanager
def instrumented(clock: Clock) -> Iterator[None]:
    """Time the parts of store_article that are looked up through module attributes."""
    from storage import repository, search

    saved = [
        (repository, "upsert_article", "upsert"),
        (repository, "replace_analysis", "analysis"),
        (repository, "_link_near_duplicates", "near-dup"),
        (search, "index_article", "index"),
    ]
    originals = [getattr(mod, name) for mod, name, _ in saved]
    for (mod, name, label), fn in zip(saved, originals, strict=True):
        setattr(mod, name, clock.wrap(label, fn))
    try:
        yield
    finally:
        for (mod, name, _), fn in zip(saved, originals, strict=True):
            setattr(mod, name, fn)


# ------------------------------------------------------------------ replay


def prepare(url: str) -> tuple[Any, Any, dict[str, int]]:
    """A migrated database with the generated web's sources and the bundled story loaded."""
    from benchmarks.webgen import web_sources
    from claims.dossier import load_story
    from scheduler.app import story_record
    from storage.engine import make_engine, make_session_factory, transaction
    from storage.migrate import upgrade
    from storage.repository import SourceSpec, sync_sources, sync_stories

    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    specs = [
        SourceSpec(s["name"], s["kind"], s["url"], s["schedule"], s["language"])
        for s in web_sources(BASE_URL)
    ]
    with transaction(factory) as s:
        ids = sync_sources(s, specs, FETCHED - timedelta(days=1))
        sync_stories(s, [story_record(load_story(STORY_PATH), STORY_PATH)], FETCHED)
    return engine, factory, ids


def replay(factory: Any, ids: dict[str, int], records: list[Record], clock: Clock) -> int:
    """crawler/pipelines.py StorePipeline.flush(), batch by batch; returns the stored count."""
    from storage import repository
    from storage.engine import transaction
    from storage.repository import remember_seen

    stored = 0
    keep_unmatched = False
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        now = FETCHED + timedelta(seconds=start)
        with clock.phase("total"):
            with transaction(factory) as session:
                for rec in batch:
                    r = rec.result
                    art = r.article
                    art.source_id = ids[rec.source_name]
                    # requested_url == url: the generated web has no redirects
                    if not r.relevant_to and not keep_unmatched:
                        with clock.phase("seen-only"):
                            remember_seen(
                                session,
                                url_hash=art.url_hash,
                                url=art.url,
                                title=art.title,
                                published=art.published,
                                source_id=art.source_id,
                                reason="unmatched",
                                now=now,
                            )
                        continue
                    res = repository.store_article(session, art, r.analyses, now)
                    stored += res.outcome == "new"
                wall, cpu = time.perf_counter(), time.thread_time()
            clock.add("commit", time.perf_counter() - wall, time.thread_time() - cpu)
    return stored


def digest(factory: Any) -> tuple[str, str]:
    """A hash of the stored results (independent of ids and dialect) and a one-line summary."""
    from sqlalchemy import func, select

    from storage.models import Article, ArticleEntity, ArticleStory, Evidence, SeenUrl
    from storage.queries import ArticleFilter, search_articles

    h = hashlib.sha256()
    with factory() as s:
        by_id = dict(s.execute(select(Article.id, Article.url_hash)).all())
        dups = sorted(
            (by_id[i], by_id[d] if d is not None else "")
            for i, d in s.execute(select(Article.id, Article.duplicate_of))
        )
        h.update(repr(dups).encode())

        def keyed(*columns: Any) -> list[tuple[Any, ...]]:
            """Rows of an article's table with the article id (first column) as its URL hash."""
            rows = sorted((by_id[row[0]], *row[1:]) for row in s.execute(select(*columns)))
            h.update(repr(rows).encode())
            return rows

        ents = keyed(
            ArticleEntity.article_id,
            ArticleEntity.story_id,
            ArticleEntity.entity_id,
            ArticleEntity.mentions,
        )
        evs = keyed(
            Evidence.article_id,
            Evidence.claim_id,
            Evidence.stance,
            Evidence.quote,
            Evidence.value,
            Evidence.rule,
        )
        links = keyed(ArticleStory.article_id, ArticleStory.story_id)
        hits = []
        for q in SEARCHES:
            found = search_articles(
                s, ArticleFilter(text=q, limit=100_000, include_duplicates=True)
            )
            hits.append(len(found))
            h.update(repr(sorted(by_id[r["id"]] for r in found)).encode())
        seen = int(s.scalar(select(func.count()).select_from(SeenUrl)) or 0)
    groups = sum(1 for _, d in dups if d)
    summary = (
        f"{len(dups)} articles ({groups} marked duplicates), {seen} seen-only, "
        f"{len(ents)} entity rows, {len(evs)} evidence rows, {len(links)} story links, "
        f"search hits {hits}"
    )
    return h.hexdigest()[:16], summary


@contextmanager
def database(kind: str, pg_admin: str | None) -> Iterator[str]:
    """A fresh database URL, removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="followup-store-") as folder:
            yield f"sqlite:///{Path(folder) / 'store.db'}"
        return
    import sqlalchemy as sa

    assert pg_admin is not None
    name = f"followup_bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(pg_admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


PHASES = (
    ("total", "everything (whole replay)"),
    ("write", "write cost: upsert + analysis"),
    ("upsert", "upsert_article"),
    ("near-dup", "  of which near-duplicate linking"),
    ("index", "  of which search indexing"),
    ("analysis", "replace_analysis"),
    ("seen-only", "remember_seen, all seen-only pages"),
    ("commit", "commits"),
)


def run(kind: str, url_admin: str | None, records: list[Record], repeat: int) -> None:
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    stored = 0
    result = ("", "")
    for _ in range(repeat):
        with database(kind, url_admin) as url:
            engine, factory, ids = prepare(url)
            clock = Clock()
            try:
                with instrumented(clock):
                    stored = replay(factory, ids, records, clock)
                result = digest(factory)
            finally:
                engine.dispose()
        for bucket in (clock.wall, clock.cpu):
            bucket["write"] = bucket.get("upsert", 0.0) + bucket.get("analysis", 0.0)
        for name, _ in PHASES:
            walls.setdefault(name, []).append(clock.wall.get(name, 0.0) * 1000 / stored)
            cpus.setdefault(name, []).append(clock.cpu.get(name, 0.0) * 1000 / stored)
    print(f"\n{kind}: {stored} stored, {len(records) - stored} seen-only; median of {repeat} runs")
    print(f"  {'ms per stored article':44s} {'wall':>7s} {'CPU':>7s}  (CPU: this thread's)")
    for name, label in PHASES:
        print(
            f"  {label:44s} {statistics.median(walls[name]):7.3f} {statistics.median(cpus[name]):7.3f}"
        )
    print(f"  digest {result[0]}: {result[1]}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=2000, help="generated article pages")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="fresh databases per dialect")
    ap.add_argument("--postgres", default=os.environ.get("FOLLOWUP_TEST_POSTGRES_URL"))
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached records")
    args = ap.parse_args()
    records = load_records(args.n, args.seed, args.rebuild)
    if not args.no_sqlite:
        run("sqlite", None, records, args.repeat)
    if args.postgres:
        run("postgresql", args.postgres, records, args.repeat)


if __name__ == "__main__":
    main()
