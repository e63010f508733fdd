"""crawler.tuning: each trick does what it says when on, and nothing when FOLLOWUP_TUNING=0.

Each check runs in a fresh interpreter: freezing or patching this test
process would hide what the next test sees.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(code: str, *, tuning: bool, cwd: Path = ROOT) -> dict:
    env = {**os.environ, "FOLLOWUP_TUNING": "1" if tuning else "0", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


FREEZE = """
import gc, json
from crawler.tuning import freeze_long_lived
before = gc.get_threshold()[0]
freeze_long_lived(5000)
print(json.dumps({"frozen": gc.get_freeze_count(), "young": gc.get_threshold()[0], "before": before}))
"""


@pytest.mark.parametrize("tuning", [True, False])
def test_freeze_long_lived(tuning: bool) -> None:
    got = run(FREEZE, tuning=tuning)
    if tuning:
        assert got["frozen"] > 1000 and got["young"] == 5000
    else:
        assert got["frozen"] == 0 and got["young"] == got["before"]


@pytest.mark.parametrize("tuning", [True, False])
def test_import_without_frame_sources(tmp_path: Path, tuning: bool) -> None:
    # a module that, like Scrapy's deprecated-class shims, asks inspect.stack() as it loads
    (tmp_path / "asks_stack.py").write_text(
        "import inspect\nCONTEXT = [f.code_context for f in inspect.stack()]\n"
    )
    code = (
        "import inspect, json\n"
        "from crawler.tuning import import_without_frame_sources\n"
        "m = import_without_frame_sources('asks_stack')\n"
        "print(json.dumps({'read': any(c is not None for c in m.CONTEXT),"
        " 'restored': inspect.stack.__module__ == 'inspect'}))\n"
    )
    got = run(code, tuning=tuning, cwd=tmp_path)
    assert got == {"read": not tuning, "restored": True}


@pytest.mark.parametrize("tuning", [True, False])
def test_exit_at_once_skips_later_teardown(tuning: bool) -> None:
    # an exit handler registered before exit_at_once runs after it (atexit is LIFO): it is
    # skipped when the process leaves at once, and runs when tuning is off
    code = (
        "import atexit, json, sys\n"
        "from crawler.tuning import exit_at_once\n"
        "atexit.register(lambda: print('torn down'))\n"
        "exit_at_once()\n"
        "print(json.dumps({'flushed': True}))\n"
    )
    env = {**os.environ, "FOLLOWUP_TUNING": "1" if tuning else "0", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0
    assert '{"flushed": true}' in out.stdout  # stdout is flushed either way
    assert ("torn down" in out.stdout) is (not tuning)
