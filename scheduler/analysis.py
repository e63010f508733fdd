"""Analysis of stored articles that are new, changed, or whose story dossier changed."""

from __future__ import annotations

from datetime import datetime

from claims.dossier import Story
from scheduler.app import Database
from storage.engine import transaction
from storage.repository import articles_needing_analysis, replace_analysis


def analyse_pending(db: Database, stories: list[Story], *, now: datetime, batch: int = 200) -> int:
    """Recompute entities, relevance and evidence where needed; returns how many articles."""
    done = 0
    last_id = 0
    stories_t = tuple(stories)
    while True:
        with transaction(db.factory) as session:
            arts = articles_needing_analysis(session, limit=batch, after_id=last_id)
            if not arts:
                return done
            # the matcher and the rules load only when there is something to analyse
            from analysis.stories import analyse_text

            for art in arts:
                analyses = analyse_text(stories_t, art.title, art.body, art.language, art.published)
                replace_analysis(session, art.id, analyses, art.published, now)
                last_id = art.id
                done += 1
