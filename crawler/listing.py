"""Listing pages: which links are articles, which lead to older listings."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from crawler.urls import is_http_url

_ARTICLE_PATH = re.compile(
    r"(/20\d\d/|/\d{4}-\d\d-\d\d|/\d{5,}|[-_][a-z0-9]+[-_][a-z0-9]+[-_][a-z0-9]+.*(\.html?)?$|\.html?$)",
    re.I,
)
_NOT_ARTICLE = re.compile(
    r"/(tag|tags|category|categories|author|authors|page|search|login|about|contact|privacy|terms)(/|$)|"
    r"(index|page-\d+)\.html?$|\.(jpg|jpeg|png|gif|svg|css|js|xml|rss|pdf)$",
    re.I,
)
_OLDER = re.compile(
    r"^\s*(older|next|previous|more|siguiente|anteriores|más|下一页|更早|更多)\b", re.I
)


def _doc(text: str, base: str) -> lxml_html.HtmlElement:
    doc = lxml_html.fromstring(text or "<html></html>", base_url=base)
    return doc


def find_article_links(
    text: str, base: str, follow: re.Pattern[str] | None, dropped: dict[str, int] | None = None
) -> list[str]:
    """Links on the same site that match ``follow`` (or, without one, look like article URLs).

    Links that are not http(s) (javascript:, data:, file:, mailto:…) are counted in
    ``dropped`` by scheme, so the source's record says what was refused.
    """
    doc = _doc(text, base)
    host = urlsplit(base).netloc
    seen: dict[str, None] = {}
    for a in doc.iter("a"):
        href = a.get("href")
        if not href:
            continue
        url = urljoin(base, href.strip()).split("#", 1)[0]
        if not is_http_url(url):
            if dropped is not None and ":" in url:
                reason = f"bad scheme {url.split(':', 1)[0][:12].lower()}:"
                dropped[reason] = dropped.get(reason, 0) + 1
            continue
        if url in seen:
            continue
        if follow is not None:
            if follow.search(url):
                seen[url] = None
            continue
        if urlsplit(url).netloc != host:
            continue
        path = urlsplit(url).path
        if _NOT_ARTICLE.search(path) or not _ARTICLE_PATH.search(path):
            continue
        seen[url] = None
    return list(seen)


def find_next_pages(text: str, base: str) -> list[str]:
    """rel=next links and "Older"/"Next" links: the listing's further pages."""
    doc = _doc(text, base)
    found: dict[str, None] = {}
    for el in doc.iter("a", "link"):
        href = el.get("href")
        if not href:
            continue
        rel = (el.get("rel") or "").lower().split()
        label = (el.text_content() if el.tag == "a" else "") or ""
        if "next" in rel or (el.tag == "a" and _OLDER.match(label)):
            url = urljoin(base, href.strip()).split("#", 1)[0]
            if is_http_url(url) and url != base:
                found[url] = None
    return list(found)
