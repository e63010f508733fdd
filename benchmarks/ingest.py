"""End-to-end ingest speed: a generated news web on loopback, crawled by the real `followup crawl`.

    python benchmarks/ingest.py [--n 2000] [--workers 0] [--compare] [--scrapy-bench]

Prints pages/s, CPU seconds per page and peak RSS (the crawl process and its
extraction workers together) for a first full crawl, and the time of a
second crawl of the unchanged web.  --compare also times trafilatura alone
and a plain lxml parse of the same pages in this process; --scrapy-bench runs
`scrapy bench` for the machine's bare Scrapy figure.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.webgen import generate_web, web_sources
from scheduler.demo.server import NewsWebServer


def serve(n: int, port_q: Queue[str], stop: Event) -> None:
    server = NewsWebServer()
    server.set_pages(generate_web(n, server.base_url), precompress=True)
    server.start()
    port_q.put(server.base_url)
    stop.wait()
    server.stop()


@contextlib.contextmanager
def generated_web(n: int) -> Iterator[tuple[str, int]]:
    """The generated web of ``n`` pages served by a child process, as (base URL, its
    pid): a process of its own, so that its CPU can be told from the crawl's."""
    ctx = multiprocessing.get_context("spawn")
    q: Queue[str] = ctx.Queue()
    stop = ctx.Event()
    server = ctx.Process(target=serve, args=(n, q, stop), daemon=True)
    server.start()
    try:
        yield q.get(timeout=120), server.pid or 0
    finally:
        stop.set()
        server.join(timeout=30)


def write_config(folder: Path, base: str, workers: int) -> Path:
    lines = [
        "[database]",
        f'url = "sqlite:///{folder / "ingest.db"}"',
        "",
        "[crawl]",
        f'allow_hosts = ["{base.split("//")[1]}"]',
        "obey_robots = true",
        f"extract_workers = {workers}",
        "concurrent_requests = 32",
        "concurrent_requests_per_domain = 16",
        "autothrottle = false",
        "",
        "[[stories]]",
        'path = "builtin:xai-supercomputer"',
    ]
    for s in web_sources(base):
        lines += ["", "[[sources]]"] + [f'{k} = "{v}"' for k, v in s.items()]
    p = folder / "followup.toml"
    p.write_text("\n".join(lines) + "\n")
    return p


MAIN_CPU: list[float] = []
PEAK_SPLIT: list[list[tuple[str, float]]] = []  # per run: (process, PSS MB) at the tree's peak


def timed_run(cmd: list[str]) -> tuple[float, float, float, str]:
    """Wall time, CPU seconds and peak memory in MB (proportional set size), process tree."""
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    peak_split: list[tuple[str, float]] = []
    cpu: dict[int, float] = {}
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                procs = [proc, *proc.children(recursive=True)]
                rss = 0
                split: list[tuple[str, float]] = []
                for i, p in enumerate(procs):
                    try:
                        # PSS: pages shared by the fork-server workers count once, not per process
                        pss = p.memory_full_info().pss
                        rss += pss
                        split.append(("crawl" if i == 0 else f"child {p.pid}", pss / 2**20))
                        t = p.cpu_times()
                        cpu[p.pid] = t.user + t.system
                    except psutil.Error:
                        pass
                if rss / 2**20 > peak:
                    peak = rss / 2**20
                    peak_split[:] = split
            except psutil.Error:
                pass
            time.sleep(0.25)  # smaps is not free: sample 4 times a second

    th = threading.Thread(target=watch, daemon=True)
    th.start()
    out, err = proc.communicate()
    done.set()
    th.join()
    wall = time.perf_counter() - t0
    MAIN_CPU.append(cpu.get(proc.pid, 0.0))
    PEAK_SPLIT.append(list(peak_split))
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, sum(cpu.values()), peak, out


def compare(n: int) -> None:
    import lxml.html
    import trafilatura

    from crawler.extraction import extract_article

    pages = [
        p.body
        for path, p in generate_web(min(n, 500), "http://bench.test").items()
        if path.endswith(".html") and "/20" in path
    ]
    for name, fn in (
        ("lxml parse alone", lambda b: lxml.html.fromstring(b)),
        ("trafilatura.extract alone", lambda b: trafilatura.extract(b.decode("utf-8", "replace"))),
        ("followup extract_article", lambda b: extract_article(b, "http://bench.test/x.html")),
    ):
        t = time.perf_counter()
        for b in pages:
            fn(b)
        dt = time.perf_counter() - t
        print(f"{name:28s} {len(pages) / dt:8.1f} pages/s on one core ({len(pages)} pages)")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=0, help="extract_workers (0 = one per CPU)")
    ap.add_argument("--compare", action="store_true")
    ap.add_argument("--scrapy-bench", action="store_true")
    args = ap.parse_args()

    with generated_web(args.n) as (base, pid):
        measure(args, base, pid)
    if args.compare:
        compare(args.n)
    if args.scrapy_bench:
        scrapy_bench()


def measure(args: argparse.Namespace, base: str, pid: int) -> None:
    """The first and the second crawl of the generated web, with where the CPU goes."""
    folder = Path(tempfile.mkdtemp(prefix="followup-ingest-"))
    cfg = write_config(folder, base, args.workers)
    fu = [sys.executable, "-m", "scheduler.cli"]
    env_cfg = ["--config", str(cfg)]
    subprocess.run([*fu, "init", *env_cfg], check=True, capture_output=True)
    print(f"generated web: {args.n} article pages on {base}; cores: {os.cpu_count()}")
    web_server = psutil.Process(pid)
    server_cpu = sum(web_server.cpu_times()[:2])
    wall, cpu, peak, _ = timed_run([*fu, "crawl", *env_cfg, "--format", "json"])
    server_cpu = sum(web_server.cpu_times()[:2]) - server_cpu
    import json

    import sqlalchemy as sa

    eng = sa.create_engine(f"sqlite:///{folder / 'ingest.db'}")
    with eng.connect() as c:
        stored = c.execute(sa.text("SELECT count(*) FROM articles")).scalar()
        seen = c.execute(sa.text("SELECT count(*) FROM seen_urls")).scalar()
    print(
        f"first crawl:  {wall:6.2f} s  {args.n / wall:7.1f} pages/s  {cpu / args.n * 1000:6.2f} ms CPU/page  peak memory (PSS) {peak:6.1f} MB  ({stored} stored, {seen} seen-only)"
    )
    main_ms = MAIN_CPU[-1] / args.n * 1000
    print(
        f"              CPU: crawl process {main_ms:.2f} ms/page, extraction workers {cpu / args.n * 1000 - main_ms:.2f} ms/page;"
        f" the test web server on the same cores {server_cpu / args.n * 1000:.2f} ms/page"
    )
    print(
        "              PSS at the peak: "
        + ", ".join(f"{name} {mb:.0f} MB" for name, mb in PEAK_SPLIT[-1])
    )
    wall2, _cpu2, _peak2, out2 = timed_run([*fu, "crawl", *env_cfg, "--format", "json"])
    summary = json.loads(out2)
    inner = summary.get("finished") and summary.get("started")
    from datetime import datetime

    crawl_s = (
        (
            datetime.fromisoformat(summary["finished"]) - datetime.fromisoformat(summary["started"])
        ).total_seconds()
        if inner
        else float("nan")
    )
    with eng.connect() as c:
        run_stats = c.execute(
            sa.text("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")
        ).scalar()
    spider_s = float(json.loads(run_stats or "{}").get("spider_s") or float("nan"))
    print(
        f"second crawl: {wall2:6.2f} s  (the command, with Python start-up and imports)  = {100 * wall2 / wall:.1f} % of the first;"
        f" run_crawl {crawl_s:.2f} s ({100 * crawl_s / wall:.1f} %), the spider alone {spider_s:.3f} s ({100 * spider_s / wall:.2f} %); new {summary['new_articles']}"
    )


def scrapy_bench() -> None:
    """`scrapy bench` on the same machine, for scale."""
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "bench",
            "-s",
            "LOG_LEVEL=INFO",
            "-s",
            "CLOSESPIDER_TIMEOUT=10",
        ],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    lines = [ln for ln in r.stderr.splitlines() if "pages/min" in ln]
    print(
        "scrapy bench:",
        lines[-1].split("INFO:")[-1].strip()
        if lines
        else "no figure (see scrapy bench output)",
    )


if __name__ == "__main__":
    main()
