"""Fixtures of the hostile suite: the hostile server, the canary, the healthy news site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scheduler.demo.server import NewsWebServer
from tests.hostile.cases import Case, build_hostile_web, healthy_pages
from tests.hostile.hostile_server import Canary, HostileServer


@pytest.fixture(scope="session")
def canary() -> Iterator[Canary]:
    c = Canary().start()
    yield c
    c.stop()


@pytest.fixture(scope="session")
def hostile(canary: Canary) -> Iterator[tuple[HostileServer, list[Case]]]:
    """The hostile server and its cases (plus one spare server per hostile robots.txt)."""
    srv = HostileServer()
    robots = {name: HostileServer() for name in ("robots-slow", "robots-bomb", "robots-canary")}
    cases = build_hostile_web(srv, canary, robots)
    for s in (srv, *robots.values()):
        s.start()
    yield srv, cases
    for s in (srv, *robots.values()):
        s.stop()


@pytest.fixture(scope="session")
def healthy() -> Iterator[NewsWebServer]:
    """The well-behaved source, reached as localhost:PORT (a name: the guarded resolver's allow path)."""
    srv = NewsWebServer()
    base = f"http://localhost:{srv.port}"
    srv.set_pages(healthy_pages(base))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def _canary_stays_silent(request: pytest.FixtureRequest) -> Iterator[None]:
    """Whatever a test in this folder does, nothing may connect to the canary."""
    if "canary" not in request.fixturenames:
        yield
        return
    c: Canary = request.getfixturevalue("canary")
    before = c.count
    yield
    assert c.count == before, f"the canary was reached: {c.connections[before:]}"
