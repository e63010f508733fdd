"""Status-change detection, digest periods and the outbox's retries (real database, a
recording sender in place of Apprise: the end-to-end tests use real receivers)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from notify.changes import cause_of, detect_changes
from notify.digest import period_of, retry_delay
from notify.outbox import Target, deliver_due, queue_change, url_key
from storage.changes import ChangeRecord, outbox_rows, record_change
from storage.engine import make_engine, make_session_factory, transaction
from storage.migrate import upgrade

NOW = datetime(2024, 8, 1, 12, 30, tzinfo=UTC)


def ev(i: int, stance: str, day: int) -> dict[str, Any]:
    return {
        "id": i,
        "article_id": 100 + i,
        "stance": stance,
        "quote": f"quote {i}",
        "title": f"title {i}",
        "url": f"https://news.test/{i}",
        "published": datetime(2024, 7, day, tzinfo=UTC).isoformat(),
    }


def board(*claims: tuple[str, str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "story": "s",
        "as_of": NOW.isoformat(),
        "claims": [
            {"id": cid, "text": f"text of {cid}", "status": st, "evidence": evs}
            for cid, st, evs in claims
        ],
    }


def test_first_sight_records_unverified_silently_and_verdicts_as_changes() -> None:
    b = board(("a", "unverified", []), ("b", "confirmed", [ev(1, "supports", 3)]))
    found = detect_changes(b, {})
    assert found.first_seen == {"a": "unverified"}
    assert [(c.claim_id, c.old_status, c.new_status) for c in found.changes] == [
        ("b", "unverified", "confirmed")
    ]
    c = found.changes[0]
    assert (c.evidence_id, c.quote, c.article_url, c.claim_text) == (
        1,
        "quote 1",
        "https://news.test/1",
        "text of b",
    )


def test_unchanged_statuses_give_no_change() -> None:
    b = board(("a", "unverified", []), ("b", "confirmed", [ev(1, "supports", 3)]))
    found = detect_changes(b, {"a": "unverified", "b": "confirmed"})
    assert found.changes == [] and found.first_seen == {}


def test_the_cause_is_the_newest_evidence_that_gives_the_new_status() -> None:
    evs = [ev(1, "supports", 3), ev(2, "updates", 5), ev(3, "supports", 9), ev(4, "mentions", 20)]
    assert cause_of("confirmed", evs)["id"] == 3  # type: ignore[index]
    assert cause_of("updated", evs)["id"] == 2  # type: ignore[index]
    assert cause_of("disputed", [*evs, ev(5, "contradicts", 7)])["id"] == 3  # type: ignore[index]
    assert cause_of("overdue", evs) is None
    found = detect_changes(board(("b", "updated", evs)), {"b": "confirmed"})
    assert (found.changes[0].old_status, found.changes[0].evidence_id) == ("confirmed", 2)


def test_a_deadline_change_has_no_evidence() -> None:
    found = detect_changes(board(("d", "overdue", [ev(1, "mentions", 2)])), {"d": "unverified"})
    assert found.changes[0].evidence_id is None and found.changes[0].new_status == "overdue"


def test_digest_periods() -> None:
    assert period_of(NOW, "none") == ("", NOW)
    assert period_of(NOW, "hourly") == (
        "2024-08-01T12:00Z",
        datetime(2024, 8, 1, 13, tzinfo=UTC),
    )
    assert period_of(NOW, "daily") == ("2024-08-01", datetime(2024, 8, 2, tzinfo=UTC))
    with pytest.raises(ValueError):
        period_of(NOW, "weekly")
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 10)] == [60, 120, 240, 3600]


# ------------------------------------------------------------------ the outbox


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    upgrade(engine)
    yield make_session_factory(engine)
    engine.dispose()


class Recorder:
    """A sender that records what it is given, and fails while ``down``."""

    def __init__(self) -> None:
        self.sent: list[tuple[tuple[str, ...], str, str]] = []
        self.down = False

    def __call__(self, urls: Sequence[str], title: str, body: str) -> str | None:
        if self.down:
            return "connection refused"
        self.sent.append((tuple(urls), title, body))
        return None


def add_change(
    f: sessionmaker[Session], targets: list[Target], claim: str, when: datetime, story: str = "s"
) -> int:
    rec = ChangeRecord(story, claim, f"text {claim}", "unverified", "confirmed", when, 1, 101,
                       "supports", "the quote", "A title", "https://news.test/1", when)  # fmt: skip
    with transaction(f) as s:
        cid = record_change(s, rec, when)
        queue_change(s, targets, cid, story, when)
    return cid


def test_a_failed_send_is_kept_and_retried_after_its_delay(
    factory: sessionmaker[Session],
) -> None:
    targets = [Target(("json://127.0.0.1:9/hook",))]
    add_change(factory, targets, "a", NOW)
    send = Recorder()
    send.down = True
    first = deliver_due(factory, targets, now=NOW, send=send)
    assert (first.sent, first.failed) == (0, 1)
    with factory() as s:
        [row] = outbox_rows(s)
    assert row["attempts"] == 1 and row["last_error"] == "connection refused"
    assert row["sent"] is None and row["next_try"] == (NOW + timedelta(minutes=1)).isoformat()
    send.down = False
    assert deliver_due(factory, targets, now=NOW + timedelta(seconds=30), send=send).sent == 0
    assert send.sent == []  # not before its retry time
    again = deliver_due(factory, targets, now=NOW + timedelta(minutes=2), send=send)
    assert again.sent == 1 and len(send.sent) == 1
    payload = json.loads(send.sent[0][2])  # a JSON webhook gets the change itself
    assert (payload["claim"], payload["claim_text"], payload["evidence"]["quote"]) == (
        "a", "text a", "the quote",
    )  # fmt: skip
    with factory() as s:
        [row] = outbox_rows(s)
        assert outbox_rows(s, pending_only=True) == []
    assert row["attempts"] == 2 and row["sent"] is not None and row["last_error"] is None
    # sent once: never again
    assert deliver_due(factory, targets, now=NOW + timedelta(hours=5), send=send).sent == 0


def test_a_digest_groups_its_period_and_waits_for_its_end(
    factory: sessionmaker[Session],
) -> None:
    hourly = Target(("json://127.0.0.1:9/digest",), digest="hourly")
    single = Target(("json://127.0.0.1:9/each",), stories=("s",))
    other = Target(("json://127.0.0.1:9/other",), stories=("elsewhere",))
    targets = [hourly, single, other]
    base = datetime(2024, 8, 1, 12, 0, tzinfo=UTC)
    for i, minute in enumerate((5, 20, 59)):
        add_change(factory, targets, f"c{i}", base + timedelta(minutes=minute))
    add_change(factory, targets, "late", base + timedelta(hours=1, minutes=1))
    send = Recorder()
    out = deliver_due(factory, targets, now=base + timedelta(minutes=59, seconds=30), send=send)
    # within the hour: the per-change target got its three, the digest waits
    assert out.sent == 3 and {u for u, _, _ in send.sent} == {("json://127.0.0.1:9/each",)}
    send.sent.clear()
    deliver_due(factory, targets, now=base + timedelta(hours=1, minutes=2), send=send)
    digests = [m for m in send.sent if m[0] == ("json://127.0.0.1:9/digest",)]
    assert len(digests) == 1
    _, title, body = digests[0]
    assert "3 claim status change(s) in 2024-08-01T12:00Z" in title
    digest = json.loads(body)
    assert digest["period"] == "2024-08-01T12:00Z"
    assert [c["claim"] for c in digest["changes"]] == ["c0", "c1", "c2"]
    assert [m for m in send.sent if m[0] == ("json://127.0.0.1:9/other",)] == []
    send.sent.clear()
    deliver_due(factory, targets, now=base + timedelta(hours=2, minutes=1), send=send)
    assert [(m[0], [c["claim"] for c in json.loads(m[2])["changes"]]) for m in send.sent] == [
        (("json://127.0.0.1:9/digest",), ["late"])
    ]


def test_the_outbox_names_urls_by_hash_only(factory: sessionmaker[Session]) -> None:
    secret = "mailto://user:s3cret@mail.test"
    add_change(factory, [Target((secret,))], "a", NOW)
    with factory() as s:
        [row] = outbox_rows(s)
    assert row["target"] == url_key(secret) and "s3cret" not in str(row)


def test_a_receiver_that_is_down_is_tried_once_per_pass(factory: sessionmaker[Session]) -> None:
    down, up = Target(("json://127.0.0.1:9/down",)), Target(("json://127.0.0.1:9/up",))
    for claim in ("a", "b", "c"):
        add_change(factory, [down, up], claim, NOW)
    tried: list[str] = []

    def send(urls: Sequence[str], title: str, body: str) -> str | None:
        tried.append(urls[0])
        return "connection refused" if urls[0].endswith("/down") else None

    out = deliver_due(factory, [down, up], now=NOW, send=send)
    assert tried.count("json://127.0.0.1:9/down") == 1 and tried.count("json://127.0.0.1:9/up") == 3
    assert (out.sent, out.failed) == (3, 3)
    with factory() as s:
        pending = outbox_rows(s, pending_only=True)
    assert len(pending) == 3 and all(p["next_try"] > NOW.isoformat() for p in pending)


def test_changes_are_listed_oldest_first_and_the_newest_on_request(
    factory: sessionmaker[Session],
) -> None:
    from storage.changes import list_changes

    for i, claim in enumerate(("a", "b", "c")):
        add_change(factory, [], claim, NOW + timedelta(minutes=i))
    with factory() as s:
        assert [c["claim"] for c in list_changes(s)] == ["a", "b", "c"]
        assert [c["claim"] for c in list_changes(s, newest=2)] == ["b", "c"]
        assert [c["claim"] for c in list_changes(s, since=NOW + timedelta(minutes=1))] == ["b", "c"]
        assert list_changes(s, story="other") == []


def test_text_receivers_get_every_field_as_lines() -> None:
    from notify.messages import change_message, digest_message, wants_json

    c = {"id": 7, "story": "s", "claim": "c", "claim_text": "The claim.", "old_status": "unverified",
         "new_status": "confirmed", "changed_at": "2024-08-01T12:00:00+00:00",
         "as_of": "2024-08-01T12:00:00+00:00",
         "evidence": {"id": 3, "article_id": 9, "stance": "supports", "quote": "Yes <b>it</b> is.",
                      "title": "A title", "url": "https://news.test/a", "published": "2024-07-30T08:00:00+00:00"}}  # fmt: skip
    title, body = change_message(c)
    assert title == "[followup] s: c unverified -> confirmed"
    for line in ("Story: s", "Claim: c: The claim.", "Status: unverified -> confirmed",
                 "Stance: supports", "Quote: Yes <b>it</b> is.", "Article: A title",
                 "URL: https://news.test/a", "Published: 2024-07-30T08:00:00+00:00",
                 "As of: 2024-08-01T12:00:00+00:00"):  # fmt: skip
        assert line in body.splitlines()
    timed = change_message({**c, "evidence": None})[1]
    assert "Evidence: none (the status changed with time: a deadline passed)" in timed
    title, body = digest_message("2024-08-01", [c, {**c, "id": 8, "claim": "d"}])
    assert "2 claim status change(s) in 2024-08-01: s" in title and body.count("Story: s") == 2
    assert wants_json("json://h/x") and wants_json("JSONS://h") and not wants_json("mailto://h")
