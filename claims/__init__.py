"""Claims: story dossiers, entity matching, stance rules and claim status.

Pure: no database, no network, no clock (times are parameters), deterministic.
"""

from .compiled import warm_up
from .dossier import (
    Claim,
    DossierError,
    Entity,
    Story,
    builtin_story_names,
    builtin_story_path,
    load_story,
    parse_story,
    story_fingerprint,
)
from .evidence import ENGINE_VERSION, Evidence, RuleClassifier, StanceClassifier, analyse
from .matching import EntityCounts, is_relevant, match_entities
from .status import STATUSES, claim_status

__all__ = [
    "ENGINE_VERSION",
    "STATUSES",
    "Claim",
    "DossierError",
    "Entity",
    "EntityCounts",
    "Evidence",
    "RuleClassifier",
    "StanceClassifier",
    "Story",
    "analyse",
    "builtin_story_names",
    "builtin_story_path",
    "claim_status",
    "is_relevant",
    "load_story",
    "match_entities",
    "parse_story",
    "story_fingerprint",
    "warm_up",
]
