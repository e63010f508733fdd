"""`followup demo`: serve the bundled sample news web on 127.0.0.1, crawl it, show the board.

Everything the real service does happens here, offline: config, migrations,
Scrapy with robots.txt and conditional GET, extraction in worker
processes, matching, evidence and claim status.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from scheduler import output
from scheduler.app import initialise, load_stories
from scheduler.config import load_config
from scheduler.crawl import run_crawl
from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import demo_sources, load_demo_articles, render_site
from scheduler.progress import print_summary


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_demo_config(folder: Path, base_url: str) -> Path:
    host_port = base_url.split("://", 1)[1]
    lines = [
        "# written by `followup demo`: the sample news web on loopback",
        "[database]",
        'url = "sqlite:///followup-demo.db"',
        "",
        "[crawl]",
        "allow_private_networks = false",
        f"allow_hosts = [{_toml_str(host_port)}]",
        "timeout_s = 10",
        "",
        "[[stories]]",
        'path = "builtin:xai-supercomputer"',
    ]
    for src in demo_sources(base_url):
        lines += ["", "[[sources]]"]
        for key in ("name", "kind", "url", "schedule", "language"):
            if src.get(key) is not None:
                lines.append(f"{key} = {_toml_str(str(src[key]))}")
    path = folder / "followup.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_demo(*, keep: Path | None = None, port: int = 0) -> int:
    def now() -> datetime:
        return datetime.now(UTC)

    folder = keep or Path(tempfile.mkdtemp(prefix="followup-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_file = folder / "followup-demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)
    c = output.console()
    try:
        with NewsWebServer(port=port) as server:
            server.set_pages(render_site(load_demo_articles(), server.base_url))
            c.print(
                f"sample news web on {server.base_url} ({len(server.paths())} pages)", markup=False
            )
            cfg = load_config(write_demo_config(folder, server.base_url), env={})
            db, _ = initialise(cfg, now=now())
            try:
                stories = load_stories(cfg)
                summary = run_crawl(cfg, db, stories, trigger="demo", clock=now)
                print_summary(summary)
                from scheduler.board import claim_board
                from storage.queries import ArticleFilter, search_articles

                with db.factory() as session:
                    story = stories[0]
                    rows = search_articles(session, ArticleFilter(story=story.id, limit=100))
                    c.print(f"\n[bold]articles about {story.id}[/bold]")
                    output.articles_table(rows)
                    for as_of in (datetime(2024, 7, 31, 23, 59, 59, tzinfo=UTC), now()):
                        c.print()
                        output.board_table(claim_board(session, story, as_of))
            finally:
                db.dispose()
        if keep:
            c.print(
                f"\nkept in {folder}: try `followup --config {folder / 'followup.toml'} query xai` "
                f"or `... claims --as-of 2024-09-30`",
                markup=False,
            )
        return 0
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
