"""The hostile sources: what each serves and what followup must record for it.

``build_hostile_web`` installs every route on a :class:`HostileServer` and
returns the cases; ``healthy_pages`` is the well-behaved source that must be
stored in full beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from scheduler.demo.site import Page
from tests.hostile.hostile_server import (
    GB,
    LAUGHS_ONE_LINE,
    MB,
    Canary,
    HostileServer,
    article_html,
    brotli_bomb,
    colossus_paragraphs,
    gzip_bomb,
    laughs_multi_line,
    rss,
    xxe_feed,
)


@dataclass(frozen=True)
class Case:
    """One hostile source: its URL, and the outcome and reason `followup sources` must show."""

    name: str
    url: str
    outcome: str  # "error": the source's own document failed; "ok": it was read, items dropped
    reason: str  # a substring of the recorded error (outcome error) or drop note (outcome ok)
    kind: str = "feed"
    stored_titles: tuple[str, ...] = ()  # pages of this source that must be stored, by title
    extra_reasons: tuple[str, ...] = field(default=())
    follow: str | None = None  # kind "site": the article URL pattern
    allow: str | None = None  # another host:port this source needs allowed (its own server)

    def source(self) -> dict[str, str]:
        """The [[sources]] entry of this case."""
        out = {"name": self.name, "kind": self.kind, "url": self.url}
        if self.follow:
            out["follow"] = self.follow
        return out


def _page(title: str, seed: str, **kw: object) -> bytes:
    return article_html(title, colossus_paragraphs(seed), **kw).encode("utf-8")  # type: ignore[arg-type]


def build_hostile_web(
    srv: HostileServer, canary: Canary, robots: dict[str, HostileServer] | None = None
) -> list[Case]:
    """Install the hostile routes on ``srv``; the canary's port is what must never be reached.

    ``robots`` are spare servers (robots.txt is per host:port) whose robots.txt misbehaves.
    """
    b = srv.base
    cport = canary.port
    cases: list[Case] = []

    def feed_of(path: str, links: list[tuple[str, str]], **kw: object) -> None:
        items = [{"title": escape(t), "link": escape(u)} for t, u in links]
        srv.static(path, rss(items, **kw), "application/rss+xml")  # type: ignore[arg-type]

    srv.static("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")

    # -- time and size limits
    srv.trickle("/slowloris/feed.xml")
    cases.append(Case("slow-loris", f"{b}/slowloris/feed.xml", "error", "timeout"))
    srv.encoded("/gzbomb/feed.xml", gzip_bomb(GB), "gzip")
    cases.append(Case("gzip-bomb", f"{b}/gzbomb/feed.xml", "error", "too large"))
    srv.encoded("/brbomb/feed.xml", brotli_bomb(GB), "br")
    cases.append(Case("brotli-bomb", f"{b}/brbomb/feed.xml", "error", "too large"))
    srv.huge("/big/feed.xml", 50 * MB)
    cases.append(Case("big-page", f"{b}/big/feed.xml", "error", "too large"))
    srv.huge("/bigstream/feed.xml", 50 * MB, content_length=False)
    cases.append(Case("big-stream", f"{b}/bigstream/feed.xml", "error", "too large"))

    # -- HTTP errors
    srv.static("/e500/feed.xml", "oops", "text/plain", status=500)
    cases.append(Case("http-500", f"{b}/e500/feed.xml", "error", "HTTP 500"))
    srv.static(
        "/e429/feed.xml", "slow down", "text/plain", status=429, headers={"Retry-After": "3600"}
    )
    cases.append(Case("http-429", f"{b}/e429/feed.xml", "error", "HTTP 429, Retry-After 3600 s"))

    # -- redirects
    srv.redirect("/loop/a", f"{b}/loop/b")
    srv.redirect("/loop/b", f"{b}/loop/a")
    cases.append(Case("redirect-loop", f"{b}/loop/a", "error", "redirect loop"))
    for i in range(8):
        srv.redirect(f"/chain/{i}", f"{b}/chain/{i + 1}")
    srv.static("/chain/8", rss([]), "application/rss+xml")
    cases.append(Case("redirect-chain", f"{b}/chain/0", "error", "too many redirects"))
    srv.redirect("/tofile/feed.xml", "file:///etc/passwd")
    cases.append(Case("redirect-file", f"{b}/tofile/feed.xml", "error", "bad scheme"))
    srv.redirect("/tocanary/feed.xml", f"http://127.0.0.1:{cport}/feed.xml")
    cases.append(Case("redirect-canary", f"{b}/tocanary/feed.xml", "error", "blocked address"))
    srv.redirect("/tometadata/feed.xml", "http://169.254.169.254/latest/meta-data/")
    cases.append(Case("redirect-metadata", f"{b}/tometadata/feed.xml", "error", "blocked address"))

    # -- internal addresses as the source itself
    cases.append(
        Case(
            "metadata-url",
            "http://169.254.169.254/latest/meta-data/",
            "error",
            "blocked address (link-local 169.254.169.254)",
        )
    )
    cases.append(
        Case("loopback-canary", f"http://127.0.0.1:{cport}/feed.xml", "error", "blocked address")
    )
    cases.append(
        Case(
            "mapped-canary",
            f"http://[::ffff:127.0.0.1]:{cport}/feed.xml",
            "error",
            "blocked address (loopback (IPv4-mapped)",
        )
    )
    cases.append(
        Case(
            "localhost-canary",
            f"http://localhost:{cport}/feed.xml",
            "error",
            "blocked address (localhost resolves to loopback",
        )
    )

    # -- XML attacks
    srv.static("/laughs1/feed.xml", LAUGHS_ONE_LINE, "application/rss+xml")
    cases.append(Case("laughs-one-line", f"{b}/laughs1/feed.xml", "error", "rejected DTD"))
    srv.static("/laughsn/feed.xml", laughs_multi_line(), "application/rss+xml")
    cases.append(Case("laughs-many-lines", f"{b}/laughsn/feed.xml", "error", "rejected DTD"))
    srv.static("/xxefile/feed.xml", xxe_feed("file:///etc/passwd"), "application/rss+xml")
    cases.append(Case("xxe-file", f"{b}/xxefile/feed.xml", "error", "rejected DTD"))
    srv.static("/xxeurl/feed.xml", xxe_feed(f"http://127.0.0.1:{cport}/xxe"), "application/rss+xml")
    cases.append(Case("xxe-url", f"{b}/xxeurl/feed.xml", "error", "rejected DTD"))
    srv.static(
        "/xxeparam/feed.xml",
        xxe_feed(f"http://127.0.0.1:{cport}/dtd", parameter=True),
        "application/rss+xml",
    )
    cases.append(Case("xxe-parameter", f"{b}/xxeparam/feed.xml", "error", "rejected DTD"))
    sitemap_xxe = (
        '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>'
    )
    srv.static("/sitemapxxe/sitemap.xml", sitemap_xxe, "application/xml")
    cases.append(
        Case("sitemap-xxe", f"{b}/sitemapxxe/sitemap.xml", "error", "rejected DTD", kind="sitemap")
    )
    srv.static(
        "/sitemaplaughs/sitemap.xml", LAUGHS_ONE_LINE.replace("rss", "urlset"), "application/xml"
    )
    cases.append(
        Case(
            "sitemap-laughs",
            f"{b}/sitemaplaughs/sitemap.xml",
            "error",
            "rejected DTD",
            kind="sitemap",
        )
    )
    # an external DTD without entity declarations: read, but the DTD is never fetched
    ext_dtd = rss(
        [{"title": "xAI Colossus external DTD", "link": f"{b}/extdtd/article.html"}]
    ).replace(
        '<rss version="2.0">',
        f'<!DOCTYPE rss SYSTEM "http://127.0.0.1:{cport}/evil.dtd">\n<rss version="2.0">',
    )
    srv.static("/extdtd/feed.xml", ext_dtd, "application/rss+xml")
    srv.static("/extdtd/article.html", _page("xAI Colossus external DTD story", "extdtd"))
    cases.append(
        Case(
            "external-dtd",
            f"{b}/extdtd/feed.xml",
            "ok",
            "",
            stored_titles=("xAI Colossus external DTD story",),
        )
    )

    # -- links that must never be fetched
    srv.redirect("/links/to-canary", f"http://127.0.0.1:{cport}/via-redirect")
    srv.static("/links/good.html", _page("xAI Colossus links good story", "links"))
    bad_links = [
        ("js", "javascript:alert(document.cookie)"),
        ("data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        ("file", "file:///etc/passwd"),
        ("mail", "mailto:editor@example.com"),
        ("ftp", "ftp://127.0.0.1/pub"),
        ("loopback", f"http://127.0.0.1:{cport}/a"),
        ("metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
        ("mapped", f"http://[::ffff:127.0.0.1]:{cport}/b"),
        ("v6loop", f"http://[::1]:{cport}/c"),
        ("localhost", f"http://localhost:{cport}/d"),
        ("zero", f"http://0.0.0.0:{cport}/e"),
        ("decimal", f"http://2130706433:{cport}/f"),
        ("redirect", f"{b}/links/to-canary"),
        ("good", f"{b}/links/good.html"),
    ]
    feed_of("/links/feed.xml", bad_links)
    cases.append(
        Case(
            "bad-links",
            f"{b}/links/feed.xml",
            "ok",
            "bad scheme javascript:",
            stored_titles=("xAI Colossus links good story",),
            extra_reasons=(
                "bad scheme data:",
                "bad scheme file:",
                "bad scheme mailto:",
                "blocked address",
            ),
        )
    )

    # -- not HTML
    pdf = (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n"
        + b"0" * 200_000
        + b"\n%%EOF\n"
    )
    srv.static("/pdf/report.html", pdf, "text/html; charset=utf-8")
    srv.static("/pdf/photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100_000, "image/jpeg")
    srv.static("/pdf/good.html", _page("xAI Colossus beside a PDF", "pdfgood"))
    feed_of(
        "/pdf/feed.xml",
        [
            ("report", f"{b}/pdf/report.html"),
            ("photo", f"{b}/pdf/photo.jpg"),
            ("good", f"{b}/pdf/good.html"),
        ],
    )
    cases.append(
        Case(
            "pdf-as-html",
            f"{b}/pdf/feed.xml",
            "ok",
            "not HTML (text/html)",
            stored_titles=("xAI Colossus beside a PDF",),
            extra_reasons=("not HTML (image/jpeg)",),
        )
    )

    # -- a listing page ("site" source) full of links that must never be fetched (its own URLs:
    #    the same URLs as the feed's would be dropped by Scrapy's duplicate filter)
    srv.static("/site/good.html", _page("xAI Colossus site good story", "site"))
    site_links = [
        (t, u + "?via=site" if u.startswith("http") else u)
        for t, u in bad_links
        if t not in ("good", "redirect")
    ]
    site_links += [("redirect", f"{b}/links/to-canary?via=site"), ("good", f"{b}/site/good.html")]
    listing = "".join(f'<a href="{escape(u)}">{escape(t)}</a>' for t, u in site_links)
    srv.static("/site/index.html", f"<html><body><h1>News</h1>{listing}</body></html>")
    cases.append(
        Case(
            "site-bad-links",
            f"{b}/site/index.html",
            "ok",
            "blocked address",
            kind="site",
            follow=r"/(links|site/good|a|b|c|d|e|f|latest)",
            stored_titles=("xAI Colossus site good story",),
        )
    )

    # -- robots.txt that trickles, explodes or points at the canary: the feed is still read
    for name, r in (robots or {}).items():
        rb = r.base
        if name == "robots-slow":
            r.trickle("/robots.txt")
        elif name == "robots-bomb":
            r.encoded("/robots.txt", gzip_bomb(GB), "gzip", "text/plain")
        else:
            r.redirect("/robots.txt", f"http://127.0.0.1:{cport}/robots.txt")
        r.static("/article.html", _page(f"xAI Colossus behind {name}", name))
        r.static(
            "/feed.xml", rss([{"title": name, "link": f"{rb}/article.html"}]), "application/rss+xml"
        )
        cases.append(
            Case(
                name,
                f"{rb}/feed.xml",
                "ok",
                "",
                allow=r.host_port,
                stored_titles=(f"xAI Colossus behind {name}",),
            )
        )

    # -- encodings
    cases += _encoding_cases(srv)

    # -- markup in titles: an RSS title (the page has no headline of its own, so the feed's title
    #    is the one stored) and a page whose headline carries live elements
    evil = 'xAI Colossus <script>alert("t")</script><img src=x onerror=alert(1)> goes live'
    srv.static(
        "/script/article.html",
        article_html("", colossus_paragraphs("script"))
        .replace("<title></title>", "")
        .replace("<h1></h1>", "")
        .encode(),
    )
    feed_of("/script/feed.xml", [(evil, f"{b}/script/article.html")])
    cases.append(Case("script-title", f"{b}/script/feed.xml", "ok", ""))
    srv.static(
        "/scriptpage/article.html",
        _page(
            "xAI Colossus script page",
            "scriptpage",
            title_html='xAI Colossus <script>alert(2)</script><img src=x onerror="alert(3)"> script page',
        ),
    )
    feed_of("/scriptpage/feed.xml", [("page", f"{b}/scriptpage/article.html")])
    cases.append(Case("script-page", f"{b}/scriptpage/feed.xml", "ok", ""))
    return cases


ENC_TITLES = {
    "enc-latin1-as-utf8": "Café in Memphis: xAI señala",
    "enc-header-conflict": "Über Colossus: xAI’s naïve plan",
    "enc-cp1252-undeclared": "“Colossus” – xAI’s €10bn",
    "enc-utf16": "Colossus 超级计算机 xAI",
    "enc-pages": "Página de xAI: Colossus en Memphis",
}


def _encoding_cases(srv: HostileServer) -> list[Case]:
    """Feeds and pages with missing, wrong or conflicting charsets."""
    b = srv.base
    cases: list[Case] = []

    def feed_bytes(name: str, title: str, encoding: str | None, codec: str) -> bytes:
        link = f"{b}/{name}/article.html"
        doc = rss([{"title": title, "link": link}], encoding=encoding, title=title)
        return doc.encode(codec, errors="xmlcharrefreplace")

    def page(name: str, title: str) -> None:
        srv.static(f"/{name}/article.html", _page(title, name))

    # bytes in latin-1, declared utf-8
    n = "enc-latin1-as-utf8"
    srv.static(
        f"/{n}/feed.xml", feed_bytes(n, ENC_TITLES[n], "utf-8", "latin-1"), "application/rss+xml"
    )
    page(n, ENC_TITLES[n])
    # utf-8 bytes and declaration, the header says iso-8859-1
    n = "enc-header-conflict"
    srv.static(
        f"/{n}/feed.xml",
        feed_bytes(n, ENC_TITLES[n], "utf-8", "utf-8"),
        "application/rss+xml; charset=iso-8859-1",
    )
    page(n, ENC_TITLES[n])
    # windows-1252 with no declaration and no charset
    n = "enc-cp1252-undeclared"
    srv.static(
        f"/{n}/feed.xml", feed_bytes(n, ENC_TITLES[n], None, "cp1252"), "application/rss+xml"
    )
    page(n, ENC_TITLES[n])
    # UTF-16 with a BOM
    n = "enc-utf16"
    srv.static(
        f"/{n}/feed.xml", feed_bytes(n, ENC_TITLES[n], "utf-16", "utf-16"), "application/xml"
    )
    page(n, ENC_TITLES[n])
    for name in ("enc-latin1-as-utf8", "enc-header-conflict", "enc-cp1252-undeclared", "enc-utf16"):
        cases.append(
            Case(name, f"{b}/{name}/feed.xml", "ok", "", stored_titles=(ENC_TITLES[name],))
        )

    # mis-encoded pages behind a clean feed
    n = "enc-pages"
    t = ENC_TITLES[n]
    pages = {
        "header-utf8-bytes-cp1252": (
            article_html(t + " 1", colossus_paragraphs("p1 café"), charset=None).encode("cp1252"),
            "text/html; charset=utf-8",
        ),
        "meta-sjis-bytes-utf8": (
            article_html(t + " 2", colossus_paragraphs("p2 café"), charset="shift_jis").encode(
                "utf-8"
            ),
            "text/html",
        ),
        "no-charset-latin1": (
            article_html(t + " 3", colossus_paragraphs("p3 café"), charset=None).encode("latin-1"),
            "text/html",
        ),
        "bogus-charset": (
            article_html(t + " 4", colossus_paragraphs("p4 café"), charset="x-no-such").encode(
                "utf-8"
            ),
            "text/html; charset=x-no-such-charset",
        ),
    }
    links = []
    for slug, (body, ctype) in pages.items():
        srv.static(f"/{n}/{slug}.html", body, ctype)
        links.append({"title": slug, "link": f"{b}/{n}/{slug}.html"})
    srv.static(f"/{n}/feed.xml", rss(links), "application/rss+xml")
    cases.append(
        Case(n, f"{b}/{n}/feed.xml", "ok", "", stored_titles=tuple(f"{t} {i}" for i in range(1, 5)))
    )
    return cases


# ---------------------------------------------------------------------------- the healthy source

HEALTHY_TITLES = [f"xAI Colossus healthy report {i}" for i in range(1, 7)]


def healthy_pages(base: str) -> dict[str, Page]:
    """A well-behaved feed and its six article pages (for scheduler.demo.server.NewsWebServer)."""
    when = datetime(2024, 8, 20, 10, 0, tzinfo=UTC)
    pages: dict[str, Page] = {}
    items = []
    for i, title in enumerate(HEALTHY_TITLES, 1):
        path = f"/news/healthy-{i}.html"
        pages[path] = Page(_page(title, f"healthy {i} {'x' * i}"), "text/html; charset=utf-8", when)
        items.append({"title": title, "link": f"{base}{path}"})
    pages["/feed.xml"] = Page(rss(items).encode("utf-8"), "application/rss+xml", when)
    return pages
