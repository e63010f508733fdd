"""`followup stories`, `stories show` and `status` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import XAI_CLAIMS, XAI_ENTITIES
from tests.helpers import followup, write_config

CLAIMS = XAI_CLAIMS
ENTITIES = XAI_ENTITIES


def test_stories_list_and_show(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", [], allow="127.0.0.1:1")
    listed = json.loads(followup("stories", "--format", "json", config=cfg).stdout)
    assert [s["id"] for s in listed] == ["xai-supercomputer"] and listed[0]["claims"] == 7
    dossier = json.loads(
        followup("stories", "show", "xai-supercomputer", "--format", "json", config=cfg).stdout
    )
    assert [c["id"] for c in dossier["claims"]] == CLAIMS
    assert {e["id"] for e in dossier["entities"]} == ENTITIES
    table = followup("stories", "show", "xai-supercomputer", config=cfg).stdout
    assert all(c in table for c in CLAIMS) and "deadline 2024-07-31" in table
    bad = followup("stories", "show", "nope", config=cfg, check=False)
    assert bad.returncode == 2 and "unknown story" in bad.stderr


def test_status_before_any_run(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", [], allow="127.0.0.1:1")
    followup("init", config=cfg)
    out = followup("status", config=cfg).stdout
    assert "not running" in out and "no crawl runs yet" in out
    data = json.loads(followup("status", "--format", "json", config=cfg).stdout)
    assert data["leases"] == [] and data["runs"] == [] and data["counts"]["articles"] == 0
