"""The commands of the board and its alerts: `changes`, `review`, `notify`, `serve`.

Kept apart from scheduler/cli.py, which parses and dispatches them like the others.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

from scheduler.cli import (
    EXIT_OK,
    UsageError,
    _add_format,
    _config,
    _story,
    parse_when,
    utc_now,
)


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    ch = sub.add_parser("changes", parents=[common], help="the recorded claim status changes")
    ch.add_argument("--story", metavar="ID", help="only this story's claims")
    ch.add_argument("--since", metavar="DATE", help="changes recorded on or after DATE")
    _add_format(ch, "json")

    rv = sub.add_parser(
        "review", parents=[common], help="a reviewer's verdicts, which win over the engine's"
    )
    rsub = rv.add_subparsers(
        dest="review_action", metavar="ACTION", required=True, help="list, set or clear"
    )
    rl = rsub.add_parser("list", parents=[common], help="every reviewed evidence")
    rl.add_argument("--story", metavar="ID", help="only this story")
    _add_format(rl, "json")
    rs = rsub.add_parser("set", parents=[common], help="set the stance of one evidence row")
    rs.add_argument(
        "evidence_id", type=int, metavar="EVIDENCE_ID", help="the evidence's id (claims JSON)"
    )
    rs.add_argument(
        "stance",
        choices=["supports", "contradicts", "updates", "mentions"],
        help="the verdict (mentions: no verdict, a rejection)",
    )
    rs.add_argument("--reviewer", metavar="NAME", help="who reviewed (default $USER)")
    rc = rsub.add_parser("clear", parents=[common], help="drop the verdict: the engine's counts")
    rc.add_argument(
        "evidence_id",
        type=int,
        nargs="?",
        metavar="EVIDENCE_ID",
        help="the evidence's id (claims JSON); or --article and --claim",
    )
    rc.add_argument("--article", type=int, metavar="ID", help="the article (see `review list`)")
    rc.add_argument("--claim", metavar="ID", help="the claim, with --article")
    rc.add_argument("--story", metavar="ID", help="with --article (default: the config's first)")

    nt = sub.add_parser(
        "notify",
        parents=[common],
        help="record status changes, send due notifications, list the outbox",
    )
    nt.add_argument("--all", action="store_true", help="list sent messages too")
    nt.add_argument(
        "--retry-now",
        action="store_true",
        help="retry failed messages now instead of at their next try",
    )
    nt.add_argument("--at", metavar="TIME", help=argparse.SUPPRESS)  # act as if at TIME (tests)
    _add_format(nt, "json")

    sv = sub.add_parser("serve", parents=[common], help="the web board and the JSON API")
    sv.add_argument("--host", help="address to bind (default [serve] host, 127.0.0.1)")
    sv.add_argument("--port", type=int, help="port (default [serve] port, 8080)")


def cmd_changes(args: argparse.Namespace) -> int:
    from scheduler import output
    from scheduler.app import open_database
    from scheduler.output_board import changes_table
    from storage.changes import list_changes

    since = parse_when(args.since, option="--since") if args.since else None
    cfg = _config(args)
    if args.story:
        _story(cfg, args.story)
    db = open_database(cfg.database_url, read_only=True)
    try:
        with db.factory() as session:
            rows = list_changes(session, story=args.story, since=since)
    finally:
        db.dispose()
    output.dump_json(rows) if args.format == "json" else changes_table(rows)
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from scheduler import output
    from scheduler.alerts import after_analysis
    from scheduler.app import load_stories, open_database
    from scheduler.output_board import reviews_table
    from storage.engine import transaction
    from storage.reviews import list_reviews, set_review

    cfg = _config(args)
    if args.review_action == "list":
        db = open_database(cfg.database_url, read_only=True)
        try:
            with db.factory() as session:
                rows = list_reviews(session, story=args.story)
        finally:
            db.dispose()
        output.dump_json(rows) if args.format == "json" else reviews_table(rows)
        return EXIT_OK
    db = open_database(cfg.database_url)
    try:
        with transaction(db.factory) as session:
            if args.review_action == "set":
                who = args.reviewer or os.environ.get("USER") or None
                r = set_review(session, args.evidence_id, args.stance, now=utc_now(), reviewer=who)
                msg = f"evidence {args.evidence_id}: {r['claim']} reviewed as {r['stance']} (engine: {r['engine_stance']})"
            else:
                msg = _clear(session, cfg, args)
        # a verdict can change a claim's status: recorded and notified like an analysis's
        after_analysis(db, cfg, load_stories(cfg), now=utc_now())
    finally:
        db.dispose()
    print(msg)
    return EXIT_OK


def _clear(session: Any, cfg: Any, args: argparse.Namespace) -> str:
    from storage.reviews import clear_review, clear_review_of

    if args.evidence_id is not None:
        had = clear_review(session, args.evidence_id)
        what = f"evidence {args.evidence_id}"
    elif args.article is not None and args.claim:
        story = _story(cfg, args.story).id
        had = clear_review_of(session, args.article, story, args.claim)
        what = f"article {args.article}, claim {args.claim}"
    else:
        raise UsageError("`review clear` needs EVIDENCE_ID, or --article ID and --claim ID")
    return f"{what}: " + ("review cleared" if had else "had no review")


def cmd_notify(args: argparse.Namespace) -> int:
    from scheduler import output
    from scheduler.alerts import record_status_changes, send_due
    from scheduler.app import load_stories, open_database
    from scheduler.output_board import outbox_table
    from storage.changes import outbox_rows

    now = parse_when(args.at, option="--at") if args.at else utc_now()
    cfg = _config(args)
    stories = load_stories(cfg)
    db = open_database(cfg.database_url)
    try:
        record_status_changes(db, cfg, stories, now=now)
        done = send_due(db, cfg, now=now, force=args.retry_now)
        with db.factory() as session:
            rows = outbox_rows(session, pending_only=not args.all)
    finally:
        db.dispose()
    if args.format == "json":
        output.dump_json({"sent": done.sent, "failed": done.failed, "outbox": rows})
    else:
        print(f"{done.sent} message(s) sent, {done.failed} failed (kept for a retry)")
        outbox_table(rows)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from scheduler.serve import serve

    cfg = _config(args)
    host = args.host or cfg.serve.host
    port = args.port if args.port is not None else cfg.serve.port
    if not 0 < port < 65536:
        raise UsageError(f"--port {port} is not a TCP port (1-65535)")
    return serve(cfg, host=host, port=port)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "changes": cmd_changes,
    "review": cmd_review,
    "notify": cmd_notify,
    "serve": cmd_serve,
}
