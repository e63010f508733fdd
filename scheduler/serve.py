"""`followup serve`: the web board and the API, wired to this config's database and stories."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from typing import Any

from claims.dossier import Story
from scheduler.alerts import after_analysis
from scheduler.app import Database, load_stories, open_database
from scheduler.board import claim_board
from scheduler.config import Config

log = logging.getLogger("followup.serve")


def utc_now() -> datetime:
    return datetime.now(UTC)


def story_rows(cfg: Config, stories: list[Story]) -> list[dict[str, Any]]:
    """`followup stories --format json` (the API's /api/v1/stories is the same list)."""
    return [
        {
            "id": s.id,
            "title": s.title,
            "language": s.language,
            "claims": len(s.claims),
            "entities": len(s.entities),
            "path": str(p),
        }
        for s, p in zip(stories, cfg.story_paths, strict=True)
    ]


def web_context(cfg: Config, read: Database, write: Database, *, clock: Any = utc_now) -> Any:
    from web.context import WebContext

    stories = load_stories(cfg)

    def after_review() -> None:
        after_analysis(write, cfg, stories, now=clock())

    return WebContext(
        read=read.factory,
        write=write.factory,
        stories=stories,
        story_rows=story_rows(cfg, stories),
        board=lambda session, story, as_of, min_c: claim_board(session, story, as_of, min_c),
        token=cfg.serve.token or os.environ.get("FOLLOWUP_TOKEN", ""),
        clock=clock,
        after_review=after_review,
    )


def serve(cfg: Config, *, host: str, port: int) -> int:
    """Serve until SIGTERM/SIGINT (uvicorn's own handlers end it cleanly)."""
    import uvicorn

    from web.app import create_app

    read = open_database(cfg.database_url, read_only=True)
    write = open_database(cfg.database_url)
    try:
        ctx = web_context(cfg, read, write)
        if not ctx.token:
            log.warning("no [serve] token or $FOLLOWUP_TOKEN: the board is read-only")
        if host not in ("127.0.0.1", "::1", "localhost"):
            log.warning("serving on %s: put it behind a reverse proxy with TLS", host)
        log.info("followup serve on http://%s:%d/", host, port)
        uvicorn.run(
            create_app(ctx),
            host=host,
            port=port,
            log_level="warning",
            server_header=False,
            access_log=False,
        )
    finally:
        read.dispose()
        write.dispose()
    return 0
