"""Process tuning that leans on CPython and Scrapy internals, gathered in one place.

Each trick here is a speed-up, never a behaviour: with ``FOLLOWUP_TUNING=0``
in the environment every function below does the plain thing, and followup
works the same, only slower. Kept apart so that an upgrade of CPython or
Scrapy that breaks one has one module to look at, and so that a benchmark
can be run with and without them (``FOLLOWUP_TUNING=0 python benchmarks/ingest.py``).

- ``freeze_long_lived``: what a process loaded before its main loop lives as
  long as the process; frozen, the collector's full passes no longer walk it
  (a 2,000-page crawl: 0.55 s of the crawl process's CPU), and a larger
  youngest-generation threshold halves the rest of the collector's time.
- ``import_without_frame_sources``: Scrapy's deprecated-class shims call
  ``inspect.stack()`` at import time, which reads and tokenises the source of
  every frame (40-100 ms of a crawl's start).
- ``exit_at_once``: a fork server's orderly shutdown frees its preload object
  by object (~0.1 s) while it still holds the crawl's output streams.

Imports nothing but the standard library: the ``followup`` program itself
uses it on every command.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import inspect
import os
import sys
from types import FrameType, ModuleType

ENV = "FOLLOWUP_TUNING"


def enabled() -> bool:
    """Whether the tricks are on (the default); ``FOLLOWUP_TUNING=0`` turns them off."""
    return os.environ.get(ENV, "1") != "0"


def freeze_long_lived(young_threshold: int | None = None) -> None:
    """Move every object alive now out of the collector's reach; optionally collect the
    youngest generation less often (every ``young_threshold`` allocations)."""
    if not enabled():
        return
    gc.freeze()
    if young_threshold is not None:
        _, second, third = gc.get_threshold()
        gc.set_threshold(young_threshold, second, third)


def frames_without_source(context: int = 1) -> list[inspect.FrameInfo]:
    """inspect.stack() without the context lines, which it reads from the source files."""
    frame: FrameType | None = sys._getframe(1)
    frames = []
    while frame is not None:
        code = frame.f_code
        frames.append(
            inspect.FrameInfo(frame, code.co_filename, frame.f_lineno, code.co_name, None, None)
        )
        frame = frame.f_back
    return frames


def import_without_frame_sources(name: str) -> ModuleType:
    """Import a module while inspect.stack() skips reading source files (see the module doc)."""
    if not enabled():
        return importlib.import_module(name)
    original = inspect.stack
    inspect.stack = frames_without_source
    try:
        return importlib.import_module(name)
    finally:
        inspect.stack = original


def _exit_now() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)


def exit_at_once() -> None:
    """At interpreter exit, flush stdout and stderr and leave without tearing down.

    Only for a process with nothing else to flush or close (the extraction
    workers' fork server): exit handlers registered after this one still run
    first, those registered before it do not run.
    """
    if enabled():
        atexit.register(_exit_now)
