"""Formatting for the terminal and for scripts: table (rich), json, jsonl, csv.

Queries return plain data; this module only decides how it looks.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


def console(file: TextIO | None = None) -> Console:
    out = file or sys.stdout
    return Console(file=out, soft_wrap=False, width=None if out.isatty() else 160, highlight=False)


def dump_json(data: Any, file: TextIO | None = None) -> None:
    out = file or sys.stdout
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def dump_jsonl(rows: Sequence[dict[str, Any]], file: TextIO | None = None) -> None:
    out = file or sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def dump_csv(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], file: TextIO | None = None
) -> None:
    out = file or sys.stdout
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for row in rows:
        w.writerow(
            [
                "|".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                for v in (row.get(c) for c in columns)
            ]
        )
    out.write(buf.getvalue())


def _short(v: Any, n: int) -> str:
    s = "" if v is None else str(v)
    return s if len(s) <= n else s[: n - 1] + "…"


ARTICLE_COLUMNS = [
    "id",
    "published",
    "language",
    "source",
    "title",
    "entities",
    "duplicate_of",
    "url",
    "canonical_url",
    "author",
    "fetched",
    "stories",
    "snippet",
]


def articles_table(rows: Sequence[dict[str, Any]], file: TextIO | None = None) -> None:
    c = console(file)
    if not rows:
        c.print("no articles match")
        return
    t = Table(show_lines=False, pad_edge=False)
    for col in ("id", "published", "lang", "source", "title", "entities"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(
            str(r["id"]) + (f" (dup of {r['duplicate_of']})" if r.get("duplicate_of") else ""),
            (r["published"] or "")[:10],
            r["language"] or "",
            r["source"] or "",
            _short(r["title"], 80),
            ",".join(r["entities"][:6]),
        )
    c.print(t)
    c.print(f"{len(rows)} article(s)")


STATUS_STYLE = {
    "confirmed": "green",
    "contradicted": "red",
    "disputed": "yellow",
    "updated": "cyan",
    "overdue": "magenta",
    "unverified": "dim",
}


def board_table(board: dict[str, Any], file: TextIO | None = None) -> None:
    c = console(file)
    c.print(f"[bold]{board['story']}[/bold] — claims as of {board['as_of'][:10]}")
    t = Table(pad_edge=False)
    for col in ("claim", "status", "sup", "con", "upd", "latest evidence"):
        t.add_column(col, overflow="fold")
    for cl in board["claims"]:
        verdicts = [e for e in cl["evidence"] if e["stance"] != "mentions"]
        latest = verdicts[0] if verdicts else None
        ev = (
            f"{latest['stance']} ({(latest['published'] or '')[:10]}): “{_short(latest['quote'], 160)}” {latest['url']}"
            if latest
            else ""
        )
        style = STATUS_STYLE.get(cl["status"], "")
        t.add_row(
            cl["id"],
            f"[{style}]{cl['status']}[/{style}]" if style else cl["status"],
            str(cl["counts"]["supports"]),
            str(cl["counts"]["contradicts"]),
            str(cl["counts"]["updates"]),
            ev,
        )
    c.print(t)


def try_table(result: dict[str, Any], file: TextIO | None = None) -> None:
    """`followup stories try`: each addressed claim's stance and why."""
    c = console(file)
    relevant = "relevant" if result["relevant"] else "NOT relevant (the board would not count it)"
    ents = ", ".join(f"{k}×{v}" for k, v in result["entities"].items()) or "none"
    c.print(f"[bold]{result['story']}[/bold] ({result['language']}): {relevant}; entities: {ents}")
    if not result["claims"]:
        c.print("the text addresses none of the story's claims")
        return
    t = Table(pad_edge=False)
    for col in ("claim", "stance", "conf", "rule", "spans", "quote"):
        t.add_column(col, overflow="fold")
    for cl in result["claims"]:
        spans = "; ".join(f"{s['kind']}: {s['text']}" for s in cl["spans"])
        t.add_row(cl["id"], cl["stance"], f"{cl['confidence']:.2f}", cl["rule"], spans, _short(cl["quote"], 160))
    c.print(t)


def test_report(summary: dict[str, Any], text: str, file: TextIO | None = None) -> None:
    """`followup stories test`: the scores, then each mistake."""
    c = console(file)
    c.print(f"[bold]{summary['story']}[/bold] on {summary['directory']}")
    c.print(text, markup=False, highlight=False)


def sources_table(rows: Sequence[dict[str, Any]], file: TextIO | None = None) -> None:
    c = console(file)
    if not rows:
        c.print("no sources: add [[sources]] to the config and run `followup init`")
        return
    t = Table(pad_edge=False)
    for col in (
        "source",
        "kind",
        "schedule",
        "last fetch",
        "outcome",
        "found",
        "errors",
        "next run",
    ):
        t.add_column(col, overflow="fold")
    for r in rows:
        outcome = r["outcome"] or "never fetched"
        if r["error"]:
            outcome += f": {_short(r['error'], 70)}"
        name = r["name"] if r["active"] else f"{r['name']} (not in config)"
        t.add_row(
            name,
            r["kind"],
            r["schedule"],
            (r["last_fetch"] or "")[:19],
            outcome,
            str(r["articles_found"]),
            str(r["consecutive_errors"]),
            (r["next_run"] or "")[:19],
        )
    c.print(t)


def runs_table(rows: Sequence[dict[str, Any]], file: TextIO | None = None) -> None:
    c = console(file)
    if not rows:
        c.print("no crawl runs yet")
        return
    t = Table(pad_edge=False)
    for col in ("run", "started", "trigger", "sources", "status", "new", "errors"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(
            str(r["id"]),
            r["started"][:19],
            r["trigger"],
            _short(r["sources"], 40),
            r["status"],
            str(r["new_articles"]),
            str(r["errors"]),
        )
    c.print(t)


def broker_lines(c: Any, d: dict[str, Any]) -> None:
    """`followup status` in distributed mode: the broker, its workers, queues and oldest job."""
    if "error" in d:
        c.print(f"broker: {d['error']}")
        return
    workers = d["workers"]
    c.print(f"broker: {d['broker']}: {len(workers)} worker(s) seen")
    for w in workers:
        c.print(
            f"  worker {w['id']}: queues {','.join(w['queues'])}, concurrency {w['concurrency']}, "
            f"seen {w['seen'][:19]}" + (f" (silent {w['silent_s']:.0f} s)" if w["silent_s"] > 30 else "")
        )
    for q in d["queues"]:
        c.print(
            f"  queue {q['queue']}: {q['waiting']} waiting, {q['delayed']} delayed, "
            f"{q['running']} taken by workers"
        )
    old = d["oldest_waiting"]
    if old:
        c.print(
            f"  oldest waiting job: {old['job']}{tuple(old['args'])} on {old['queue']}, "
            f"queued {old['enqueued'][:19]} ({old['waiting_s']:.0f} s ago)"
        )
    else:
        c.print("  oldest waiting job: none")
