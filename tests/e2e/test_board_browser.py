"""The board in a real browser: a crawled news web, `followup serve` as a subprocess, headless
Chromium driven by Selenium (Debian's chromium and chromium-driver)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scheduler.demo.server import NewsWebServer
from tests.conftest import SHARED
from tests.helpers import demo_config, followup, start_dev_web, write_config
from tests.web.hostile import MARK, insert_hostile
from tests.web.served import TOKEN, Board, serve_board

pytestmark = pytest.mark.slow
STORY = "xai-supercomputer"


def _chrome_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium and driver:
        try:
            import selenium  # noqa: F401
        except ImportError:
            pytest.skip("selenium is not installed: pip install -e '.[test]'")
        return chromium, driver
    why = "Chromium or its driver is absent: apt-get install chromium chromium-driver"
    if os.environ.get("CI"):
        pytest.fail(f"{why} (.ci/run installs them)")
    pytest.skip(why)


@dataclass
class Session:
    board: Board
    driver: Any
    expected: list[dict[str, Any]] | None  # the dev web's labelled statuses, by date
    shots: Path

    def open(self, path: str) -> Any:
        self.driver.get(self.board.base + path)
        return self.driver

    def shot(self, name: str) -> Path:
        p = self.shots / f"{name}.png"
        self.driver.save_screenshot(str(p))
        return p

    def statuses(self) -> dict[str, str]:
        els = self.driver.find_elements("css selector", "section.claim h2 span.status")
        return {e.get_attribute("data-claim"): e.text for e in els}


def _crawl(kind: str, folder: Path) -> tuple[Path, list[dict[str, Any]] | None]:
    if kind == "demo":
        with NewsWebServer() as web:
            cfg = demo_config(folder, web)
            followup("init", config=cfg)
            followup("crawl", config=cfg)
        return cfg, None
    from tests.e2e.test_whole_web import whole_web_sources

    dev = start_dev_web(folder / "web")
    try:
        cfg = write_config(folder, f"sqlite:///{folder / 'x.db'}", whole_web_sources(dev),
                           allow=dev.base.split("//")[1], extra_crawl="keep_unmatched = true")  # fmt: skip
        followup("init", config=cfg)
        followup("crawl", config=cfg)
    finally:
        dev.server.stop()
    return cfg, dev.expected["as_of"]


@pytest.fixture(scope="module", params=["dev", "demo"])
def browser(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Session]:
    chromium, driver_path = _chrome_paths()
    if request.param == "dev" and not (SHARED / "corpus" / "dev").exists():
        pytest.skip(f"{SHARED} is absent: the dev news web is not checked out (the demo web runs)")
    folder = tmp_path_factory.mktemp(f"browser-{request.param}")
    cfg, expected = _crawl(request.param, folder)
    db = next(line.split('"')[1] for line in cfg.read_text().splitlines() if line.startswith("url"))
    insert_hostile(db)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
        "--no-first-run",
        "--disable-extensions",
    ):
        opts.add_argument(arg)  # fmt: skip
    with serve_board(cfg) as board:
        drv = webdriver.Chrome(service=Service(driver_path), options=opts)
        try:
            shots = folder / "screenshots"
            shots.mkdir()
            yield Session(board, drv, expected, shots)
        finally:
            drv.quit()


def submit(d: Any, button: Any) -> None:
    """Click a form's button and wait until the next page replaced this one."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    page = d.find_element("tag name", "html")
    button.click()
    WebDriverWait(d, 60).until(ec.staleness_of(page))
    WebDriverWait(d, 60).until(
        lambda drv: drv.execute_script("return document.readyState") == "complete"
    )


def api(s: Session, path: str) -> Any:
    r = s.board.get(path)
    assert r.status == 200, (path, r.text)
    return r.json()


def test_pages_render_and_the_timelines_are_drawn(browser: Session) -> None:
    s = browser
    for path, heading in (("/", "Stories"), ("/articles", "Articles"), ("/sources", "Sources"),
                          ("/runs", "Crawl runs")):  # fmt: skip
        d = s.open(path)
        assert d.find_element("css selector", "h1").text == heading
        s.shot(path.strip("/") or "index")
    d = s.open(f"/stories/{STORY}")
    board = api(s, f"/api/v1/stories/{STORY}/claims")
    svgs = d.find_elements("css selector", "svg.timeline")
    assert len(svgs) == len(board["claims"]) > 0
    for svg, claim in zip(svgs, board["claims"], strict=True):
        assert svg.size["width"] > 100 and svg.size["height"] > 50, "drawn, not collapsed"
        bands = svg.find_elements("css selector", "rect.band")
        assert bands and bands[-1].get_attribute("data-status") == claim["status"]
        dated = [e for e in claim["evidence"] if e["published"]]
        assert len(svg.find_elements("css selector", "circle.dot")) == len(dated)
    assert s.shot("story").stat().st_size > 10_000
    if os.environ.get("FOLLOWUP_BOARD_SCREENSHOT"):
        d.set_window_size(1280, 900)
        d.save_screenshot(os.environ["FOLLOWUP_BOARD_SCREENSHOT"])
        d.set_window_size(1280, 1600)


def _dates(s: Session) -> list[str]:
    if s.expected:
        return [p["date"] for p in s.expected]
    return ["2024-07-31", "2024-09-30", "2025-12-31"]


def test_as_of_changes_the_statuses(browser: Session) -> None:
    s = browser
    seen = []
    for date in _dates(s):
        s.open(f"/stories/{STORY}?as_of={date}")
        got = s.statuses()
        want = {
            c["id"]: c["status"]
            for c in api(s, f"/api/v1/stories/{STORY}/claims?as_of={date}")["claims"]
        }
        assert got == want, date
        assert (
            s.driver.find_element("css selector", "input[name=as_of]").get_attribute("value")
            == date
        )
        seen.append(got)
    s.shot("as-of")
    assert len({json.dumps(x, sort_keys=True) for x in seen}) > 1, "statuses move with the date"


def test_the_search_filters_work(browser: Session) -> None:
    from selenium.webdriver.support.ui import Select

    s = browser
    d = s.open("/articles")
    d.find_element("name", "q").send_keys("oracle")
    d.find_element("name", "lang").send_keys("en")
    Select(d.find_element("name", "story")).select_by_value(STORY)
    submit(d, d.find_element("css selector", "form.filters button"))
    assert "q=oracle" in d.current_url and "lang=en" in d.current_url
    items = d.find_elements("css selector", "li.article")
    want = api(s, f"/api/v1/articles?q=oracle&lang=en&story={STORY}")
    assert [int(i.get_attribute("data-id")) for i in items] == [a["id"] for a in want]
    assert want and all(a["language"] == "en" for a in want)
    s.shot("search")
    d = s.open("/articles")
    d.find_element("name", "entity").send_keys("oracle xai")
    submit(d, d.find_element("css selector", "form.filters button"))
    both = [int(i.get_attribute("data-id")) for i in d.find_elements("css selector", "li.article")]
    want = api(s, "/api/v1/articles?entity=oracle&entity=xai")
    assert both == [a["id"] for a in want] and both
    assert all({"oracle", "xai"} <= set(a["entities"]) for a in want)
    d = s.open("/articles?since=2025-01-01")
    dated = d.find_elements("css selector", "li.article")
    assert len(dated) == len(api(s, "/api/v1/articles?since=2025-01-01"))
    assert len(dated) < len(api(s, "/api/v1/articles"))


def test_a_hostile_article_renders_inert(browser: Session) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    s = browser
    for path in ("/articles?q=hostile", f"/stories/{STORY}", f"/stories/{STORY}?as_of=2024-08-31"):
        d = s.open(path)
        assert MARK in d.page_source or "Colossus" in d.page_source
        assert d.execute_script("return typeof window.__pwned") == "undefined", path
        with pytest.raises(NoAlertPresentException):
            _ = d.switch_to.alert.text
        hrefs = [a.get_attribute("href") or "" for a in d.find_elements("css selector", "a")]
        assert not [h for h in hrefs if not h.startswith(("http://", "https://", "data:"))], path
        assert d.find_elements("css selector", "main script, main iframe, main img") == []
        for el in d.find_elements("css selector", "main *"):
            assert not [a for a in ("onerror", "onload", "onmouseover") if el.get_attribute(a)]
    d = s.open("/articles?q=hostile")
    item = d.find_element("css selector", "li.article")
    assert "<script>" in item.text and "onerror" in item.text, "shown as text"
    s.shot("hostile")
    for path in ("/", "/articles?q=hostile", f"/stories/{STORY}", "/sources", "/runs"):
        assert "default-src 'none'" in s.board.get(path).headers["content-security-policy"]


def test_the_review_form_changes_a_status(browser: Session) -> None:
    from selenium.webdriver.support.ui import Select

    s = browser
    board = api(s, f"/api/v1/stories/{STORY}/claims")
    claim, ev = next(
        (c, e) for c in board["claims"] for e in c["evidence"]
        if e["stance"] != "contradicts" and c["status"] != "contradicted" and "Hostile" not in (e["title"] or "")
    )  # fmt: skip
    d = s.open(f"/stories/{STORY}")
    form = d.find_element("css selector", f"tr[data-evidence='{ev['id']}'] form.review")
    Select(form.find_element("name", "stance")).select_by_value("contradicts")
    form.find_element("name", "token").send_keys(TOKEN)
    submit(d, form.find_element("css selector", "button"))
    assert d.current_url.endswith(f"/stories/{STORY}")
    assert s.statuses()[claim["id"]] in ("contradicted", "disputed", "updated")
    row = d.find_element("css selector", f"tr[data-evidence='{ev['id']}']")
    assert "reviewed" in row.text
    after = {c["id"]: c for c in api(s, f"/api/v1/stories/{STORY}/claims")["claims"]}[claim["id"]]
    assert (
        next(e for e in after["evidence"] if e["id"] == ev["id"])["reviewed"]["stance"]
        == "contradicts"
    )
    s.shot("reviewed")
    # a wrong token changes nothing
    form = d.find_element("css selector", f"tr[data-evidence='{ev['id']}'] form.review")
    Select(form.find_element("name", "stance")).select_by_value("clear")
    form.find_element("name", "token").send_keys("not-the-token-at-all")
    submit(d, form.find_element("css selector", "button"))
    assert d.find_element("css selector", "h1").text == "Not allowed"
    again = {c["id"]: c for c in api(s, f"/api/v1/stories/{STORY}/claims")["claims"]}[claim["id"]]
    assert again == after
    # cleared with the token: the engine's stance again
    d = s.open(f"/stories/{STORY}")
    form = d.find_element("css selector", f"tr[data-evidence='{ev['id']}'] form.review")
    Select(form.find_element("name", "stance")).select_by_value("clear")
    form.find_element("name", "token").send_keys(TOKEN)
    submit(d, form.find_element("css selector", "button"))
    assert s.statuses()[claim["id"]] == claim["status"]
