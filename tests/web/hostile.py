"""A hostile article written straight into the database: script tags, javascript: links and
event-handler attributes in its title, body, author, URL and quote."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select

from storage.engine import make_engine, make_session_factory, transaction
from storage.models import Source
from storage.records import ArticleData, EvidenceRecord, StoryAnalysis
from storage.repository import replace_analysis, upsert_article

MARK = "Hostile Grok"
TITLE = (
    f'{MARK} <script>window.__pwned="title"</script><img src=x onerror="window.__pwned=\'img\'">'
)
AUTHOR = "<svg onload=\"window.__pwned='author'\"></svg><b onmouseover=alert(1)>Eve</b>"
URL = "javascript:window.__pwned='url'//\"><script>window.__pwned='url2'</script>"
BODY = (
    "xAI and Colossus. <script>window.__pwned='body'</script> "
    "<a href=\"javascript:window.__pwned='link'\">click</a> <img src=x onerror=alert('body')>"
)
QUOTE = "<script>alert('quote')</script><iframe src=\"javascript:alert(1)\"></iframe> Colossus"
PUBLISHED = datetime(2024, 8, 20, 9, tzinfo=UTC)


def insert_hostile(
    db_url: str, *, story: str = "xai-supercomputer", claim: str = "gpu-count"
) -> int:
    """Store it as an article about ``story`` with a `mentions` evidence on ``claim`` (no
    verdict, so no status moves); returns its id."""
    engine = make_engine(db_url)
    f = make_session_factory(engine)
    try:
        with transaction(f) as s:
            source_id = s.scalar(select(Source.id).order_by(Source.id).limit(1))
            data = ArticleData(
                url=URL,
                canonical_url=URL,
                url_hash=hashlib.sha256(URL.encode()).hexdigest()[:32],
                title=TITLE,
                author=AUTHOR,
                published=PUBLISHED,
                language="en",
                body=BODY,
                description=None,
                content_hash=hashlib.sha256(BODY.encode()).hexdigest(),
                fetched=PUBLISHED,
                source_id=source_id,
            )
            aid = upsert_article(s, data).article_id
            analysis = StoryAnalysis(
                story, True, {"xai": 1, "colossus": 1},
                [EvidenceRecord(claim, "mentions", QUOTE, None, "hostile <b>rule</b>")],
            )  # fmt: skip
            replace_analysis(s, aid, [analysis], PUBLISHED, PUBLISHED, fresh=True)
        return aid
    finally:
        engine.dispose()
