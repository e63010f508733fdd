"""An Atom feed of one story's claim status changes (ElementTree escapes every string)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

NS = "http://www.w3.org/2005/Atom"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _safe_link(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def changes_feed(
    story_id: str,
    title: str,
    changes: Sequence[Mapping[str, Any]],
    *,
    base_url: str,
    now: datetime,
) -> bytes:
    ET.register_namespace("", NS)
    feed = ET.Element(f"{{{NS}}}feed")
    _sub(feed, "id", f"{base_url}/stories/{story_id}/changes.atom")
    _sub(feed, "title", f"{title}: claim status changes")
    newest = max((c["changed_at"] for c in changes), default=now.isoformat())
    _sub(feed, "updated", newest)
    _sub(feed, "link", href=f"{base_url}/stories/{story_id}", rel="alternate")
    _sub(feed, "link", href=f"{base_url}/stories/{story_id}/changes.atom", rel="self")
    author = _sub(feed, "author")
    _sub(author, "name", "followup")
    for c in reversed(changes):
        e = _sub(feed, "entry")
        _sub(e, "id", f"{base_url}/stories/{story_id}/changes/{c['id']}")
        _sub(e, "title", f"{c['claim']}: {c['old_status']} → {c['new_status']}")
        _sub(e, "updated", c["changed_at"])
        ev = c.get("evidence") or {}
        link = _safe_link(ev.get("url"))
        if link:
            _sub(e, "link", href=link, rel="related")
        lines = [c["claim_text"], f"{c['old_status']} → {c['new_status']} (as of {c['as_of']})"]
        if ev:
            lines.append(
                f"{ev['stance']}: “{ev['quote']}” — {ev.get('title') or ''} ({ev.get('published') or 'undated'})"
            )
        _sub(e, "summary", "\n".join(lines), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
