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
