"""Fetch safety for URLs that strangers control: the SSRF guard and the fetch limits.

Three pieces, because no single hook sees everything:

* :class:`GuardedResolver` (``TWISTED_DNS_RESOLVER``) sees every address a
  host name resolves to, with the port, right before Twisted connects, for
  every request, redirect hop and robots.txt: blocked addresses are dropped
  there, so a DNS answer (or a DNS rebinding) pointing at 127.0.0.1 or
  169.254.169.254 never gets a connection.  The HTTP/1.1 handler passes IP
  literals through the same resolver (``HostnameEndpoint`` always resolves),
  but the request is refused earlier anyway:
* :class:`UrlGuardMiddleware` (early, before robots.txt) refuses non-http(s)
  URLs, blocked IP-literal hosts and redirect loops before anything is sent.
* :class:`FetchLimitsMiddleware` (next to the redirect middleware) turns what
  the downloader reports into reasons a source can record: a resolver block
  becomes "blocked address" instead of "DNS lookup failed", a DOWNLOAD_MAXSIZE
  cancellation "too large", a redirect to ``file:`` "bad scheme"; it stops
  timeouts from being retried (``timeout_s`` is the deadline of a whole
  download, not of each attempt), re-checks the peer address a response came
  from, stops binary downloads of HTML-only requests at their headers, and
  turns a robots.txt that cannot be fetched into one log line (Scrapy logs an
  error with a traceback) before the crawl goes on as if it allowed everything.

Decompression bombs are Scrapy's HttpCompressionMiddleware's job: it inflates
gzip/deflate/br/zstd in 64 KiB steps and gives up past DOWNLOAD_MAXSIZE.
Settings: ``FOLLOWUP_ALLOW_PRIVATE_NETWORKS``, ``FOLLOWUP_ALLOW_HOSTS`` and
``FOLLOWUP_FETCH_GUARD`` (default true; false switches all three off).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, signals
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as _ScrapyMetaRefresh
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    StopDownload,
)
from scrapy.http import Response
from scrapy.resolver import CachingHostnameResolver
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as twisted_error
from twisted.internet.interfaces import (
    IAddress,
    IHostnameResolver,
    IHostResolution,
    IResolutionReceiver,
)
from zope.interface import implementer

from crawler.netguard import AddressPolicy, normalize_host, parse_ip

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector
    from twisted.internet.base import ReactorBase

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
# Requests whose meta has this key set to "html" want an HTML page: a binary body is not fetched.
EXPECT_META = "followup_expect"
# Types that are never a mislabelled page (octet-stream, text/plain and application/x-* often are:
# those are downloaded and sniffed by the spider).
BINARY_TYPES = (
    "application/pdf",
    "image/",
    "audio/",
    "video/",
    "font/",
    "application/zip",
    "application/msword",
    "application/vnd.ms-",
    "application/vnd.openxmlformats",
)


class FetchRefused(IgnoreRequest):
    """A fetch followup refused or gave up on; ``str()`` is the reason recorded on the source."""

    reason = "refused"

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(f"{self.reason} ({detail})" if detail else self.reason)


class BlockedAddress(FetchRefused):
    reason = "blocked address"


class BadScheme(FetchRefused):
    reason = "bad scheme"


class RedirectLoop(FetchRefused):
    reason = "redirect loop"


class TooLarge(FetchRefused):
    reason = "too large"


class RobotsUnavailable(FetchRefused):
    """robots.txt could not be fetched: crawled as if it allowed everything (Scrapy's rule)."""

    reason = "robots.txt unavailable"


def guard_enabled(settings: BaseSettings) -> bool:
    return settings.getbool("FOLLOWUP_FETCH_GUARD", True)


def policy_from_settings(settings: BaseSettings) -> AddressPolicy:
    """The guard's policy from ``FOLLOWUP_ALLOW_PRIVATE_NETWORKS`` and ``FOLLOWUP_ALLOW_HOSTS``."""
    return AddressPolicy.build(
        settings.getbool("FOLLOWUP_ALLOW_PRIVATE_NETWORKS", False),
        settings.getlist("FOLLOWUP_ALLOW_HOSTS"),
    )


def _endpoint(request: Request | Response) -> tuple[str, str, int]:
    """(scheme, host, port) of a request's URL; host "" when there is none."""
    parts = urlparse_cached(request)
    scheme = (parts.scheme or "").lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme, 0)
    except ValueError:  # a port out of range
        port = 0
    return scheme, parts.hostname or "", port


# ---------------------------------------------------------------------------- resolver


class _BlockLedger:
    """Which (host, port) the resolver refused lately, and why (bounded, reactor thread only).

    Twisted reports a resolution that yields no address as a plain DNS
    failure; the ledger lets FetchLimitsMiddleware say "blocked address".
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, int], str] = OrderedDict()

    def record(self, host: str, port: int, reason: str) -> None:
        key = (normalize_host(host), port)
        self._entries[key] = reason
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self, host: str, port: int) -> None:
        self._entries.pop((normalize_host(host), port), None)

    def pop(self, host: str, port: int) -> str | None:
        return self._entries.pop((normalize_host(host), port), None)


BLOCKS = _BlockLedger()


@implementer(IResolutionReceiver)
class _GuardedReceiver:
    """Passes on the addresses the policy allows; remembers why it dropped the others."""

    def __init__(self, inner: Any, host: str, port: int, policy: AddressPolicy) -> None:
        self.inner = inner  # an IResolutionReceiver (zope interfaces are not mypy types)
        self.host = host
        self.port = port
        self.policy = policy
        self.passed = 0
        self.blocked: list[str] = []

    def resolutionBegan(self, resolution: IHostResolution) -> None:
        self.inner.resolutionBegan(resolution)

    def addressResolved(self, address: IAddress) -> None:
        ip = getattr(address, "host", None)
        reason = (
            self.policy.verdict(ip, self.port, self.host) if ip is not None else "invalid address"
        )
        if reason is None:
            self.passed += 1
            self.inner.addressResolved(address)
        else:
            self.blocked.append(f"{reason} {ip}")

    def resolutionComplete(self) -> None:
        if self.blocked and not self.passed:
            BLOCKS.record(self.host, self.port, f"{self.host} resolves to {self.blocked[0]}")
            logger.info("refused to connect to %s:%s: %s", self.host, self.port, self.blocked)
        else:
            BLOCKS.clear(self.host, self.port)
        self.inner.resolutionComplete()


@implementer(IHostnameResolver)
class GuardedResolver(CachingHostnameResolver):
    """Scrapy's caching IPv4/IPv6 resolver with the address policy applied to every answer.

    Installed on the reactor by the crawler process (``TWISTED_DNS_RESOLVER``);
    the cache keeps raw answers, the policy filters them on every use, so the
    port-specific ``allow_hosts`` entries hold.
    """

    def __init__(
        self, reactor: ReactorBase, cache_size: int, policy: AddressPolicy, enabled: bool = True
    ) -> None:
        super().__init__(reactor, cache_size)
        self.policy = policy
        self.enabled = enabled

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: ReactorBase) -> GuardedResolver:
        s = crawler.settings
        cache_size = s.getint("DNSCACHE_SIZE") if s.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, policy_from_settings(s), guard_enabled(s))

    def resolveHostName(
        self,
        resolutionReceiver: IResolutionReceiver,
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[IAddress]] | None = None,
        transportSemantics: str = "TCP",
    ) -> IHostResolution:
        receiver: Any = resolutionReceiver
        if self.enabled and not self.policy.allow_private:
            receiver = _GuardedReceiver(resolutionReceiver, hostName, portNumber, self.policy)
        return super().resolveHostName(
            receiver, hostName, portNumber, addressTypes, transportSemantics
        )


# ---------------------------------------------------------------------------- middlewares


class UrlGuardMiddleware:
    """Refuses a request before anything is sent: bad scheme, blocked IP literal, redirect loop.

    Ordered before RobotsTxtMiddleware, so a refused URL does not even cause a
    robots.txt fetch; redirected requests come back through here on every hop.
    """

    def __init__(self, policy: AddressPolicy, stats: StatsCollector | None) -> None:
        self.policy = policy
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UrlGuardMiddleware:
        if not guard_enabled(crawler.settings):
            raise NotConfigured("FOLLOWUP_FETCH_GUARD is off")
        return cls(policy_from_settings(crawler.settings), crawler.stats)

    def _refuse(self, exc: FetchRefused) -> FetchRefused:
        if self.stats is not None:
            self.stats.inc_value(f"followup/refused/{exc.reason.replace(' ', '_')}")
        return exc

    def process_request(self, request: Request) -> None:
        scheme, host, port = _endpoint(request)
        if scheme not in ALLOWED_SCHEMES:
            raise self._refuse(BadScheme(f"{scheme or 'no scheme'}:"))
        if not host or not port:
            raise self._refuse(BadScheme("no host or port"))
        if request.url in request.meta.get("redirect_urls", ()):
            raise self._refuse(RedirectLoop(f"back to {request.url}"[:120]))
        ip = parse_ip(host)
        if ip is not None:
            reason = self.policy.verdict(ip, port, host)
            if reason is not None:
                raise self._refuse(BlockedAddress(f"{reason} {ip.compressed}"))


class FetchLimitsMiddleware:
    """Turns downloader failures into recorded reasons and enforces the per-download limits.

    Sits just above RedirectMiddleware (600): it sees raw responses before a
    redirect is followed, and exceptions before RetryMiddleware (550) retries.
    """

    def __init__(self, crawler: Crawler, policy: AddressPolicy) -> None:
        self.crawler = crawler
        self.policy = policy
        self.stats = crawler.stats
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        crawler.signals.connect(self._headers_received, signal=signals.headers_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchLimitsMiddleware:
        if not guard_enabled(crawler.settings):
            raise NotConfigured("FOLLOWUP_FETCH_GUARD is off")
        return cls(crawler, policy_from_settings(crawler.settings))

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"followup/refused/{key.replace(' ', '_')}")

    def _headers_received(
        self, headers: Any, body_length: int, request: Request, spider: Any = None
    ) -> None:
        """A page wanted as HTML that announces a binary type is not downloaded (kept: headers)."""
        if request.meta.get(EXPECT_META) != "html":
            return
        raw = headers.get(b"Content-Type") or b""
        ctype = raw.decode("latin-1").split(";", 1)[0].strip().lower()
        if ctype and ctype.startswith(BINARY_TYPES) and "xml" not in ctype:
            self._count("binary_not_downloaded")
            raise StopDownload(fail=False)

    def process_response(self, request: Request, response: Response) -> Response:
        if 300 <= response.status < 400 and b"Location" in response.headers:
            location = response.headers[b"Location"] or b""
            target = urljoin(request.url, location.decode("latin-1").strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                self._count("bad scheme")
                raise BadScheme(f"redirect to {scheme or 'no scheme'}:")
        self._check_peer(request, response)
        return response

    def _check_peer(self, request: Request, response: Response) -> None:
        """The address the response actually came from (a second line behind the resolver)."""
        ip = getattr(response, "ip_address", None)
        if ip is None or request.meta.get("proxy"):
            return
        _, host, port = _endpoint(request)
        reason = self.policy.verdict(ip, port, host)
        if reason is not None:
            self._count("blocked address")
            raise BlockedAddress(f"{reason} {ip}")

    def process_exception(self, request: Request, exception: Exception) -> None:
        try:
            self._translate(request, exception)
        except FetchRefused as refused:
            if _is_robots(request):
                raise self._robots_failed(request, str(refused)) from exception
            raise
        if _is_robots(request):
            text = str(exception).strip()
            why = (
                "timeout"
                if isinstance(exception, DownloadTimeoutError)
                else type(exception).__name__
            )
            raise self._robots_failed(
                request, f"{why}: {text}"[:160] if text else why
            ) from exception

    def _robots_failed(self, request: Request, why: str) -> RobotsUnavailable:
        """One log line instead of the error and traceback Scrapy logs for a failed robots.txt."""
        logger.info("%s unavailable (%s): crawling as if it allowed everything", request.url, why)
        self._count("robots unavailable")
        return RobotsUnavailable(why)

    def _translate(self, request: Request, exception: Exception) -> None:
        """Raise the FetchRefused a download failure stands for; mark timeouts as not retryable."""
        if isinstance(exception, CannotResolveHostError | twisted_error.DNSLookupError):
            _, host, port = _endpoint(request)
            why = BLOCKS.pop(host, port)
            if why is not None:
                self._count("blocked address")
                raise BlockedAddress(why) from exception
        elif isinstance(exception, DownloadCancelledError):
            # Scrapy's HTTP/1.1 handler cancels a body only past DOWNLOAD_MAXSIZE (timeouts
            # are reported as DownloadTimeoutError); retrying would fetch the same bytes.
            limit = request.meta.get("download_maxsize", self.maxsize)
            self._count("too large")
            raise TooLarge(f"over {limit} bytes") from exception
        elif isinstance(exception, DownloadTimeoutError | twisted_error.TimeoutError):
            # timeout_s bounds the whole download: a server that trickled for that long is
            # not asked again in this crawl (the next crawl tries again).
            request.meta["dont_retry"] = True
            self._count("timeout")


def _is_robots(request: Request) -> bool:
    """The robots.txt request RobotsTxtMiddleware makes (it passes through every middleware)."""
    return (
        bool(request.meta.get("dont_obey_robotstxt"))
        and urlparse_cached(request).path == "/robots.txt"
    )


# Scrapy reads a meta refresh in a page's first 4,096 characters; in any
# ASCII-compatible encoding they lie within the first 4 bytes each.
_REFRESH_WINDOW = 4 * 4096


class MetaRefreshMiddleware(_ScrapyMetaRefresh):
    """Scrapy's meta-refresh redirects, without decoding every page to look for one.

    Scrapy's middleware decodes the whole body of every HTML response (a
    100 KB page, to read its first 4,096 characters). Here a page is handed
    to it only when its first bytes contain "refresh" -- or when its encoding
    is not ASCII-compatible (UTF-16/32), where that byte test says nothing.
    """

    def process_response(  # type: ignore[override]  # Scrapy 2.19 deprecates the spider argument
        self, request: Request, response: Response
    ) -> Request | Response:
        head = response.body[:_REFRESH_WINDOW]
        if b"refresh" in head.lower() or b"\x00" in head[:64]:
            return super().process_response(request, response)
        return response
