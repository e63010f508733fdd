"""Cron fire times, adaptive polling, backoff and Retry-After, with a controllable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.cron import CronError, cron_trigger, next_fire
from scheduler.policy import PollState, SourceDue, decide, is_held_back, startup_fires

T0 = datetime(2024, 7, 24, 10, 7, 30, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(
    ("expr", "after", "expected"),
    [
        ("*/20 * * * *", T0, datetime(2024, 7, 24, 10, 20, tzinfo=UTC)),
        ("0 * * * *", T0, datetime(2024, 7, 24, 11, 0, tzinfo=UTC)),
        ("0 6 * * 1", T0, datetime(2024, 7, 29, 6, 0, tzinfo=UTC)),  # cron 1 = Monday
        ("0 6 * * 0", T0, datetime(2024, 7, 28, 6, 0, tzinfo=UTC)),  # cron 0 = Sunday
        ("0 6 * * 7", T0, datetime(2024, 7, 28, 6, 0, tzinfo=UTC)),  # and 7 too
        ("30 2 1 * *", T0, datetime(2024, 8, 1, 2, 30, tzinfo=UTC)),
        (
            "0 0 * * 1-5",
            datetime(2024, 7, 26, 12, tzinfo=UTC),
            datetime(2024, 7, 29, 0, 0, tzinfo=UTC),
        ),
    ],
)
def test_next_fire(expr: str, after: datetime, expected: datetime) -> None:
    assert next_fire(expr, after) == expected


@pytest.mark.parametrize("bad", ["61 * * * *", "* * * *", "* * * * 8", "* 25 * * *", "a b c d e"])
def test_bad_cron_is_refused(bad: str) -> None:
    with pytest.raises(CronError):
        cron_trigger(bad)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)))
def test_next_fire_is_strictly_later_and_on_the_grid(moment: datetime) -> None:
    after = moment.replace(tzinfo=UTC)
    nxt = next_fire("*/15 * * * *", after)
    assert nxt > after
    assert nxt - after <= timedelta(minutes=15)
    assert nxt.minute % 15 == 0 and nxt.second == 0


def test_new_articles_keep_every_fire_and_quiet_sources_slow_down() -> None:
    state = PollState("*/10 * * * *")
    d = decide(state, outcome="ok", new_articles=3, retry_after_s=None, now=T0)
    assert d.next_due_at == datetime(2024, 7, 24, 10, 10, tzinfo=UTC)
    gaps = []
    for _ in range(12):
        d = decide(
            state,
            outcome="not_modified",
            new_articles=0,
            retry_after_s=None,
            now=T0,
            adaptive_max_skip=4,
        )
        state = PollState(state.schedule, d.consecutive_errors, d.empty_polls)
        gaps.append(d.next_due_at - T0)
    assert gaps == sorted(gaps)
    assert gaps[-1] <= timedelta(minutes=40)  # the floor: at least every 4th fire
    assert gaps[-1] > gaps[0]
    back = decide(state, outcome="ok", new_articles=1, retry_after_s=None, now=T0)
    assert back.empty_polls == 0 and back.next_due_at == datetime(2024, 7, 24, 10, 10, tzinfo=UTC)


def test_retry_after_pushes_the_due_time_and_holds_the_source() -> None:
    d = decide(PollState("* * * * *"), outcome="error", new_articles=0, retry_after_s=3600, now=T0)
    assert d.retry_after_until == T0 + timedelta(hours=1)
    assert d.next_due_at >= T0 + timedelta(hours=1)
    for minutes in (1, 30, 59):
        assert is_held_back(
            next_due_at=d.next_due_at,
            retry_after_until=d.retry_after_until,
            consecutive_errors=1,
            now=T0 + timedelta(minutes=minutes),
        )
    assert not is_held_back(
        next_due_at=d.next_due_at,
        retry_after_until=d.retry_after_until,
        consecutive_errors=1,
        now=d.next_due_at,
    )


def test_consecutive_failures_grow_the_interval_up_to_the_cap() -> None:
    state = PollState("* * * * *")
    waits = []
    for _ in range(12):
        d = decide(
            state,
            outcome="error",
            new_articles=0,
            retry_after_s=None,
            now=T0,
            max_backoff_s=6 * 3600,
        )
        state = PollState(state.schedule, d.consecutive_errors, d.empty_polls)
        waits.append(d.next_due_at - T0)
    assert state.consecutive_errors == 12
    assert waits[:5] == sorted(waits[:5]) and len(set(waits[:5])) == 5
    assert max(waits) <= timedelta(hours=6, minutes=1)
    assert "12 consecutive" in d.note


def test_schedule_alone_holds_only_in_due_mode() -> None:
    later = T0 + timedelta(minutes=5)
    assert (
        is_held_back(next_due_at=later, retry_after_until=None, consecutive_errors=0, now=T0)
        is None
    )
    assert is_held_back(
        next_due_at=later, retry_after_until=None, consecutive_errors=0, now=T0, due_only=True
    )


def test_three_hour_outage_gives_one_run_per_source() -> None:
    sources = [
        SourceDue("a", "* * * * *", T0 - timedelta(hours=3)),
        SourceDue("b", "*/20 * * * *", T0 - timedelta(hours=3)),
        SourceDue("c", "0 * * * *", T0 + timedelta(minutes=30)),
        SourceDue("d", "0 * * * *", None),
    ]
    fires = startup_fires(sources, T0)
    assert sorted(fires) == ["a", "b", "d"]
    assert len(fires) == len(set(fires))
