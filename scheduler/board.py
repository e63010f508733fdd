"""The claim board: each claim's status as of a date, with the evidence behind it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from claims.dossier import Story
from claims.status import claim_status
from storage.queries import claim_evidence

VERDICTS = ("supports", "contradicts", "updates")


def claim_board(
    session: Session, story: Story, as_of: datetime, min_confidence: float = 0.0
) -> dict[str, Any]:
    """The JSON shape of `followup claims --format json` (interface.md).

    Evidence whose confidence is below ``min_confidence`` is left out of the list and
    of the status alike: a board that hides a verdict must not count it either. A
    reviewer's verdict replaces the engine's ``stance`` (the engine's stays in
    ``engine_stance``) and is never hidden.
    """
    rows = {r.id: r for r in claim_evidence(session, story.id, as_of)}
    claims_out = []
    for claim in story.claims:
        row = rows.get(claim.id)
        # a reviewed verdict is a person's, not a guess: no confidence floor hides it
        evidence = [
            e for e in (row.evidence if row else []) if e.reviewed or e.confidence >= min_confidence
        ]
        status = claim_status(claim, [(e.stance, e.published) for e in evidence], as_of)
        counts = {v: sum(1 for e in evidence if e.stance == v) for v in (*VERDICTS, "mentions")}
        claims_out.append(
            {
                "id": claim.id,
                "text": claim.text,
                "kind": claim.kind,
                "deadline": claim.deadline.isoformat() if claim.deadline else None,
                "status": status,
                "counts": counts,
                "evidence": [
                    {
                        "id": e.id,
                        "article_id": e.article_id,
                        "url": e.url,
                        "title": e.title,
                        "published": e.published.isoformat() if e.published else None,
                        "language": e.language,
                        "stance": e.stance,
                        "quote": e.quote,
                        "value": e.value,
                        "rule": e.rule,
                        "confidence": round(e.confidence, 3),
                        "classifier": e.classifier,
                        "engine_stance": e.engine_stance,
                        "reviewed": {"stance": e.stance, "at": e.reviewed_at.isoformat()}
                        if e.reviewed_at
                        else None,
                    }
                    for e in evidence
                ],
            }
        )
    return {"story": story.id, "as_of": as_of.isoformat(), "claims": claims_out}
