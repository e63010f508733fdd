"""The JSON API under /api/v1: the CLI's JSON shapes, from the same queries."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from storage.changes import list_changes
from storage.engine import transaction
from storage.queries import QueryError, recent_runs, search_articles, source_rows
from storage.reviews import REVIEW_STANCES, EvidenceNotFound, clear_review, set_review
from web.context import WebContext
from web.params import ParamError, integer, number, text, when
from web.security import bearer, token_ok


class NotFound(LookupError):
    pass


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode()


def reply(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(data), status, headers, media_type="application/json")


Handler = Callable[[WebContext, Request], Response]


def guard_with(answer: Callable[[int, str], Response]) -> Callable[[Handler], Handler]:
    """Bad input is a 400 and an unknown thing a 404, each with a message, never a
    traceback; ``answer(status, message)`` says it in the handler's own format."""

    def guard(fn: Handler) -> Handler:
        @functools.wraps(fn)
        def wrapper(ctx: WebContext, request: Request) -> Response:
            try:
                return fn(ctx, request)
            except (ParamError, QueryError) as exc:
                return answer(400, str(exc))
            except NotFound as exc:
                return answer(404, str(exc))

        return wrapper

    return guard


guarded = guard_with(lambda status, message: reply({"error": message}, status))


def story_or_404(ctx: WebContext, story_id: str) -> Any:
    story = ctx.story(story_id)
    if story is None:
        known = ", ".join(s.id for s in ctx.stories)
        raise NotFound(f"unknown story {story_id!r} (the config watches: {known})")
    return story


def board_for(ctx: WebContext, request: Request, story_id: str) -> dict[str, Any]:
    story = story_or_404(ctx, story_id)
    as_of = when(text(request.query_params, "as_of"), "as_of", end_of_day=True) or ctx.clock()
    min_c = number(text(request.query_params, "min_confidence"), "min_confidence", 0.0, 0.0, 1.0)
    with ctx.read() as session:
        return ctx.board(session, story, as_of, min_c)


@guarded
def stories(ctx: WebContext, request: Request) -> Response:
    return reply(list(ctx.story_rows))


@guarded
def claims(ctx: WebContext, request: Request) -> Response:
    return reply(board_for(ctx, request, request.path_params["story"]))


@guarded
def articles(ctx: WebContext, request: Request) -> Response:
    from web.params import article_filter

    f = article_filter(request.query_params)
    with ctx.read() as session:
        return reply(search_articles(session, f))


@guarded
def sources(ctx: WebContext, request: Request) -> Response:
    with ctx.read() as session:
        return reply(source_rows(session))


@guarded
def runs(ctx: WebContext, request: Request) -> Response:
    limit = integer(text(request.query_params, "limit"), "limit", 10, 1, 500)
    with ctx.read() as session:
        return reply(recent_runs(session, limit))


@guarded
def changes(ctx: WebContext, request: Request) -> Response:
    q = request.query_params
    story = text(q, "story")
    if story is not None:
        story_or_404(ctx, story)
    since = when(text(q, "since"), "since")
    with ctx.read() as session:
        return reply(list_changes(session, story=story, since=since))


def write_allowed(ctx: WebContext, given: str | None) -> Response | None:
    """None when the write may go ahead, else the 401/403 that refuses it."""
    if not ctx.token:
        return reply({"error": "reviews are off: set [serve] token or $FOLLOWUP_TOKEN"}, 403)
    if given is None:
        return reply(
            {"error": "this needs Authorization: Bearer TOKEN"},
            401,
            {"WWW-Authenticate": 'Bearer realm="followup"'},
        )
    if not token_ok(ctx.token, given):
        return reply({"error": "wrong token"}, 403)
    return None


def apply_review(ctx: WebContext, evidence_id: int, stance: str | None) -> dict[str, Any]:
    """Set (or, with None, clear) the verdict, then record the status changes it caused."""
    if stance is not None and stance not in REVIEW_STANCES:
        raise ParamError(f"stance must be one of {', '.join(REVIEW_STANCES)} or null")
    with transaction(ctx.write) as session:
        if stance is None:
            out: dict[str, Any] = {
                "evidence_id": evidence_id,
                "cleared": clear_review(session, evidence_id),
            }
        else:
            out = set_review(session, evidence_id, stance, now=ctx.clock(), reviewer="web")
    ctx.after_review()
    return out


async def review(ctx: WebContext, request: Request) -> Response:
    refused = write_allowed(ctx, bearer(request))
    if refused is not None:
        return refused
    try:
        evidence_id = int(request.path_params["evidence_id"])
        body = await request.body()
        if len(body) > 10_000:
            raise ParamError("body too large")
        data = json.loads(body or b"null")
        if not isinstance(data, dict) or "stance" not in data:
            raise ParamError('the body must be a JSON object {"stance": "supports"} (or null)')
        from starlette.concurrency import run_in_threadpool

        out = await run_in_threadpool(apply_review, ctx, evidence_id, data["stance"])
    except EvidenceNotFound as exc:
        return reply({"error": str(exc)}, 404)
    except (ValueError, ParamError, QueryError) as exc:
        return reply({"error": str(exc)}, 400)
    return reply(out)


def healthz(ctx: WebContext, request: Request) -> Response:
    from sqlalchemy import text as sql

    try:
        with ctx.read() as session:
            session.execute(sql("SELECT 1"))
    except Exception as exc:
        return JSONResponse({"status": "error", "error": type(exc).__name__}, 503)
    return JSONResponse({"status": "ok"})
