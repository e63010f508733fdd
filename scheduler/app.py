"""Use cases shared by the commands: open the database, migrate, load sources and stories."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from claims.dossier import DossierError, Story, load_story, story_fingerprint
from claims.version import ENGINE_VERSION
from scheduler.config import Config, ConfigError
from storage.engine import DatabaseError, make_engine, make_session_factory, transaction
from storage.repository import SourceSpec, StoryRecord, sync_sources, sync_stories


class NotInitialisedError(DatabaseError):
    pass


@dataclass
class Database:
    url: str
    engine: Engine
    factory: sessionmaker[Session]

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, read_only: bool = False, require_schema: bool = True) -> Database:
    try:
        engine = make_engine(url, read_only=read_only)
        if require_schema:
            with engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
            if "articles" not in tables:
                engine.dispose()
                raise NotInitialisedError(
                    f"database {url} has no followup tables: run `followup init` first"
                )
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(f"cannot open database {url}: {exc}") from exc
    return Database(url, engine, make_session_factory(engine))


def load_stories(cfg: Config) -> list[Story]:
    stories: list[Story] = []
    seen: set[str] = set()
    for i, p in enumerate(cfg.story_paths):
        try:
            story = load_story(p)
        except DossierError as exc:
            raise ConfigError(f"{cfg.path}: stories[{i}].path: {exc}") from None
        if story.id in seen:
            raise ConfigError(
                f"{cfg.path}: stories[{i}].path: story id {story.id!r} is loaded twice"
            )
        seen.add(story.id)
        stories.append(story)
    return stories


def story_record(story: Story, path: Path | None) -> StoryRecord:
    return StoryRecord(
        id=story.id,
        title=story.title,
        language=story.language,
        path=str(path) if path else None,
        # a new rule engine re-analyses stored articles just as a changed dossier does
        fingerprint=hashlib.sha256(
            f"{story_fingerprint(story)}:{ENGINE_VERSION}".encode()
        ).hexdigest(),
        dossier=story.to_dict(),
        claims=[(c.id, c.text, c.kind, c.deadline) for c in story.claims],
    )


def source_specs(cfg: Config) -> list[SourceSpec]:
    specs = []
    for s in cfg.sources:
        options = {"follow": s.follow, "max_pages": s.max_pages, "stories": list(s.stories)}
        specs.append(SourceSpec(s.name, s.kind, s.url, s.schedule, s.language, options))
    return specs


def initialise(cfg: Config, *, now: datetime) -> tuple[Database, list[str]]:
    """Create or migrate the schema and load the config's sources and stories (idempotent)."""
    from storage.migrate import upgrade

    stories = load_stories(cfg)  # validate everything before writing anything
    db = open_database(cfg.database_url, require_schema=False)
    try:
        upgrade(db.engine)
    except Exception as exc:
        db.dispose()
        raise DatabaseError(f"cannot migrate database {cfg.database_url}: {exc}") from exc
    changed = sync_config(db, cfg, stories, now=now)
    return db, changed


def sync_config(db: Database, cfg: Config, stories: list[Story], *, now: datetime) -> list[str]:
    with transaction(db.factory) as session:
        sync_sources(session, source_specs(cfg), now)
        return sync_stories(
            session,
            [story_record(s, p) for s, p in zip(stories, cfg.story_paths, strict=True)],
            now,
        )
