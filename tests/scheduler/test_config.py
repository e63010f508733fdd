"""Config validation: every error names the file and the key; nothing is written on error."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.config import DEFAULT_CONFIG, ConfigError, find_config, load_config

GOOD = """
[database]
url = "sqlite:///x.db"

[crawl]
allow_hosts = ["127.0.0.1:8765"]

[[sources]]
name = "tech-ledger"
kind = "feed"
url = "https://example.com/feed.xml"
schedule = "*/20 * * * *"
language = "en"

[[stories]]
path = "builtin:xai-supercomputer"
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "followup.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_config_loads_and_anchors_sqlite_next_to_the_file(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, GOOD), env={})
    assert cfg.sources[0].name == "tech-ledger"
    assert cfg.database_url == f"sqlite:///{tmp_path / 'x.db'}"
    assert cfg.story_paths[0].name == "xai-supercomputer.toml"
    assert cfg.crawl.allow_hosts == ("127.0.0.1:8765",)


def test_database_url_from_environment_wins(tmp_path: Path) -> None:
    cfg = load_config(
        write(tmp_path, GOOD), env={"FOLLOWUP_DATABASE_URL": "sqlite:////tmp/other.db"}
    )
    assert cfg.database_url == "sqlite:////tmp/other.db"


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ('schedule = "*/20 * * * *"', 'schedule = "61 * * * *"', "sources[0].schedule", "61"),
        ('schedule = "*/20 * * * *"', 'schedule = "* * *"', "sources[0].schedule", "5"),
        ('kind = "feed"', 'kind = "podcast"', "sources[0].kind", "feed"),
        ('name = "tech-ledger"', 'name = "Tech Ledger"', "sources[0].name", "lower-case"),
        (
            'url = "https://example.com/feed.xml"',
            'url = "ftp://example.com/f"',
            "sources[0].url",
            "http",
        ),
        (
            'allow_hosts = ["127.0.0.1:8765"]',
            'allow_hosts = ["127.0.0.1"]',
            "crawl.allow_hosts",
            "host:port",
        ),
        ('language = "en"', 'language = "en"\nlanguag = "es"', "sources[0].languag", "unknown key"),
        (
            'path = "builtin:xai-supercomputer"',
            'path = "nope.toml"',
            "stories[0].path",
            "not found",
        ),
        ("[crawl]", "[crawl]\ntimeout_s = -1", "crawl.timeout_s", "greater than 0"),
    ],
)
def test_errors_name_file_key_and_problem(
    tmp_path: Path, old: str, new: str, key: str, words: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ConfigError) as exc:
        load_config(path, env={})
    msg = str(exc.value)
    assert str(path) in msg
    assert key in msg
    assert words in msg


def test_search_source_needs_query_placeholder(tmp_path: Path) -> None:
    text = GOOD.replace('kind = "feed"', 'kind = "search"')
    with pytest.raises(ConfigError, match=r"sources\[0\].*\{query\}"):
        load_config(write(tmp_path, text), env={})


def test_duplicate_source_names_are_refused(tmp_path: Path) -> None:
    block = GOOD[GOOD.index("[[sources]]") : GOOD.index("[[stories]]")]
    with pytest.raises(ConfigError, match="used twice"):
        load_config(write(tmp_path, GOOD + "\n" + block), env={})


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[database\nurl=")
    with pytest.raises(ConfigError, match="not valid TOML") as exc:
        load_config(path, env={})
    assert str(path) in str(exc.value)


def test_config_lookup_order(tmp_path: Path) -> None:
    assert find_config("given.toml", cwd=tmp_path, env={}) == Path("given.toml")
    assert find_config(None, cwd=tmp_path, env={"FOLLOWUP_CONFIG": "/etc/f.toml"}) == Path(
        "/etc/f.toml"
    )
    assert find_config(None, cwd=tmp_path, env={}) == DEFAULT_CONFIG
    write(tmp_path, GOOD)
    assert (
        find_config(None, cwd=tmp_path, env={"FOLLOWUP_CONFIG": "/etc/f.toml"})
        == tmp_path / "followup.toml"
    )


def test_bundled_default_config_is_valid() -> None:
    cfg = load_config(DEFAULT_CONFIG, env={})
    langs = {s.language for s in cfg.sources}
    assert {"en", "es", "zh"} <= langs
    assert cfg.database_url == "sqlite:///followup.db"


def test_a_folder_of_dossiers_lists_each_toml_in_name_order(tmp_path: Path) -> None:
    from claims.dossier import builtin_story_path

    folder = tmp_path / "stories"
    folder.mkdir()
    for name in ("b-cybertruck", "a-tsmc"):
        src = builtin_story_path(name.split("-", 1)[1] if name.startswith("b") else "tsmc-arizona")
        (folder / f"{name}.toml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.txt").write_text("not a dossier", encoding="utf-8")
    cfg = load_config(write(tmp_path, GOOD.replace("builtin:xai-supercomputer", "stories")), env={})
    assert [p.name for p in cfg.story_paths] == ["a-tsmc.toml", "b-cybertruck.toml"]


def test_an_empty_folder_of_dossiers_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "stories").mkdir()
    with pytest.raises(ConfigError, match=r"stories\[0\]\.path: folder .*stories holds no \*\.toml"):
        load_config(write(tmp_path, GOOD.replace("builtin:xai-supercomputer", "stories")), env={})
