"""Bytes to text, and whether bytes are an HTML page at all.

Apart from crawler.extraction so that the crawl process, which sniffs every
response, never imports trafilatura and the rest of the extraction stack
(about 40 MB); the extraction workers decode each page once with
:func:`decode_html`.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

__all__ = ["decode_html", "looks_like_html"]


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_WINDOWS_1252 = "cp1252"
_MIN_VALID_PER_INVALID = 10
_DETECTION_SAMPLE = 64 * 1024  # charset-normalizer samples inside this anyway
# charset-normalizer candidates this close to the best count as a tie
_TIE_CHAOS = 0.01
_TIE_COHERENCE = 0.05


def _c1_passthrough(exc: UnicodeError) -> tuple[str, int]:
    """Decode the five bytes windows-1252 leaves undefined as C1 controls.

    The WHATWG windows-1252 decoder does this (so does every browser); Python's
    cp1252 codec raises instead, which would wrongly mark a page as
    mis-declared.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("followup_c1", _c1_passthrough)


def _strict_decode(data: bytes, encoding: str) -> str | None:
    """Decode without replacement, or None when the bytes do not fit ``encoding``."""
    try:
        if encoding == _WINDOWS_1252:
            return data.decode(encoding, "followup_c1")
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _lenient_decode(data: bytes, encoding: str) -> str | None:
    """Decode strictly, or with replacement when the bytes are overwhelmingly in ``encoding``.

    A truncated response (cut inside a multi-byte character) or one stray byte
    in an otherwise UTF-8 or GB18030 page must not send the whole page to
    charset detection, which would garble every character. The evidence is
    the valid multi-byte characters (each shortens the text relative to the
    bytes), which must outnumber the invalid bytes ten to one; a wrong label
    (windows-1252 text labelled UTF-8, say) has none and falls through.
    """
    text = _strict_decode(data, encoding)
    if text is not None:
        return text
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        return None
    invalid = text.count("\ufffd")
    multibyte = len(data) - len(text)
    return text if multibyte >= _MIN_VALID_PER_INVALID * invalid else None


def _utf8_if_valid(data: bytes) -> str | None:
    """Return the UTF-8 decoding when the bytes are valid, non-ASCII UTF-8.

    Labelling UTF-8 pages with a legacy charset is common (stale templates,
    server defaults), and single-byte decoders accept almost any byte, so such
    a label is never caught by a decoding error. Legacy-encoded text, on the
    other hand, is practically never valid UTF-8 once it holds non-ASCII
    bytes: validity beats a contradicting label.
    """
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect_encoding(data: bytes) -> str | None:
    """Guess the charset of undeclared, non-UTF-8 bytes with charset-normalizer.

    Single-byte Latin charsets often tie (cp1250 and cp1252 decode Spanish
    equally cleanly); a near-tie goes to windows-1252, the browsers' default
    for undeclared pages, instead of to whichever charset sorts first.
    """
    from charset_normalizer import from_bytes  # imported lazily: rarely needed

    matches = from_bytes(data[:_DETECTION_SAMPLE])
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if (
            match.encoding == _WINDOWS_1252
            and match.chaos <= best.chaos + _TIE_CHAOS
            and match.coherence >= best.coherence - _TIE_COHERENCE
        ):
            return _WINDOWS_1252
    return resolve_encoding(best.encoding)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode an HTML page to text; never raises.

    Order, first match wins:

    1. a byte order mark (unambiguous, as in browsers);
    2. ``<meta charset>`` / ``http-equiv`` in the first 4 KB (w3lib's prescan
       window; HTML5 says 1 KB, CMSes often emit longer heads). Ranked above
       the HTTP header because servers send blanket default charsets far more
       often than authors mislabel their own pages;
    3. the ``charset`` of the HTTP ``Content-Type`` header;
    4. detection: valid UTF-8, else charset-normalizer, else UTF-8 with
       replacement characters.

    A declared charset the bytes do not decode in falls through to the next
    step (a few bad bytes among many good multi-byte characters, as in a
    truncated response, do not count: see :func:`_lenient_decode`). A declared non-UTF-8 charset also yields to UTF-8 when the bytes are
    valid non-ASCII UTF-8 (the most common mislabelling; see
    :func:`_utf8_if_valid`). Labels are mapped as browsers do (w3lib's
    ``resolve_encoding``): gb2312/gbk -> gb18030, iso-8859-1/ascii ->
    windows-1252, and windows-1252's five undefined bytes decode to C1 controls.
    """
    bom_encoding, bom = read_bom(data)
    if bom_encoding is not None and bom is not None:
        return data[len(bom) :].decode(bom_encoding, errors="replace")

    declared: list[str] = []
    meta = html_body_declared_encoding(data)
    if meta is not None:
        # a page cannot declare UTF-16 in ASCII-compatible markup; HTML5 reads it as UTF-8
        declared.append("utf-8" if meta.startswith("utf-16") or meta.startswith("utf-32") else meta)
    header = http_content_type_encoding(content_type)
    if header is not None:
        declared.append(header)

    utf8: str | None = None
    utf8_checked = False
    for encoding in declared:
        if encoding != "utf-8":
            if not utf8_checked:
                utf8, utf8_checked = _utf8_if_valid(data), True
            if utf8 is not None:
                return utf8
        text = _lenient_decode(data, encoding)
        if text is not None:
            return text

    text = _lenient_decode(data, "utf-8")
    if text is not None:
        return text
    guessed = _detect_encoding(data)
    if guessed is not None:
        text = _strict_decode(data, guessed)
        if text is not None:
            return text
        return data.decode(guessed, errors="replace")
    return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------
# Content sniffing
# --------------------------------------------------------------------------

_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"BM",  # BMP (checked with a NUL below, "BM" alone is a valid text start)
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"\x00\x00\x01\x00",  # ICO
    b"PK\x03\x04",  # zip, docx, epub...
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # MS Office (OLE)
    b"OggS",
    b"ID3",  # MP3
    b"fLaC",
    b"wOFF",
    b"wOF2",
    b"\x00asm",
    b"\x7fELF",
    b"MZ",
    b"%!PS",
    b"{\\rtf",
)
_HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
# WHATWG MIME sniffing's "HTML" patterns, plus a few tags that open fragments.
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h[1-6]|div|font|table|a|style|title|b|br|p"
    rb"|meta|link|!--|article|main|section|header|nav|span|ul|form|img)(?:[\s/>]|$)",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|head|body|title|p|div|article)(?:[\s>])", re.IGNORECASE)
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF|urlset|sitemapindex)[\s>]", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"<\?xml[^>]*>", re.IGNORECASE)


def _sniff_window(data: bytes) -> bytes:
    """The first 1 KB as ASCII-compatible bytes (UTF-16 re-encoded), leading space stripped."""
    bom_encoding, bom = read_bom(data)
    head = data[:2048]
    if bom_encoding is not None and bom is not None and bom_encoding != "utf-8":
        head = head[len(bom) :].decode(bom_encoding, errors="ignore").encode("utf-8", "replace")
    elif bom is not None:
        head = head[len(bom) :]
    return head[:1024].lstrip()


def looks_like_html(data: bytes, content_type: str | None) -> bool:
    """Whether ``data`` is an HTML page, judged by its bytes first.

    Servers mislabel both ways (HTML as text/plain or octet-stream, PDFs as
    text/html), so content decides: binary signatures and NUL bytes reject,
    HTML markup near the start accepts. Feeds and sitemaps are not HTML pages.
    The header is only a tie-breaker for text with some markup but no clear
    opening tag.
    """
    if not data:
        return False
    head = _sniff_window(data)
    if not head:
        return False
    if head.startswith(_BINARY_SIGNATURES) and (not head.startswith(b"BM") or b"\x00" in head[:64]):
        return False
    if b"\x00" in head:
        return False
    if head.startswith(b"<?xml"):
        declaration = _XML_DECLARATION.match(head)
        rest = head[declaration.end() if declaration else 5 :].lstrip()
        if _FEED_START.search(rest[:512]):
            return False
        return b"xhtml" in head.lower() or bool(_HTML_ANYWHERE.search(head))
    if _FEED_START.match(head):
        return False
    if _HTML_START.match(head):
        return True
    if _HTML_ANYWHERE.search(head):
        return True
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return mime in _HTML_CONTENT_TYPES and b"<" in head
