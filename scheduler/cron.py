"""Five-field cron expressions (UTC) as APScheduler 3 triggers, with cron's own weekday numbers.

APScheduler 3 numbers weekdays from Monday = 0 while crontab(5) uses
Sunday = 0 (and 7); ``CronTrigger.from_crontab`` passes the numbers through,
so ``0 6 * * 1`` would fire on Tuesdays.  The day-of-week field is therefore
expanded here into weekday names, which both agree on.
"""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.triggers.cron import CronTrigger

_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


class CronError(ValueError):
    """A cron expression that cannot be used; the message says which field is wrong."""


def _dow_number(token: str) -> int:
    t = token.strip().lower()
    if t in _NAMES:
        return _NAMES.index(t)
    if t.isdigit() and 0 <= int(t) <= 7:
        return int(t) % 7
    raise CronError(f"day-of-week {token!r} is not 0-7 or sun-sat")


def _expand_dow(field: str) -> str:
    if field == "*":
        return "*"
    days: set[int] = set()
    for part in field.split(","):
        step = 1
        if "/" in part:
            part, step_s = part.split("/", 1)
            if not step_s.isdigit() or int(step_s) == 0:
                raise CronError(f"day-of-week step {step_s!r} is not a positive number")
            step = int(step_s)
        if part == "*":
            lo, hi = 0, 6
        elif "-" in part:
            a, b = part.split("-", 1)
            lo, hi = _dow_number(a), _dow_number(b)
            if b.strip() == "7":
                hi = 7
            if hi < lo:
                raise CronError(f"day-of-week range {part!r} runs backwards")
        else:
            lo = hi = _dow_number(part)
        days.update(d % 7 for d in range(lo, hi + 1, step))
    return ",".join(_NAMES[d] for d in sorted(days))


def cron_trigger(expr: str) -> CronTrigger:
    """Build a UTC trigger from a 5-field crontab expression, or raise CronError."""
    fields = expr.split()
    if len(fields) != 5:
        raise CronError(
            f"{expr!r} has {len(fields)} fields; a cron schedule has 5 (min hour day month weekday)"
        )
    minute, hour, day, month, dow = fields
    try:
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_expand_dow(dow),
            timezone=UTC,
        )
    except CronError:
        raise
    except ValueError as exc:
        raise CronError(f"{expr!r}: {exc}") from exc


def next_fire(expr: str, after: datetime) -> datetime:
    """The first fire time strictly after ``after``."""
    trig = cron_trigger(expr)
    nxt = trig.get_next_fire_time(None, after)
    if nxt is not None and nxt <= after:
        from datetime import timedelta

        nxt = trig.get_next_fire_time(None, after + timedelta(seconds=1))
    if nxt is None:
        raise CronError(f"{expr!r} never fires after {after.isoformat()}")
    return nxt.astimezone(UTC)


def previous_fire(expr: str, at: datetime, horizon_days: int = 400) -> datetime | None:
    """The latest fire time at or before ``at`` (None if none within the horizon)."""
    from datetime import timedelta

    trig = cron_trigger(expr)
    lo = at - timedelta(days=1)
    while lo > at - timedelta(days=horizon_days):
        t = trig.get_next_fire_time(None, lo)
        last = None
        while t is not None and t <= at:
            last = t
            t = trig.get_next_fire_time(None, t + timedelta(seconds=1))
        if last is not None:
            return last.astimezone(UTC)
        lo -= timedelta(days=30)
    return None
