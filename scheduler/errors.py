"""Errors of the command line, in a module of their own so that every command module (and
``python -m scheduler.cli``, which loads cli.py a second time as ``__main__``) shares one class."""

from __future__ import annotations


class UsageError(ValueError):
    """Bad input on the command line."""
