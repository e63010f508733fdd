"""A loopback HTTP server for the sample news web and the test-suite.

It behaves like a well-run news site towards a crawler: strong ETags and
Last-Modified with 304 answers to conditional GETs, gzip when asked, HEAD,
404s, and it can be switched to a plain static server (no validators) to test
the crawler's fallback. Every request is logged so tests can assert what the
crawler sent. The socket is bound in ``__init__`` so ``base_url`` is known
before the pages (whose links are absolute) are rendered.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

from scheduler.demo.site import Page

_STATIC_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain",
    ".json": "application/json",
    ".css": "text/css",
    ".js": "text/javascript",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server saw it (headers keep the client's spelling)."""

    method: str
    path: str
    headers: dict[str, str]
    status: int
    time: float = field(default_factory=time.time)

    def header(self, name: str) -> str | None:
        """A request header, looked up case-insensitively."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass
class _Entry:
    """A servable resource with its validators precomputed."""

    body: bytes
    content_type: str
    last_modified: datetime
    etag: str
    gzipped: bytes | None = None

    @classmethod
    def of(cls, page: Page | tuple[bytes, str, datetime]) -> _Entry:
        body, content_type, modified = page
        if modified.tzinfo is None:
            modified = modified.replace(tzinfo=UTC)
        # HTTP dates have whole seconds; compare like a client would.
        modified = modified.astimezone(UTC).replace(microsecond=0)
        return cls(body, content_type, modified, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')

    def gzip_body(self) -> bytes:
        if self.gzipped is None:
            self.gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self.gzipped


def _gzip_etag(etag: str) -> str:
    """The strong ETag of the gzip representation (a different byte sequence)."""
    return etag[:-1] + '-gzip"'


def _etag_matches(header: str, candidates: tuple[str, ...]) -> bool:
    """If-None-Match uses weak comparison: W/ prefixes are ignored."""
    if header.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}
    return any(c in tags for c in candidates)


def _accepts_gzip(header: str | None) -> bool:
    if not header:
        return False
    for part in header.split(","):
        token, _, params = part.strip().partition(";")
        if token.strip().lower() in ("gzip", "x-gzip"):
            quality = params.strip().lower()
            if quality.startswith("q="):
                try:
                    return float(quality[2:]) > 0
                except ValueError:
                    return False
            return True
    return False


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver listens with a backlog of 5: a crawler opening a dozen connections at
    # once had SYNs dropped and retried a second later, as no real web server does
    request_queue_size = 128
    owner: NewsWebServer


class _Handler(BaseHTTPRequestHandler):
    """Serves from the owning NewsWebServer; keeps connections alive like real servers."""

    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "newsweb/1.0"
    sys_version = ""
    timeout = 15  # idle keep-alive connections do not pin threads forever

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, add=True)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.owner._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log."""

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, *, head: bool) -> None:
        owner = self.server.owner
        status, headers, body = owner._answer(self.path, self.headers)
        owner._log(RequestRecord(self.command, self.path, dict(self.headers.items()), status))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304 and body:
            with contextlib.suppress(ConnectionError):
                self.wfile.write(body)


class NewsWebServer:
    """A threaded HTTP server on loopback serving in-memory pages or a directory.

    Use as a context manager, or call ``start()``/``stop()``. Pages may be given
    at construction or later with ``set_pages`` (render them against ``base_url``).
    In directory mode, pages set with ``set_page`` shadow files of the same path.
    """

    def __init__(
        self,
        pages: Mapping[str, Page] | None = None,
        directory: Path | str | None = None,
        *,
        etag: bool = True,
        last_modified: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.etag = etag
        self.last_modified = last_modified
        self.directory = Path(directory).resolve() if directory is not None else None
        self._lock = threading.Lock()
        self._pages: dict[str, _Entry] = {}
        self._overrides: dict[str, tuple[int, list[tuple[str, str]], bytes]] = {}
        self._requests: list[RequestRecord] = []
        self._connections: set[socket.socket] = set()
        self.connections_opened = 0  # TCP connections accepted: how well clients keep them alive
        self._thread: threading.Thread | None = None
        if pages:
            self.set_pages(pages)
        self._httpd = _HTTPServer((host, port), _Handler)
        self._httpd.owner = self
        self.host = host
        self.port: int = self._httpd.server_address[1]

    # ---- lifecycle

    @property
    def base_url(self) -> str:
        """Root URL without a trailing slash, e.g. http://127.0.0.1:43125."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        """Absolute URL of a site-relative path."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def start(self) -> NewsWebServer:
        """Serve in a daemon thread; returns self so `srv = NewsWebServer(...).start()` works."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.1},
                name=f"newsweb-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, drop open keep-alive connections and release the port."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()

    def __enter__(self) -> NewsWebServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- content

    def set_pages(self, pages: Mapping[str, Page], *, precompress: bool = False) -> None:
        """Replace all in-memory pages (paths are site-relative, starting with '/').

        ``precompress``: gzip every page now, as a server's or a CDN's cache would
        have, rather than on its first request: a benchmark then measures the
        crawler, not this server compressing on the same cores.
        """
        entries = {self._key(path): _Entry.of(page) for path, page in pages.items()}
        if precompress:
            for entry in entries.values():
                if entry.body:
                    entry.gzip_body()
        with self._lock:
            self._pages = entries

    def set_page(self, path: str, page: Page | tuple[bytes, str, datetime]) -> None:
        """Add or change one page, e.g. between two crawls."""
        entry = _Entry.of(page)
        with self._lock:
            self._pages[self._key(path)] = entry
            self._overrides.pop(self._key(path), None)

    def remove_page(self, path: str) -> None:
        """Make a path answer 404 (also clears an error or redirect set on it)."""
        with self._lock:
            self._pages.pop(self._key(path), None)
            self._overrides.pop(self._key(path), None)

    def set_error(
        self, path: str, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None
    ) -> None:
        """Make a path answer with `status` (e.g. 500, 503 with Retry-After) until changed."""
        extra = [("Content-Type", "text/plain; charset=utf-8"), *(headers or {}).items()]
        with self._lock:
            self._overrides[self._key(path)] = (status, extra, body)

    def set_redirect(self, path: str, location: str, status: int = 301) -> None:
        """Make a path redirect to `location` (absolute, or site-relative)."""
        target = self.url(location) if location.startswith("/") else location
        with self._lock:
            self._overrides[self._key(path)] = (status, [("Location", target)], b"")

    def paths(self) -> list[str]:
        """The in-memory paths currently served."""
        with self._lock:
            return sorted(self._pages)

    # ---- request log

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of the requests served so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[RequestRecord]:
        """Requests whose path (query string ignored) equals `path`."""
        return [r for r in self.requests if urlsplit(r.path).path == path]

    def clear_requests(self) -> None:
        """Forget the request log, e.g. between two crawls of a test."""
        with self._lock:
            self._requests.clear()

    # ---- internals

    @staticmethod
    def _key(path: str) -> str:
        return path if path.startswith("/") else "/" + path

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
                self.connections_opened += 1
            else:
                self._connections.discard(conn)

    def _log(self, record: RequestRecord) -> None:
        with self._lock:
            self._requests.append(record)

    def _lookup(self, target: str) -> _Entry | tuple[int, list[tuple[str, str]], bytes] | None:
        parts = urlsplit(target)
        path = unquote(parts.path) or "/"
        candidates = [path + "?" + parts.query] if parts.query else []
        candidates.append(path)
        if path.endswith("/"):
            candidates.append(path + "index.html")
        with self._lock:
            for key in candidates:
                if key in self._overrides:
                    return self._overrides[key]
            for key in candidates:
                if key in self._pages:
                    return self._pages[key]
        return self._from_directory(path) if self.directory is not None else None

    def _from_directory(self, path: str) -> _Entry | None:
        assert self.directory is not None
        target = (self.directory / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.directory):
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return None
        content_type = _STATIC_TYPES.get(target.suffix.lower(), "application/octet-stream")
        modified = datetime.fromtimestamp(target.stat().st_mtime, UTC)
        return _Entry.of((target.read_bytes(), content_type, modified))

    def _answer(self, target: str, headers: Any) -> tuple[int, list[tuple[str, str]], bytes]:
        """Status, response headers and body for a request (body ignored for HEAD/304)."""
        found = self._lookup(target)
        if found is None:
            return (
                404,
                [("Content-Type", "text/html; charset=utf-8")],
                (
                    b"<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                    b"<body><h1>Not Found</h1></body></html>\n"
                ),
            )
        if isinstance(found, tuple):
            status, extra, body = found
            return status, list(extra), body
        entry = found
        use_gzip = _accepts_gzip(headers.get("Accept-Encoding")) and len(entry.body) > 0
        etag = _gzip_etag(entry.etag) if use_gzip else entry.etag
        out: list[tuple[str, str]] = [
            ("Content-Type", entry.content_type),
            ("Vary", "Accept-Encoding"),
        ]
        if self.etag:
            out.append(("ETag", etag))
        if self.last_modified:
            out.append(("Last-Modified", format_datetime(entry.last_modified, usegmt=True)))
        if self._not_modified(entry, headers):
            return 304, out, b""
        body = entry.body
        if use_gzip:
            body = entry.gzip_body()
            out.append(("Content-Encoding", "gzip"))
        return 200, out, body

    def _not_modified(self, entry: _Entry, headers: Any) -> bool:
        """RFC 9110: If-None-Match wins over If-Modified-Since when both are sent."""
        if_none_match = headers.get("If-None-Match")
        if self.etag and if_none_match is not None:
            return _etag_matches(if_none_match, (entry.etag, _gzip_etag(entry.etag)))
        if_modified_since = headers.get("If-Modified-Since")
        if self.last_modified and if_modified_since is not None:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return entry.last_modified <= since
        return False
