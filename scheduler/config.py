"""The TOML config: loading, validation, and errors that name the file and the key.

Validation happens before anything is written: a bad config never touches
the database.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scheduler.cron import CronError, cron_trigger

DEFAULT_CONFIG = Path(__file__).resolve().parent / "default.toml"
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ConfigError(ValueError):
    """A config problem, phrased as ``FILE: KEY: what is wrong``."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseConfig(_Model):
    url: str = "sqlite:///followup.db"


class CrawlConfig(_Model):
    user_agent: str = "followup/0.1 (+https://github.com/followup-news/followup)"
    obey_robots: bool = True
    allow_private_networks: bool = False
    allow_hosts: tuple[str, ...] = ()
    keep_unmatched: bool = False
    timeout_s: Annotated[float, Field(gt=0, le=3600)] = 30
    max_page_bytes: Annotated[int, Field(gt=1000)] = 5_000_000
    max_redirects: Annotated[int, Field(ge=0, le=20)] = 5
    concurrent_requests: Annotated[int, Field(ge=1, le=256)] = 32
    concurrent_requests_per_domain: Annotated[int, Field(ge=1, le=64)] = 8
    download_delay_s: Annotated[float, Field(ge=0)] = 0.0
    autothrottle: bool = True
    retry_times: Annotated[int, Field(ge=0, le=10)] = 2
    extract_workers: Annotated[int, Field(ge=-1, le=64)] = 0  # 0 = one per CPU, -1 = in-process
    crawl_time_limit_s: Annotated[float, Field(gt=0)] = 1800
    max_backoff_s: Annotated[float, Field(gt=0)] = 86_400
    adaptive_max_skip: Annotated[int, Field(ge=0, le=100)] = 8
    update_check_hours: Annotated[float, Field(ge=0)] = (
        24  # 0 = stored articles are never re-fetched
    )
    update_window_days: Annotated[float, Field(ge=0)] = 7

    @field_validator("allow_hosts")
    @classmethod
    def _host_port(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for hp in v:
            if not re.fullmatch(r"(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}", hp):
                raise ValueError(f"{hp!r} is not an exact host:port pair such as 127.0.0.1:8765")
        return v


class SourceConfig(_Model):
    name: str
    kind: Literal["feed", "sitemap", "site", "search"]
    url: str
    schedule: str = "*/30 * * * *"
    language: str | None = None
    follow: str | None = None
    max_pages: Annotated[int, Field(ge=1, le=10_000)] = 50
    stories: tuple[str, ...] = ()  # search sources: which stories' queries (default all)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not NAME_RE.match(v):
            raise ValueError(f"{v!r} must be lower-case letters, digits and '-' only")
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not re.match(r"^https?://[^/\s]+", v):
            raise ValueError(f"{v!r} is not an http(s) URL")
        return v

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, v: str) -> str:
        try:
            cron_trigger(v)
        except CronError as exc:
            raise ValueError(str(exc)) from exc
        return v

    @field_validator("follow")
    @classmethod
    def _follow(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"{v!r} is not a valid regular expression: {exc}") from exc
        return v

    @model_validator(mode="after")
    def _kind_rules(self) -> SourceConfig:
        if self.kind == "search" and "{query}" not in self.url:
            raise ValueError("a search source's url must contain {query}")
        return self


class StoryRef(_Model):
    path: str


class ServiceConfig(_Model):
    lease_ttl_s: Annotated[float, Field(gt=1)] = 60
    grace_s: Annotated[float, Field(ge=0)] = 20
    max_parallel_crawls: Annotated[int, Field(ge=1, le=16)] = 2


class ServeConfig(_Model):
    """`followup serve`: where the board listens, and the token its writes need."""

    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8080
    token: str = ""  # else $FOLLOWUP_TOKEN; empty: the board is read-only

    @field_validator("token")
    @classmethod
    def _token(cls, v: str) -> str:
        if v and len(v) < 16:
            raise ValueError("a token must be at least 16 characters (or empty: read-only)")
        return v


class NotifyConfig(_Model):
    """One `[[notify]]` entry: Apprise URLs, the stories they follow, one message or a digest."""

    urls: Annotated[tuple[str, ...], Field(min_length=1)]
    stories: tuple[str, ...] = ()  # empty: every story
    digest: Literal["none", "hourly", "daily"] = "none"

    @field_validator("urls")
    @classmethod
    def _urls(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for u in v:
            if not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", u):
                raise ValueError(f"{u.split('@')[-1]!r} is not an Apprise URL (scheme://...)")
        return v


class DistributedConfig(_Model):
    """Many machines: the broker workers take jobs from, and how politeness is shared."""

    broker: str
    # politeness across every worker (held in the broker): requests in flight to one host,
    # and the spacing between one request to it and the next
    domain_concurrency: Annotated[int, Field(ge=1, le=64)] = 1
    domain_delay_s: Annotated[float, Field(ge=0, le=600)] = 1.0
    # a worker silent this long is taken for dead and its unfinished jobs are redelivered
    heartbeat_timeout_s: Annotated[float, Field(gt=0, le=3600)] = 60
    # how many broker commands in a million look for dead workers' jobs to redeliver
    maintenance_chance: Annotated[int, Field(ge=1, le=1_000_000)] = 10_000
    # a crawl job that keeps failing is given up after this many tries (dead-lettered)
    max_retries: Annotated[int, Field(ge=0, le=100)] = 5
    # sources of one host fired together are crawled by one job, up to this many
    sources_per_job: Annotated[int, Field(ge=1, le=1000)] = 10

    @field_validator("broker")
    @classmethod
    def _broker(cls, v: str) -> str:
        if not re.match(r"^rediss?://[^/\s]+", v):
            raise ValueError(f"{v!r} is not a Redis URL such as redis://127.0.0.1:6379/0")
        return v


class FileConfig(_Model):
    database: DatabaseConfig = DatabaseConfig()
    crawl: CrawlConfig = CrawlConfig()
    service: ServiceConfig = ServiceConfig()
    serve: ServeConfig = ServeConfig()
    notify: tuple[NotifyConfig, ...] = ()
    distributed: DistributedConfig | None = None
    sources: tuple[SourceConfig, ...] = ()
    stories: tuple[StoryRef, ...] = ()

    @model_validator(mode="after")
    def _unique_names(self) -> FileConfig:
        seen: set[str] = set()
        for s in self.sources:
            if s.name in seen:
                raise ValueError(f"source name {s.name!r} is used twice")
            seen.add(s.name)
        return self


@dataclass(frozen=True)
class Config:
    """A validated config and where it came from."""

    path: Path
    file: FileConfig
    database_url: str
    story_paths: tuple[Path, ...]

    @property
    def crawl(self) -> CrawlConfig:
        return self.file.crawl

    @property
    def sources(self) -> tuple[SourceConfig, ...]:
        return self.file.sources

    @property
    def service(self) -> ServiceConfig:
        return self.file.service

    @property
    def serve(self) -> ServeConfig:
        return self.file.serve

    @property
    def notify(self) -> tuple[NotifyConfig, ...]:
        return self.file.notify

    @property
    def distributed(self) -> DistributedConfig | None:
        return self.file.distributed


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _format_validation(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("function-after",))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check the spelling against docs/configuration.md)"
        lines.append(f"{path}: {_loc(loc)}: {msg}")
    return "\n".join(lines)


def resolve_story_path(ref: str, base: Path) -> Path:
    from claims.dossier import builtin_story_path

    if ref.startswith("builtin:"):
        return builtin_story_path(ref.removeprefix("builtin:"))
    p = Path(ref).expanduser()
    return p if p.is_absolute() else (base / p)


def _anchor_sqlite(url: str, config_path: Path) -> str:
    """A relative SQLite path in a config file means: next to that file (cron runs from $HOME)."""
    if not url.startswith("sqlite:///") or url.startswith("sqlite:////"):
        return url
    rel = url.removeprefix("sqlite:///")
    if not rel or rel == ":memory:" or rel.startswith("file:"):
        return url
    if config_path.resolve() == DEFAULT_CONFIG:
        return url  # the bundled config keeps its database in the working directory
    return "sqlite:///" + str(config_path.resolve().parent / rel)


def load_config(path: Path, *, env: dict[str, str] | None = None) -> Config:
    """Read and validate a config file; raise ConfigError naming the file and key."""
    env = dict(os.environ) if env is None else env
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        fc = FileConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_format_validation(path, exc)) from None
    base = path.resolve().parent
    story_paths: list[Path] = []
    for i, ref in enumerate(fc.stories):
        p = resolve_story_path(ref.path, base)
        if p.is_dir():  # a folder of dossiers: each *.toml in it, in name order
            found = sorted(q for q in p.glob("*.toml") if q.is_file())
            if not found:
                raise ConfigError(f"{path}: stories[{i}].path: folder {p} holds no *.toml dossier")
            story_paths.extend(found)
            continue
        if not p.is_file():
            raise ConfigError(f"{path}: stories[{i}].path: story file {p} not found")
        story_paths.append(p)
    db_url = env.get("FOLLOWUP_DATABASE_URL") or _anchor_sqlite(fc.database.url, path)
    return Config(path=path, file=fc, database_url=db_url, story_paths=tuple(story_paths))


def find_config(
    explicit: str | None, *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Path:
    """--config, else ./followup.toml, else $FOLLOWUP_CONFIG, else the bundled default."""
    env = dict(os.environ) if env is None else env
    if explicit:
        return Path(explicit)
    local = (cwd or Path.cwd()) / "followup.toml"
    if local.is_file():
        return local
    if env.get("FOLLOWUP_CONFIG"):
        return Path(env["FOLLOWUP_CONFIG"])
    return DEFAULT_CONFIG
