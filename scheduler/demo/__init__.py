"""The bundled sample news web that `followup demo` serves and crawls offline.

`site` renders the sample articles into pages, feeds and sitemaps in memory;
`server` serves such pages (or a directory) on loopback with the validators,
304s and gzip a real news site would give, so the test-suite can use it too.
"""

from scheduler.demo.server import NewsWebServer, RequestRecord
from scheduler.demo.site import Page, demo_sources, load_demo_articles, render_site

__all__ = [
    "NewsWebServer",
    "Page",
    "RequestRecord",
    "demo_sources",
    "load_demo_articles",
    "render_site",
]
