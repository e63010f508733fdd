"""Test helpers: the dev news web of ../shared on loopback, configs, the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scheduler.demo.server import NewsWebServer
from tests.conftest import ROOT, shared_path


@dataclass
class DevWeb:
    server: NewsWebServer
    site: Path
    outlets: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    expected: dict[str, Any]

    @property
    def base(self) -> str:
        return self.server.base_url

    def feed_sources(self) -> list[dict[str, str]]:
        return [
            {
                "name": o["id"],
                "kind": "feed",
                "url": f"{self.base}/{o['id']}/{o.get('feed_path', 'feed.xml')}",
                "language": o["language"],
            }
            for o in self.outlets
            if o.get("feed")
        ]

    def all_sources(self) -> list[dict[str, str]]:
        """Every outlet: by its feed, else its sitemap (the whole web)."""
        out = self.feed_sources()
        for o in self.outlets:
            if not o.get("feed"):
                out.append(
                    {
                        "name": o["id"],
                        "kind": "sitemap",
                        "url": f"{self.base}/{o['id']}/sitemap.xml",
                        "language": o["language"],
                    }
                )
        return out

    def in_feeds(self) -> list[dict[str, Any]]:
        """The articles the feeds list: the newest 10 of each outlet that has a feed."""
        out = []
        for o in self.outlets:
            if not o.get("feed"):
                continue
            mine = sorted(
                (a for a in self.articles if a["outlet"] == o["id"]),
                key=lambda a: a["published"],
                reverse=True,
            )
            out.extend(mine[:10])
        return out


def load_corpus(corpus: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    outlets = json.loads((corpus / "outlets.json").read_text(encoding="utf-8"))
    articles: list[dict[str, Any]] = []
    for f in sorted((corpus / "articles").glob("*.json")):
        articles.extend(json.loads(f.read_text(encoding="utf-8")))
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    return outlets, articles, expected


def start_dev_web(tmp: Path, *, etag: bool = True, corpus_name: str = "dev") -> DevWeb:
    """A development corpus of ../shared rendered as a news web and served on 127.0.0.1."""
    corpus = shared_path("corpus", corpus_name)
    render = shared_path("newsweb", "render.py")
    server = NewsWebServer(directory=tmp / "site", etag=etag, last_modified=etag)
    subprocess.run(
        [
            sys.executable,
            str(render),
            "--corpus",
            str(corpus),
            "--base",
            server.base_url,
            "--out",
            str(tmp / "site"),
        ],
        check=True,
        capture_output=True,
    )
    server.start()
    outlets, articles, expected = load_corpus(corpus)
    return DevWeb(server, tmp / "site", outlets, articles, expected)


def write_config(
    folder: Path,
    db_url: str,
    sources: list[dict[str, str]],
    *,
    allow: str,
    extra_crawl: str = "",
    extra: str = "",
    story: str = "builtin:xai-supercomputer",
) -> Path:
    lines = [
        "[database]",
        f'url = "{db_url}"',
        "",
        "[crawl]",
        f'allow_hosts = ["{allow}"]',
        "timeout_s = 30",  # generous: a loaded CI machine must not turn slow pages into errors
        extra_crawl,
        "",
        "[[stories]]",
        f'path = "{story}"',
    ]
    for s in sources:
        lines += ["", "[[sources]]"] + [f'{k} = "{v}"' for k, v in s.items()]
    lines.append(extra)
    p = folder / "followup.toml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def demo_config(
    folder: Path, server: NewsWebServer, *, extra_crawl: str = "", extra: str = ""
) -> Path:
    """A config crawling the project's own demo web, served by ``server`` (a NewsWebServer)."""
    from scheduler.demo.site import demo_sources, load_demo_articles, render_site

    server.set_pages(render_site(load_demo_articles(), server.base_url))
    return write_config(
        folder,
        f"sqlite:///{folder / 'x.db'}",
        demo_sources(server.base_url),
        allow=server.base_url.split("//")[1],
        extra_crawl=extra_crawl,
        extra=extra,
    )


def followup(
    *args: str,
    config: Path | None = None,
    timeout: float = 300,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real `followup` CLI in a subprocess."""
    cmd = [sys.executable, "-m", "scheduler.cli", *args]
    if config is not None:
        cmd += ["--config", str(config)]
    full_env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DATABASE_URL"}
    full_env.update(env or {})
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=full_env
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"followup {' '.join(args)} exited {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    return proc
