"""Downloads through followup's Scrapy settings against the hostile server (no database needed).

One child process fetches every hostile URL with the real settings, resolver
and middlewares; each URL must end with the reason a source would record,
within the download deadline, and the canary must see no connection.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.conftest import ROOT
from tests.hostile.cases import Case
from tests.hostile.hostile_server import Canary, HostileServer

TIMEOUT_S = 4


def probe(urls: list[str], allow: list[str], **settings: object) -> dict[str, object]:
    conf = {
        "FOLLOWUP_ALLOW_HOSTS": allow,
        "DOWNLOAD_TIMEOUT": TIMEOUT_S,
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "ERROR",
        **settings,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "tests.hostile.probe", json.dumps(conf), *urls],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout)
    return result


FETCH_REASONS = {  # what a plain fetch of each source URL ends with (parsing is not involved)
    "slow-loris": "timeout",
    "gzip-bomb": "too large (after decompression)",
    "brotli-bomb": "too large (after decompression)",
    "big-page": "too large",
    "big-stream": "too large",
    "http-500": "HTTP 500",
    "http-429": "HTTP 429",
    "redirect-loop": "redirect loop",
    "redirect-chain": "too many redirects",
    "redirect-file": "bad scheme (redirect to file:)",
    "redirect-canary": "blocked address (loopback 127.0.0.1)",
    "redirect-metadata": "blocked address (link-local 169.254.169.254)",
    "metadata-url": "blocked address (link-local 169.254.169.254)",
    "loopback-canary": "blocked address (loopback 127.0.0.1)",
    "mapped-canary": "blocked address (loopback (IPv4-mapped) ::ffff:7f00:1)",
    "localhost-canary": "blocked address (localhost resolves to loopback",
}


def test_every_hostile_fetch_ends_with_its_reason_within_the_deadline(
    hostile: tuple[HostileServer, list[Case]], canary: Canary
) -> None:
    srv, cases = hostile
    by_name = {c.name: c for c in cases}
    extra = {
        "decimal-ip": f"http://2130706433:{canary.port}/f",
        "zero-ip": f"http://0.0.0.0:{canary.port}/e",
        "v6-loopback": f"http://[::1]:{canary.port}/c",
        "other-port": f"http://127.0.0.1:{canary.port}/",
        "redirect-to-canary": f"{srv.base}/links/to-canary",
    }
    urls = [by_name[n].url for n in FETCH_REASONS] + list(extra.values())
    t0 = time.monotonic()
    out = probe(urls, [srv.host_port])
    took = time.monotonic() - t0
    outcomes: dict[str, str] = out["outcomes"]  # type: ignore[assignment]
    elapsed: dict[str, float] = out["elapsed"]  # type: ignore[assignment]
    print(f"\nprobe of {len(urls)} hostile URLs took {took:.1f} s")
    for name, want in FETCH_REASONS.items():
        url = by_name[name].url
        print(f"  {name:18} {elapsed.get(url, -1):5.1f} s  {outcomes.get(url)}")
        assert outcomes.get(url, "").startswith(want), (name, outcomes.get(url))
        assert elapsed[url] <= TIMEOUT_S + 2, (name, elapsed[url])
    for name, url in extra.items():
        print(f"  {name:18} {elapsed.get(url, -1):5.1f} s  {outcomes.get(url)}")
        assert outcomes.get(url, "").startswith("blocked address"), (name, outcomes.get(url))
    assert srv.hits_for("/slowloris/feed.xml") == 1  # a timeout is not retried
    assert srv.hits_for("/e500/feed.xml") == 3  # a 500 is (RETRY_TIMES = 2)
    stats: dict[str, int] = out["stats"]  # type: ignore[assignment]
    assert stats.get("followup/refused/blocked_address", 0) >= 8


def test_allowed_host_port_is_fetched_but_not_another_port_of_it(
    hostile: tuple[HostileServer, list[Case]], canary: Canary
) -> None:
    srv, _ = hostile
    urls = [
        f"{srv.base}/robots.txt",
        f"http://127.0.0.1:{canary.port}/robots.txt",
        f"http://localhost:{srv.port}/robots.txt",
    ]
    outcomes: dict[str, str] = probe(urls, [srv.host_port])["outcomes"]  # type: ignore[assignment]
    assert outcomes[urls[0]].startswith("ok 200")
    assert outcomes[urls[1]].startswith("blocked address")
    assert outcomes[urls[2]].startswith(
        "ok 200"
    )  # localhost resolves to the allowed 127.0.0.1:port


def test_allow_private_networks_reaches_local_servers(
    hostile: tuple[HostileServer, list[Case]],
) -> None:
    srv, _ = hostile
    outcomes: dict[str, str] = probe(
        [f"{srv.base}/robots.txt"], [], FOLLOWUP_ALLOW_PRIVATE_NETWORKS=True
    )["outcomes"]  # type: ignore[assignment]
    assert outcomes[f"{srv.base}/robots.txt"].startswith("ok 200")


def test_the_resolver_alone_stops_ip_literals_too(canary: Canary) -> None:
    """Defence in depth: without UrlGuardMiddleware, Twisted still resolves IP literals through it."""
    urls = [
        f"http://127.0.0.1:{canary.port}/x",
        f"http://[::ffff:127.0.0.1]:{canary.port}/y",
        f"http://[::1]:{canary.port}/z",
        "http://169.254.169.254/latest/meta-data/",
    ]
    only_limits = {"crawler.middlewares.FetchLimitsMiddleware": 610}  # replaces the settings' dict
    outcomes: dict[str, str] = probe(urls, [], DOWNLOADER_MIDDLEWARES=only_limits)["outcomes"]  # type: ignore[assignment]
    for url in urls:
        assert outcomes[url].startswith("blocked address ("), (url, outcomes[url])
        assert "resolves to" in outcomes[url]


def test_without_the_guard_the_canary_would_be_reached() -> None:
    """The negative control: the canary assertions of this suite can fail."""
    own = Canary().start()
    try:
        urls = [f"http://127.0.0.1:{own.port}/x", f"http://[::ffff:127.0.0.1]:{own.port}/y"]
        probe(
            urls,
            [],
            DOWNLOADER_MIDDLEWARES={},
            TWISTED_DNS_RESOLVER="scrapy.resolver.CachingHostnameResolver",
            RETRY_ENABLED=False,
            ROBOTSTXT_OBEY=False,
        )
        assert own.count >= 2, own.connections
    finally:
        own.stop()
