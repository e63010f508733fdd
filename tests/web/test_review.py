"""A reviewer's verdict: it changes the status, is recorded as a change, and survives the
re-analysis that a dossier change causes (evidence rows re-inserted with new ids)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.dossier import builtin_story_path
from scheduler.demo.server import NewsWebServer
from tests.helpers import demo_config, followup
from tests.receivers import WebhookReceiver
from tests.web.served import serve_board

pytestmark = pytest.mark.slow
STORY = "xai-supercomputer"


def claims(cfg: Path) -> dict[str, dict[str, Any]]:
    board = json.loads(followup("claims", "--format", "json", config=cfg).stdout)
    return {c["id"]: c for c in board["claims"]}


def target(board: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """A claim with no verdict yet and an evidence row that only mentions it."""
    for cid, c in board.items():
        if c["status"] == "unverified":
            for e in c["evidence"]:
                if e["stance"] == "mentions":
                    return cid, e
    raise AssertionError("the demo web has an unverified claim with a mention")


def wait_for(hook: WebhookReceiver, n: int) -> None:
    """Until the webhook has n messages (the board sends after answering): readiness only."""
    for _ in range(600):
        if len(hook.messages) >= n:
            return
        time.sleep(0.1)


@pytest.fixture
def hook() -> Iterator[WebhookReceiver]:
    h = WebhookReceiver().start()
    yield h
    h.stop()


def test_a_reviewed_verdict_counts_and_survives_a_dossier_change(
    tmp_path: Path, hook: WebhookReceiver
) -> None:
    with NewsWebServer() as web:
        cfg = demo_config(tmp_path, web, extra=f'[[notify]]\nurls = ["{hook.url}"]\n')
        followup("init", config=cfg)
        followup("crawl", config=cfg)
        sent = len(hook.messages)
        cid, ev = target(claims(cfg))
        with serve_board(cfg) as board:
            r = board.review(ev["id"], "contradicts")
            assert r.status == 200, r.text
            assert r.json()["stance"] == "contradicts" and r.json()["engine_stance"] == "mentions"
            api = board.get(f"/api/v1/stories/{STORY}/claims").json()
            wait_for(hook, sent + 1)
        after = {c["id"]: c for c in api["claims"]}[cid]
        assert after["status"] == "contradicted"
        reviewed = next(e for e in after["evidence"] if e["id"] == ev["id"])
        assert reviewed["stance"] == "contradicts" and reviewed["engine_stance"] == "mentions"
        assert reviewed["reviewed"]["stance"] == "contradicts" and reviewed["reviewed"]["at"]
        change = json.loads(followup("changes", "--format", "json", config=cfg).stdout)[-1]
        assert (change["claim"], change["old_status"], change["new_status"]) == (
            cid, "unverified", "contradicted",
        )  # fmt: skip
        assert change["evidence"]["id"] == ev["id"]
        assert [json.loads(m["message"]) for m in hook.messages[sent:]] == [change]

        # a dossier change: every article is analysed again, evidence rows replaced
        dossier = tmp_path / "story.toml"
        text = builtin_story_path(STORY).read_text(encoding="utf-8")
        dossier.write_text(text.replace('\ntitle = "', '\ntitle = "(edited) ', 1), encoding="utf-8")
        cfg.write_text(
            cfg.read_text(encoding="utf-8").replace(f'"builtin:{STORY}"', json.dumps(str(dossier))),
            encoding="utf-8",
        )
        out = followup("init", config=cfg).stdout
        assert "re-analysis queued" in out
        followup("crawl", config=cfg)
    now = claims(cfg)[cid]
    again = next(e for e in now["evidence"] if e["article_id"] == ev["article_id"])
    assert again["id"] != ev["id"], "the evidence row was replaced by the re-analysis"
    assert again["stance"] == "contradicts" and again["reviewed"]["stance"] == "contradicts"
    assert now["status"] == "contradicted"
    listed = json.loads(followup("review", "list", "--format", "json", config=cfg).stdout)
    assert [(r["evidence_id"], r["stance"]) for r in listed] == [(again["id"], "contradicts")]
    # no second change: re-analysis with the verdict kept changes nothing
    assert json.loads(followup("changes", "--format", "json", config=cfg).stdout)[-1] == change

    # cleared: the engine's stance counts again
    followup("review", "clear", str(again["id"]), config=cfg)
    cleared = claims(cfg)[cid]
    assert cleared["status"] == "unverified"
    assert next(e for e in cleared["evidence"] if e["id"] == again["id"])["reviewed"] is None
    last = json.loads(followup("changes", "--format", "json", config=cfg).stdout)[-1]
    assert (last["old_status"], last["new_status"]) == ("contradicted", "unverified")
    assert json.loads(hook.messages[-1]["message"]) == last  # the CLI's review sends too
    assert len(hook.messages) == sent + 2, "re-analysis with the verdict kept sent nothing"


def test_review_set_rejects_unknown_evidence_and_stances(tmp_path: Path) -> None:
    with NewsWebServer() as web:
        cfg = demo_config(tmp_path, web)
        followup("init", config=cfg)
    r = followup("review", "set", "4242", "supports", config=cfg, check=False)
    assert r.returncode == 2 and "no evidence with id 4242" in r.stderr
    r = followup("review", "set", "1", "maybe", config=cfg, check=False)
    assert r.returncode == 2 and "invalid choice" in r.stderr
