"""A real redis-server of the test's own on 127.0.0.1 (Debian's package; .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REDIS_ENV = "FOLLOWUP_TEST_REDIS_SERVER"  # path of redis-server; .ci/run exports it


def redis_binary() -> str | None:
    return os.environ.get(REDIS_ENV) or shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A fresh redis-server for one test, stopped afterwards."""
    binary = redis_binary()
    if not binary:
        if os.environ.get("CI"):
            pytest.fail(f"no redis-server in CI: .ci/run must install it and set {REDIS_ENV}")
        pytest.skip(f"no redis-server: apt-get install redis-server (or set {REDIS_ENV})")
    port = _free_port()
    folder = tmp_path / "redis"
    folder.mkdir()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"redis-server on 127.0.0.1:{port} did not start")
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=30)
