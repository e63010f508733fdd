"""Use cases of `followup stories draft` and `followup stories add`.

Drafting reads one article — an http(s) URL fetched under the crawl's own guards
(robots.txt, the size cap, the private-network guard of crawler.netguard, re-checked
on every redirect), or a local HTML or text file — extracts it with the crawler's
extraction, and hands title, text, language and date to the pure claims.draft.
Adding validates a dossier, places it next to the config (or in the config's folder of
dossiers), lists it in the config's ``[[stories]]`` and queues the stored articles for
analysis. Errors are DraftError with one line naming the file or URL.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import socket
import ssl
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from claims.dossier import DossierError, load_story
from scheduler.config import DEFAULT_CONFIG, CrawlConfig, resolve_story_path

__all__ = [
    "Article",
    "DraftError",
    "add_story",
    "draft_from_source",
    "fetch_url",
    "read_source",
    "story_files",
]

_REDIRECTS = (301, 302, 303, 307, 308)
_PDF = b"%PDF"


class DraftError(ValueError):
    """A source that cannot be drafted from, or a dossier that cannot be added."""


@dataclass(frozen=True)
class Article:
    """What drafting needs of the source."""

    title: str
    text: str
    language: str | None
    published: dt.datetime | None
    url: str


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes


# ------------------------------------------------------------------ guarded fetch


def _endpoint(url: str, crawl: CrawlConfig) -> tuple[str, str, int]:
    """(host, vetted IP, port) of an http(s) URL, or DraftError naming why not."""
    from crawler.netguard import AddressPolicy

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DraftError(f"{url}: not an http(s) URL")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    policy = AddressPolicy.build(crawl.allow_private_networks, crawl.allow_hosts)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise DraftError(f"{url}: cannot resolve {parts.hostname}: {exc.strerror or exc}") from None
    reasons = []
    for info in infos:
        ip = str(info[4][0])
        reason = policy.verdict(ip, port, parts.hostname)
        if reason is None:
            return parts.hostname, ip, port
        reasons.append(f"{ip} is {reason}")
    raise DraftError(
        f"{url}: refused by the private-network guard ({'; '.join(reasons)}); allow it with [crawl] allow_hosts"
    )


def _get(url: str, crawl: CrawlConfig, cap: int) -> Fetched:
    host, ip, port = _endpoint(url, crawl)
    parts = urlsplit(url)
    sock = socket.create_connection((ip, port), timeout=crawl.timeout_s)
    try:
        if parts.scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        conn = http.client.HTTPConnection(host, port, timeout=crawl.timeout_s)
        conn.sock = sock  # connected to the vetted address, not to a second lookup
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"User-Agent": crawl.user_agent, "Accept-Encoding": "identity",
                                           "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"})  # fmt: skip
        resp = conn.getresponse()
        if resp.status in _REDIRECTS:
            return Fetched(urljoin(url, resp.getheader("Location") or ""), resp.status, "", b"")
        body = resp.read(cap + 1)
        if len(body) > cap:
            raise DraftError(f"{url}: larger than the size cap ([crawl] max_page_bytes = {cap})")
        return Fetched(url, resp.status, resp.getheader("Content-Type") or "", body)
    finally:
        sock.close()


def _robots_allow(url: str, crawl: CrawlConfig) -> bool:
    from protego import Protego

    parts = urlsplit(url)
    try:
        got = _get(f"{parts.scheme}://{parts.netloc}/robots.txt", crawl, 500_000)
    except (OSError, http.client.HTTPException, DraftError):
        return True  # as Scrapy: no robots.txt to read means no rule
    if got.status != 200:
        return True
    rules = Protego.parse(got.body.decode("utf-8", "replace"))
    return bool(rules.can_fetch(url, crawl.user_agent))


def fetch_url(url: str, crawl: CrawlConfig) -> Fetched:
    """GET ``url`` as the crawler would: its user agent, robots.txt, size cap and
    address guard, every redirect hop checked again."""
    for _hop in range(6):
        if crawl.obey_robots and not _robots_allow(url, crawl):
            raise DraftError(f"{url}: robots.txt of {urlsplit(url).netloc} disallows it")
        try:
            got = _get(url, crawl, crawl.max_page_bytes)
        except (OSError, http.client.HTTPException) as exc:
            raise DraftError(
                f"{url}: cannot fetch: {getattr(exc, 'strerror', None) or exc}"
            ) from None
        if got.status not in _REDIRECTS:
            if got.status >= 400:
                raise DraftError(f"{url}: HTTP {got.status}")
            return got
        url = got.url
    raise DraftError(f"{url}: too many redirects")


# ------------------------------------------------------------------ reading a source


def _plain(data: bytes) -> tuple[str, str]:
    """A text file: the first line is its title when it is short and has no full stop."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").lstrip("\ufeff")
    lines = [x.strip() for x in text.split("\n")]
    if len(lines) > 1 and 0 < len(lines[0]) <= 150 and not lines[0].endswith((".", "。")):
        return lines[0], "\n".join(lines[1:]).strip()
    return "", text.strip()


def _article(
    data: bytes, content_type: str, where: str, url: str
) -> tuple[str, str, str | None, dt.datetime | None]:
    from crawler.decoding import looks_like_html

    if data.lstrip()[:4] == _PDF or "pdf" in content_type.lower():
        raise DraftError(
            f"{where}: a PDF, not an article page; save its text to a .txt file and draft from that"
        )
    if not data.strip():
        raise DraftError(f"{where}: empty, no article text")
    if looks_like_html(data, content_type or None):
        import logging

        from crawler.extraction import extract_article

        logging.getLogger("trafilatura").setLevel(logging.ERROR)  # an empty page is our one-line error
        ex = extract_article(data, url, content_type or None)
        return ex.title or "", ex.body, ex.language, ex.published
    if b"\x00" in data[:4096]:
        raise DraftError(f"{where}: a binary file, not an article")
    title, text = _plain(data)
    return title, text, None, None


def read_source(source: str, crawl: CrawlConfig, *, language: str | None = None,
                published: dt.datetime | None = None) -> Article:  # fmt: skip
    """The article at ``source`` (an http(s) URL or a local file), extracted."""
    if re.match(r"https?://", source, re.IGNORECASE):
        got = fetch_url(source, crawl)
        data, ctype, url = got.body, got.content_type, got.url
    else:
        path = Path(source).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DraftError(f"{source}: cannot read: {exc.strerror or exc}") from None
        ctype, url = "", "https://example.invalid/" + path.name
    title, text, found_lang, found_date = _article(data, ctype, source, url)
    if not text.strip():
        raise DraftError(f"{source}: no article text found (an empty page?)")
    lang = language or found_lang
    if not lang:
        from crawler.extraction import detect_language

        lang = detect_language(f"{title}\n{text}")[0] or "en"
    return Article(title, text, lang, published or found_date, url)


def draft_from_source(source: str, crawl: CrawlConfig, *, story_id: str | None = None,
                      language: str | None = None, published: dt.datetime | None = None) -> tuple[str, int]:  # fmt: skip
    """The draft's TOML text and how many claims it holds (0: an empty draft saying why)."""
    from claims.draft import draft_dossier, draft_toml

    art = read_source(source, crawl, language=language, published=published)
    story = draft_dossier(
        art.title, art.text, art.language or "en", art.published, story_id, art.url
    )
    return draft_toml(story, source), len(story.get("claims", []))


# ------------------------------------------------------------------ adding a story


def story_files(path: Path) -> list[Path]:
    """The dossiers a ``[[stories]] path`` names: the file, or each *.toml of a folder
    (as scheduler.config.load_config reads them)."""
    return sorted(p for p in path.glob("*.toml") if p.is_file()) if path.is_dir() else [path]


def _config_refs(cfg_path: Path) -> list[Path]:
    raw = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
    refs = [s.get("path", "") for s in raw.get("stories", []) if isinstance(s, dict)]
    return [resolve_story_path(r, cfg_path.resolve().parent) for r in refs if r]


def add_story(cfg_path: Path, dossier: Path) -> dict[str, Any]:
    """Validate ``dossier``, copy it next to the config (or into its folder of
    dossiers), list it in ``[[stories]]``; returns what was done."""
    if cfg_path.resolve() == DEFAULT_CONFIG or not cfg_path.is_file():
        raise DraftError(
            f"{cfg_path}: `stories add` needs a config file of your own (--config FILE or ./followup.toml)"
        )
    story = load_story(dossier)
    refs = _config_refs(cfg_path)
    folder = next((r for r in refs if r.is_dir()), None)
    for ref in refs:
        for f in story_files(ref):
            try:
                other = load_story(f)
            except DossierError:
                continue
            if other.id == story.id and f.resolve() != dossier.resolve():
                raise DraftError(f"{cfg_path}: already watches a story {story.id!r} ({f})")
    dest = (folder or cfg_path.resolve().parent) / f"{story.id}.toml"
    if dest.resolve() != dossier.resolve():
        if dest.exists():
            raise DraftError(f"{dest}: exists already; remove it or give the story another id")
        dest.write_bytes(dossier.read_bytes())
    listed = folder is not None or any(r.resolve() == dest.resolve() for r in refs)
    if not listed:
        text = cfg_path.read_text(encoding="utf-8")
        tmp = cfg_path.with_suffix(cfg_path.suffix + ".tmp")
        tmp.write_text(
            text.rstrip("\n") + f'\n\n[[stories]]\npath = "{dest.name}"\n', encoding="utf-8"
        )
        os.replace(tmp, cfg_path)
    return {"id": story.id, "path": str(dest), "config": str(cfg_path), "listed": not listed}


def queue_analysis(cfg_path: Path, now: dt.datetime) -> list[str] | None:
    """Mark the stored articles for analysis of the new story (None: no database yet)."""
    from scheduler.app import NotInitialisedError, load_stories, open_database, sync_config
    from scheduler.config import load_config

    cfg = load_config(cfg_path)
    stories = load_stories(cfg)
    try:
        db = open_database(cfg.database_url)
    except NotInitialisedError:
        return None
    try:
        return sync_config(db, cfg, stories, now=now)
    finally:
        db.dispose()
