"""Human output of a crawl and of a dossier (rich on a terminal, plain lines otherwise)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from scheduler import output
from scheduler.crawl import CrawlSummary


def print_summary(summary: CrawlSummary, fmt: str = "table") -> None:
    if fmt == "json":
        output.dump_json(summary.as_dict())
        return
    c = output.console()
    dur = (summary.finished - summary.started).total_seconds() if summary.finished else 0.0
    if summary.run_id is None:
        c.print("nothing to crawl: every selected source is held back")
    for r in summary.reports:
        line = f"{r.name}: {r.outcome}"
        if r.error:
            line += f" ({r.error})"
        line += f", {r.entries} listed, {r.requested} fetched, {r.new} new"
        if r.updated:
            line += f", {r.updated} updated"
        if r.skipped_unmatched:
            line += f", {r.skipped_unmatched} not about a watched story"
        if r.page_errors:
            line += f", {r.page_errors} page error(s)"
        if r.dropped:
            line += "; skipped " + ", ".join(f"{k} ×{v}" for k, v in sorted(r.dropped.items()))
        c.print(line, markup=False)
    for name, why in summary.held_back.items():
        c.print(f"{name}: held back, {why}", markup=False)
    if summary.run_id is not None:
        c.print(
            f"run {summary.run_id}: {summary.status}; {summary.new_articles} new article(s), "
            f"{summary.updated_articles} updated, {summary.analysed} analysed, "
            f"{summary.status_changes} claim status change(s), {dur:.1f} s",
            markup=False,
        )


def print_dossier(story: Any) -> None:
    c = output.console()
    d = story.to_dict()
    c.print(f"[bold]{d.get('id')}[/bold] — {d.get('title')}")
    for key in ("language", "source_url", "published"):
        if d.get(key):
            c.print(f"{key}: {d[key]}", markup=False)
    c.print("[bold]entities[/bold]")
    for e in d.get("entities", []):
        aliases = e.get("aliases", {})
        if isinstance(aliases, dict):
            flat = "; ".join(f"{lang}: {', '.join(v)}" for lang, v in aliases.items())
        else:
            flat = ", ".join(map(str, aliases))
        c.print(f"  {e.get('id')}: {e.get('name')} — {flat}", markup=False)
    if d.get("relevance"):
        c.print(f"[bold]relevance[/bold]: {d['relevance']}")
    c.print("[bold]claims[/bold]")
    for cl in d.get("claims", []):
        dl = f" (deadline {cl['deadline']})" if cl.get("deadline") else ""
        c.print(f"  {cl.get('id')} [{cl.get('kind')}]{dl}: {cl.get('text')}", markup=False)


@contextmanager
def crawl_progress(*, enabled: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A live status line while a crawl runs in a terminal; nothing when output is piped."""
    if not enabled or not sys.stdout.isatty():
        yield None
        return
    c = output.console()
    with c.status("crawling…", spinner="dots") as status:

        def update(pages: int, new: int) -> None:
            status.update(f"crawling… {pages} pages processed, {new} new articles")

        yield update
