"""The bundled sample news web and the loopback server the other tests rely on."""

from __future__ import annotations

import calendar
import gzip
import http.client
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest

from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import (
    Page,
    article_path,
    demo_sources,
    feed_path,
    listing_path,
    load_demo_articles,
    load_demo_corpus,
    load_demo_outlets,
    parse_time,
    render_site,
    sitemap_path,
)
from tests.conftest import XAI_CLAIMS, XAI_ENTITIES, shared_path

CLAIMS = set(XAI_CLAIMS)
ENTITIES = XAI_ENTITIES
STANCES = {"supports", "contradicts", "updates", "mentions"}
STATUSES = {"unverified", "confirmed", "contradicted", "updated", "disputed", "overdue"}
# How each entity surfaces in the sample texts; "xAI" is case-sensitive so "XAI" (explainable AI) is not it.
ALIASES = {
    "xai": r"\bxAI\b",
    "grok2": r"\bGrok[- ]?2\b",
    "oracle": r"\bOracle\b",
    "h100": r"\bH100",
    "colossus": r"Colossus|[Ss]upercluster|gigafactory of compute",
    "musk": r"\bMusk\b",
    "nvidia": r"\bNvidia\b",
    "memphis": r"\bMemphis\b",
}


def fetch(
    server: NewsWebServer, path: str, method: str = "GET", **headers: str
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request with exactly the given headers (urllib would add its own)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def articles() -> list[dict[str, Any]]:
    return load_demo_articles()


@pytest.fixture(scope="module")
def server(articles: list[dict[str, Any]]) -> Iterator[NewsWebServer]:
    with NewsWebServer() as srv:
        srv.set_pages(render_site(articles, srv.base_url))
        yield srv


@pytest.fixture(scope="module")
def pages(server: NewsWebServer, articles: list[dict[str, Any]]) -> dict[str, Page]:
    return render_site(articles, server.base_url)


def outlet_items(articles: list[dict[str, Any]], outlet_id: str) -> list[dict[str, Any]]:
    items = [a for a in articles if a["outlet"] == outlet_id]
    return sorted(items, key=lambda a: parse_time(a["published"]), reverse=True)


# ------------------------------------------------------------------ the site


def test_demo_sources_point_at_the_feeds(server: NewsWebServer) -> None:
    sources = demo_sources(server.base_url)
    assert {s["name"] for s in sources} == {"circuit-desk", "cronica-tecnologica"}
    for source in sources:
        assert source["kind"] == "feed"
        assert source["schedule"] == "*/30 * * * *"
        assert re.fullmatch(r"[a-z0-9-]+", source["name"])
        status, _, _ = fetch(server, source["url"].removeprefix(server.base_url))
        assert status == 200


def test_feeds_parse_and_list_the_newest_ten(
    server: NewsWebServer, articles: list[dict[str, Any]]
) -> None:
    versions = {}
    for outlet in load_demo_outlets():
        status, headers, body = fetch(server, feed_path(outlet))
        assert status == 200
        parsed = feedparser.parse(body, response_headers={k.lower(): v for k, v in headers.items()})
        assert not parsed.bozo, parsed.get("bozo_exception")
        versions[outlet["id"]] = parsed.version
        expected = outlet_items(articles, outlet["id"])[:10]
        assert [e.title for e in parsed.entries] == [a["title"] for a in expected]
        assert [e.link for e in parsed.entries] == [
            server.url(article_path(a, outlet)) for a in expected
        ]
        for entry, article in zip(parsed.entries, expected, strict=True):
            when = datetime.fromtimestamp(calendar.timegm(entry.published_parsed), UTC)
            assert when == parse_time(article["published"])
    assert versions == {"circuit-desk": "rss20", "cronica-tecnologica": "atom10"}
    # The English outlet has 11 articles: the oldest is only reachable by listing or sitemap.
    assert len(outlet_items(articles, "circuit-desk")) > 10


def test_spanish_feed_is_latin1_and_decodes(
    server: NewsWebServer, articles: list[dict[str, Any]]
) -> None:
    status, headers, body = fetch(server, "/cronica-tecnologica/atom.xml")
    assert status == 200
    assert headers["Content-Type"] == "application/atom+xml; charset=iso-8859-1"
    assert body.startswith(b'<?xml version="1.0" encoding="iso-8859-1"?>')
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "Crónica Tecnológica".encode("iso-8859-1") in body
    parsed = feedparser.parse(body)
    assert parsed.encoding.lower() == "iso-8859-1"
    assert parsed.feed.title == "Crónica Tecnológica"
    titles = {e.title for e in parsed.entries}
    assert "Nvidia presenta Colossus de xAI como el mayor superordenador de IA del mundo" in titles
    assert any("«supercluster»" in t for t in titles)


def test_spanish_pages_declare_and_use_latin1(
    pages: dict[str, Page], articles: list[dict[str, Any]]
) -> None:
    outlet = next(o for o in load_demo_outlets() if o["id"] == "cronica-tecnologica")
    for article in outlet_items(articles, "cronica-tecnologica"):
        page = pages[article_path(article, outlet)]
        assert page.content_type == "text/html; charset=iso-8859-1"
        assert b'<meta charset="iso-8859-1">' in page.body
        text = page.body.decode("iso-8859-1")
        assert article["body"][0].replace('"', "&quot;") in text


def test_sitemaps_and_robots(server: NewsWebServer, articles: list[dict[str, Any]]) -> None:
    status, _, robots = fetch(server, "/robots.txt")
    assert status == 200
    sitemap_urls = re.findall(r"^Sitemap: (\S+)$", robots.decode(), re.M)
    outlets = load_demo_outlets()
    assert sitemap_urls == [server.url(sitemap_path(o)) for o in outlets]
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "news": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    for outlet in outlets:
        status, _, body = fetch(server, sitemap_path(outlet))
        root = ET.fromstring(body)
        locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
        assert locs == [
            server.url(article_path(a, outlet)) for a in outlet_items(articles, outlet["id"])
        ]
        assert (
            root.find("s:url/news:news/news:publication/news:language", ns).text
            == outlet["language"]
        )  # type: ignore[union-attr]


def test_listing_pages_paginate_over_every_article(
    pages: dict[str, Page], server: NewsWebServer, articles: list[dict[str, Any]]
) -> None:
    for outlet in load_demo_outlets():
        seen: list[str] = []
        number = 1
        while True:
            html = pages[listing_path(outlet, number)].body.decode(outlet["encoding"])
            seen += re.findall(r'<h2><a href="([^"]+)"', html)
            following = re.search(r'<link rel="next" href="([^"]+)">', html)
            if not following:
                break
            assert following.group(1) == server.url(listing_path(outlet, number + 1))
            assert 'class="older"' in html
            number += 1
        assert number >= 2
        expected = [
            server.url(article_path(a, outlet)) for a in outlet_items(articles, outlet["id"])
        ]
        assert seen == expected


def test_article_pages_carry_metadata_and_boilerplate(
    pages: dict[str, Page], server: NewsWebServer, articles: list[dict[str, Any]]
) -> None:
    outlets = {o["id"]: o for o in load_demo_outlets()}
    for article in articles:
        outlet = outlets[article["outlet"]]
        url = server.url(article_path(article, outlet))
        html = pages[article_path(article, outlet)].body.decode(outlet["encoding"])
        assert f'<link rel="canonical" href="{url}">' in html
        assert f'<meta property="og:url" content="{url}">' in html
        assert 'property="article:published_time"' in html
        assert 'id="cookie-consent"' in html and 'class="comments"' in html
        jsonld = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S)
        if outlet["jsonld"]:
            data = json.loads(jsonld[0])
            assert data["@type"] == "NewsArticle"
            assert data["headline"] == article["title"]
            assert parse_time(data["datePublished"]) == parse_time(article["published"])
        else:
            assert not jsonld
    # Boilerplate on off-topic pages names the story's company: only the body may count.
    negative = next(a for a in articles if a["id"] == "cd-n03")
    html = pages[article_path(negative, outlets["circuit-desk"])].body.decode()
    assert "xAI" in html and "xAI" not in " ".join(negative["body"])


def test_internal_article_links_resolve(pages: dict[str, Page], server: NewsWebServer) -> None:
    for path, page in pages.items():
        if not page.content_type.startswith("text/html"):
            continue
        for href in re.findall(r'href="([^"#]+)"', page.body.decode("iso-8859-1")):
            if not href.startswith(server.base_url):
                continue
            target = href.removeprefix(server.base_url)
            if re.search(r"/(trending|authors|info)/|/search/|logo\.png$", target):
                continue  # deliberately dead boilerplate links, as on real sites
            assert target in pages, f"{path} links to missing {target}"


# --------------------------------------------------------------- the labels


def test_labels_are_consistent(articles: list[dict[str, Any]]) -> None:
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids)) and len(ids) >= 12
    by_id = {a["id"]: a for a in articles}
    outlets = {o["id"] for o in load_demo_outlets()}
    paths = set()
    for article in articles:
        labels = article["labels"]
        assert article["outlet"] in outlets
        assert set(labels["entities"]) <= ENTITIES
        assert set(labels["claims"]) <= CLAIMS
        assert set(labels["claims"].values()) <= STANCES
        # The story's relevance rule: xai or colossus must be present.
        assert labels["relevant"] == bool({"xai", "colossus"} & set(labels["entities"])), article[
            "id"
        ]
        if not labels["relevant"]:
            assert not labels["claims"]
        text = " ".join([article["title"], article["summary"], *article["body"]])
        named = {e for e, pattern in ALIASES.items() if re.search(pattern, text)}
        assert set(labels["entities"]) <= named, article["id"]
        if labels["relevant"]:
            assert named == set(labels["entities"]), article["id"]
        if labels["duplicate_of"] is not None:
            original = by_id[labels["duplicate_of"]]
            assert original["labels"]["duplicate_of"] is None
            assert article["title"] != original["title"] and article["slug"] != original["slug"]
            assert article["body"][0] != original["body"][0]
            assert article["body"][1:] == original["body"][1:]
            assert labels["claims"] == original["labels"]["claims"]
        paths.add((article["outlet"], article["slug"]))
        if article["language"] == "es":
            json.dumps(article, ensure_ascii=False).encode("iso-8859-1")
    assert len(paths) == len(articles)
    assert sum(a["labels"]["duplicate_of"] is not None for a in articles) == 1
    negatives = [a for a in articles if not a["labels"]["relevant"]]
    assert len(negatives) >= 5


def test_expected_board_changes_over_time() -> None:
    corpus = load_demo_corpus()
    boards = {b["date"]: b["claims"] for b in corpus["expected"]}
    for claims in boards.values():
        assert set(claims) == CLAIMS
        assert set(claims.values()) <= STATUSES
    early, late = boards["2024-07-31"], boards["2025-12-31"]
    assert early["grok2-release"] == "unverified" and late["grok2-release"] == "confirmed"
    assert late["gpu-count"] == "updated"
    # Every verdict on the board has labelled evidence by its date.
    for day, claims in boards.items():
        cutoff = parse_time(day) + timedelta(days=1)
        for claim, status in claims.items():
            stances = {
                a["labels"]["claims"][claim]
                for a in corpus["articles"]
                if claim in a["labels"]["claims"] and parse_time(a["published"]) < cutoff
            }
            if status == "unverified":
                assert stances <= {"mentions"}, (day, claim)
            if status == "updated":
                assert "updates" in stances, (day, claim)
            if status == "disputed":
                assert "contradicts" in stances and stances & {"supports", "updates"}, (day, claim)


# --------------------------------------------------------------- the server


def test_server_answers_304_to_if_none_match(server: NewsWebServer) -> None:
    path = "/circuit-desk/feed.xml"
    status, headers, body = fetch(server, path)
    assert status == 200 and body
    etag = headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    status, headers, body = fetch(server, path, If_None_Match=etag)
    assert status == 304 and body == b""
    assert headers["ETag"] == etag
    status, _, _ = fetch(server, path, If_None_Match='"something-else"')
    assert status == 200
    sent = [r for r in server.requests_for(path) if r.header("If-None-Match") == etag]
    assert [r.status for r in sent] == [304]


def test_server_answers_304_to_if_modified_since(
    server: NewsWebServer, pages: dict[str, Page]
) -> None:
    path = "/cronica-tecnologica/atom.xml"
    status, headers, _ = fetch(server, path)
    last_modified = headers["Last-Modified"]
    assert status == 200
    assert last_modified == format_datetime(pages[path].last_modified, usegmt=True)
    assert fetch(server, path, If_Modified_Since=last_modified)[0] == 304
    earlier = format_datetime(pages[path].last_modified - timedelta(hours=1), usegmt=True)
    assert fetch(server, path, If_Modified_Since=earlier)[0] == 200


def test_changed_page_gets_new_validators() -> None:
    first = Page(b"<rss>one</rss>", "application/rss+xml", datetime(2024, 7, 1, tzinfo=UTC))
    with NewsWebServer({"/feed.xml": first}) as srv:
        _, headers, _ = fetch(srv, "/feed.xml")
        etag, modified = headers["ETag"], headers["Last-Modified"]
        srv.set_page(
            "/feed.xml",
            Page(b"<rss>two</rss>", "application/rss+xml", datetime(2024, 8, 1, tzinfo=UTC)),
        )
        status, headers, body = fetch(srv, "/feed.xml", If_None_Match=etag)
        assert status == 200 and body == b"<rss>two</rss>" and headers["ETag"] != etag
        assert fetch(srv, "/feed.xml", If_Modified_Since=modified)[0] == 200
        srv.remove_page("/feed.xml")
        assert fetch(srv, "/feed.xml")[0] == 404


def test_no_validators_when_disabled(articles: list[dict[str, Any]]) -> None:
    with NewsWebServer(etag=False, last_modified=False) as srv:
        srv.set_pages(render_site(articles, srv.base_url))
        status, headers, _ = fetch(srv, "/circuit-desk/feed.xml")
        assert status == 200
        assert "ETag" not in headers and "Last-Modified" not in headers
        conditional = fetch(
            srv,
            "/circuit-desk/feed.xml",
            If_None_Match="*",
            If_Modified_Since="Fri, 01 Jan 2100 00:00:00 GMT",
        )
        assert conditional[0] == 200


def test_gzip_head_and_404(server: NewsWebServer, pages: dict[str, Page]) -> None:
    path = "/circuit-desk/index.html"
    status, headers, body = fetch(server, path, Accept_Encoding="gzip, deflate")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body)
    assert gzip.decompress(body) == pages[path].body
    assert fetch(server, path, If_None_Match=headers["ETag"], Accept_Encoding="gzip")[0] == 304
    status, headers, body = fetch(server, path, Accept_Encoding="gzip;q=0")
    assert "Content-Encoding" not in headers and body == pages[path].body
    status, headers, body = fetch(server, path, "HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) == len(pages[path].body)
    assert fetch(server, "/no/such/page.html")[0] == 404
    assert fetch(server, "/")[0] == 200  # "/" falls back to /index.html
    methods = {(r.method, r.path) for r in server.requests}
    assert ("HEAD", path) in methods


def test_precompressed_pages_serve_the_same_gzip(pages: dict[str, Page]) -> None:
    """Compressed up front (for benchmarks) or on first request: the same bytes and ETag."""
    path = "/circuit-desk/index.html"
    with NewsWebServer() as lazy, NewsWebServer() as eager:
        lazy.set_pages(pages)
        eager.set_pages(pages, precompress=True)
        assert eager._pages[path].gzipped is not None and lazy._pages[path].gzipped is None
        served = [fetch(srv, path, Accept_Encoding="gzip") for srv in (lazy, eager)]
    assert served[0][1]["ETag"] == served[1][1]["ETag"]
    assert served[0][2] == served[1][2] and gzip.decompress(served[1][2]) == pages[path].body


def test_errors_and_redirects_can_be_injected() -> None:
    page = Page(b"ok", "text/plain", datetime(2024, 1, 1, tzinfo=UTC))
    with NewsWebServer({"/a.txt": page}) as srv:
        srv.set_error("/a.txt", 503, headers={"Retry-After": "120"})
        status, headers, _ = fetch(srv, "/a.txt")
        assert status == 503 and headers["Retry-After"] == "120"
        srv.set_redirect("/old.txt", "/a.txt")
        status, headers, _ = fetch(srv, "/old.txt")
        assert status == 301 and headers["Location"] == srv.url("/a.txt")
        srv.set_page("/a.txt", page)
        assert fetch(srv, "/a.txt")[0] == 200


def test_directory_mode_serves_files(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "index.html").write_text("<html><body>hola</body></html>", "utf-8")
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"/>', "utf-8")
    (tmp_path.parent / "secret.txt").write_text("no", "utf-8")
    with NewsWebServer(directory=tmp_path) as srv:
        status, headers, body = fetch(srv, "/news/index.html")
        assert status == 200 and body == b"<html><body>hola</body></html>"
        assert headers["Content-Type"] == "text/html" and "ETag" in headers
        assert fetch(srv, "/news/")[0] == 200
        assert fetch(srv, "/feed.xml")[1]["Content-Type"] == "application/xml"
        assert fetch(srv, "/news/index.html", If_None_Match=headers["ETag"])[0] == 304
        assert fetch(srv, "/../secret.txt")[0] == 404
        assert fetch(srv, "/missing.html")[0] == 404
    with NewsWebServer(directory=tmp_path, etag=False, last_modified=False) as plain:
        _, headers, _ = fetch(plain, "/feed.xml")
        assert "ETag" not in headers and "Last-Modified" not in headers


def test_server_releases_its_port() -> None:
    srv = NewsWebServer().start()
    port = srv.port
    srv.stop()
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/")


@pytest.mark.shared
def test_directory_mode_serves_shared_newsweb(tmp_path: Path) -> None:
    render = shared_path("newsweb", "render.py")
    corpus = shared_path("corpus", "dev")
    with NewsWebServer(directory=tmp_path) as srv:
        subprocess.run(
            [
                sys.executable,
                str(render),
                "--corpus",
                str(corpus),
                "--base",
                srv.base_url,
                "--out",
                str(tmp_path),
            ],
            check=True,
            capture_output=True,
        )
        status, _, body = fetch(srv, "/robots.txt")
        assert status == 200 and b"Sitemap:" in body
        sitemap = re.search(rb"Sitemap: (\S+)", body)
        assert sitemap is not None
        assert fetch(srv, sitemap.group(1).decode().removeprefix(srv.base_url))[0] == 200
