"""Sitemaps, sitemap indexes and Google News sitemaps, parsed safely with lxml.

News sitemaps give title, date and language before a page is fetched; gzip'd
sitemaps are unpacked under a size cap.  Entities are refused beforehand
(crawler.xmlsafety) and lxml is told never to resolve any or touch the network.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from crawler.urls import is_http_url
from crawler.xmlsafety import check_xml, strip_doctype

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed


class SitemapError(ValueError):
    """Not a usable sitemap; the message is the reason recorded on the source."""


@dataclass(frozen=True)
class SitemapUrl:
    url: str
    published: datetime | None = None
    title: str | None = None
    language: str | None = None


@dataclass
class Sitemap:
    urls: list[SitemapUrl] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def _gunzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
        out = gz.read(MAX_SITEMAP_BYTES + 1)
    if len(out) > MAX_SITEMAP_BYTES:
        raise SitemapError("gzip'd sitemap is larger than 50 MB unpacked")
    return out


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    s = text.strip().replace("Z", "+00:00")
    try:
        d = datetime.fromisoformat(s)
    except ValueError:
        try:
            d = datetime.strptime(s[:10], "%Y-%m-%d")
        except ValueError:
            return None
    return d.replace(tzinfo=UTC) if d.tzinfo is None else d.astimezone(UTC)


def _local(tag: object) -> str:
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    check_xml(data)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(strip_doctype(data.lstrip()), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"malformed sitemap: {exc}") from None
    if root is None:
        raise SitemapError("malformed sitemap: empty document")
    kind = _local(root.tag)
    out = Sitemap()
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap: root element <{kind or '?'}>")
    for el in root:
        name = _local(el.tag)
        if name not in ("url", "sitemap"):
            continue
        loc = None
        lastmod = None
        title = None
        pub = None
        lang = None
        for child in el.iter():
            cname = _local(child.tag)
            text = (child.text or "").strip()
            if cname == "loc" and loc is None:
                loc = text
            elif cname == "lastmod":
                lastmod = text
            elif cname == "title":
                title = text or None
            elif cname == "publication_date":
                pub = text
            elif cname == "language":
                lang = (text.split("-")[0].lower() or None) if text else None
        if not loc or not is_http_url(loc):
            continue
        if name == "sitemap":
            out.sitemaps.append(loc)
        else:
            out.urls.append(SitemapUrl(loc, _date(pub) or _date(lastmod), title, lang))
    return out


def sitemaps_from_robots(robots_txt: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    found = []
    for line in robots_txt.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(value.strip())
    return [u for u in found if is_http_url(u)]
