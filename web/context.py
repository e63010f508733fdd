"""What the web app is given by the composition root (scheduler/serve.py): it imports no
scheduler code, so the board's rules (claim_board, status changes) come in as callables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from claims.dossier import Story

#: (session, story, as_of, min_confidence) -> the claims JSON of `followup claims`
BoardFn = Callable[[Session, Story, datetime, float], dict[str, Any]]


@dataclass
class WebContext:
    read: sessionmaker[Session]
    write: sessionmaker[Session]
    stories: Sequence[Story]
    story_rows: Sequence[Mapping[str, Any]]  # `followup stories --format json`
    board: BoardFn
    token: str  # empty: reviews are off
    clock: Callable[[], datetime]
    after_review: Callable[[], None]  # records the status changes a verdict caused

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)
