"""Terminal tables of status changes, reviews and the outbox (text from articles is not markup)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.table import Table
from rich.text import Text

from scheduler.output import console


def _t(v: Any, n: int = 200) -> Text:
    s = "" if v is None else " ".join(str(v).split())
    return Text(s if len(s) <= n else s[: n - 1] + "…")


def changes_table(rows: Sequence[dict[str, Any]], file: TextIO | None = None) -> None:
    c = console(file)
    if not rows:
        c.print("no claim status changes recorded")
        return
    t = Table(pad_edge=False)
    for col in ("id", "when", "story", "claim", "change", "evidence"):
        t.add_column(col, overflow="fold")
    for r in rows:
        ev = r["evidence"]
        evidence = (
            f"{ev['stance']} ({(ev['published'] or '')[:10]}): “{ev['quote']}” {ev['url']}"
            if ev
            else "(time: deadline passed)"
        )
        t.add_row(
            str(r["id"]),
            r["changed_at"][:19],
            _t(r["story"]),
            _t(r["claim"]),
            f"{r['old_status']} → {r['new_status']}",
            _t(evidence, 220),
        )
    c.print(t)


def reviews_table(rows: Sequence[dict[str, Any]], file: TextIO | None = None) -> None:
    c = console(file)
    if not rows:
        c.print("no reviewed evidence")
        return
    t = Table(pad_edge=False)
    for col in ("evidence", "story", "claim", "reviewed", "engine", "by", "at", "article"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(
            str(r["evidence_id"]) if r["evidence_id"] is not None else "(none now)",
            _t(r["story"]),
            _t(r["claim"]),
            r["stance"],
            r["engine_stance"] or "",
            _t(r["reviewer"]),
            r["at"][:19],
            _t(f"{r['title'] or ''} {r['url']}", 120),
        )
    c.print(t)


def outbox_table(rows: Sequence[dict[str, Any]], file: TextIO | None = None) -> None:
    c = console(file)
    if not rows:
        c.print("outbox empty: every notification was sent")
        return
    t = Table(pad_edge=False)
    for col in ("id", "change", "digest", "due", "attempts", "next try", "last error"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(
            str(r["id"]),
            str(r["change_id"]),
            r["digest"] + (f" {r['period']}" if r["period"] else ""),
            r["due"][:19],
            str(r["attempts"]),
            r["next_try"][:19],
            _t(r["last_error"], 120),
        )
    c.print(t)
