"""The CPU-heavy part of a crawl, run in worker processes: extract, fingerprint, match, analyse.

Scrapy's reactor thread only downloads and writes; parsing a 50–100 KB page
with trafilatura costs several milliseconds, so it runs here, in a process
pool, on plain picklable data.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import time
from pathlib import Path

from analysis.stories import analyse_text, story_index
from claims.compiled import warm_up as warm_story
from claims.dossier import Story, load_story
from crawler.extraction import decode_html, extract_article
from crawler.jobs import PageJob, PageResult
from crawler.urls import canonicalize_url, is_http_url, url_hash
from storage import dedup
from storage.records import ArticleData

_STORIES: tuple[Story, ...] = ()
_KEEP_UNMATCHED = False


def init_worker(story_paths: tuple[str, ...], keep_unmatched: bool = False) -> None:
    """Load the dossiers once per worker process."""
    import logging

    from crawler.extraction import warm_up

    global _STORIES, _KEEP_UNMATCHED
    _KEEP_UNMATCHED = keep_unmatched
    # trafilatura warns about every short page; the pipeline counts those outcomes itself
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    warm_up()  # a no-op after crawler.preload ran in the fork server
    _STORIES = tuple(load_story(Path(p)) for p in story_paths)
    for story in _STORIES:
        warm_story(story)  # compile the dossier's patterns once, not on the first page
    story_index(_STORIES)


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def skipped_page(job: PageJob, text: str) -> PageResult:
    """A page no story can be about: what remembering it as seen needs, without extraction."""
    canonical = canonicalize_url(job.url)
    m = _TITLE.search(text, 0, 20_000)
    title = job.title_hint or (html.unescape(" ".join(m.group(1).split()))[:500] if m else None)
    return PageResult(
        ArticleData(
            url=job.url,
            canonical_url=canonical,
            url_hash=url_hash(canonical),
            title=title,
            author=None,
            published=job.published_hint or job.fetched,
            language=job.language_hint,
            body="",
            description=None,
            content_hash="",
            fetched=job.fetched,
            source_id=job.source_id,
        )
    )


def process_page(
    job: PageJob, stories: tuple[Story, ...] | None = None, keep_unmatched: bool | None = None
) -> PageResult:
    """Turn a downloaded page into everything the pipeline stores.

    Most pages of a general news feed are about none of the stories: when the
    page's text cannot name any story's anchor entity (claims.index.StoryIndex),
    extraction is skipped and the page is only remembered as seen.
    """
    stories = _STORIES if stories is None else stories
    keep = _KEEP_UNMATCHED if keep_unmatched is None else keep_unmatched
    text = decode_html(job.body, job.content_type)
    index = story_index(stories)
    if not keep and stories and not index.any_candidate(text):
        return skipped_page(job, text)
    wanted = None
    if not keep and stories:
        # the article's own block cannot be relevant: no trafilatura, no body (seen only)
        wanted = index.any_candidate

    ex = extract_article(text, job.url, job.content_type, job.language_hint, wanted)
    # The row is keyed on the fetched URL; a rel=canonical naming another page is kept as a
    # duplicate hint only: syndicated copies declare the original as canonical, and a hostile
    # page must never be able to overwrite another article's row by claiming its URL.
    canonical = canonicalize_url(job.url)
    hint: str | None = None
    if ex.canonical_url and ex.canonical_url != job.url and is_http_url(ex.canonical_url):
        declared = canonicalize_url(ex.canonical_url)
        if declared != canonical:
            hint = url_hash(declared)
    title = ex.title or job.title_hint
    # an undated page counts as published when first fetched: listings and the claim board need a date
    published = ex.published or job.published_hint or job.fetched
    if (
        ex.published is not None
        and job.published_hint is not None
        and ex.published.time() == time(0, 0)
        and ex.published.date() == job.published_hint.date()
    ):
        published = job.published_hint  # the page gave the day only; the feed the time too
    language = ex.language or job.language_hint
    body = ex.body or ""
    content_hash = hashlib.sha256(((title or "") + "\n" + body).encode("utf-8")).hexdigest()
    analyses = (
        analyse_text(stories, title, body, language, published, need_entities=keep) if body else []
    )
    relevant_to = [a.story_id for a in analyses if a.relevant]
    fp_blob: bytes | None = None
    bands: list[int] = []
    # the fingerprint finds near-duplicates among stored articles: a page only
    # remembered as seen needs none
    if len(body) >= 200 and (relevant_to or keep):
        fp = dedup.fingerprint(body)
        fp_blob = dedup.fingerprint_to_bytes(fp)
        bands = list(dedup.band_keys(fp))
    return PageResult(
        ArticleData(
            url=job.url,
            canonical_url=canonical,
            url_hash=url_hash(canonical),
            title=title,
            author=ex.author or job.author_hint,
            published=published,
            language=language,
            body=body,
            description=ex.description,
            content_hash=content_hash,
            fetched=job.fetched,
            source_id=job.source_id,
            fingerprint=fp_blob,
            band_keys=bands,
            duplicate_hint=hint,
        ),
        analyses=analyses,
        relevant_to=relevant_to,
    )
