"""`followup serve` as a subprocess on a free loopback port, and plain HTTP calls to it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.receivers import free_port

TOKEN = "test-token-0123456789abcdef"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Board:
    base: str
    cfg: Path
    proc: subprocess.Popen[bytes]

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return self.call("GET", path, headers=headers)

    def call(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        req = urllib.request.Request(self.base + path, data=body, method=method)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
        except urllib.error.HTTPError as e:
            return Reply(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())

    def review(self, evidence_id: int, stance: str | None, token: str | None = TOKEN) -> Reply:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.call(
            "POST",
            f"/api/v1/evidence/{evidence_id}/review",
            json.dumps({"stance": stance}).encode(),
            headers,
        )


@contextmanager
def serve_board(cfg: Path, *, token: str | None = TOKEN) -> Iterator[Board]:
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("FOLLOWUP_DATABASE_URL", "FOLLOWUP_TOKEN")
    }
    if token:
        env["FOLLOWUP_TOKEN"] = token
    proc = subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "serve", "--config", str(cfg), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    board = Board(f"http://127.0.0.1:{port}", cfg, proc)
    try:
        for _ in range(600):  # readiness, not a timed assertion: up to a minute on a busy machine
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise AssertionError(f"followup serve exited {proc.returncode}:\n{out}")
            try:
                if board.get("/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise AssertionError("followup serve did not answer /healthz")
        yield board
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
