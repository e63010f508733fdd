"""The text of a notification: every field a reader needs to judge the change unaided."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def _change_lines(c: Mapping[str, Any]) -> list[str]:
    lines = [
        f"Story: {c['story']}",
        f"Claim: {c['claim']}: {c['claim_text']}",
        f"Status: {c['old_status']} -> {c['new_status']}",
    ]
    ev = c.get("evidence")
    if ev:
        lines += [
            f"Stance: {ev['stance']}",
            f"Quote: {ev['quote']}",
            f"Article: {ev['title'] or '(untitled)'}",
            f"URL: {ev['url']}",
            f"Published: {ev['published'] or 'unknown'}",
        ]
    else:
        lines.append("Evidence: none (the status changed with time: a deadline passed)")
    lines += [f"As of: {c['as_of']}", f"Change: {c['id']} at {c['changed_at']}"]
    return lines


def change_message(c: Mapping[str, Any]) -> tuple[str, str]:
    """(title, body) of one change."""
    title = f"[followup] {c['story']}: {c['claim']} {c['old_status']} -> {c['new_status']}"
    return title, "\n".join(_change_lines(c))


def digest_message(period: str, changes: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    """(title, body) of a digest: the changes of one period, oldest first."""
    stories = sorted({c["story"] for c in changes})
    title = f"[followup] {len(changes)} claim status change(s) in {period}: {', '.join(stories)}"
    parts = []
    for c in sorted(changes, key=lambda c: c["id"]):
        parts.append("\n".join(_change_lines(c)))
    return title, "\n\n---\n\n".join(parts)
