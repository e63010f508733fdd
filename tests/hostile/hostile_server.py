"""A hostile web on 127.0.0.1 for the fetch-safety tests, and a canary that counts connections.

:class:`HostileServer` is a stdlib threaded HTTP server whose routes misbehave
on purpose: trickle bytes forever, answer 500/429, redirect in circles or to
``file:``, send gzip and brotli bombs, 50 MB pages, PDFs labelled text/html,
billion-laughs and XXE feeds, feeds full of links to internal addresses,
mis-encoded feeds and script-laden titles.  :class:`Canary` is a bare TCP
listener on another port that nothing may ever reach: the feeds point at it,
and the tests assert it saw zero connections.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime
from functools import cache
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

GB = 1 << 30
MB = 1 << 20


# ---------------------------------------------------------------------------- canary


class Canary:
    """Counts TCP connections on 127.0.0.1:port (and [::1]:port when it can bind it)."""

    def __init__(self) -> None:
        self.connections: list[tuple[str, bytes]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._socks: list[socket.socket] = []
        s4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s4.bind(("127.0.0.1", 0))
        s4.listen(64)
        self.port: int = s4.getsockname()[1]
        self._socks.append(s4)
        with contextlib.suppress(OSError):
            s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            s6.bind(("::1", self.port))
            s6.listen(64)
            self._socks.append(s6)
        self._threads = [
            threading.Thread(target=self._accept, args=(s,), daemon=True) for s in self._socks
        ]

    def start(self) -> Canary:
        for t in self._threads:
            t.start()
        return self

    def _accept(self, sock: socket.socket) -> None:
        sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, addr = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(0.5)
            try:
                first = conn.recv(200)
            except OSError:
                first = b""
            with self._lock:
                self.connections.append((str(addr), first))
            with contextlib.suppress(OSError):
                conn.close()

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.connections)

    def stop(self) -> None:
        self._stop.set()
        for s in self._socks:
            with contextlib.suppress(OSError):
                s.close()


# ---------------------------------------------------------------------------- content


@cache
def gzip_bomb(size: int = GB) -> bytes:
    """``size`` zero bytes as gzip (~1 MB a GB): 16 MB members, concatenated (RFC 1952 §2.2)."""
    member = gzip.compress(b"\0" * (16 * MB), 9, mtime=0)
    return member * (size // (16 * MB))


@cache
def brotli_bomb(size: int = GB) -> bytes:
    """``size`` zero bytes as brotli (a few KB)."""
    import brotli

    c = brotli.Compressor(quality=5)
    chunk = b"\0" * MB
    parts = [c.process(chunk) for _ in range(size // MB)]
    parts.append(c.finish())
    return b"".join(parts)


def article_html(
    title: str,
    paragraphs: list[str],
    *,
    charset: str | None = "utf-8",
    published: str = "2024-08-20T10:00:00+00:00",
    title_html: str | None = None,
) -> str:
    """A plain news article page (enough text for extraction); ``title_html`` is the raw <h1>."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    shown = title_html if title_html is not None else escape(title)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><header><nav><a href='/'>Home</a></nav></header><article><h1>{shown}</h1>"
        f"<p class='byline'>By Staff Reporter</p>{body}</article>"
        "<footer><p>Copyright The Hostile Times</p></footer></body></html>"
    )


def colossus_paragraphs(seed: str) -> list[str]:
    """Distinct on-topic paragraphs (xAI, Colossus) so pages are relevant and not near-duplicates."""
    return [
        f"Report {seed}: xAI said on Tuesday that its Colossus supercomputer in Memphis is now "
        f"training models, and the company described the {seed} milestone in a statement.",
        f"The cluster, built with Nvidia H100 chips, was assembled in {len(seed) + 19} weeks "
        f"according to people familiar with the project, who asked not to be named ({seed}).",
        f"Elon Musk wrote that Colossus would be expanded further; analysts in the {seed} note "
        "said the power supply in Memphis remained the main constraint for the site.",
        f"Local officials in Tennessee reviewed the permits again this week, the {seed} filing "
        "shows, while xAI continued hiring engineers for the data centre.",
    ]


def rss(
    items: list[dict[str, str]],
    *,
    encoding: str | None = "utf-8",
    title: str = "Feed",
    prolog: str = "",
) -> str:
    """An RSS 2.0 document (titles/links inserted as given: callers escape what they mean to)."""
    decl = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else '<?xml version="1.0"?>'
    out = [
        decl,
        prolog,
        '<rss version="2.0"><channel>',
        f"<title>{title}</title>",
        "<link>http://example.invalid/</link><description>d</description>",
    ]
    for it in items:
        out.append(
            f"<item><title>{it.get('title', 'item')}</title><link>{it['link']}</link>"
            f"<pubDate>{it.get('date', 'Tue, 20 Aug 2024 10:00:00 GMT')}</pubDate></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out)


LAUGHS_ONE_LINE = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;'
    '&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'
    '&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
    '&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 '
    '"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;'
    '&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;'
    '&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;'
    '&lol8;&lol8;&lol8;&lol8;">]><rss version="2.0"><channel><title>&lol9;</title><item>'
    "<title>&lol9;</title><link>http://example.invalid/a</link></item></channel></rss>"
)


def laughs_multi_line() -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE rss [",
        '  <!ENTITY a "aaaaaaaaaa">',
    ]
    prev = "a"
    for i in range(1, 10):
        name = f"a{i}"
        lines.append(f'  <!ENTITY {name} "{("&" + prev + ";") * 10}">')
        prev = name
    lines += [
        "]>",
        '<rss version="2.0">',
        "<channel><title>&a9;</title>",
        "<item><title>&a9;</title><link>http://example.invalid/b</link></item>",
        "</channel></rss>",
    ]
    return "\n".join(lines)


def xxe_feed(system_id: str, *, parameter: bool = False) -> str:
    if parameter:
        dtd = f'<!DOCTYPE rss [<!ENTITY % ext SYSTEM "{system_id}"> %ext;]>'
        ref = "x"
    else:
        dtd = f'<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "{system_id}">\n]>'
        ref = "&xxe;"
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{dtd}\n<rss version="2.0"><channel>'
        f"<title>{ref}</title><item><title>{ref}</title>"
        "<link>http://example.invalid/xxe</link></item></channel></rss>"
    )


# ---------------------------------------------------------------------------- server

Handler = Callable[["_Handler"], None]


@dataclass
class Hit:
    path: str
    time: float = field(default_factory=time.time)


class _HTTPServer(ThreadingHTTPServer):
    request_queue_size = 128  # socketserver's 5 drops the SYNs of a crawler's burst
    daemon_threads = True
    owner: HostileServer


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    timeout = 60

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the access log."""

    def do_GET(self) -> None:
        owner = self.server.owner
        path = urlsplit(self.path).path
        owner._hit(path)
        route = owner.routes.get(path, owner.fallback)
        if route is None:
            self.reply(404, b"not found", "text/plain")
            return
        with contextlib.suppress(ConnectionError, TimeoutError, OSError):
            route(self)

    def reply(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class HostileServer:
    """Routes (path -> handler) served on 127.0.0.1 from daemon threads; requests are counted."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.fallback: Handler | None = None  # serves paths without a route (e.g. as a proxy sink)
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.port: int = self._httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> HostileServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _hit(self, path: str) -> None:
        with self._lock:
            self.hits.append(Hit(path))

    def hits_for(self, path: str) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    # ---- route builders

    def static(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda h: h.reply(status, data, content_type, headers)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = lambda h: h.reply(status, b"", "text/plain", {"Location": location})

    def trickle(self, path: str, *, interval: float = 0.2, limit_s: float = 120) -> None:
        """Slow-loris: a body of unknown length, one byte every ``interval`` seconds."""

        def route(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("Connection", "close")
            h.close_connection = True
            h.end_headers()
            h.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
            h.wfile.flush()
            end = time.monotonic() + limit_s
            while time.monotonic() < end:
                time.sleep(interval)
                h.wfile.write(b" ")
                h.wfile.flush()

        self.routes[path] = route

    def encoded(
        self, path: str, body: bytes, encoding: str, content_type: str = "application/rss+xml"
    ) -> None:
        """A body sent with ``Content-Encoding`` (the bombs)."""
        self.routes[path] = lambda h: h.reply(
            200, body, content_type, {"Content-Encoding": encoding}
        )

    def huge(
        self,
        path: str,
        size: int,
        *,
        content_length: bool = True,
        content_type: str = "application/rss+xml",
    ) -> None:
        """``size`` bytes streamed from a small buffer (never held in memory)."""
        chunk = b"<!-- " + b"x" * (64 * 1024 - 9) + b" -->"

        def route(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", content_type)
            if content_length:
                h.send_header("Content-Length", str(size))
            else:
                h.send_header("Connection", "close")
                h.close_connection = True
            h.end_headers()
            sent = 0
            while sent < size:
                part = chunk[: size - sent]
                h.wfile.write(part)
                sent += len(part)

        self.routes[path] = route


def http_date(ts: float | None = None) -> str:
    from datetime import UTC, datetime

    return format_datetime(datetime.fromtimestamp(ts or time.time(), UTC), usegmt=True)
