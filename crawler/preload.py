"""Imported once by the extraction workers' fork server (see crawler.pipelines).

Everything heavy — trafilatura, lxml, dateparser, the language model, and
the crawl's story dossiers with their compiled patterns — is loaded here,
before the workers are forked, so each worker starts at once and shares
those pages with the others instead of building its own copy.

The fork server is started with module names only, so the crawl names its
dossiers in the environment (``PRELOAD_STORIES_ENV``, os.pathsep-separated).
A dossier that fails to load here is left for the worker, which reports it.
"""

from __future__ import annotations

import logging
import os
import sys
from multiprocessing import forkserver
from pathlib import Path

from claims.compiled import warm_up as warm_story
from claims.dossier import load_story
from crawler import feeds, sitemaps, tuning, worker  # noqa: F401  (extraction, claims; feeds may parse here)
from crawler.extraction import warm_up
from crawler.jobs import PRELOAD_STORIES_ENV

logging.getLogger("trafilatura").setLevel(logging.ERROR)
warm_up()
# numpy imports numpy.ma on the first np.unique: once here, not once per worker
worker.dedup.fingerprint("a few words to fingerprint once before the workers fork")
for _path in filter(None, os.environ.get(PRELOAD_STORIES_ENV, "").split(os.pathsep)):
    try:
        # compiled patterns are cached by the dossier's content: the workers'
        # own load_story + warm_up find them here (about 0.35 s each, saved)
        warm_story(load_story(Path(_path)))
    except Exception:  # the worker loads it again and reports the error
        logging.getLogger(__name__).debug("cannot preload story %s", _path, exc_info=True)


def _in_fork_server() -> bool:
    """Whether this import runs inside multiprocessing's fork server (its main() preloads
    us), rather than in a test or a script that imports the module."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is forkserver.main.__code__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


# The fork server ends when the crawl process does. An orderly interpreter shutdown
# would then free every object the preload built, one at a time: about 0.1 s during
# which the server still holds the crawl's stdout and stderr, so whoever reads the
# crawl's output (cron, a script, subprocess.run) waits for it. The server has nothing
# to flush but those two streams, and its workers never run exit handlers (they leave
# through os._exit), so it ends at once.
# What the preload built lives as long as the workers forked from here: frozen, their
# collectors never walk it, which would cost them time and, writing to every object's
# header, copy the pages they share with this server (the gc module's advice for fork).
IN_FORK_SERVER = _in_fork_server()
if IN_FORK_SERVER:
    tuning.exit_at_once()
    tuning.freeze_long_lived()
