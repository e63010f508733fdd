"""`followup --help` and each command's --help describe every option."""

from __future__ import annotations

import argparse

import pytest

from scheduler.cli import build_parser
from tests.helpers import followup

PARSER = build_parser()
SUBCOMMANDS = next(a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction))


def test_top_level_help_lists_every_command() -> None:
    out = followup("--help").stdout
    for name in SUBCOMMANDS.choices:
        assert name in out


@pytest.mark.parametrize("command", sorted(SUBCOMMANDS.choices))
def test_each_command_documents_each_option(command: str) -> None:
    out = followup(command, "--help").stdout
    sub = SUBCOMMANDS.choices[command]
    for action in sub._actions:
        if action.help == argparse.SUPPRESS:
            continue
        assert action.help, (command, action.dest)
        for flag in action.option_strings:
            assert flag in out, (command, flag)


def test_program_exits_with_mains_code_and_skips_the_final_collection() -> None:
    """The console script (scheduler.cli:run) ends with main()'s exit code; the objects
    left are frozen, so the interpreter's last garbage collection does not walk them."""
    import subprocess
    import sys
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["followup"] == "scheduler.cli:run"
    code = (
        "import atexit, gc, sys\n"
        "from scheduler import cli\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, flush=True))\n"
        "cli.main = lambda: 3\n"
        "cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 3
    assert done.stdout.strip() == "frozen True"
