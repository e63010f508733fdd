"""Units as concepts: a dossier says ``unit = "duration"`` or ``"distance"``, a language
says which of its words name which unit of which concept, and figures convert to the
concept's base unit before they are compared ("286 days" against "about eight days",
"800 km" against "500 miles").

A concept not listed here is a *count* of things ("gpu", "jobs", "vehicles"): its
words come from the language tables or the dossier, with factor 1.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["BASE_UNITS", "COUNT_CONCEPTS", "MEASURE_CONCEPTS", "is_concept"]

#: Measures and their base unit; the languages give each word's factor to it.
BASE_UNITS: Mapping[str, str] = {
    "duration": "day",
    "distance": "km",
    "mass": "kg",
    "power": "MW",
    "area": "m2",
    "speed": "km/h",
    "energy": "MWh",
    "percent": "%",
}

MEASURE_CONCEPTS = frozenset(BASE_UNITS)

#: Counts of things that news names with a few ordinary words in every language.
COUNT_CONCEPTS = frozenset(
    {
        "gpu",  # GPUs, chips, accelerators, graphics cards
        "jobs",  # jobs, workers, employees
        "vehicles",  # vehicles, cars, trucks, units delivered
        "orders",  # orders, reservations, pre-orders
        "people",  # people, residents, passengers
        "homes",  # homes, households
        "plants",  # plants, factories, fabs
        "customers",  # customers, users, subscribers
    }
)


def is_concept(name: str) -> bool:
    """Whether ``name`` is a unit concept the languages know."""
    return name in MEASURE_CONCEPTS or name in COUNT_CONCEPTS
