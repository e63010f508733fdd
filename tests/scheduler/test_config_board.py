"""`[serve]` and `[[notify]]`: defaults, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.config import ConfigError, load_config
from tests.scheduler.test_config import GOOD, write


def test_defaults_bind_loopback_and_notify_nobody(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, GOOD), env={})
    assert (cfg.serve.host, cfg.serve.port, cfg.serve.token) == ("127.0.0.1", 8080, "")
    assert cfg.notify == ()


def test_notify_entries_load(tmp_path: Path) -> None:
    text = (
        GOOD
        + """
[serve]
port = 9090
token = "0123456789abcdef"

[[notify]]
urls = ["json://127.0.0.1:9000/hook", "mailto://u:p@example.org"]
digest = "hourly"

[[notify]]
urls = ["ntfy://ntfy.sh/topic"]
stories = ["xai-supercomputer"]
"""
    )
    cfg = load_config(write(tmp_path, text), env={})
    assert cfg.serve.port == 9090
    assert [(n.digest, n.stories) for n in cfg.notify] == [
        ("hourly", ()),
        ("none", ("xai-supercomputer",)),
    ]


@pytest.mark.parametrize(
    ("extra", "where", "what"),
    [
        ("[serve]\nport = 70000\n", "serve.port", "less than or equal to 65535"),
        ("[serve]\ntoken = \"short\"\n", "serve.token", "at least 16 characters"),
        ("[serve]\nbind = \"0.0.0.0\"\n", "serve.bind", "unknown key"),
        ("[[notify]]\nurls = []\n", "notify[0].urls", "at least 1"),
        ("[[notify]]\nurls = [\"not a url\"]\n", "notify[0].urls", "not an Apprise URL"),
        ("[[notify]]\nurls = [\"json://h/x\"]\ndigest = \"weekly\"\n", "notify[0].digest", "'none', 'hourly' or 'daily'"),
    ],
)  # fmt: skip
def test_errors_name_the_key(tmp_path: Path, extra: str, where: str, what: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, GOOD + "\n" + extra), env={})
    msg = str(err.value)
    assert f": {where}: " in msg and what in msg, msg


def test_a_url_error_does_not_echo_a_password(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(
            write(tmp_path, GOOD + '\n[[notify]]\nurls = ["bad url:s3cret@host"]\n'), env={}
        )
    assert "s3cret" not in str(err.value)
