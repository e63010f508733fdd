"""Digest periods: which message a change joins, and when that message is due (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

DIGESTS = ("none", "hourly", "daily")


def period_of(changed_at: datetime, digest: str) -> tuple[str, datetime]:
    """(period key, due time). ``none``: its own message, due at once; else the hour or UTC
    day the change fell in, due when that period ends."""
    if digest == "none":
        return "", changed_at
    if digest == "hourly":
        start = changed_at.replace(minute=0, second=0, microsecond=0)
        return start.strftime("%Y-%m-%dT%H:00Z"), start + timedelta(hours=1)
    if digest == "daily":
        start = changed_at.replace(hour=0, minute=0, second=0, microsecond=0)
        return start.strftime("%Y-%m-%d"), start + timedelta(days=1)
    raise ValueError(f"unknown digest {digest!r} (one of {', '.join(DIGESTS)})")


def retry_delay(attempts: int) -> timedelta:
    """After the n-th failed try: 1, 2, 4… minutes, at most an hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))
