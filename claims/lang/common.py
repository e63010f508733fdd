"""Helpers that language modules share (building month tables from Babel's names)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = ["fold", "month_table"]


def fold(text: str) -> str:
    """Lower case without accents: "Août" and "aout", "März" and "marz" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def month_table(*names: Mapping[int, str], extra: Mapping[str, int] | None = None) -> dict[str, int]:
    """Month name (folded, without a final full stop) -> 1-12, from Babel's name tables."""
    out: dict[str, int] = {}
    for table in names:
        for number, name in table.items():
            out[fold(name).rstrip(".")] = number
    for name, number in (extra or {}).items():
        out[fold(name)] = number
    return out
