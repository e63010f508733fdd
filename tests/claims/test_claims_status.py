"""claim_status: the LABELS.md rule table, the as-of cut-off, overdue, and monotonicity."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims import STATUSES, claim_status
from claims.dossier import Claim, Story, builtin_story_path, load_story

UTC = dt.UTC


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(builtin_story_path("xai-supercomputer"))


def at(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s).replace(tzinfo=UTC) if "+" not in s else dt.datetime.fromisoformat(s)


T1 = at("2024-07-10T12:00:00")


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ([], "unverified"),
        (["mentions"], "unverified"),
        (["supports"], "confirmed"),
        (["supports", "supports", "mentions"], "confirmed"),
        (["contradicts"], "contradicted"),
        (["supports", "contradicts"], "disputed"),
        (["updates"], "updated"),
        (["supports", "updates"], "updated"),
        (["supports", "contradicts", "updates", "mentions"], "updated"),
    ],
)
def test_rule_table(story: Story, stances: list[str], expected: str) -> None:
    claim = story.claim("gpu-count")  # no deadline
    assert claim_status(claim, [(s, T1) for s in stances], at("2024-12-31T00:00:00")) == expected


def test_deadline_and_overdue(story: Story) -> None:
    claim = story.claim("training-start")  # deadline 2024-07-31
    assert claim_status(claim, [], at("2024-07-31T23:59:59")) == "unverified"
    assert claim_status(claim, [], at("2024-08-01T00:00:00")) == "overdue"
    assert claim_status(claim, [("mentions", T1)], at("2024-09-01T00:00:00")) == "overdue"
    assert claim_status(claim, [("supports", T1)], at("2024-09-01T00:00:00")) == "confirmed"
    assert claim_status(claim, [("contradicts", at("2024-08-02T00:00:00"))], at("2024-09-01T00:00:00")) == "contradicted"


def test_only_evidence_published_by_as_of_counts(story: Story) -> None:
    claim = story.claim("most-powerful")
    ev = [("supports", at("2024-07-23T13:00:00")), ("contradicts", at("2024-09-29T09:00:00"))]
    assert claim_status(claim, ev, at("2024-07-23T12:59:59")) == "unverified"
    assert claim_status(claim, ev, at("2024-07-23T13:00:00")) == "confirmed"  # on or before
    assert claim_status(claim, ev, at("2024-09-30T00:00:00")) == "disputed"


def test_undated_evidence_is_ignored_and_naive_times_are_utc(story: Story) -> None:
    claim = story.claim("gpu-count")
    assert claim_status(claim, [("updates", None)], at("2030-01-01T00:00:00")) == "unverified"
    naive = dt.datetime(2024, 7, 22, 12, 0)
    assert claim_status(claim, [("supports", naive)], dt.datetime(2024, 7, 22, 12, 0)) == "confirmed"
    offset = dt.datetime(2024, 7, 22, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))  # 12:00 UTC
    assert claim_status(claim, [("supports", offset)], at("2024-07-22T12:00:00")) == "confirmed"


RANK = {"unverified": 0, "overdue": 0, "confirmed": 1, "contradicted": 1, "disputed": 2, "updated": 3}
stances = st.sampled_from(["supports", "contradicts", "updates", "mentions"])
times = st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 1, 1), timezones=st.just(UTC))
evidence_lists = st.lists(st.tuples(stances, times), max_size=8)


def _claims() -> list[Claim]:
    s = load_story(builtin_story_path("xai-supercomputer"))
    return [s.claim("gpu-count"), s.claim("training-start")]


@given(evidence_lists, times, times, st.sampled_from(_claims()))
def test_monotone_in_as_of(evidence: list[tuple[str, dt.datetime]], a: dt.datetime, b: dt.datetime, claim: Claim) -> None:
    early, late = min(a, b), max(a, b)
    s1, s2 = claim_status(claim, evidence, early), claim_status(claim, evidence, late)
    assert s1 in STATUSES and s2 in STATUSES
    assert RANK[s1] <= RANK[s2]
    if s1 in ("confirmed", "contradicted"):
        assert s2 in (s1, "disputed", "updated")
    if s1 == "overdue":
        assert s2 != "unverified"
    if s1 == "updated":
        assert s2 == "updated"


@given(evidence_lists, evidence_lists, times, st.sampled_from(_claims()))
def test_monotone_in_evidence(
    base: list[tuple[str, dt.datetime]], more: list[tuple[str, dt.datetime]], as_of: dt.datetime, claim: Claim
) -> None:
    assert RANK[claim_status(claim, base, as_of)] <= RANK[claim_status(claim, base + more, as_of)]


@given(evidence_lists, times, st.sampled_from(_claims()))
def test_order_of_evidence_does_not_matter(evidence: list[tuple[str, dt.datetime]], as_of: dt.datetime, claim: Claim) -> None:
    assert claim_status(claim, evidence, as_of) == claim_status(claim, list(reversed(evidence)), as_of)
