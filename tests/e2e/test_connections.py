"""A crawl keeps its connections to a site alive instead of opening one per page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scheduler.demo.server import NewsWebServer
from tests.helpers import ROOT, demo_config, followup

PER_DOMAIN = 2


def test_pages_reuse_a_few_keep_alive_connections(tmp_path: Path) -> None:
    with NewsWebServer() as server:
        cfg = demo_config(
            tmp_path, server, extra_crawl=f"concurrent_requests_per_domain = {PER_DOMAIN}"
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
