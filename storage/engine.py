"""Engines and sessions for SQLite (the embedded default) and PostgreSQL.

SQLite runs in WAL mode so readers never block the writer, with a generous
``busy_timeout``, and every write transaction starts with ``BEGIN IMMEDIATE``
so two writers queue on the lock instead of failing half-way with
``database is locked`` when a read transaction tries to upgrade.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000


class DatabaseError(RuntimeError):
    """The database cannot be opened or used; the message says which and why."""


def _sqlite_path(url: str) -> str | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    return u.database or ":memory:"


def make_engine(url: str, *, read_only: bool = False, echo: bool = False) -> Engine:
    """Create an engine with the pragmas and transaction mode followup relies on."""
    try:
        u = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError and friends
        raise DatabaseError(f"database url {url!r} is not a valid SQLAlchemy URL: {exc}") from exc
    backend = u.get_backend_name()
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if backend == "sqlite":
        path = u.database or ":memory:"
        if path != ":memory:" and not path.startswith("file:"):
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise DatabaseError(f"database {path}: folder {parent} does not exist")
            if read_only:
                if not Path(path).exists():
                    raise DatabaseError(
                        f"database {Path(path).expanduser().resolve()} does not exist: "
                        "run `followup init` first"
                    )
                abs_path = Path(path).expanduser().resolve().as_posix()
                u = u.set(database=f"file:{abs_path}?mode=ro").update_query_dict({"uri": "true"})
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        engine = create_engine(u, **kwargs)
        _install_sqlite_hooks(engine, read_only=read_only)
        return engine
    if backend == "postgresql":
        if u.drivername == "postgresql":
            u = u.set(drivername="postgresql+psycopg")
        kwargs["pool_pre_ping"] = True
        if read_only:
            kwargs["execution_options"] = {"postgresql_readonly": True}
        return create_engine(u, **kwargs)
    raise DatabaseError(f"database url {url!r}: only sqlite and postgresql are supported")


def _install_sqlite_hooks(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so we can say BEGIN IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error (the caller's choice of scope)."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def dialect_name(session: Session) -> str:
    bind = session.get_bind()
    return bind.dialect.name


class SharedFactory:
    """A session factory handed to components that copy their configuration (Scrapy deep-copies
    its settings): copies are this same object, so everyone shares one engine."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory

    def __call__(self) -> Session:
        return self.factory()

    def __deepcopy__(self, memo: dict[int, object]) -> SharedFactory:
        return self

    def __copy__(self) -> SharedFactory:
        return self

