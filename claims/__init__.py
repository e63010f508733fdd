"""Claims: story dossiers, entity matching, stance rules and claim status.

Pure: no database, no network, no clock (times are parameters), deterministic.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Names resolve on first use (PEP 562): the crawl process only needs the dossier
# loader, and importing the rules and their compiled lexicons costs ~0.3 s.
_HOMES = {
    "warm_up": "compiled",
    "Claim": "dossier",
    "DossierError": "dossier",
    "Entity": "dossier",
    "Story": "dossier",
    "builtin_story_names": "dossier",
    "builtin_story_path": "dossier",
    "load_story": "dossier",
    "parse_story": "dossier",
    "story_fingerprint": "dossier",
    "ENGINE_VERSION": "version",
    "Evidence": "evidence",
    "RuleClassifier": "stance",
    "StanceClassifier": "evidence",
    "analyse": "evidence",
    "EntityCounts": "matching",
    "is_relevant": "matching",
    "match_entities": "matching",
    "STATUSES": "status",
    "claim_status": "status",
}

if TYPE_CHECKING:
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
    from .evidence import Evidence, StanceClassifier, analyse
    from .matching import EntityCounts, is_relevant, match_entities
    from .stance import RuleClassifier
    from .status import STATUSES, claim_status
    from .version import ENGINE_VERSION


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


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
