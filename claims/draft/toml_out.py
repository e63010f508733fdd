"""A TOML writer for drafted dossiers (tomllib reads TOML; the standard library writes none).

It writes the shapes a dossier uses and nothing more: strings, numbers, booleans,
dates, lists, inline tables of term lists, and arrays of tables for entities and
claims, in the order a reader reviews them, with a comment line where one helps.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["to_toml"]

_BARE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _key(k: str) -> str:
    return k if k and set(k) <= _BARE else json.dumps(k, ensure_ascii=False)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return f"{v:_}" if abs(v) >= 100_000 else str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat().replace("+00:00", "Z")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _table_body(t: Mapping[str, Any]) -> list[str]:
    return [f"{_key(k)} = {_value(v)}" for k, v in t.items() if v is not None and not _is_tables(v)]


def _is_tables(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, Mapping) for x in v)


def to_toml(data: Mapping[str, Any], header: str = "") -> str:
    """The dossier as TOML text: top-level keys, then tables, then arrays of tables.

    ``header`` lines become comments at the top; a ``"#"`` key in a table (or an array
    element) is written as a comment line above that table's keys.
    """
    lines = [f"# {h}".rstrip() for h in header.splitlines()]
    scalars = {k: v for k, v in data.items() if not isinstance(v, Mapping) and not _is_tables(v)}
    lines += ([""] if lines else []) + _table_body(scalars)
    for k, v in data.items():
        if isinstance(v, Mapping):
            lines += _table(k, v)
    for k, v in data.items():
        if _is_tables(v):
            for item in v:
                lines += _array_item(k, item)
    return "\n".join(lines).rstrip() + "\n"


def _table(key: str, t: Mapping[str, Any]) -> list[str]:
    """One ``[key]`` table, its note as a comment first so the reader sees why before what."""
    return ["", f"[{_key(key)}]", *_comment(t), *_table_body(_without_note(t))]


def _array_item(key: str, item: Mapping[str, Any]) -> list[str]:
    """One ``[[key]]`` element, then its own arrays of tables (``[[key.sub]]``) right after it."""
    lines = ["", f"[[{_key(key)}]]", *_comment(item), *_table_body(_without_note(item))]
    for sub, rows in item.items():
        if _is_tables(rows):
            for row in rows:
                lines += ["", f"[[{_key(key)}.{_key(sub)}]]", *_table_body(row)]
    return lines


def _without_note(t: Mapping[str, Any]) -> dict[str, Any]:
    """The table's keys but its ``"#"`` note, which is written as a comment instead."""
    return {a: b for a, b in t.items() if a != "#"}


def _comment(t: Mapping[str, Any]) -> list[str]:
    note = t.get("#")
    return [f"# {line}" for line in str(note).splitlines()] if note else []
