"""URL canonicalisation: one spelling per page, so one database row per article.

The same article reaches the crawler under many spellings: feed links with
``utm_*`` tags, social links with ``fbclid``, AMP variants, ``:443`` ports,
trailing slashes, upper-case hosts, IDN hosts, differently escaped paths.
:func:`canonicalize_url` folds those into one string and :func:`url_hash` turns
it into the fixed-width key the database indexes.

w3lib does the RFC work (percent-encoding normalisation, sorted query, dot
segments, IDNA hosts, fragment removal); this module adds what w3lib leaves
alone: default ports, tracking parameters, AMP variants and trailing slashes.
Tracking parameters are an explicit list, not courlan's pattern, because that
pattern also drops ``cid``/``uid``/``source`` parameters that some sites use to
select the article itself, and merging two articles is worse than keeping a
duplicate.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize_url

__all__ = ["TRACKING_PARAMETERS", "canonicalize_url", "is_http_url", "url_hash"]

# Exact names, compared case-insensitively.
TRACKING_PARAMETERS = frozenset(
    {
        # click ids
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid",
        "ttclid", "yclid", "ysclid", "igshid", "igsh", "li_fat_id", "epik", "srsltid",
        # mail and marketing automation
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
        "mkt_tok", "vero_conv", "vero_id", "oly_anon_id", "oly_enc_id", "sc_cid",
        # analytics
        "_ga", "_gl", "_gac", "wt.mc_id", "xtor", "at_medium", "at_campaign", "ito",
        # referrers and share widgets
        "ref", "ref_src", "ref_url", "referrer", "referer", "share", "shared", "cmpid",
        "ncid", "ocid", "smid", "smtyp", "sr_share", "s_cid", "soc_src", "soc_trk", "spm",
        "ftag", "cmp", "guccounter", "guce_referrer", "guce_referrer_sig",
        "fb_action_ids", "fb_action_types", "fb_source", "fb_ref",
        "action_object_map", "action_type_map", "action_ref_map",
        "__twitter_impression", "rss", "rss_id", "mbid", "usqp", "aoh",
    }
)  # fmt: skip
# Name prefixes, compared case-insensitively.
# ("amp_": the AMP viewer's amp_js_v, amp_gsa, amp_tf...)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "matomo_", "hsa_", "ns_", "stm_", "_hs", "wt.", "amp_")

_MAX_PASSES = 3
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_PARAMETERS = frozenset({"amp", "outputtype"})  # ?amp=1, ?outputType=amp
_AMP_CACHE_PATH = re.compile(r"^/(?:c|v|i)/(?P<secure>s/)?(?P<rest>[^/]+\.[^/]+(?:/.*)?)$")
_GOOGLE_AMP_PATH = re.compile(r"^/amp/(?P<secure>s/)?(?P<rest>[^/]+\.[^/]+(?:/.*)?)$")
_AMP_FILE = re.compile(r"(?:\.amp)+(?=(?:\.html?)?$)", re.IGNORECASE)


def _is_tracking(name: str) -> bool:
    lowered = unquote(name).lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(_TRACKING_PREFIXES)


def _is_amp_parameter(name: str, value: str) -> bool:
    lowered = name.lower()
    if lowered == "amp":
        return True
    return lowered in _AMP_PARAMETERS and value.lower() == "amp"


def _clean_query(query: str) -> str:
    """Drop tracking and AMP parameters; w3lib has already sorted the rest."""
    if not query:
        return ""
    kept = []
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        if not name and not value:
            continue
        if _is_tracking(name) or _is_amp_parameter(name, value):
            continue
        kept.append(pair)
    return "&".join(kept)


def _clean_path(path: str) -> str:
    """Remove AMP markers (``/amp/`` segments, ``.amp.html``) and trailing slashes.

    Repeated until nothing changes, so that nested markers (``/a/amp.amp/``)
    cannot survive one pass and make the result non-idempotent.
    """
    while True:
        cleaned = _AMP_FILE.sub("", path.rstrip("/"))
        cleaned = "/".join(s for s in cleaned.split("/") if s.lower() != "amp").rstrip("/")
        cleaned = cleaned or "/"
        if cleaned == path:
            return cleaned
        path = cleaned


def _clean_host(host: str) -> str:
    host = host.rstrip(".")
    while host.startswith("amp.") and host.count(".") >= 2:
        host = host[len("amp.") :]
    return host


def _unwrap_amp_cache(url: str) -> str:
    """``https://www-x-com.cdn.ampproject.org/c/s/www.x.com/a`` -> ``https://www.x.com/a``.

    The same for Google's ``https://www.google.com/amp/s/www.x.com/a``.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if host.endswith(".cdn.ampproject.org"):
        match = _AMP_CACHE_PATH.match(parts.path)
    elif host in ("google.com", "www.google.com") and parts.path.startswith("/amp/"):
        match = _GOOGLE_AMP_PATH.match(parts.path)
    else:
        return url
    if match is None:
        return url
    secure = match.group("secure") is not None
    rest = match.group("rest")
    query = f"?{parts.query}" if parts.query else ""
    return f"{'https' if secure else 'http'}://{rest}{query}"


def canonicalize_url(url: str) -> str:
    """The canonical spelling of ``url``; idempotent.

    Lower-cased scheme and host (IDN hosts as punycode), no default port, no
    fragment, no tracking or AMP parameters, remaining parameters sorted,
    percent-encoding normalised, no trailing slash except for the root path,
    AMP variants (``/amp/``, ``?amp=1``, ``.amp.html``, ``amp.`` hosts, AMP
    caches) mapped to the plain page. A string that cannot be parsed as a URL
    comes back stripped but otherwise unchanged.
    """
    url = url.strip()
    result = _canonicalize_once(url)
    if result == url:  # already a fixed point, as most URLs are: no second pass needed
        return result
    # Our edits can expose something w3lib would normalise on a second look (a
    # path left ending in ";" after its trailing slash went, say): re-apply to
    # a fixed point so the result is idempotent by construction.
    for _ in range(_MAX_PASSES):
        again = _canonicalize_once(result)
        if again == result:
            break
        result = again
    return result


def _canonicalize_once(url: str) -> str:
    """One pass of w3lib's canonicalisation plus ours."""
    try:
        canonical = _w3lib_canonicalize_url(_unwrap_amp_cache(url))
        parts = urlsplit(canonical)
        scheme = parts.scheme.lower()
        host = _clean_host(parts.hostname or "")
        port = parts.port
    except (ValueError, UnicodeError):
        return url
    if not host:
        return canonical
    netloc = f"[{host}]" if ":" in host else host
    if parts.username is not None or parts.password is not None:
        userinfo = parts.username or ""
        if parts.password is not None:
            userinfo += f":{parts.password}"
        netloc = f"{userinfo}@{netloc}"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, _clean_path(parts.path), _clean_query(parts.query), ""))


def url_hash(canonical_url: str) -> str:
    """The database key of a canonical URL: the first 128 bits of its SHA-256, in hex."""
    return hashlib.sha256(canonical_url.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL with a host (the only ones we fetch)."""
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False
