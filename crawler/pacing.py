"""Per-host politeness shared by every crawl process, kept in Redis (the broker).

Scrapy's own DOWNLOAD_DELAY and per-domain concurrency hold inside one
crawl process; with workers on many machines, two jobs of sources on the
same host would each be polite and together not. Here a request to a host
starts only when fewer than ``limit`` requests to that host are in flight
anywhere, and no sooner than ``delay`` after the previous one to it started
or finished. Both are kept in Redis: per host, a sorted set of the requests
in flight (each with an expiry, so a killed process frees its places) and
the host's next allowed start. Lua scripts read Redis's own clock, so the
machines' clocks never matter.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.httpobj import urlparse_cached

# KEYS: in flight (zset), next start; ARGV: token, hold us, delay us, limit.
# Returns 0 (go), the microseconds to wait for the next start, or -1 (all places taken).
_ACQUIRE = """
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000000 + tonumber(now[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', t)
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nxt > t then return nxt - t end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return -1 end
local hold = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], string.format('%.0f', t + hold), ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.floor(hold / 1000) + 1000)
local delay = tonumber(ARGV[3])
redis.call('SET', KEYS[2], string.format('%.0f', t + delay), 'PX', math.floor(delay / 1000) + 60000)
return 0
"""

# KEYS: in flight, next start; ARGV: token, delay us. The next start is at least delay away.
_RELEASE = """
redis.call('ZREM', KEYS[1], ARGV[1])
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000000 + tonumber(now[2])
local delay = tonumber(ARGV[2])
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if t + delay > nxt then
  redis.call('SET', KEYS[2], string.format('%.0f', t + delay), 'PX', math.floor(delay / 1000) + 60000)
end
return 0
"""

KEY_PREFIX = "followup:pace:"
TOKEN = "followup_pace_token"


class HostPacer:
    """Places for requests to a host: at most ``limit`` at once, starts ``delay_s`` apart."""

    def __init__(
        self, client: Any, delay_s: float, limit: int = 1, hold_s: float = 300.0,
        prefix: str = KEY_PREFIX,
    ) -> None:  # fmt: skip
        self.delay_us = round(delay_s * 1_000_000)
        self.limit = limit
        self.hold_us = round(hold_s * 1_000_000)
        self.prefix = prefix
        self.poll_s = min(0.05, max(0.01, delay_s / 4))
        self._acquire = client.register_script(_ACQUIRE)
        self._release = client.register_script(_RELEASE)

    def _keys(self, host: str) -> list[str]:
        h = host.lower()
        return [f"{self.prefix}{h}:inflight", f"{self.prefix}{h}:next"]

    def try_acquire(self, host: str, token: str) -> float:
        """0: the place is taken; > 0: seconds until the next start; < 0: all places busy."""
        got = int(
            self._acquire(
                keys=self._keys(host), args=[token, self.hold_us, self.delay_us, self.limit]
            )
        )
        return got / 1_000_000 if got >= 0 else -1.0

    def release(self, host: str, token: str) -> None:
        self._release(keys=self._keys(host), args=[token, self.delay_us])

    async def acquire(self, host: str, token: str) -> float:
        """Wait for a place; returns how long it waited (seconds)."""
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        while True:
            got = self.try_acquire(host, token)
            if got == 0:
                return loop.time() - t0
            await asyncio.sleep(got if got > 0 else self.poll_s)


class SharedPolitenessMiddleware:
    """Downloader middleware: each request waits for a place at its host, kept in the broker.

    Placed last before the download handler: the place is taken when the
    request is about to leave and given back when its response (or error)
    comes back, before redirects and retries, which come through again.
    Configured by ``FOLLOWUP_SHARED_POLITENESS_URL`` (a Redis URL),
    ``FOLLOWUP_SHARED_DOMAIN_DELAY_S`` and ``FOLLOWUP_SHARED_DOMAIN_CONCURRENCY``;
    off without the URL.
    """

    def __init__(self, pacer: HostPacer, url: str, stats: StatsCollector | None) -> None:
        self.pacer = pacer
        self.url = url
        self.stats = stats
        # no more of this process's requests to a host ask Redis for a place than there
        # are places: the others wait here, without a round trip every poll
        self._local: dict[str, asyncio.Semaphore] = {}

    def _gate(self, host: str) -> asyncio.Semaphore:
        sem = self._local.get(host)
        if sem is None:
            sem = self._local[host] = asyncio.Semaphore(self.pacer.limit)
        return sem

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPolitenessMiddleware:
        url = crawler.settings.get("FOLLOWUP_SHARED_POLITENESS_URL")
        if not url:
            raise NotConfigured("no shared politeness (FOLLOWUP_SHARED_POLITENESS_URL unset)")
        import redis

        client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=10)
        pacer = HostPacer(
            client,
            crawler.settings.getfloat("FOLLOWUP_SHARED_DOMAIN_DELAY_S"),
            limit=crawler.settings.getint("FOLLOWUP_SHARED_DOMAIN_CONCURRENCY", 1),
            # a place held by a process killed mid-request is freed after the download timeout
            hold_s=crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 180) + 30,
        )
        return cls(pacer, url, crawler.stats)

    async def process_request(self, request: Request) -> None:
        host = (urlparse_cached(request).hostname or "").lower()
        token = uuid.uuid4().hex
        gate = self._gate(host)
        await gate.acquire()
        try:
            # short round trips on the reactor thread (~0.1 ms on a LAN): simpler than an
            # async client, and the waiting itself is asynchronous
            waited = await self.pacer.acquire(host, token)
        except BaseException as exc:
            gate.release()
            if isinstance(exc, Exception):  # the broker is down: fail this fetch, recorded
                raise IgnoreRequest(
                    f"shared politeness: broker {self.url} unreachable: {exc}"
                ) from exc
            raise
        request.meta[TOKEN] = (host, token)
        if self.stats is not None:
            self.stats.inc_value("followup/pacing/turns")
            self.stats.inc_value("followup/pacing/wait_ms", round(waited * 1000))

    def _release(self, request: Request) -> None:
        held = request.meta.pop(TOKEN, None)
        if held is not None:
            self._gate(held[0]).release()
            with contextlib.suppress(Exception):  # else its place expires on its own
                self.pacer.release(*held)

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self._release(request)
