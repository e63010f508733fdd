"""The text of a notification: every field a reader needs to judge the change unaided."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

#: Apprise schemes of JSON webhooks: they get the change itself as JSON, for machines.
JSON_SCHEMES = ("json", "jsons")


def wants_json(url: str) -> bool:
    return url.split("://", 1)[0].lower() in JSON_SCHEMES


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


def change_json(c: Mapping[str, Any]) -> tuple[str, str]:
    """(title, body) for a JSON webhook: the body is the change as `followup changes
    --format json` prints it, so a receiver reads fields rather than parsing text."""
    return change_message(c)[0], json.dumps(dict(c), ensure_ascii=False)


def digest_json(period: str, changes: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    title = digest_message(period, changes)[0]
    body = {"period": period, "changes": [dict(c) for c in sorted(changes, key=lambda c: c["id"])]}
    return title, json.dumps(body, ensure_ascii=False)
