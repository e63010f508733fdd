"""Which network addresses the crawler may connect to (the SSRF guard's pure part).

Feeds and pages are written by strangers: a link to ``http://169.254.169.254/``
(cloud metadata), ``http://127.0.0.1:6379/`` or a host name that resolves to
``10.0.0.5`` must not make the crawler talk to the machine it runs on or its
private network.  :func:`is_blocked_address` judges one IP address; the
crawler's resolver and downloader middlewares (crawler/middlewares.py) apply
it to the address actually connected to, on every request and redirect hop.

IPv6 forms that carry an IPv4 address (v4-mapped ``::ffff:127.0.0.1``, NAT64
``64:ff9b::7f00:1``, 6to4 ``2002:7f00:1::``, Teredo) are judged by the IPv4
address inside them, and IPv6 outside global unicast (2000::/3) is refused:
the check fails closed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

__all__ = [
    "AddressPolicy",
    "IPAddress",
    "is_blocked_address",
    "normalize_host",
    "parse_host_port",
    "parse_ip",
]

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network

# Checked in order: the first match names the reason.
_BLOCKED_V4: tuple[tuple[ipaddress.IPv4Network, str], ...] = (
    (_V4("0.0.0.0/8"), "unspecified"),  # "this network"; 0.0.0.0 reaches localhost on Linux
    (_V4("127.0.0.0/8"), "loopback"),
    (_V4("10.0.0.0/8"), "private"),
    (_V4("172.16.0.0/12"), "private"),
    (_V4("192.168.0.0/16"), "private"),
    (_V4("169.254.0.0/16"), "link-local"),  # includes cloud metadata 169.254.169.254
    (_V4("100.64.0.0/10"), "CGNAT"),
    (_V4("192.0.0.0/24"), "reserved"),  # IETF protocol assignments
    (_V4("192.0.2.0/24"), "documentation"),
    (_V4("198.51.100.0/24"), "documentation"),
    (_V4("203.0.113.0/24"), "documentation"),
    (_V4("192.88.99.0/24"), "reserved"),  # former 6to4 relay anycast
    (_V4("198.18.0.0/15"), "benchmarking"),
    (_V4("224.0.0.0/4"), "multicast"),
    (_V4("240.0.0.0/4"), "reserved"),  # includes 255.255.255.255
)

_NAT64 = _V6("64:ff9b::/96")  # well-known NAT64 prefix: the low 32 bits are an IPv4 address
_GLOBAL_UNICAST = _V6("2000::/3")
_BLOCKED_V6: tuple[tuple[ipaddress.IPv6Network, str], ...] = (
    (_V6("::/128"), "unspecified"),
    (_V6("::1/128"), "loopback"),
    (_V6("fe80::/10"), "link-local"),
    (_V6("fec0::/10"), "private"),  # deprecated site-local
    (_V6("fc00::/7"), "private"),  # unique local
    (_V6("ff00::/8"), "multicast"),
    (_V6("64:ff9b:1::/48"), "private"),  # local-use NAT64
    (_V6("100::/64"), "reserved"),  # discard-only
    (_V6("2001:db8::/32"), "documentation"),
    (_V6("3fff::/20"), "documentation"),
    (_V6("2001:2::/48"), "benchmarking"),
    (_V6("2001:10::/28"), "reserved"),  # ORCHID
    (_V6("2001:20::/28"), "reserved"),  # ORCHIDv2
)


def parse_ip(value: str | IPAddress) -> IPAddress | None:
    """The IP address in ``value`` (brackets and an IPv6 zone allowed), or None for a host name."""
    if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return value
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    text = text.split("%", 1)[0]  # fe80::1%eth0: the zone does not change the verdict
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[tuple[ipaddress.IPv4Address, str]]:
    """IPv4 addresses an IPv6 address delivers packets to, with the mechanism's name."""
    if ip.ipv4_mapped is not None:
        return [(ip.ipv4_mapped, "IPv4-mapped")]
    if ip in _NAT64:
        return [(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64")]
    if ip.sixtofour is not None:
        return [(ip.sixtofour, "6to4")]
    if ip.teredo is not None:
        server, client = ip.teredo
        return [(server, "Teredo server"), (client, "Teredo client")]
    return []


def _blocked_v4(ip: ipaddress.IPv4Address) -> str | None:
    for net, reason in _BLOCKED_V4:
        if ip in net:
            return reason
    if not ip.is_global:  # anything the registries do not route publicly
        return "reserved"
    return None


def is_blocked_address(ip: str | IPAddress) -> str | None:
    """Why the crawler must not connect to ``ip`` (e.g. "loopback"), or None when it may.

    A value that is not an IP address is refused ("invalid address"): callers
    pass resolved addresses, and a guard that cannot tell must say no.
    """
    addr = parse_ip(ip)
    if addr is None:
        return "invalid address"
    if isinstance(addr, ipaddress.IPv4Address):
        return _blocked_v4(addr)
    embedded = _embedded_v4(addr)
    if embedded:
        for v4, how in embedded:
            reason = _blocked_v4(v4)
            if reason is not None:
                return f"{reason} ({how})"
        if addr.ipv4_mapped is not None or addr in _NAT64:
            return None  # the packets go to that (public) IPv4 address
    for net6, reason in _BLOCKED_V6:
        if addr in net6:
            return reason
    if addr not in _GLOBAL_UNICAST:
        return "reserved"
    return None


def normalize_host(host: str) -> str:
    """One spelling of a host for comparisons: lower case, no brackets, IPs in canonical form."""
    h = host.strip().lower().rstrip(".")
    ip = parse_ip(h)
    if ip is not None:
        return ip.compressed
    try:
        return h.encode("idna").decode("ascii")
    except UnicodeError:
        return h


def parse_host_port(value: str) -> tuple[str, int]:
    """``"127.0.0.1:8765"`` / ``"[::1]:80"`` / ``"localhost:80"`` -> (normalized host, port)."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{value!r} is not an exact host:port pair such as 127.0.0.1:8765")
    return normalize_host(host), int(port)


@dataclass(frozen=True)
class AddressPolicy:
    """The guard's configuration: which blocked addresses are nevertheless allowed.

    ``allow_private`` (``[crawl] allow_private_networks``) lifts the guard for
    local test webs; ``allow_hosts`` lists exact ``host:port`` endpoints that
    may be private.  An allowed ``127.0.0.1:8765`` does not open any other port
    of 127.0.0.1.  An entry matches the URL's host as written or the address
    it resolved to, always with the same port.
    """

    allow_private: bool = False
    allow_hosts: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    @classmethod
    def build(cls, allow_private: bool, allow_hosts: Iterable[str]) -> AddressPolicy:
        return cls(bool(allow_private), frozenset(parse_host_port(h) for h in allow_hosts if h))

    def is_allowed_endpoint(self, host: str, port: int) -> bool:
        return (normalize_host(host), port) in self.allow_hosts

    def verdict(self, ip: str | IPAddress, port: int, host: str | None = None) -> str | None:
        """None when the crawler may connect to ``ip:port`` (reached as ``host``), else why not."""
        if self.allow_private:
            return None
        reason = is_blocked_address(ip)
        if reason is None:
            return None
        addr = parse_ip(ip)
        if addr is not None and self.is_allowed_endpoint(addr.compressed, port):
            return None
        if host is not None and self.is_allowed_endpoint(host, port):
            return None
        return reason
