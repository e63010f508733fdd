"""Distributed ingest: the generated news web crawled by `followup run --distributed` and 1 or 2 workers.

    FOLLOWUP_TEST_POSTGRES_URL=postgresql+psycopg://... python benchmarks/distributed.py [--n 2000] [--workers 1,2]

For each number of workers: a fresh PostgreSQL database, a fresh redis-server
of its own on 127.0.0.1, the generated web (benchmarks/webgen.py, ten feeds:
ten crawl jobs) on loopback, `followup init`, the workers, then the scheduler;
timed from the scheduler's start until every source was fetched and the
queues are empty. Prints pages/s and where the time goes: the jobs' own
duration (the crawl's `run_crawl`, of which the spider), what each job costs
around it (a `followup crawl` child: Python, imports, Scrapy), how busy the
workers were, CPU a page of all followup processes, and the database's load
(commits and rows written). Shared politeness is on, at 16 requests in flight
and 1 ms spacing (every request takes a place at its host from Redis; one
host serves the whole web).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from benchmarks.ingest import generated_web
from benchmarks.webgen import web_sources

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = os.environ.get("FOLLOWUP_TEST_REDIS_SERVER") or shutil.which("redis-server")
    if not binary:
        raise SystemExit("no redis-server: apt-get install redis-server")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    import redis

    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0"


def fresh_database(admin: str) -> str:
    name = f"followup_bench_{uuid.uuid4().hex[:8]}"
    eng = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return sa.engine.make_url(admin).set(database=name).render_as_string(hide_password=False)


def write_config(folder: Path, base: str, db: str, broker: str, per_job: int) -> Path:
    lines = [
        "[database]", f'url = "{db}"', "",
        "[crawl]", f'allow_hosts = ["{base.split("//")[1]}"]', "concurrent_requests = 32",
        "concurrent_requests_per_domain = 16", "autothrottle = false", "",
        "[distributed]", f'broker = "{broker}"', "domain_delay_s = 0.001", "domain_concurrency = 16", f"sources_per_job = {per_job}", "",
        "[[stories]]", 'path = "builtin:xai-supercomputer"',
    ]  # fmt: skip
    for s in web_sources(base):
        lines += ["", "[[sources]]"] + [f'{k} = "{v}"' for k, v in s.items()]
    p = folder / "followup.toml"
    p.write_text("\n".join(lines) + "\n")
    return p


def done(eng: sa.Engine, client: Any, sources: int) -> bool:
    with eng.connect() as c:
        fetched = c.execute(
            sa.text("SELECT count(*) FROM sources WHERE last_fetch_at IS NOT NULL")
        ).scalar()
    if fetched != sources:
        return False
    from distributed.registry import queue_stats

    return all(q["waiting"] == q["delayed"] == q["running"] == 0 for q in queue_stats(client))


def db_load(eng: sa.Engine) -> tuple[int, int]:
    with eng.connect() as c:
        row = c.execute(
            sa.text(
                "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database"
                " WHERE datname = current_database()"
            )
        ).one()
    return int(row[0]), int(row[1])


def single_run(n: int, base: str, admin: str) -> None:
    """The baseline: one `followup crawl` of the same web into PostgreSQL, no broker."""
    folder = Path(tempfile.mkdtemp(prefix="followup-dist-"))
    db = fresh_database(admin)
    cfg = write_config(folder, base, db, "", 1)
    text = cfg.read_text()
    cfg.write_text(text[: text.index("[distributed]")] + text[text.index("[[stories]]") :])
    fu = [sys.executable, "-m", "scheduler.cli"]
    subprocess.run([*fu, "init", "--config", str(cfg)], check=True, capture_output=True, cwd=ROOT)
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [*fu, "crawl", "--config", str(cfg), "--format", "json"],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    print(
        f"single process (`followup crawl`, PostgreSQL): {wall:6.2f} s  {n / wall:6.1f} pages/s  CPU {cpu / n * 1000:.2f} ms a page"
    )
    admin_eng = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with admin_eng.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(db).database}"'))
    admin_eng.dispose()
    shutil.rmtree(folder, ignore_errors=True)


def one_run(n: int, workers: int, base: str, admin: str, per_job: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="followup-dist-"))
    redis_proc, broker = start_redis(folder)
    db = fresh_database(admin)
    cfg = write_config(folder, base, db, broker, per_job)
    fu = [sys.executable, "-m", "scheduler.cli"]
    subprocess.run([*fu, "init", "--config", str(cfg)], check=True, capture_output=True, cwd=ROOT)
    import redis

    client = redis.Redis.from_url(broker)
    eng = sa.create_engine(db)
    commits0, rows0 = db_load(eng)
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    log = (folder / "procs.log").open("wb")
    procs = [
        subprocess.Popen([*fu, "worker", "--config", str(cfg)], cwd=ROOT, stdout=log, stderr=log)
        for _ in range(workers)
    ]
    while len(client.hkeys("followup:workers")) < workers:
        time.sleep(0.05)
    t0 = time.perf_counter()
    procs.append(
        subprocess.Popen(
            [*fu, "run", "--distributed", "--config", str(cfg)], cwd=ROOT, stdout=log, stderr=log
        )
    )
    while not done(eng, client, len(web_sources(base))):
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        p.wait(timeout=120)
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    commits1, rows1 = db_load(eng)
    with eng.connect() as c:
        runs = c.execute(sa.text("SELECT started_at, finished_at, stats FROM crawl_runs")).all()
        stored = c.execute(sa.text("SELECT count(*) FROM articles")).scalar()
        seen = c.execute(sa.text("SELECT count(*) FROM seen_urls")).scalar()
    stats = [r[2] if isinstance(r[2], dict) else json.loads(r[2]) for r in runs]
    run_s = sum(float(s.get("duration_s") or 0) for s in stats)
    spider_s = sum(float(s.get("spider_s") or 0) for s in stats)
    span = sum((r[1] - r[0]).total_seconds() for r in runs)
    print(
        f"{workers} worker(s): {wall:6.2f} s  {n / wall:6.1f} pages/s  ({stored} stored, {seen} seen-only; "
        f"{len(runs)} crawl jobs)"
    )
    print(
        f"   jobs: run_crawl {run_s:.1f} s in all (spider {spider_s:.1f} s), recorded runs {span:.1f} s; "
        f"workers busy {span / (wall * workers) * 100:.0f} % of the wall time; "
        f"around each job (child start, imports, Scrapy) ~{max(0.0, wall * workers - span) / len(runs):.2f} s idle/overhead"
    )
    print(
        f"   CPU: {cpu / n * 1000:.2f} ms a page, all followup processes (workers, crawl children, "
        f"extraction workers, scheduler); database: {commits1 - commits0} commits, {rows1 - rows0} rows written"
        f" ({(rows1 - rows0) / n:.1f} a page)"
    )
    eng.dispose()
    client.close()
    redis_proc.terminate()
    redis_proc.wait()
    admin_eng = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with admin_eng.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(db).database}"'))
    admin_eng.dispose()
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument(
        "--workers",
        default="0,1,2",
        help="numbers of workers (0: one `followup crawl`; default 0,1,2)",
    )
    ap.add_argument(
        "--per-job", type=int, default=5, help="[distributed] sources_per_job (default 5: two jobs)"
    )
    args = ap.parse_args()
    admin = os.environ.get("FOLLOWUP_TEST_POSTGRES_URL")
    if not admin:
        raise SystemExit(
            "set FOLLOWUP_TEST_POSTGRES_URL (PostgreSQL; .ci/start-postgres prints one)"
        )
    with generated_web(args.n) as (base, _pid):
        print(
            f"generated web: {args.n} article pages on {base} (10 feeds, {args.per_job} a job);"
            f" cores: {os.cpu_count()}"
        )
        for w in (int(x) for x in args.workers.split(",")):
            if w == 0:
                single_run(args.n, base, admin)
            else:
                one_run(args.n, w, base, admin, args.per_job)


if __name__ == "__main__":
    main()
