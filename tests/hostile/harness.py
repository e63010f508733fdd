"""Running the real `followup` CLI against hostile webs: configs, wall time and peak memory."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.conftest import ROOT
from tests.helpers import followup

RSS_LIMIT = 500 * 1024 * 1024


def _toml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings and lists are valid TOML


def write_config(
    folder: Path,
    db_url: str,
    sources: list[dict[str, Any]],
    *,
    allow_hosts: list[str],
    timeout_s: float = 5,
    crawl: dict[str, Any] | None = None,
) -> Path:
    """A config for a hostile web: private networks closed except the exact ``allow_hosts``."""
    settings = {
        "allow_private_networks": False,
        "allow_hosts": allow_hosts,
        "timeout_s": timeout_s,
        "keep_unmatched": True,
        **(crawl or {}),
    }
    lines = ["[database]", f"url = {_toml(db_url)}", "", "[crawl]"]
    lines += [
        f"{k} = {str(v).lower() if isinstance(v, bool) else _toml(v)}" for k, v in settings.items()
    ]
    lines += ["", "[[stories]]", 'path = "builtin:xai-supercomputer"']
    for s in sources:
        lines += ["", "[[sources]]", *(f"{k} = {_toml(v)}" for k, v in s.items())]
    path = folder / "followup.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Run:
    """One CLI run: exit status, output, wall time and peak resident memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int  # the followup process itself
    peak_tree_rss: int  # with its extraction workers

    @property
    def peak_mb(self) -> float:
        return self.peak_rss / 2**20

    @property
    def peak_tree_mb(self) -> float:
        return self.peak_tree_rss / 2**20


def run_measured(
    *args: str,
    config: Path,
    timeout: float = 120,
    poll_s: float = 0.05,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``followup ARGS`` as a child, polling its (and its children's) RSS until it exits."""
    env = {**{k: v for k, v in os.environ.items() if k != "FOLLOWUP_DATABASE_URL"}, **(env or {})}
    cmd = [sys.executable, "-m", "scheduler.cli", *args, "--config", str(config)]
    t0 = time.monotonic()
    out_path = config.parent / f"out-{os.getpid()}-{time.monotonic_ns()}"
    with open(f"{out_path}.stdout", "w+b") as out, open(f"{out_path}.stderr", "w+b") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, env=env)
        ps = psutil.Process(proc.pid)
        peak = peak_tree = 0
        while proc.poll() is None:
            if time.monotonic() - t0 > timeout:
                proc.kill()
                proc.wait()
                raise AssertionError(f"followup {' '.join(args)} still running after {timeout} s")
            try:
                rss = ps.memory_info().rss
                tree = rss
                for child in ps.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        tree += child.memory_info().rss
                peak, peak_tree = max(peak, rss), max(peak_tree, tree)
            except psutil.Error:
                pass
            time.sleep(poll_s)
        seconds = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = (
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
    for suffix in (".stdout", ".stderr"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    return Run(proc.returncode, stdout, stderr, seconds, peak, peak_tree)


def query_json(cfg: Path, *args: str) -> list[dict[str, Any]]:
    out = followup(
        "query", "--format", "json", "--include-duplicates", "--limit", "100000", *args, config=cfg
    ).stdout
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


def sources_json(cfg: Path) -> dict[str, dict[str, Any]]:
    rows = json.loads(followup("sources", "--format", "json", config=cfg).stdout)
    return {r["name"]: r for r in rows}


def require_pipeline() -> None:
    """Skip when the analysis modules the crawl imports are not in this checkout yet."""
    missing = [
        p
        for p in (
            "claims/dossier.py",
            "claims/matching.py",
            "claims/evidence.py",
            "crawler/urls.py",
            "storage/dedup.py",
        )
        if not (ROOT / p).exists()
    ]
    if missing:
        pytest.skip(f"the crawl pipeline is incomplete here: {', '.join(missing)} missing")
