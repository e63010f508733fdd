"""`followup serve`: the web board and the API, wired to this config's database and stories."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from claims.dossier import Story
from scheduler.alerts import record_status_changes, send_due
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
    sending = threading.Lock()

    def send_in_background() -> None:
        if not sending.acquire(blocking=False):
            return  # a send is under way; what it misses waits for the next pass
        try:
            send_due(write, cfg, now=clock())
        except Exception:
            log.exception("notifications not sent (they stay in the outbox)")
        finally:
            sending.release()

    def after_review() -> None:
        """Record the changes a verdict caused now; send them without holding the request."""
        try:
            record_status_changes(write, cfg, stories, now=clock())
        except Exception:
            log.exception("claim status changes not recorded (the next crawl compares again)")
            return
        if cfg.notify:
            threading.Thread(target=send_in_background, daemon=True).start()

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


def _server_class() -> Any:
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn, but a SIGTERM/SIGINT ends it with exit code 0 once it has shut down
        (uvicorn re-raises the signal after its graceful shutdown, which ends the process
        as killed by it)."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            old = {
                sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)
            }
            try:
                yield
            finally:
                for sig, handler in old.items():
                    signal.signal(sig, handler)

    return Server


def serve(cfg: Config, *, host: str, port: int) -> int:
    """Serve until SIGTERM/SIGINT (uvicorn's own handlers end it cleanly)."""
    import uvicorn

    from web.app import create_app

    _Server = _server_class()

    read = open_database(cfg.database_url, read_only=True)
    write = open_database(cfg.database_url)
    try:
        ctx = web_context(cfg, read, write)
        if not ctx.token:
            log.warning("no [serve] token or $FOLLOWUP_TOKEN: the board is read-only")
        if host not in ("127.0.0.1", "::1", "localhost"):
            log.warning("serving on %s: put it behind a reverse proxy with TLS", host)
        log.info("followup serve on http://%s:%d/", host, port)
        config = uvicorn.Config(
            create_app(ctx),
            host=host,
            port=port,
            log_level="warning",
            server_header=False,
            access_log=False,
        )
        _Server(config).run()
    finally:
        read.dispose()
        write.dispose()
    return 0
