"""Distributed mode's config and command line: errors name the key, the queue or the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.config import ConfigError, load_config
from tests.helpers import followup
from tests.scheduler.test_config import GOOD, write


def test_distributed_section_loads(tmp_path: Path) -> None:
    cfg = load_config(
        write(tmp_path, GOOD + '\n[distributed]\nbroker = "redis://10.0.0.5:6379/1"\n'), env={}
    )
    assert cfg.distributed is not None
    assert cfg.distributed.broker == "redis://10.0.0.5:6379/1"
    assert cfg.distributed.domain_delay_s == 1.0
    assert load_config(write(tmp_path, GOOD), env={}).distributed is None  # single machine


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ('broker = "amqp://h/"', "distributed.broker"),
        ('broker = "redis://h:6379/0"\ndomain_delay_s = -1', "distributed.domain_delay_s"),
        ('broker = "redis://h:6379/0"\nbrokr = "x"', "distributed.brokr"),
        ("domain_delay_s = 1", "distributed.broker"),
    ],
)
def test_distributed_errors_name_the_key(tmp_path: Path, section: str, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, GOOD + "\n[distributed]\n" + section + "\n"), env={})
    assert f"followup.toml: {key}:" in str(err.value)


def test_worker_needs_a_broker_and_known_queues(tmp_path: Path) -> None:
    cfg = write(tmp_path, GOOD)
    proc = followup("worker", config=cfg, check=False)
    assert proc.returncode == 2
    assert "distributed.broker: not set" in proc.stderr
    proc = followup("worker", "--queues", "crawl,fetch", config=cfg, check=False)
    assert proc.returncode == 2
    assert "unknown queue(s) fetch" in proc.stderr


def test_unreachable_broker_is_one_line_naming_it(tmp_path: Path) -> None:
    # a port nothing listens on, on loopback
    cfg = write(tmp_path, GOOD + '\n[distributed]\nbroker = "redis://127.0.0.1:9/0"\n')
    proc = followup("worker", config=cfg, check=False)
    assert proc.returncode == 1
    assert "broker redis://127.0.0.1:9/0 unreachable" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
