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
from pathlib import Path

from claims.compiled import warm_up as warm_story
from claims.dossier import load_story
from crawler import feeds, sitemaps, worker  # noqa: F401  (extraction, claims; feeds may parse here)
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
