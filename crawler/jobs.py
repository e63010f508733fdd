"""What the crawl process sends to an extraction worker, and what comes back.

Plain picklable data, apart from crawler.worker so that the crawl process
can build jobs without importing the extraction stack.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

from storage.records import ArticleData, StoryAnalysis

__all__ = ["PRELOAD_STORIES_ENV", "PageJob", "PageResult"]

# the dossiers the workers' fork server compiles before forking them (see crawler.preload)
PRELOAD_STORIES_ENV = "FOLLOWUP_PRELOAD_STORIES"


@dataclass(frozen=True)
class PageJob:
    url: str
    body: bytes
    content_type: str | None
    source_id: int | None
    fetched: datetime
    language_hint: str | None = None
    title_hint: str | None = None
    published_hint: datetime | None = None
    author_hint: str | None = None


@dataclass
class PageResult:
    """The article as it will be stored, and what every story makes of it."""

    article: ArticleData
    analyses: list[StoryAnalysis] = field(default_factory=list)
    relevant_to: list[str] = field(default_factory=list)


def fork_server_context(story_paths: tuple[str, ...]) -> multiprocessing.context.ForkServerContext:
    """The forkserver context of the extraction workers, its server preloading
    the extraction stack and these dossiers (crawler.preload).

    A fork server, not fork: the crawl process has threads. The server is
    spawned once per process and inherits the environment of that moment; a
    later crawl with other dossiers compiles them in its workers.
    """
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["crawler.preload"])
    os.environ[PRELOAD_STORIES_ENV] = os.pathsep.join(story_paths)
    return ctx


def warm_fork_server(story_paths: tuple[str, ...]) -> None:
    """Spawn the workers' fork server now; it returns at once and the server
    imports and compiles (about 0.8 s of CPU) on the other core."""
    from multiprocessing import forkserver

    fork_server_context(story_paths)
    forkserver.ensure_running()


def start_worker(
    story_paths: tuple[str, ...], keep_unmatched: bool, crawl_pid: int | None = None
) -> None:
    """Pool initializer, by reference to this light module (the fork server has the heavy one).

    ``crawl_pid``: the crawl process; the worker ends itself when it dies.
    """
    from crawler.worker import init_worker

    if crawl_pid is not None:
        exit_with(crawl_pid)
    init_worker(story_paths, keep_unmatched)


def exit_with(pid: int, poll_s: float = 1.0) -> None:
    """End this process as soon as process ``pid`` has ended, however it ended.

    A pool worker only hears of shutdown from its parent's manager thread: if
    the crawl process is killed (SIGKILL, the OOM killer, a time limit), the
    workers -- forked by the fork server, not by the crawl -- would wait on
    their task queue forever (each holds that queue's write end too), and the
    fork server with them (they hold its liveness pipe). A watchdog thread
    waits on a pidfd (Linux), or polls, and exits the process.
    """

    def watch() -> None:
        try:
            fd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            select.select([fd], [], [])  # readable once the process has ended
        else:
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass  # alive, under another user
                time.sleep(poll_s)
        os._exit(0)

    threading.Thread(target=watch, name=f"exit-with-{pid}", daemon=True).start()


def run_job(job: PageJob) -> PageResult:
    """Pool task: crawler.worker.process_page, without the crawl process importing it."""
    from crawler.worker import process_page

    return process_page(job)
