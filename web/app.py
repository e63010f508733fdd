"""The web board and the API as one Starlette app (served by uvicorn from `followup serve`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from storage.changes import list_changes
from web import api, pages
from web.atom import changes_feed
from web.context import WebContext
from web.metrics import registry
from web.openapi import document
from web.security import SecurityHeaders

STATIC = Path(__file__).resolve().parent / "static"


def _bind(ctx: WebContext, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A route endpoint with the context bound; sync endpoints stay sync (run in a thread)."""
    import inspect

    if inspect.iscoroutinefunction(fn):

        async def call_async(request: Request) -> Response:
            return await fn(ctx, request)

        return call_async

    @functools.wraps(fn)
    def call(request: Request) -> Response:
        return fn(ctx, request)

    return call


def _feed(ctx: WebContext, request: Request) -> Response:
    story = ctx.story(request.path_params["story"])
    if story is None:
        return PlainTextResponse("unknown story\n", 404)
    with ctx.read() as session:
        rows = list_changes(session, story=story.id, newest=100)
    base = f"{request.url.scheme}://{request.url.netloc}"
    body = changes_feed(story.id, story.title, rows, base_url=base, now=ctx.clock())
    return Response(body, media_type="application/atom+xml; charset=utf-8")


async def _error(request: Request, exc: Exception) -> Response:
    """Errors say what happened and no more: no traceback, no exception text from inside."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error (see the server log)"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": detail}, status)
    return pages.render("error.html", status, title=str(status), message=detail)


def create_app(ctx: WebContext) -> SecurityHeaders:
    """The ASGI app; the security headers wrap even Starlette's own error responses."""
    reg = registry(ctx.read)
    spec = document()

    def metrics(request: Request) -> Response:
        return Response(generate_latest(reg), media_type=CONTENT_TYPE_LATEST)

    def openapi(request: Request) -> Response:
        return JSONResponse(spec)

    b = functools.partial(_bind, ctx)
    routes = [
        Route("/", b(pages.index)),
        Route("/stories/{story}", b(pages.story_page)),
        Route("/stories/{story}/changes.atom", b(_feed)),
        Route("/articles", b(pages.articles_page)),
        Route("/sources", b(pages.sources_page)),
        Route("/runs", b(pages.runs_page)),
        Route("/evidence/{evidence_id:int}/review", b(pages.review_form), methods=["POST"]),
        Route("/api/v1/openapi.json", openapi),
        Route("/api/v1/stories", b(api.stories)),
        Route("/api/v1/stories/{story}/claims", b(api.claims)),
        Route("/api/v1/articles", b(api.articles)),
        Route("/api/v1/sources", b(api.sources)),
        Route("/api/v1/runs", b(api.runs)),
        Route("/api/v1/changes", b(api.changes)),
        Route("/api/v1/evidence/{evidence_id:int}/review", b(api.review), methods=["POST"]),
        Route("/healthz", b(api.healthz)),
        Route("/metrics", metrics),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _error, Exception: _error},
    )
    return SecurityHeaders(app)
