"""Per-host request spacing shared by every crawl process, kept in Redis (the broker).

Scrapy's own DOWNLOAD_DELAY and per-domain concurrency hold inside one
crawl process; with workers on many machines, two jobs of sources on the
same host would each be polite and together not. Here every request takes
a turn from one Redis key per host: a Lua script reads Redis's own clock
(the machines' clocks never matter), hands out the next free instant and
moves the host's next free instant ``delay`` further; the middleware waits
until its turn, then lets the request through. Turns are taken in order,
so requests to one host leave at least ``delay`` apart wherever they come
from.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.httpobj import urlparse_cached

# KEYS[1]: the host's key; ARGV[1]: the spacing in microseconds. Returns the wait in microseconds.
_RESERVE = """
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000000 + tonumber(now[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(t, nxt)
local spacing = tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', at + spacing), 'PX', math.floor(spacing / 1000) + 60000)
return at - t
"""

KEY_PREFIX = "followup:pace:"


class HostPacer:
    """Turns for requests to a host, one every ``delay_s`` seconds across all processes."""

    def __init__(self, client: Any, delay_s: float, prefix: str = KEY_PREFIX) -> None:
        self.client = client
        self.spacing_us = round(delay_s * 1_000_000)
        self.prefix = prefix
        self._script = client.register_script(_RESERVE)

    def reserve(self, host: str) -> float:
        """Take the host's next turn; returns how many seconds to wait for it."""
        waited = self._script(keys=[self.prefix + host.lower()], args=[self.spacing_us])
        return int(waited) / 1_000_000


class SharedPolitenessMiddleware:
    """Downloader middleware: each request waits for its host's turn in the broker.

    Placed last before the download handler, so the turn is taken when the
    request is about to leave (robots.txt and redirects come through here
    too). Configured by ``FOLLOWUP_SHARED_POLITENESS_URL`` (a Redis URL) and
    ``FOLLOWUP_SHARED_DOMAIN_DELAY_S``; off without them.
    """

    def __init__(self, pacer: HostPacer, url: str, stats: StatsCollector | None) -> None:
        self.pacer = pacer
        self.url = url
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPolitenessMiddleware:
        url = crawler.settings.get("FOLLOWUP_SHARED_POLITENESS_URL")
        delay = crawler.settings.getfloat("FOLLOWUP_SHARED_DOMAIN_DELAY_S")
        if not url or delay <= 0:
            raise NotConfigured("no shared politeness (FOLLOWUP_SHARED_POLITENESS_URL unset)")
        import redis

        client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=10)
        return cls(HostPacer(client, delay), url, crawler.stats)

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        try:
            # one short round trip on the reactor thread (~0.1 ms on a LAN): simpler than an
            # async client, and the wait itself is asynchronous
            wait = self.pacer.reserve(host)
        except Exception as exc:  # the broker is down: fail this fetch, recorded on its source
            raise IgnoreRequest(f"shared politeness: broker {self.url} unreachable: {exc}") from exc
        if self.stats is not None:
            self.stats.inc_value("followup/pacing/turns")
        if wait > 0:
            if self.stats is not None:
                self.stats.inc_value("followup/pacing/wait_ms", round(wait * 1000))
            await asyncio.sleep(wait)
