"""Imported once by the extraction workers' fork server (see crawler.pipelines).

Everything heavy that does not depend on the crawl — trafilatura, lxml,
dateparser, the language model — is loaded here, before the workers are
forked, so each worker starts at once and shares those pages with the
others instead of holding its own copy.
"""

from __future__ import annotations

import logging

from crawler import worker  # noqa: F401  (imports extraction, claims, storage.dedup)
from crawler.extraction import warm_up

logging.getLogger("trafilatura").setLevel(logging.ERROR)
warm_up()
