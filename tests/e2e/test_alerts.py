"""Alerts end to end: the demo web crawled by the real CLI, notifications received by a real
JSON webhook and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from scheduler.demo.server import NewsWebServer
from tests.helpers import demo_config, followup
from tests.receivers import SmtpReceiver, WebhookReceiver

pytestmark = pytest.mark.slow


def notify_block(*urls: str, digest: str = "none") -> str:
    quoted = ", ".join(json.dumps(u) for u in urls)
    return f'\n[[notify]]\nurls = [{quoted}]\ndigest = "{digest}"\n'


def changes(cfg: Path) -> list[dict[str, Any]]:
    return json.loads(followup("changes", "--format", "json", config=cfg).stdout)


def expected_lines(c: dict[str, Any]) -> list[str]:
    ev = c["evidence"]
    lines = [
        f"Story: {c['story']}",
        f"Claim: {c['claim']}: {c['claim_text']}",
        f"Status: {c['old_status']} -> {c['new_status']}",
        f"As of: {c['as_of']}",
    ]
    if ev:
        lines += [
            f"Stance: {ev['stance']}",
            f"Quote: {ev['quote']}",
            f"Article: {ev['title']}",
            f"URL: {ev['url']}",
            f"Published: {ev['published']}",
        ]
    return lines


def body_matches(body: str, c: dict[str, Any]) -> bool:
    lines = set(body.splitlines())
    return all(line in lines for line in expected_lines(c))


@pytest.fixture
def web() -> Iterator[NewsWebServer]:
    with NewsWebServer() as server:
        yield server


def test_a_crawl_sends_one_message_per_change_and_an_unchanged_one_none(
    tmp_path: Path, web: NewsWebServer
) -> None:
    hook, smtp = WebhookReceiver().start(), SmtpReceiver().start()
    try:
        cfg = demo_config(tmp_path, web, extra=notify_block(hook.url, smtp.url))
        followup("init", config=cfg)
        followup("crawl", config=cfg)
        found = changes(cfg)
        assert len(found) >= 3, "the demo web confirms and updates several claims"
        assert len({c["claim"] for c in found}) == len(found), (
            "one change per claim, not per article"
        )
        assert all(c["old_status"] == "unverified" for c in found)  # a fresh database
        for received in (hook.messages, smtp.messages):
            assert len(received) == len(found)
        for c in found:
            assert c["evidence"] is not None
            # the webhook gets the change itself as JSON; e-mail gets it as lines of text
            assert [json.loads(m["message"]) for m in hook.messages].count(c) == 1, c
            assert sum(body_matches(m["body"], c) for m in smtp.messages) == 1, c
        assert all(m["to"] == "reader@example.org" for m in smtp.messages)

        followup("crawl", "--force", config=cfg)
        assert changes(cfg) == found
        assert (len(hook.messages), len(smtp.messages)) == (len(found), len(found))
    finally:
        hook.stop()
        smtp.stop()


def test_a_receiver_that_is_down_gets_the_messages_once_it_is_up(
    tmp_path: Path, web: NewsWebServer
) -> None:
    hook = WebhookReceiver()  # its port is chosen, nothing listens yet
    cfg = demo_config(tmp_path, web, extra=notify_block(hook.url))
    followup("init", config=cfg)
    out = followup("crawl", config=cfg)
    assert out.returncode == 0, "a failed send never fails the crawl"
    found = changes(cfg)
    outbox = json.loads(followup("notify", "--format", "json", config=cfg).stdout)
    assert outbox["sent"] == 0
    assert len(outbox["outbox"]) == len(found)
    # one try failed; the receiver's other messages wait for the retry untried
    assert sum(m["attempts"] for m in outbox["outbox"]) == 1
    assert [m["last_error"] is not None for m in outbox["outbox"]].count(True) == 1
    alerts = json.loads(followup("status", "--format", "json", config=cfg).stdout)["alerts"]
    assert alerts == {"status_changes": len(found), "notifications_pending": len(found),
                      "notifications_failing": 1}  # fmt: skip
    hook.start()
    try:
        sent = json.loads(followup("notify", "--retry-now", "--format", "json", config=cfg).stdout)
        assert sent["sent"] == len(found) and sent["outbox"] == []
        assert len(hook.messages) == len(found)
        assert (
            sorted((json.loads(m["message"]) for m in hook.messages), key=lambda c: c["id"])
            == found
        )
        again = json.loads(followup("notify", "--retry-now", "--format", "json", config=cfg).stdout)
        assert again["sent"] == 0 and len(hook.messages) == len(found)
    finally:
        hook.stop()


def test_a_daily_digest_groups_the_changes_of_its_day(tmp_path: Path, web: NewsWebServer) -> None:
    hook, smtp = WebhookReceiver().start(), SmtpReceiver().start()
    try:
        cfg = demo_config(tmp_path, web, extra=notify_block(hook.url, smtp.url, digest="daily"))
        followup("init", config=cfg)
        followup("crawl", config=cfg)
        found = changes(cfg)
        assert found and hook.messages == smtp.messages == [], "a digest waits for its day's end"
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).replace(hour=0, minute=0, second=1)
        followup("notify", "--at", tomorrow.isoformat(), config=cfg)
        assert len(hook.messages) == 1
        digest = hook.messages[0]
        assert f"{len(found)} claim status change(s)" in digest["title"]
        assert json.loads(digest["message"])["changes"] == found
        [mail] = smtp.messages
        parts = mail["body"].split("\n\n---\n\n")
        assert len(parts) == len(found)
        for c in found:
            assert sum(body_matches(p, c) for p in parts) == 1
    finally:
        hook.stop()
        smtp.stop()
