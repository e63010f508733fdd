"""Refuse XML that declares entities before any parser can expand them.

Billion-laughs and XXE both need ``<!ENTITY`` declarations in the document
type; honest feeds and sitemaps never carry them.  The check runs on the raw
bytes (UTF-16/32 decoded first) so neither feedparser nor lxml ever sees such
a document.
"""

from __future__ import annotations

import codecs
import re

_DOCTYPE = re.compile(r"<!DOCTYPE(?P<head>[^\[>]*)(?:\[(?P<subset>.*?)\]\s*)?>", re.I | re.S)
_ENTITY = re.compile(r"<!\s*ENTITY", re.I)


class UnsafeXMLError(ValueError):
    """The document declares entities (a DTD attack vector); it is not parsed."""


def _as_text(data: bytes) -> str:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    if data[:4] in (b"\x00<\x00?", b"<\x00?\x00", b"\x00\x00\x00<", b"<\x00\x00\x00"):
        enc = {
            b"\x00<\x00?": "utf-16-be",
            b"<\x00?\x00": "utf-16-le",
            b"\x00\x00\x00<": "utf-32-be",
        }.get(data[:4], "utf-32-le")
        return data.decode(enc, errors="replace")
    return data.decode("latin-1")  # byte-transparent: markup is ASCII in every other encoding


def check_xml(data: bytes) -> None:
    """Raise UnsafeXMLError when the document type declares entities."""
    text = _as_text(data)
    if "<!" not in text:
        return
    for m in _DOCTYPE.finditer(text):
        subset = m.group("subset") or ""
        if _ENTITY.search(subset):
            raise UnsafeXMLError("document type declares entities (rejected DTD)")
    if _ENTITY.search(text):
        raise UnsafeXMLError("document declares entities (rejected DTD)")


def strip_doctype(data: bytes) -> bytes:
    """Drop a (checked, entity-free) DOCTYPE so no parser is tempted to fetch an external DTD."""
    return re.sub(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", b"", data, count=1, flags=re.I | re.S)
