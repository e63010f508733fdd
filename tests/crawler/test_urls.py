"""Tests for crawler.urls: canonical spellings, the hash key, the http filter."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.urls import TRACKING_PARAMETERS, canonicalize_url, is_http_url, url_hash


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # case, default ports, fragments
        ("HTTP://WWW.Example.COM/News/Story", "http://www.example.com/News/Story"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com./a", "http://example.com/a"),
        ("  https://example.com/a \n", "https://example.com/a"),
        # trailing slashes: stripped except for the root
        ("https://example.com/", "https://example.com/"),
        ("https://example.com/news/story/", "https://example.com/news/story"),
        ("https://example.com/news//", "https://example.com/news"),
        ("https://example.com/news/?page=2", "https://example.com/news?page=2"),
        # query: sorted, tracking parameters dropped, real ones kept
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?UTM_Campaign=x&Fbclid=y", "https://example.com/a"),
        (
            "https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&ref=tw&igshid=4&_ga=5",
            "https://example.com/a",
        ),
        ("https://example.com/a?CMP=share_btn_tw&smid=nytcore-ios-share", "https://example.com/a"),
        ("https://example.com/a?", "https://example.com/a"),
        (
            "https://example.com/article.php?cid=12&uid=3",
            "https://example.com/article.php?cid=12&uid=3",
        ),
        ("https://example.com/a?source=x", "https://example.com/a?source=x"),
        ("https://example.com/a?q", "https://example.com/a?q="),
        # percent-encoding
        ("http://example.com/%7euser/a%2fb", "http://example.com/~user/a%2Fb"),
        ("http://example.com/caf\u00e9?q=ni\u00f1o", "http://example.com/caf%C3%A9?q=ni%C3%B1o"),
        ("http://example.com/caf%c3%a9", "http://example.com/caf%C3%A9"),
        ("http://example.com/a b", "http://example.com/a%20b"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        # IDN hosts to punycode
        ("https://b\u00fccher.de/x", "https://xn--bcher-kva.de/x"),
        (
            "https://\u65b0\u95fb.\u4e2d\u56fd/\u6587\u7ae0",
            "https://xn--efvy88h.xn--fiqs8s/%E6%96%87%E7%AB%A0",
        ),
        ("https://B\u00dcCHER.de/", "https://xn--bcher-kva.de/"),
        # AMP variants
        ("https://example.com/news/amp/story", "https://example.com/news/story"),
        ("https://example.com/amp/news/story/", "https://example.com/news/story"),
        ("https://example.com/news/story/amp/", "https://example.com/news/story"),
        ("https://example.com/news/story?amp=1", "https://example.com/news/story"),
        ("https://example.com/news/story?amp", "https://example.com/news/story"),
        ("https://example.com/news/story?outputType=amp&p=1", "https://example.com/news/story?p=1"),
        ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
        ("https://example.com/news/story.amp", "https://example.com/news/story"),
        ("https://amp.example.com/news/story", "https://example.com/news/story"),
        ("https://amp.dev/", "https://amp.dev/"),  # a host named amp, not an AMP subdomain
        ("https://example.com/news/amplifier", "https://example.com/news/amplifier"),
        (
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story.amp.html?amp_js_v=0.1",
            "https://www.example.com/news/story.html",
        ),
        (
            "https://www.google.com/amp/s/www.example.com/news/story/amp/",
            "https://www.example.com/news/story",
        ),
        # other parts survive
        ("http://user:pw@Example.com:8080/x", "http://user:pw@example.com:8080/x"),
        ("http://[::1]:80/x", "http://[::1]/x"),
    ],
)
def test_canonicalize_url(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected
    assert canonicalize_url(expected) == expected


def test_variants_of_one_article_share_one_key() -> None:
    variants = [
        "https://www.example.com/news/2024/07/story/",
        "HTTPS://WWW.EXAMPLE.COM:443/news/2024/07/story",
        "https://www.example.com/news/2024/07/story?utm_source=twitter&utm_medium=social",
        "https://www.example.com/news/2024/07/story#comments",
        "https://www.example.com/news/2024/07/story?fbclid=IwAR0abc",
        "https://www.example.com/news/2024/07/story/amp/",
        "https://www.example.com/news/2024/07/story?amp=1",
        "https://www.example.com/amp/news/2024/07/story",
    ]
    assert len({url_hash(canonicalize_url(v)) for v in variants}) == 1


def test_distinct_articles_keep_distinct_keys() -> None:
    urls = [
        "https://example.com/story?id=1",
        "https://example.com/story?id=2",
        "https://example.com/Story?id=1",  # paths are case-sensitive
        "http://example.com/story?id=1",
        "https://example.org/story?id=1",
    ]
    assert len({url_hash(canonicalize_url(u)) for u in urls}) == len(urls)


def test_url_hash() -> None:
    key = url_hash("https://example.com/a")
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    assert url_hash("https://example.com/a") == key
    assert url_hash("https://example.com/b") != key
    # the documented definition: the first 128 bits of SHA-256
    assert key == hashlib.sha256(b"https://example.com/a").hexdigest()[:32]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://example.com/", True),
        ("HTTPS://example.com/a?b=1", True),
        ("  https://example.com  ", True),
        ("ftp://example.com/file", False),
        ("mailto:editor@example.com", False),
        ("javascript:alert(1)", False),
        ("data:text/html,<p>x</p>", False),
        ("//example.com/a", False),
        ("/relative/path", False),
        ("http://", False),
        ("http://[::1", False),
        ("", False),
    ],
)
def test_is_http_url(url: str, expected: bool) -> None:
    assert is_http_url(url) is expected


# --------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------

_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
_host = st.one_of(
    st.lists(_label, min_size=2, max_size=4).map(".".join),
    st.sampled_from(
        [
            "AMP.Example.com",
            "b\u00fccher.de",
            "\u65b0\u95fb.\u4e2d\u56fd",
            "amp.amp.x.org",
            "Ex.COM.",
        ]
    ),
)
_segment = st.one_of(
    st.text(
        alphabet=st.characters(
            exclude_categories=["Cs"], exclude_characters="/?#\x00", max_codepoint=0x30FF
        ),
        max_size=8,
    ),
    st.sampled_from(
        ["amp", "AMP", "story.amp.html", "x.amp", "%7e", "%2F", "%c3%a9", "..", ".", "a%20b"]
    ),
)
_path = st.lists(_segment, max_size=5).map(lambda s: "/" + "/".join(s)) | st.builds(
    lambda p: p + "/", st.lists(_segment, max_size=3).map(lambda s: "/" + "/".join(s))
)
_tracking = st.sampled_from(
    [*sorted(TRACKING_PARAMETERS), "utm_source", "UTM_Medium", "utm_campaign", "pk_kwd", "amp"]
)
_param_name = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8), _tracking
)
_param_value = st.text(
    alphabet=st.characters(
        exclude_categories=["Cs"], exclude_characters="&#\x00", max_codepoint=0x30FF
    ),
    max_size=8,
)
_query = st.lists(st.tuples(_param_name, _param_value), max_size=5).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
)
_urls = st.builds(
    lambda scheme, host, port, path, query, fragment: (
        f"{scheme}://{host}{port}{path}"
        + (f"?{query}" if query else "")
        + (f"#{fragment}" if fragment else "")
    ),
    st.sampled_from(["http", "https", "HTTP", "HttpS"]),
    _host,
    st.sampled_from(["", ":80", ":443", ":8080"]),
    _path,
    _query,
    st.text(alphabet="abcxyz-", max_size=5),
)


@settings(max_examples=400, deadline=None)
@given(_urls)
def test_canonicalize_is_idempotent(url: str) -> None:
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once


@settings(max_examples=400, deadline=None)
@given(_urls)
def test_tracking_parameters_never_survive(url: str) -> None:
    canonical = canonicalize_url(url)
    parts = urlsplit(canonical)
    for name, _ in parse_qsl(parts.query, keep_blank_values=True):
        lowered = name.lower()
        assert lowered not in TRACKING_PARAMETERS
        assert not lowered.startswith("utm_")
        assert lowered != "amp"
    assert not parts.fragment
    assert parts.scheme in ("http", "https")
    assert parts.hostname == parts.hostname.lower() if parts.hostname else True
    assert parts.path == "/" or not parts.path.endswith("/")
    assert parts.port not in (80, 443) or (parts.scheme, parts.port) in (
        ("http", 443),
        ("https", 80),
    )
    assert is_http_url(canonical)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_canonicalize_never_raises(text: str) -> None:
    assert isinstance(canonicalize_url(text), str)
