"""`followup stories draft` and `stories add` through the real CLI: a local file, a URL on
a loopback server allowed by the config, and the bad inputs (exit 2, nothing written)."""

from __future__ import annotations

import http.server
import json
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import followup, write_config

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "draft" / "es.txt"
PAGE = (
    "<html lang='es'><head><title>Solaria Verde levantará en Sevilla una planta</title>"
    "<meta property='article:published_time' content='2024-03-05T08:00:00Z'></head><body><article>"
    "<h1>Solaria Verde levantará en Sevilla una planta de baterías</h1>"
    + "".join(f"<p>{line}</p>" for line in FIXTURE.read_text(encoding="utf-8").splitlines()[1:])
    + "</article></body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        pages = {"/a.html": ("text/html; charset=utf-8", PAGE.encode()), "/doc.pdf": ("application/pdf", b"%PDF-1.4\n%%EOF"),
                 "/empty.html": ("text/html", b"<html><body></body></html>")}  # fmt: skip
        if self.path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        elif self.path in pages:
            self._send(200, *pages[self.path])
        else:
            self._send(404, "text/plain", b"no")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def test_draft_local_file_then_add(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", [], allow="127.0.0.1:1")
    out = tmp_path / "draft.toml"
    followup(
        "stories",
        "draft",
        str(FIXTURE),
        "--lang",
        "es",
        "--published",
        "2024-03-05",
        "--id",
        "solaria",
        "--out",
        str(out),
        config=cfg,
    )
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert data["id"] == "solaria" and data["claims"] and all(c["review"] for c in data["claims"])
    followup("init", config=cfg)
    added = followup("stories", "add", str(out), config=cfg)
    assert "added story solaria" in added.stdout and (tmp_path / "solaria.toml").is_file()
    assert 'path = "solaria.toml"' in cfg.read_text(encoding="utf-8")
    listed = followup("stories", config=cfg).stdout
    assert "solaria" in listed and "xai-supercomputer" in listed
    again = followup("stories", "add", str(out), config=cfg, check=False)
    assert again.returncode == 2 and "already watches" in again.stderr


def test_draft_url_under_the_crawl_guards(tmp_path: Path, server: str) -> None:
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", [], allow=server)
    got = followup("stories", "draft", f"http://{server}/a.html", config=cfg)
    data = tomllib.loads(got.stdout)
    assert data["language"] == "es" and any(c["kind"] == "report" for c in data["claims"])
    (tmp_path / "b").mkdir()
    blocked = write_config(
        tmp_path / "b", f"sqlite:///{tmp_path / 'y.db'}", [], allow="127.0.0.1:1"
    )
    refused = followup("stories", "draft", f"http://{server}/a.html", config=blocked, check=False)
    assert (
        refused.returncode == 2 and "private-network guard" in refused.stderr and not refused.stdout
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/doc.pdf", "a PDF"),
        ("/empty.html", "no article text"),
        ("/private/x.html", "robots.txt"),
        ("/missing.html", "HTTP 404"),
    ],
)
def test_bad_urls_exit_2_and_write_nothing(
    tmp_path: Path, server: str, path: str, message: str
) -> None:
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", [], allow=server)
    out = tmp_path / "d.toml"
    got = followup(
        "stories", "draft", f"http://{server}{path}", "--out", str(out), config=cfg, check=False
    )
    assert (
        got.returncode == 2 and message in got.stderr and len(got.stderr.strip().splitlines()) == 1
    )
    assert not out.exists()


def test_unreachable_and_no_claims(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", [], allow="127.0.0.1:9")
    down = followup("stories", "draft", "http://127.0.0.1:9/a.html", config=cfg, check=False)
    assert down.returncode == 2 and "cannot fetch" in down.stderr
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("A quiet day\nNothing happened here. People walked by.\n", encoding="utf-8")
    empty = followup("stories", "draft", str(quiet), "--lang", "en", config=cfg, check=False)
    assert (
        empty.returncode == 1
        and "EMPTY DRAFT" in empty.stdout
        and "no checkable claim" in empty.stderr
    )


def test_the_readme_walkthrough_tracks_a_new_story(tmp_path: Path) -> None:
    """README, "Track a new story in five minutes": draft from a saved article, add it
    unedited, then ask the story's claims about a later report."""
    article = Path(__file__).resolve().parents[1] / "fixtures" / "draft" / "en.txt"
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", [], allow="127.0.0.1:1")
    draft = tmp_path / "my-story.toml"
    followup("stories", "draft", str(article), "--lang", "en", "--published", "2024-03-05",
             "--id", "my-story", "--out", str(draft), config=cfg)  # fmt: skip
    followup("init", config=cfg)
    followup("stories", "add", str(draft), config=cfg)
    shown = followup("stories", "show", "my-story", "--format", "json", config=cfg).stdout
    claims = {c["id"]: c for c in json.loads(shown)["claims"]}
    assert claims, "the draft has claims"
    later = ("Nimbus Robotics ships Atlas 3\n"
             "Nimbus Robotics delivered its first Atlas 3 robots to retailers on 2 April 2024, analysts said.")  # fmt: skip
    args = ("stories", "try", "my-story", later, "--published", "2024-04-03", "--format", "json")
    tried = json.loads(followup(*args, config=cfg).stdout)
    assert tried["relevant"] and tried["claims"], tried
    board = followup("claims", "--story", "my-story", "--format", "json", config=cfg).stdout
    assert {c["id"] for c in json.loads(board)["claims"]} == set(claims)
