"""The SSRF guard's address rules: every internal address form refused, public ones allowed."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.netguard import AddressPolicy, is_blocked_address, normalize_host, parse_host_port

BLOCKED = [
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("0.0.0.0", "unspecified"),
    ("0.1.2.3", "unspecified"),
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("172.31.255.255", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),  # cloud metadata
    ("169.254.0.1", "link-local"),
    ("100.64.0.1", "CGNAT"),
    ("100.127.255.254", "CGNAT"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"),
    ("192.0.0.8", "reserved"),
    ("192.0.2.1", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fc00::1", "private"),
    ("fd12:3456::1", "private"),
    ("fec0::1", "private"),
    ("ff02::1", "multicast"),
    ("2001:db8::1", "documentation"),
    ("100::1", "reserved"),
    ("::127.0.0.1", "reserved"),  # deprecated IPv4-compatible
    ("::ffff:127.0.0.1", "loopback (IPv4-mapped)"),
    ("[::ffff:127.0.0.1]", "loopback (IPv4-mapped)"),
    ("::ffff:7f00:1", "loopback (IPv4-mapped)"),
    ("::ffff:169.254.169.254", "link-local (IPv4-mapped)"),
    ("::ffff:10.1.2.3", "private (IPv4-mapped)"),
    ("::ffff:0.0.0.0", "unspecified (IPv4-mapped)"),
    ("64:ff9b::7f00:1", "loopback (NAT64)"),
    ("64:ff9b::169.254.169.254", "link-local (NAT64)"),
    ("64:ff9b:1::1", "private"),
    ("2002:7f00:1::1", "loopback (6to4)"),
    ("2002:a9fe:a9fe::", "link-local (6to4)"),
    ("2002:c0a8:0101::1", "private (6to4)"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "documentation (Teredo client)"),  # 192.0.2.45
    ("2001:0:7f00:1::", "loopback (Teredo server)"),
    ("4000::1", "reserved"),  # outside 2000::/3
    ("not-an-ip", "invalid address"),
    ("", "invalid address"),
]
ALLOWED = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "100.63.255.255",  # just below CGNAT
    "100.128.0.0",  # just above CGNAT
    "172.15.255.255",
    "172.32.0.0",
    "169.253.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7",  # Teredo: server 65.54.227.120, client 8.8.8.8
]


@pytest.mark.parametrize(("ip", "reason"), BLOCKED)
def test_internal_addresses_are_blocked_with_their_reason(ip: str, reason: str | None) -> None:
    assert is_blocked_address(ip) == reason


@pytest.mark.parametrize("ip", ALLOWED)
def test_public_addresses_are_allowed(ip: str) -> None:
    assert is_blocked_address(ip) is None


def test_ip_objects_are_accepted() -> None:
    assert is_blocked_address(ipaddress.ip_address("127.0.0.1")) == "loopback"
    assert is_blocked_address(ipaddress.ip_address("8.8.4.4")) is None


ipv4 = st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address)
ipv6 = st.integers(0, 2**128 - 1).map(ipaddress.IPv6Address)


@given(ipv4)
def test_v4_forms_inside_ipv6_get_the_verdict_of_their_ipv4_address(
    v4: ipaddress.IPv4Address,
) -> None:
    base = is_blocked_address(v4)
    mapped = ipaddress.IPv6Address(f"::ffff:{v4}")
    nat64 = ipaddress.IPv6Address((0x64FF9B << 96) | int(v4))
    sixtofour = ipaddress.IPv6Address((0x2002 << 112) | (int(v4) << 80) | 1)
    for form in (mapped, nat64, sixtofour):
        verdict = is_blocked_address(form)
        assert (verdict is None) == (base is None), (v4, form, verdict)
        if base is not None:
            assert verdict is not None and verdict.startswith(base)


@given(ipv4)
def test_an_allowed_ipv4_address_is_a_public_one(v4: ipaddress.IPv4Address) -> None:
    if is_blocked_address(v4) is None:
        assert v4.is_global and not v4.is_multicast and not v4.is_private


@given(ipv6)
def test_an_allowed_ipv6_address_is_public_unicast_or_carries_a_public_ipv4(
    v6: ipaddress.IPv6Address,
) -> None:
    if is_blocked_address(v6) is None:
        in_global_unicast = v6 in ipaddress.IPv6Network("2000::/3")
        assert (
            in_global_unicast
            or v6.ipv4_mapped is not None
            or v6 in ipaddress.IPv6Network("64:ff9b::/96")
        )
        assert not v6.is_loopback and not v6.is_link_local and not v6.is_multicast


@given(
    st.sampled_from(
        [
            "127.0.0.0/8",
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "224.0.0.0/4",
            "fc00::/7",
            "fe80::/10",
        ]
    ),
    st.integers(0, 2**128 - 1),
)
def test_every_address_of_a_blocked_network_is_blocked(net: str, offset: int) -> None:
    network = ipaddress.ip_network(net)
    ip = network[offset % network.num_addresses]
    assert is_blocked_address(ip) is not None


@given(st.text(max_size=60))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = is_blocked_address(text)
    assert result is None or isinstance(result, str)


# ---------------------------------------------------------------- policy


def test_allow_hosts_is_an_exact_host_port_pair() -> None:
    policy = AddressPolicy.build(False, ["127.0.0.1:8765", "[::1]:9000", "LocalHost:7000"])
    assert policy.verdict("127.0.0.1", 8765) is None
    assert policy.verdict("127.0.0.1", 8766) == "loopback"  # another port of an allowed host
    assert policy.verdict("127.0.0.2", 8765) == "loopback"
    assert policy.verdict("::1", 9000) is None
    assert policy.verdict("::1", 8765) == "loopback"
    assert policy.verdict("127.0.0.1", 7000, host="localhost") is None  # by the name as written
    assert policy.verdict("127.0.0.1", 7001, host="localhost") == "loopback"
    assert policy.verdict("::ffff:127.0.0.1", 8766) == "loopback (IPv4-mapped)"
    assert policy.verdict("169.254.169.254", 80) == "link-local"
    assert policy.verdict("8.8.8.8", 80) is None


def test_allow_private_networks_lifts_the_guard() -> None:
    policy = AddressPolicy.build(True, [])
    assert policy.verdict("127.0.0.1", 1) is None
    assert policy.verdict("169.254.169.254", 80) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:8765", ("127.0.0.1", 8765)),
        ("[::1]:80", ("::1", 80)),
        ("[0:0::1]:80", ("::1", 80)),
        ("Example.COM.:443", ("example.com", 443)),
    ],
)
def test_parse_host_port(value: str, expected: tuple[str, int]) -> None:
    assert parse_host_port(value) == expected


@pytest.mark.parametrize(
    "value", ["127.0.0.1", "127.0.0.1:", ":80", "host:99999", "host:0", "host:x"]
)
def test_parse_host_port_rejects_what_is_not_exact(value: str) -> None:
    with pytest.raises(ValueError):
        parse_host_port(value)


def test_normalize_host() -> None:
    assert normalize_host("[::FFFF:127.0.0.1]") == "::ffff:7f00:1"
    assert normalize_host("Bücher.example") == "xn--bcher-kva.example"
