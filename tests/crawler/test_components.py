"""Which Scrapy components followup's settings run: what a news crawl needs, no more."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list


@pytest.fixture(scope="module")
def settings() -> Settings:
    s = Settings()
    s.setmodule("crawler.settings", priority="project")
    return s


def components(settings: Settings, name: str) -> list[str]:
    return [
        c if isinstance(c, str) else f"{c.__module__}.{c.__name__}"
        for c in build_component_list(settings.getwithbase(name))
    ]


def test_downloader_middlewares(settings: Settings) -> None:
    mws = components(settings, "DOWNLOADER_MIDDLEWARES")
    assert "crawler.middlewares.MetaRefreshMiddleware" in mws
    assert "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware" not in mws
    assert "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware" not in mws
    # followup's guards around Scrapy's redirect (600) and retry (550) middlewares
    assert mws.index("crawler.middlewares.UrlGuardMiddleware") == 0
    assert mws.index("crawler.middlewares.FetchLimitsMiddleware") > mws.index(
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware"
    )
    assert not settings.getbool("DOWNLOADER_STATS")  # DownloaderStats raises NotConfigured


def test_extensions_and_spider_middlewares(settings: Settings) -> None:
    exts = components(settings, "EXTENSIONS")
    for off in ("telnet.TelnetConsole", "remote_control.RemoteControl", "feedexport.FeedExporter"):
        assert f"scrapy.extensions.{off}" not in exts
    assert "scrapy.extensions.corestats.CoreStats" in exts  # response_received_count: pages fetched
    smws = components(settings, "SPIDER_MIDDLEWARES")
    assert "scrapy.spidermiddlewares.depth.DepthMiddleware" not in smws
    assert "scrapy.spidermiddlewares.referer.RefererMiddleware" in smws
