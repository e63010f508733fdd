"""Analysis of a text for every watched story: the one use case behind every evidence row.

The crawl's extraction workers call it on each page they extract, and
re-analysis (``scheduler.analysis.analyse_pending``, a distributed worker's
analysis job) on stored articles: one route, whoever calls. Plain data in
and out (``storage.records``): no ORM, no Scrapy, so it runs in the crawl's
worker processes as it is.
"""

from __future__ import annotations

from datetime import datetime

from claims.document import Document
from claims.dossier import Story
from claims.evidence import analyse_document
from claims.index import StoryIndex
from claims.matching import entity_counts, is_relevant
from storage.records import EvidenceRecord, StoryAnalysis

_INDEX: tuple[tuple[Story, ...], StoryIndex] | None = None


def story_index(stories: tuple[Story, ...]) -> StoryIndex:
    """The one matcher over these stories' names, built once per tuple of stories.

    Every page is asked which stories it may be about in one scan, whatever their
    number; only those go on to the per-story matcher and rules.
    """
    global _INDEX
    if _INDEX is None or _INDEX[0] is not stories:
        _INDEX = (stories, StoryIndex(stories))
    return _INDEX[1]


def analyse_text(
    stories: tuple[Story, ...],
    title: str | None,
    body: str,
    language: str | None,
    published: datetime | None,
    *,
    need_entities: bool = True,
) -> list[StoryAnalysis]:
    """Entities, relevance and evidence of one text for every story.

    ``need_entities=False``: the entities of a text that cannot be relevant are not
    wanted (it will only be remembered as seen), so the matcher is skipped for it.
    """
    out: list[StoryAnalysis] = []
    maybe = None
    if not need_entities:
        maybe = set(story_index(stories).candidate_indices(f"{title or ''}\n{body}"))
    for i, story in enumerate(stories):
        if maybe is not None and i not in maybe:
            out.append(StoryAnalysis(story.id, False, {}, []))
            continue
        # one Document for matching and rules: the entity scan is cached on it
        doc = Document(title or "", body, language, published)
        ents = entity_counts(story, doc)
        relevant = is_relevant(story, ents)
        evidence: list[EvidenceRecord] = []
        if relevant:
            evidence = [
                EvidenceRecord(e.claim_id, e.stance, e.quote, e.value, e.rule, e.confidence, e.classifier)
                for e in analyse_document(story, doc)
            ]
        # a plain dict: the crawl process unpickles this, and an EntityCounts would import
        # the claims engine there (70 ms of its start, and compiled patterns it never uses)
        out.append(StoryAnalysis(story.id, relevant, dict(ents), evidence))
    return out
