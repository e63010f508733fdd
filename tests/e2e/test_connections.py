"""A crawl keeps its connections to a site alive instead of opening one per page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import demo_sources, load_demo_articles, render_site
from tests.helpers import ROOT, followup, write_config

PER_DOMAIN = 2


def test_pages_reuse_a_few_keep_alive_connections(tmp_path: Path) -> None:
    with NewsWebServer() as server:
        server.set_pages(render_site(load_demo_articles(), server.base_url))
        cfg = write_config(
            tmp_path,
            f"sqlite:///{tmp_path / 'x.db'}",
            demo_sources(server.base_url),
            allow=server.base_url.split("//")[1],
            extra_crawl=f"concurrent_requests_per_domain = {PER_DOMAIN}",
        )
        followup("init", config=cfg)
        followup("crawl", config=cfg)
        requests = len(server.requests)
        # the pool keeps two generations of per-domain connections (crawler/handlers.py)
        assert requests >= 20
        assert server.connections_opened <= 2 * PER_DOMAIN, (server.connections_opened, requests)


def test_the_pool_holds_two_generations_of_connections() -> None:
    """Scrapy frees a slot before its connection is back in the pool (see crawler/handlers.py).

    In a fresh interpreter: the handler needs an installed reactor.
    """
    code = (
        "from scrapy.utils.reactor import install_reactor\n"
        "install_reactor('twisted.internet.asyncioreactor.AsyncioSelectorReactor')\n"
        "from scrapy.utils.test import get_crawler\n"
        "from crawler.handlers import PooledHTTPDownloadHandler\n"
        "crawler = get_crawler(settings_dict={'CONCURRENT_REQUESTS_PER_DOMAIN': 6})\n"
        "print(PooledHTTPDownloadHandler(crawler)._pool.maxPersistentPerHost)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "12"
