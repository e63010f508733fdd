"""Query-string parsing: every bad value is a ParamError (a 400 with a message), never a 500."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from starlette.datastructures import QueryParams

from storage.queries import ArticleFilter

MAX_QUERY = 2048
MAX_VALUE = 500


class ParamError(ValueError):
    """A query parameter the board cannot use; the message says which and why."""


def check_query_string(raw: bytes) -> None:
    if len(raw) > MAX_QUERY:
        raise ParamError(f"query string longer than {MAX_QUERY} bytes")
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise ParamError("query string is not percent-encoded ASCII") from None
    if any(ord(ch) < 32 for ch in text):
        raise ParamError("control characters in the query string")


def text(q: QueryParams | Mapping[str, Any], name: str) -> str | None:
    v = q.get(name)
    if v is None or v == "":
        return None
    v = str(v)
    if len(v) > MAX_VALUE:
        raise ParamError(f"{name}: longer than {MAX_VALUE} characters")
    if any(ord(ch) < 32 for ch in v):
        raise ParamError(f"{name}: control characters")
    return v


def when(v: str | None, name: str, *, end_of_day: bool = False) -> datetime | None:
    """The CLI's dates: ISO 8601 date (its start, or end) or timestamp, UTC when naive."""
    if v is None:
        return None
    s = v.strip()
    try:
        if len(s) == 10:
            d = datetime.strptime(s, "%Y-%m-%d").date()
            return datetime.combine(d, time.max if end_of_day else time.min, tzinfo=UTC)
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        raise ParamError(
            f"{name}: {v!r} is not an ISO 8601 date (2024-08-01) or timestamp"
        ) from None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def integer(v: str | None, name: str, default: int, lo: int, hi: int) -> int:
    if v is None:
        return default
    try:
        n = int(v)
    except ValueError:
        raise ParamError(f"{name}: {v!r} is not a whole number") from None
    if not lo <= n <= hi:
        raise ParamError(f"{name}: {n} is outside {lo}-{hi}")
    return n


def number(v: str | None, name: str, default: float, lo: float, hi: float) -> float:
    if v is None:
        return default
    try:
        x = float(v)
    except ValueError:
        raise ParamError(f"{name}: {v!r} is not a number") from None
    if not lo <= x <= hi:
        raise ParamError(f"{name}: {v} is outside {lo}-{hi}")
    return x


def article_filter(q: QueryParams, *, split_entities: bool = False) -> ArticleFilter:
    """The filters of `followup query`, from /articles and /api/v1/articles.

    ``split_entities``: the board's one text field may name several, by space or comma."""
    values = q.getlist("entity")
    if split_entities:
        values = [e for v in values for e in re.split(r"[\s,]+", v)]
    entities = tuple(e for e in values if e)
    for e in entities:
        text({"entity": e}, "entity")
    return ArticleFilter(
        text=text(q, "q"),
        story=text(q, "story"),
        entities=entities,
        source=text(q, "source"),
        language=text(q, "lang"),
        since=when(text(q, "since"), "since"),
        until=when(text(q, "until"), "until", end_of_day=True),
        limit=integer(text(q, "limit"), "limit", 50, 1, 1000),
        include_duplicates=text(q, "include_duplicates") in ("1", "true", "yes"),
    )
