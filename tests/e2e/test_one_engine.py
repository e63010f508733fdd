"""A crawl process opens one database engine: the spider and the pipeline share the crawl's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scheduler.demo.server import NewsWebServer
from tests.conftest import ROOT
from tests.helpers import demo_config

COUNTING = """
import json, sys
import storage.engine as engine
made = []
original = engine.make_engine
def counting(url, *args, **kwargs):
    made.append(str(url))
    return original(url, *args, **kwargs)
engine.make_engine = counting
from scheduler import cli
code = cli.main(["crawl", "--config", sys.argv[1], "--format", "json"])
print(json.dumps({"code": code, "engines": made}), file=sys.stderr)
"""


def test_a_crawl_opens_one_engine(tmp_path: Path) -> None:
    with NewsWebServer() as server:
        cfg = demo_config(tmp_path, server, extra_crawl="extract_workers = -1")
        subprocess.run(
            [sys.executable, "-m", "scheduler.cli", "init", "--config", str(cfg)],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", COUNTING, str(cfg)],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    report = json.loads(done.stderr.strip().splitlines()[-1])
    summary = json.loads(done.stdout)
    assert report["code"] == 0 and summary["new_articles"] > 0  # it crawled and stored
    assert len(report["engines"]) == 1, report["engines"]
