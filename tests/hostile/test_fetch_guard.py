"""The fetch guard's components in isolation: URL checks, resolver filtering, failure reasons, bombs."""

from __future__ import annotations

import zlib
from types import SimpleNamespace
from typing import Any, cast

import brotli
import pytest
import zstandard
from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    StopDownload,
)
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.python.failure import Failure

from crawler.middlewares import (
    BLOCKS,
    EXPECT_META,
    BadScheme,
    BlockedAddress,
    FetchLimitsMiddleware,
    GuardedResolver,
    RedirectLoop,
    RobotsUnavailable,
    TooLarge,
    UrlGuardMiddleware,
)
from crawler.spiders.news import _failure_reason

ALLOW = ["127.0.0.1:8765", "localhost:7000"]


def crawler(**settings: Any) -> Any:
    base = {"FOLLOWUP_ALLOW_HOSTS": ALLOW, "DOWNLOAD_MAXSIZE": 1_000_000}
    return get_crawler(settings_dict={**base, **settings})


def url_guard(**settings: Any) -> UrlGuardMiddleware:
    return UrlGuardMiddleware.from_crawler(crawler(**settings))


def limits(**settings: Any) -> FetchLimitsMiddleware:
    return FetchLimitsMiddleware.from_crawler(crawler(**settings))


# ---------------------------------------------------------------- UrlGuardMiddleware


@pytest.mark.parametrize(
    ("url", "error", "reason"),
    [
        ("file:///etc/passwd", BadScheme, "bad scheme (file:)"),
        ("ftp://example.com/feed.xml", BadScheme, "bad scheme (ftp:)"),
        ("data:text/html,hello", BadScheme, "bad scheme (data:)"),
        ("s3://bucket/key", BadScheme, "bad scheme (s3:)"),
        ("http://127.0.0.1/", BlockedAddress, "blocked address (loopback 127.0.0.1)"),
        ("http://127.0.0.1:8766/", BlockedAddress, "blocked address (loopback 127.0.0.1)"),
        (
            "http://169.254.169.254/latest/meta-data/",
            BlockedAddress,
            "blocked address (link-local 169.254.169.254)",
        ),
        (
            "http://[::ffff:127.0.0.1]:8765/",
            BlockedAddress,
            "blocked address (loopback (IPv4-mapped) ::ffff:7f00:1)",
        ),
        ("http://[::1]/", BlockedAddress, "blocked address (loopback ::1)"),
        ("http://0.0.0.0:8765/", BlockedAddress, "blocked address (unspecified 0.0.0.0)"),
        ("https://10.0.0.8/", BlockedAddress, "blocked address (private 10.0.0.8)"),
        ("http://100.100.100.200/", BlockedAddress, "blocked address (CGNAT 100.100.100.200)"),
        ("http://[fd00:ec2::254]/", BlockedAddress, "blocked address (private fd00:ec2::254)"),
    ],
)
def test_url_guard_refuses_before_sending(url: str, error: type[Exception], reason: str) -> None:
    with pytest.raises(error) as info:
        url_guard().process_request(Request(url))
    assert str(info.value) == reason
    assert isinstance(info.value, IgnoreRequest)  # never retried, never logged as an error


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765/feed.xml",
        "https://example.com/a",
        "http://8.8.8.8/",
        "http://localhost:9999/x",
    ],  # a name: judged by the resolver on its addresses
)
def test_url_guard_lets_allowed_and_named_hosts_through(url: str) -> None:
    url_guard().process_request(Request(url))  # no exception: passed on


def test_allow_private_networks_lifts_the_url_guard() -> None:
    mw = url_guard(FOLLOWUP_ALLOW_PRIVATE_NETWORKS=True)
    mw.process_request(Request("http://127.0.0.1:1/"))
    with pytest.raises(BadScheme):  # schemes stay http(s) only
        mw.process_request(Request("file:///etc/passwd"))


def test_redirect_back_to_a_visited_url_is_a_loop() -> None:
    req = Request(
        "http://example.com/a",
        meta={"redirect_urls": ["http://example.com/a", "http://example.com/b"]},
    )
    with pytest.raises(RedirectLoop):
        url_guard().process_request(req)


def test_the_guard_can_be_switched_off() -> None:
    with pytest.raises(NotConfigured):
        url_guard(FOLLOWUP_FETCH_GUARD=False)
    with pytest.raises(NotConfigured):
        limits(FOLLOWUP_FETCH_GUARD=False)


# ---------------------------------------------------------------- FetchLimitsMiddleware


def test_redirect_to_a_non_http_scheme_is_refused() -> None:
    req = Request("http://example.com/feed.xml")
    resp = Response(req.url, status=302, headers={"Location": "file:///etc/passwd"}, request=req)
    with pytest.raises(BadScheme, match=r"redirect to file:"):
        limits().process_response(req, resp)
    ok = Response(req.url, status=301, headers={"Location": "/elsewhere"}, request=req)
    assert limits().process_response(req, ok) is ok


def test_peer_address_is_checked_on_the_response() -> None:
    import ipaddress

    req = Request("http://sneaky.example/feed.xml")
    resp = Response(req.url, request=req, ip_address=ipaddress.ip_address("10.1.2.3"))
    with pytest.raises(BlockedAddress, match=r"private 10\.1\.2\.3"):
        limits().process_response(req, resp)
    allowed = Request("http://127.0.0.1:8765/x")
    fine = Response(allowed.url, request=allowed, ip_address=ipaddress.ip_address("127.0.0.1"))
    assert limits().process_response(allowed, fine) is fine


def test_resolver_blocks_become_blocked_address() -> None:
    req = Request("http://internal.example:8080/feed.xml")
    BLOCKS.record("internal.example", 8080, "internal.example resolves to private 10.0.0.5")
    with pytest.raises(BlockedAddress, match=r"resolves to private 10\.0\.0\.5"):
        limits().process_exception(req, CannotResolveHostError("no results for hostname lookup"))
    # an ordinary DNS failure stays one (and stays retryable)
    limits().process_exception(req, CannotResolveHostError("nxdomain"))


def test_maxsize_cancellation_is_too_large_and_timeouts_are_not_retried() -> None:
    req = Request("http://example.com/big")
    with pytest.raises(TooLarge, match="over 1000000 bytes"):
        limits().process_exception(req, DownloadCancelledError(""))
    slow = Request("http://example.com/slow")
    limits().process_exception(slow, DownloadTimeoutError("took longer"))
    assert slow.meta["dont_retry"] is True


def test_a_failed_robots_txt_is_quietly_unavailable() -> None:
    robots = Request("http://example.com/robots.txt", meta={"dont_obey_robotstxt": True})
    for exc in (
        DownloadTimeoutError("took longer"),
        CannotResolveHostError("nx"),
        DownloadCancelledError(""),
    ):
        with pytest.raises(RobotsUnavailable) as info:
            limits().process_exception(robots, exc)
        assert isinstance(info.value, IgnoreRequest)  # RobotsTxtMiddleware logs no traceback for it
    assert str(info.value) == "robots.txt unavailable (too large (over 1000000 bytes))"


def test_binary_content_types_are_not_downloaded_for_html_requests() -> None:
    from scrapy.http import Headers

    mw = limits()
    page = Request("http://example.com/a", meta={EXPECT_META: "html"})
    with pytest.raises(StopDownload):
        mw._headers_received(Headers({"Content-Type": "application/pdf"}), 100, page)
    with pytest.raises(StopDownload):
        mw._headers_received(Headers({"Content-Type": "image/jpeg; q=1"}), 100, page)
    for mislabelled in (
        "text/html",
        "application/octet-stream",
        "text/plain",
        "application/x-httpd-php",
        "",
    ):
        mw._headers_received(Headers({"Content-Type": mislabelled}), 100, page)  # sniffed later
    feed = Request("http://example.com/feed")  # only requests that want HTML are cut short
    mw._headers_received(Headers({"Content-Type": "application/pdf"}), 100, feed)


# ---------------------------------------------------------------- the recorded reasons


def _fail(exc: Exception) -> Failure:
    f = Failure(exc)
    f.request = Request("http://example.com/")  # type: ignore[attr-defined]
    return f


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (BlockedAddress("loopback 127.0.0.1"), "blocked address (loopback 127.0.0.1)"),
        (BadScheme("redirect to file:"), "bad scheme (redirect to file:)"),
        (RedirectLoop("back to x"), "redirect loop (back to x)"),
        (TooLarge("over 5 bytes"), "too large (over 5 bytes)"),
        (IgnoreRequest("max redirections reached"), "too many redirects"),
        (
            IgnoreRequest(
                "Ignored response because its body exceeded DOWNLOAD_MAXSIZE (5 B) during decompression."
            ),
            "too large (after decompression)",
        ),
        (DownloadTimeoutError("Getting x took longer than 5 seconds."), "timeout"),
        (DownloadCancelledError(""), "too large"),
        (CannotResolveHostError("x"), "DNS lookup failed"),
        (IgnoreRequest("Forbidden by robots.txt"), "forbidden by robots.txt"),
    ],
)
def test_failure_reasons(exc: Exception, reason: str) -> None:
    assert _failure_reason(_fail(exc)) == reason


# ---------------------------------------------------------------- the resolver


class _FakeNameResolver:
    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers

    def resolveHostName(
        self,
        receiver: Any,
        hostName: str,
        portNumber: int = 0,
        addressTypes: Any = None,
        transportSemantics: str = "TCP",
    ) -> Any:
        receiver.resolutionBegan(SimpleNamespace(name=hostName))
        for ip in self.answers.get(hostName, []):
            cls = IPv6Address if ":" in ip else IPv4Address
            receiver.addressResolved(cls("TCP", ip, portNumber))
        receiver.resolutionComplete()
        return receiver


class _Collect:
    """An IResolutionReceiver that keeps what it is given."""

    def __init__(self) -> None:
        self.addresses: list[str] = []
        self.done = False

    def resolutionBegan(self, resolution: Any) -> None:
        pass

    def addressResolved(self, address: Any) -> None:
        self.addresses.append(f"{address.host}:{address.port}")

    def resolutionComplete(self) -> None:
        self.done = True


def _resolver(**settings: Any) -> GuardedResolver:
    answers = {
        "rebind.test": ["10.0.0.5"],
        "mixed.test": ["93.184.216.34", "127.0.0.1"],
        "public.test": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
        "metadata.test": ["169.254.169.254"],
        "mapped.test": ["::ffff:127.0.0.1"],
        "localhost": ["127.0.0.1", "::1"],
    }
    reactor = SimpleNamespace(nameResolver=_FakeNameResolver(answers))
    return GuardedResolver.from_crawler(crawler(**settings), reactor)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("host", "port", "expected", "why"),
    [
        ("public.test", 80, ["93.184.216.34:80", "2606:2800:220:1:248:1893:25c8:1946:80"], None),
        ("mixed.test", 80, ["93.184.216.34:80"], None),  # the loopback answer is dropped
        ("rebind.test", 443, [], "rebind.test resolves to private 10.0.0.5"),
        ("metadata.test", 80, [], "metadata.test resolves to link-local 169.254.169.254"),
        ("mapped.test", 80, [], "mapped.test resolves to loopback (IPv4-mapped) ::ffff:127.0.0.1"),
        ("localhost", 7000, ["127.0.0.1:7000", "::1:7000"], None),  # allowed by name and port
        ("localhost", 7001, [], "localhost resolves to loopback 127.0.0.1"),  # not another port
    ],
)
def test_resolver_drops_blocked_answers(
    host: str, port: int, expected: list[str], why: str | None
) -> None:
    got = _Collect()
    _resolver().resolveHostName(cast(Any, got), host, port)
    assert got.done and got.addresses == expected
    assert BLOCKS.pop(host, port) == why


def test_resolver_cache_answers_are_filtered_per_port() -> None:
    r = _resolver()
    first, second = _Collect(), _Collect()
    r.resolveHostName(cast(Any, first), "localhost", 7000)
    r.resolveHostName(cast(Any, second), "localhost", 7002)  # from the cache now
    assert first.addresses and not second.addresses


def test_resolver_with_private_networks_allowed_passes_everything() -> None:
    got = _Collect()
    _resolver(FOLLOWUP_ALLOW_PRIVATE_NETWORKS=True).resolveHostName(
        cast(Any, got), "rebind.test", 80
    )
    assert got.addresses == ["10.0.0.5:80"]


# ---------------------------------------------------------------- decompression bombs


def _compress(encoding: str, chunk: bytes, n: int) -> bytes:
    """``chunk`` repeated ``n`` times, compressed with ``encoding`` (streamed: no big buffer)."""
    if encoding in ("gzip", "deflate"):
        co = zlib.compressobj(6, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
        return b"".join([*(co.compress(chunk) for _ in range(n)), co.flush()])
    if encoding == "br":
        bo = brotli.Compressor(quality=5)
        return b"".join([*(bo.process(chunk) for _ in range(n)), bo.finish()])
    zo = zstandard.ZstdCompressor(level=3).compressobj()
    return b"".join([*(zo.compress(chunk) for _ in range(n)), zo.flush()])


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd"])
def test_scrapy_caps_decompressed_size_at_download_maxsize(encoding: str) -> None:
    """Scrapy inflates in 64 KiB steps and stops past DOWNLOAD_MAXSIZE: a bomb costs ~maxsize."""
    mw = HttpCompressionMiddleware.from_crawler(crawler(DOWNLOAD_MAXSIZE=1_000_000))
    req = Request("http://example.com/feed.xml")
    bomb = _compress(encoding, b"\0" * (1 << 20), 256)  # 256 MB inflated
    assert len(bomb) < 300_000
    resp = Response(req.url, body=bomb, headers={"Content-Encoding": encoding}, request=req)
    with pytest.raises(IgnoreRequest) as info:
        mw.process_response(req, resp)
    assert _failure_reason(_fail(info.value)) == "too large (after decompression)"
    honest = _compress(encoding, b"<item>xAI</item>" * 1000, 50)  # 800 KB inflated: under the cap
    ok = mw.process_response(
        req, Response(req.url, body=honest, headers={"Content-Encoding": encoding}, request=req)
    )
    assert len(ok.body) == 800_000
