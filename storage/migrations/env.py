"""Alembic environment: uses the engine handed over by storage.migrate, or $FOLLOWUP_DATABASE_URL."""

from __future__ import annotations

import os
from typing import Any

from alembic import context

from storage.engine import make_engine
from storage.migrate import UNMAPPED_TABLES
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave the dialect-specific full-text tables to the migrations."""
    if name is None:
        return True
    if type_ == "table":
        return name not in UNMAPPED_TABLES and not name.startswith("article_search_")
    return not (type_ == "index" and name.startswith("ix_article_search"))


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        url = os.environ.get("FOLLOWUP_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("set FOLLOWUP_DATABASE_URL to the database to migrate")
        engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
