"""Full-text search: one small query syntax, two back ends (SQLite FTS5, PostgreSQL tsvector).

User text never reaches FTS5 or ``to_tsquery`` as syntax: it is parsed here
into words and phrases, and each becomes a quoted FTS5 phrase or a bound
``phraseto_tsquery`` argument.  Text is folded the same way on both sides
(case, diacritics, Han characters as single tokens), so ``Colosó`` finds
``coloso`` and ``超算`` finds ``孟菲斯超算``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    not_,
    or_,
    text,
)
from sqlalchemy.dialects.postgresql import to_tsvector
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from storage.engine import dialect_name

# runs of the characters fold() spaces one by one (the same class as ever: Han, kana, Hangul)
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
# combining marks left by NFKD (accents): dropped so "compañía" and "compania" meet
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class SearchSyntaxError(ValueError):
    """The search text cannot be understood; the message says why."""


def _space_run(m: re.Match[str]) -> str:
    # " 孟  菲  斯 ": exactly what spacing each character on its own (" \1 ") gives
    return " " + "  ".join(m.group()) + " "


def fold(text_: str) -> str:
    """Fold text for indexing and querying: casefold, no diacritics, Han characters spaced.

    Han/kana are spaced a run at a time by a function, not a character at a time by a
    replacement template, which re expands per match (a Chinese body has thousands).
    """
    if text_.isascii():
        return text_.casefold()
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text_)).casefold()
    if folded.isascii():  # accented Latin text: nothing left to space, skip the scan
        return folded
    return _CJK_RUN.sub(_space_run, folded)


@dataclass(frozen=True)
class Term:
    phrase: str  # folded words separated by single spaces
    negated: bool = False


@dataclass(frozen=True)
class SearchQuery:
    """AND of groups; each group is an OR of terms (a negated group holds one term)."""

    groups: tuple[tuple[Term, ...], ...]


def _words(raw: str) -> str:
    return " ".join(re.findall(r"\w+", fold(raw)))


def parse_search(raw: str) -> SearchQuery:
    """Parse ``words "exact phrases" a OR b -excluded`` into a SearchQuery."""
    if raw.count('"') % 2:
        raise SearchSyntaxError(f"search text {raw!r} has an unbalanced double quote")
    pieces: list[tuple[str, bool, bool]] = []  # (text, negated, quoted)
    for m in re.finditer(r'(-?)"([^"]*)"|(\S+)', raw):
        if m.group(3) is not None:
            word = m.group(3)
            neg = word.startswith("-") and len(word) > 1
            pieces.append((word[1:] if neg else word, neg, False))
        else:
            pieces.append((m.group(2), bool(m.group(1)), True))
    groups: list[list[Term]] = []
    pending_or = False
    for body, neg, quoted in pieces:
        if not quoted and body == "OR" and not neg:
            if not groups or groups[-1][0].negated:
                raise SearchSyntaxError(f"search text {raw!r}: OR needs a term on its left")
            pending_or = True
            continue
        phrase = _words(body)
        if not phrase:
            continue
        term = Term(phrase, neg)
        if pending_or:
            if neg:
                raise SearchSyntaxError(f"search text {raw!r}: cannot OR an excluded term")
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if pending_or:
        raise SearchSyntaxError(f"search text {raw!r}: OR needs a term on its right")
    if not groups:
        raise SearchSyntaxError(f"search text {raw!r} has no words to search for")
    if all(g[0].negated for g in groups):
        raise SearchSyntaxError(f"search text {raw!r}: give at least one term that is not excluded")
    return SearchQuery(tuple(tuple(g) for g in groups))


def _fts5_expression(q: SearchQuery) -> str:
    def quote(t: Term) -> str:
        return '"' + t.phrase.replace('"', "") + '"'

    positive = [g for g in q.groups if not g[0].negated]
    negative = [g[0] for g in q.groups if g[0].negated]
    expr = " AND ".join(
        "(" + " OR ".join(quote(t) for t in g) + ")" if len(g) > 1 else quote(g[0])
        for g in positive
    )
    for t in negative:
        expr = f"({expr}) NOT {quote(t)}"
    return expr


_pg_search = Table(
    "article_search",
    MetaData(),
    Column("article_id", Integer, primary_key=True),
    Column("doc"),
)


def index_article(
    session: Session | Connection,
    article_id: int,
    title: str | None,
    body: str,
    *,
    fresh: bool = False,
) -> None:
    """(Re)index one article; ``fresh``: never indexed before. The caller commits.

    Accepts the session's Connection too, which the repository's write path uses
    to skip the ORM's per-statement overhead.
    """
    conn = session if isinstance(session, Connection) else session.connection()
    t, b = fold(title or ""), fold(body)
    if conn.dialect.name == "sqlite":
        if not fresh:
            conn.execute(_FTS5_DELETE, {"id": article_id})
        conn.execute(_FTS5_INSERT, {"id": article_id, "t": t, "b": b})
    else:
        if not fresh:
            conn.execute(_PG_DELETE, {"aid": article_id})
        conn.execute(_PG_INSERT, {"aid": article_id, "doc": t + " " + b})


_FTS5_DELETE = text("DELETE FROM article_search WHERE rowid = :id")
_FTS5_INSERT = text("INSERT INTO article_search(rowid, title, body) VALUES (:id, :t, :b)")
# built once: values are execute() parameters, so nothing is constructed per article.
# PostgreSQL's own to_tsvector: func.to_tsvector built at import, before the dialect is
# loaded, would not know its argument types and fail to compile.
_PG_DELETE = delete(_pg_search).where(_pg_search.c.article_id == bindparam("aid"))
_PG_INSERT = insert(_pg_search).values(
    article_id=bindparam("aid"),
    doc=to_tsvector("simple", bindparam("doc", type_=String())),
)


_fts5 = Table(
    "article_search",
    MetaData(),
    Column("rowid", Integer, primary_key=True),
    Column("title"),
    Column("body"),
)


def apply_search(session: Session, stmt: Select[Any], q: SearchQuery) -> tuple[Select[Any], bool]:
    """Restrict an ``articles`` select to the matches of ``q`` (bound parameters only).

    Returns the statement and whether it is already ordered: on SQLite the
    matches are walked newest-stored first straight from FTS5 (``rowid``
    descending), so LIMIT stops after N hits instead of sorting every match,
    which keeps a common-word query fast at a million articles.
    """
    from storage.models import Article

    if dialect_name(session) == "sqlite":
        match = literal_column("article_search").op("MATCH")(bindparam("fts", _fts5_expression(q)))
        stmt = (
            stmt.join(_fts5, _fts5.c.rowid == Article.id)
            .where(match)
            .order_by(_fts5.c.rowid.desc())
        )
        return stmt, True

    def tsq(t: Term) -> ColumnElement[bool]:
        return _pg_search.c.doc.op("@@")(func.phraseto_tsquery("simple", t.phrase))

    conds: list[ColumnElement[bool]] = []
    for g in q.groups:
        if g[0].negated:
            conds.append(not_(tsq(g[0])))
        else:
            conds.append(or_(*[tsq(t) for t in g]))
    stmt = stmt.join(_pg_search, _pg_search.c.article_id == Article.id).where(and_(*conds))
    return stmt, False
