"""storage.search.fold: the text both the index and the queries see."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.search import fold

# fold() as it was first written: each Han/kana character spaced by a replacement template
_CJK_CHAR = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def reference_fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _CJK_CHAR.sub(r" \1 ", stripped.casefold())


def test_fold_examples() -> None:
    assert fold("Colossus") == "colossus"
    assert fold("Compañía ÉLECTRIQUE") == "compania electrique"
    assert fold("孟菲斯超算") == " 孟  菲  斯  超  算 "
    assert fold("xAI计划, ひらな!") == "xai 计  划 ,  ひ  ら  な !"
    assert fold("한국") == reference_fold("한국")  # Hangul: NFKD leaves jamo, not syllables


_mixed = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from("孟菲斯超算计划ひらがなカタカナ한국어ñáüÅﬁ«»¿ \n"),
    ),
    max_size=300,
)


@settings(max_examples=500, deadline=None)
@given(_mixed)
def test_fold_is_unchanged(text: str) -> None:
    """Spacing a run of Han characters at once gives exactly the per-character result."""
    assert fold(text) == reference_fold(text)


def test_postgres_index_statement_compiles_whatever_was_imported_first() -> None:
    """The prebuilt PostgreSQL statements must not depend on the dialect being loaded first."""
    code = (
        "import storage.search as s; from sqlalchemy.dialects.postgresql import psycopg; "
        "print(s._PG_INSERT.compile(dialect=psycopg.dialect()))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert "to_tsvector(%(to_tsvector_1)s::REGCONFIG, %(doc)s::VARCHAR)" in out.stdout
