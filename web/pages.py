"""The board's HTML pages: rendered on the server, usable without JavaScript."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from claims.status import claim_status, end_of_day
from storage.changes import list_changes
from storage.models import Article, Source
from storage.queries import QueryError, recent_runs, search_articles, source_rows
from web.api import apply_review, board_for, guard_with, story_or_404, write_allowed
from web.context import WebContext
from web.params import ParamError, article_filter, text
from web.security import CSRF_COOKIE, csrf_ok, csrf_token
from web.svg import timeline_svg

TEMPLATES = Path(__file__).resolve().parent / "templates"
STANCE_CHOICES = ("supports", "contradicts", "updates", "mentions")


def safe_href(url: Any) -> str:
    """A link target only for http(s) URLs; anything else (javascript:, data:…) is no link."""
    s = str(url or "").strip()
    return s if s.lower().startswith(("http://", "https://")) else ""


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "xml"], default=True),
    )
    env.filters["href"] = safe_href
    env.filters["day"] = lambda v: (v or "")[:10]
    return env


ENV = _env()


def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(name).render(**ctx), status)


_TITLES = {400: "Bad request", 404: "Not found"}
guarded = guard_with(lambda status, message: render("error.html", status, title=_TITLES[status], message=message))


def _outlets(ctx: WebContext, article_ids: Sequence[int]) -> dict[int, str]:
    if not article_ids:
        return {}
    with ctx.read() as session:
        rows = session.execute(
            select(Article.id, Source.name)
            .join(Source, Source.id == Article.source_id)
            .where(Article.id.in_(list(article_ids)))
        )
        return {aid: name for aid, name in rows}


def _start(board: Mapping[str, Any], as_of: datetime) -> datetime:
    dates = [
        datetime.fromisoformat(e["published"])
        for c in board["claims"]
        for e in c["evidence"]
        if e["published"]
    ]
    first = min(dates, default=as_of - timedelta(days=30))
    return first - max((as_of - first) / 40, timedelta(days=1))


@guarded
def index(ctx: WebContext, request: Request) -> Response:
    now = ctx.clock()
    summaries = []
    with ctx.read() as session:
        for story in ctx.stories:
            board = ctx.board(session, story, now, 0.0)
            counts: dict[str, int] = {}
            for c in board["claims"]:
                counts[c["status"]] = counts.get(c["status"], 0) + 1
            summaries.append(
                {"id": story.id, "title": story.title, "counts": counts, "claims": board["claims"]}
            )
        changes = list_changes(session, newest=10)[::-1]
        runs = recent_runs(session, 5)
    return render("index.html", stories=summaries, changes=changes, runs=runs, now=now.isoformat())


@guarded
def story_page(ctx: WebContext, request: Request) -> Response:
    story = story_or_404(ctx, request.path_params["story"])
    board = board_for(ctx, request, story.id)
    as_of = datetime.fromisoformat(board["as_of"])
    start = _start(board, as_of)
    claims = {c.id: c for c in story.claims}
    outlets = _outlets(ctx, [e["article_id"] for c in board["claims"] for e in c["evidence"]])
    for c in board["claims"]:
        claim = claims[c["id"]]
        c["timeline"] = timeline_svg(
            c["id"],
            c["evidence"],
            start=start,
            end=as_of,
            status_at=functools.partial(claim_status, claim),
            deadline_end=end_of_day(claim.deadline) if claim.deadline else None,
        )
        for e in c["evidence"]:
            e["outlet"] = outlets.get(e["article_id"])
    with ctx.read() as session:
        changes = list_changes(session, story=story.id, newest=20)[::-1]
    csrf = csrf_token(request)
    resp = render(
        "story.html",
        story=story,
        board=board,
        changes=changes,
        as_of_param=text(request.query_params, "as_of") or "",
        reviews_on=bool(ctx.token),
        csrf=csrf,
        stances=STANCE_CHOICES,
    )
    resp.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/")
    return resp


@guarded
def articles_page(ctx: WebContext, request: Request) -> Response:
    q = request.query_params
    f = article_filter(q, split_entities=True)
    with ctx.read() as session:
        rows = search_articles(session, f)
        sources = [s["name"] for s in source_rows(session)]
    form = {k: q.get(k, "") for k in ("q", "story", "source", "lang", "since", "until", "limit")}
    form["entity"] = " ".join(q.getlist("entity"))
    return render("articles.html", rows=rows, form=form, stories=ctx.stories, sources=sources)


@guarded
def sources_page(ctx: WebContext, request: Request) -> Response:
    with ctx.read() as session:
        return render("sources.html", rows=source_rows(session))


@guarded
def runs_page(ctx: WebContext, request: Request) -> Response:
    with ctx.read() as session:
        return render("runs.html", rows=recent_runs(session, 50))


async def review_form(ctx: WebContext, request: Request) -> Response:
    """The board's review form: the token typed in, and the CSRF token of this browser."""
    form = await request.form()
    story = ctx.story(str(form.get("story", "")))
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return render(
            "error.html",
            403,
            title="Forbidden",
            message="the form's CSRF token does not match: reload the page",
        )
    refused = write_allowed(ctx, str(form.get("token", "")) or None)
    if refused is not None:
        return render(
            "error.html",
            refused.status_code,
            title="Not allowed",
            message="the review token is missing or wrong",
        )
    stance = str(form.get("stance", ""))
    try:
        evidence_id = int(request.path_params["evidence_id"])
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(
            apply_review, ctx, evidence_id, None if stance == "clear" else stance
        )
    except (ValueError, ParamError, QueryError) as exc:
        return render("error.html", 400, title="Bad request", message=str(exc))
    back = f"/stories/{story.id}" if story else "/"
    as_of = str(form.get("as_of", ""))
    if story and as_of:
        back += "?" + urlencode({"as_of": as_of})
    return RedirectResponse(back, 303)
