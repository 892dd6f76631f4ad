"""The Resources section's search box and filters (server-side, so they work without JS)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from alsmove.core.resources import Resource

QUERY_MAX = 100


def _haystack(resource: Resource) -> str:
    return " ".join((*resource.texts(), *resource.keywords)).casefold()


def matching(resources: Iterable[Resource], query: str) -> list[Resource]:
    """The entries whose words contain every word of the query (any order, any case)."""
    words = query.casefold().split()
    if not words:
        return list(resources)
    return [r for r in resources if all(word in _haystack(r) for word in words)]


def filtered(resources: Iterable[Resource], filters: dict[str, Any]) -> list[Resource]:
    """The entries that match every filter given (an empty filter matches all)."""
    found = list(resources)
    if filters.get("topic"):
        found = [r for r in found if r.topic == filters["topic"]]
    if filters.get("stage"):
        found = [r for r in found if filters["stage"] in r.stages]
    if filters.get("audience"):
        found = [r for r in found if filters["audience"] in r.audiences]
    if filters.get("q"):
        found = matching(found, filters["q"])
    return found
