"""feedparser's own ill-formed and encoding test feeds, served as sources to the real CLI.

The corpora come from feedparser's source distribution, fetched once with
``pip download --no-binary :all: --no-deps feedparser==<installed>`` into
``~/.cache/followup-tests`` (or ``$FOLLOWUP_TEST_CACHE``); without a network
the test is skipped with the reason.  Each file is one feed source, served
with the ``Header:`` lines its comment declares (feedparser's own harness
does the same).  Every feed must be either ingested or recorded with a
reason, and the crawl must not raise.  Links in the feeds point at outside
hosts (example.com...): an HTTP proxy on loopback answers them with 404 so
nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import re
import subprocess
import sys
import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import followup
from tests.hostile.harness import (
    RSS_LIMIT,
    require_pipeline,
    run_measured,
    sources_json,
    write_config,
)
from tests.hostile.hostile_server import HostileServer, _Handler

pytestmark = pytest.mark.slow
CORPORA = ("illformed", "encoding")
_HEADER = re.compile(r"^\s*Header:\s*([A-Za-z-]+):\s*(.+?)\s*$", re.M)


def _cache_dir() -> Path:
    root = os.environ.get("FOLLOWUP_TEST_CACHE") or Path.home() / ".cache" / "followup-tests"
    return Path(root) / "feedparser"


def feedparser_sdist() -> Path:
    """The cached feedparser sdist of the installed version, downloaded once; skip without network."""
    version = importlib.metadata.version("feedparser")
    folder = _cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    found = sorted(folder.glob(f"feedparser-{version}.tar.gz"))
    if found:
        return found[0]
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-binary",
        ":all:",
        "--no-deps",
        "--disable-pip-version-check",
        "--quiet",
        f"feedparser=={version}",
        "-d",
        str(folder),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot download the feedparser {version} sdist (no network?): {exc}")
    found = sorted(folder.glob(f"feedparser-{version}.tar.gz"))
    if proc.returncode != 0 or not found:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"cannot download the feedparser {version} sdist (no network?): {last}")
    return found[0]


def extract_corpora(sdist: Path, dest: Path) -> dict[str, bytes]:
    """tests/illformed and tests/encoding of the sdist: {"encoding/big5.xml": bytes, ...}."""
    out: dict[str, bytes] = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and len(parts) >= 4 and parts[1] == "tests" and parts[2] in CORPORA:
                f = tar.extractfile(member)
                if f is not None:
                    out["/".join(parts[2:])] = f.read()
    if not out:
        pytest.skip(f"{sdist.name} has no tests/{{{','.join(CORPORA)}}} folders")
    return out


def declared_headers(data: bytes) -> dict[str, str]:
    """The HTTP headers a corpus file asks to be served with (``Header: Name: value`` lines)."""
    texts = [data.decode("latin-1")]
    for codec in ("utf-16", "utf-32"):
        with contextlib.suppress(UnicodeDecodeError):
            texts.append(data.decode(codec))
    headers: dict[str, str] = {}
    for text in texts:
        for name, value in _HEADER.findall(text):
            headers.setdefault(name, value)
    return headers


def _source_name(rel: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", rel.lower().removesuffix(".xml")).strip("-")[:60] or "feed"
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name)
    return name


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return extract_corpora(feedparser_sdist(), tmp_path_factory.mktemp("fp"))


@pytest.fixture(scope="module")
def sink() -> Iterator[HostileServer]:
    """An HTTP proxy that answers every outside URL with 404 (nothing leaves the machine)."""
    srv = HostileServer()

    def not_found(h: _Handler) -> None:
        h.reply(404, b"not here", "text/plain")

    srv.fallback = not_found
    srv.start()
    yield srv
    srv.stop()


def test_feedparser_corpora_are_ingested_or_recorded(
    tmp_path: Path, corpora: dict[str, bytes], sink: HostileServer
) -> None:
    require_pipeline()
    srv = HostileServer()
    used: set[str] = set()
    sources = []
    files: dict[str, str] = {}
    for rel, data in sorted(corpora.items()):
        headers = declared_headers(data)
        ctype = headers.pop("Content-type", headers.pop("Content-Type", "application/xml"))
        path = "/" + rel
        srv.static(path, data, ctype, headers=headers)
        name = _source_name(rel, used)
        files[name] = rel
        sources.append({"name": name, "kind": "feed", "url": srv.base + path})
    srv.start()
    try:
        cfg = write_config(
            tmp_path,
            f"sqlite:///{tmp_path / 'fp.db'}",
            sources,
            allow_hosts=[srv.host_port, sink.host_port],
            timeout_s=5,
            crawl={"obey_robots": False},
        )
        followup("init", config=cfg)
        proxy = f"http://{sink.host_port}"
        run = run_measured(
            "crawl",
            config=cfg,
            timeout=240,
            env={"http_proxy": proxy, "https_proxy": proxy, "no_proxy": "127.0.0.1,localhost"},
        )
    finally:
        srv.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.peak_rss < RSS_LIMIT
    rows = sources_json(cfg)
    ingested: Counter[str] = Counter()
    recorded: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    unaccounted = []
    for name, rel in files.items():
        row = rows[name]
        corpus = rel.split("/", 1)[0]
        if row["outcome"] in ("ok", "unchanged", "not_modified"):
            ingested[corpus] += 1
        elif row["outcome"] == "error" and row["error"]:
            recorded[corpus] += 1
            reasons[re.sub(r"[:(].*", "", row["error"]).strip()] += 1
        else:
            unaccounted.append((rel, row["outcome"], row["error"]))
    print(
        f"\nfeedparser {importlib.metadata.version('feedparser')} corpora, one crawl of {len(files)} "
        f"feeds: {run.seconds:.1f} s, peak RSS {run.peak_mb:.0f} MB"
    )
    for corpus in CORPORA:
        print(
            f"  {corpus:10} {ingested[corpus]:4} ingested, {recorded[corpus]:4} recorded with a reason"
        )
    print(
        f"  reasons: {dict(reasons.most_common())}; the proxy sink answered {len(sink.hits)} "
        "requests for outside URLs"
    )
    assert not unaccounted, unaccounted
