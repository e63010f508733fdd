"""Status of a claim as of a date, from the stances of the evidence published by then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .dossier import Claim

__all__ = ["STATUSES", "VERDICTS", "claim_status", "end_of_day"]

STATUSES = ("unverified", "confirmed", "contradicted", "updated", "disputed", "overdue")

#: Stances that carry a verdict; `mentions` does not.
VERDICTS = ("supports", "contradicts", "updates")


def _aware(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of a UTC day (a deadline day is over only after it)."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)


def claim_status(
    claim: Claim, evidence: Iterable[tuple[str, dt.datetime | None]], as_of: dt.datetime
) -> str:
    """The LABELS.md rule, counting only evidence published on or before `as_of`:

    1. any `updates` -> updated; 2. supports and contradicts -> disputed;
    3. only supports -> confirmed, only contradicts -> contradicted;
    4. no verdict: deadline passed (as_of after the end of the deadline day) -> overdue,
       else unverified.

    Evidence without a publication date cannot be placed in time and is ignored; pass the
    fetch time instead when the publication date is unknown. Naive datetimes are UTC.
    """
    cutoff = _aware(as_of)
    seen: set[str] = set()
    for stance, published in evidence:
        if stance not in VERDICTS or published is None:
            continue
        if _aware(published) <= cutoff:
            seen.add(stance)
    if "updates" in seen:
        return "updated"
    if "supports" in seen and "contradicts" in seen:
        return "disputed"
    if "supports" in seen:
        return "confirmed"
    if "contradicts" in seen:
        return "contradicted"
    if claim.deadline is not None and cutoff > end_of_day(claim.deadline):
        return "overdue"
    return "unverified"
