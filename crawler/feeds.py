"""Feed parsing: bytes in (never a URL or a path), entries out.

feedparser understands RSS 0.9x/1.0/2.0 and Atom and copes with broken
markup; Scrapy has already downloaded the bytes, under followup's fetch
limits, so feedparser never opens a connection itself.
"""

from __future__ import annotations

import calendar
import codecs
import contextlib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from crawler.urls import is_http_url
from crawler.xmlsafety import check_xml


class FeedError(ValueError):
    """The document is not a usable feed; the message is the reason recorded on the source."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    summary: str | None = None
    author: str | None = None
    language: str | None = None


@dataclass
class FeedResult:
    entries: list[FeedEntry]
    title: str | None = None
    language: str | None = None
    dropped: dict[str, int] = field(default_factory=dict)  # reason -> count
    warning: str | None = None  # feedparser's bozo reason when it still found entries


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return datetime.fromtimestamp(calendar.timegm(t), UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _plain(value: Any) -> str | None:
    """Feed titles may carry markup: store plain text only."""
    if not value:
        return None
    import lxml.html

    s = str(value)
    if "<" in s or "&" in s:
        with contextlib.suppress(Exception):
            s = lxml.html.fromstring(f"<div>{s}</div>").text_content()
    s = " ".join(s.split())
    return s or None


_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([^\s;\"']+)", re.I)


def _trusted_content_type(data: bytes, content_type: str) -> str:
    """Drop an HTTP charset the bytes contradict.

    feedparser (RFC 3023) lets the header's charset win over the document; but
    non-ASCII bytes that are valid UTF-8 are UTF-8 whatever a misconfigured
    server says, and an unknown charset helps nobody.
    """
    m = _CHARSET.search(content_type)
    if not m:
        return content_type
    bare = _CHARSET.sub("", content_type)
    try:
        declared = codecs.lookup(m.group(1)).name
    except LookupError:
        return bare
    if declared == "utf-8" or data.isascii():
        return content_type
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return content_type
    return bare


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> FeedResult:
    """Parse feed bytes; raise FeedError when no entries can be read at all."""
    check_xml(data)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = _trusted_content_type(data, content_type)
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    feed_lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    entries: list[FeedEntry] = []
    dropped: dict[str, int] = {}
    for e in parsed.entries:
        link = e.get("link") or ""
        if not link:
            for candidate in e.get("links", []):
                if candidate.get("href"):
                    link = candidate["href"]
                    break
        if not link and str(e.get("id", "")).startswith("http"):
            link = e["id"]
        link = urljoin(url, link.strip()) if link else ""
        if not link:
            dropped["no link"] = dropped.get("no link", 0) + 1
            continue
        if not is_http_url(link):
            reason = f"bad scheme {link.split(':', 1)[0][:12].lower()}:"
            dropped[reason] = dropped.get(reason, 0) + 1
            continue
        author = _plain(e.get("author"))
        lang = (e.get("language") or "").split("-")[0].lower() or feed_lang
        entries.append(
            FeedEntry(
                url=link,
                title=_plain(e.get("title")),
                published=_when(e),
                summary=_plain(e.get("summary")),
                author=author,
                language=lang,
            )
        )
    if not entries and not dropped:
        bozo = parsed.get("bozo_exception")
        if parsed.get("version"):
            return FeedResult([], _plain(parsed.feed.get("title")), feed_lang)
        reason = f"malformed feed: {bozo}" if bozo else "malformed feed: no feed found"
        raise FeedError(reason[:300])
    warning = str(parsed.get("bozo_exception"))[:300] if parsed.get("bozo") else None
    return FeedResult(entries, _plain(parsed.feed.get("title")), feed_lang, dropped, warning)
