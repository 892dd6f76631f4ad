"""Reads the Resources section from `content/*.yaml` and validates every entry.

Plain Python (no Django), like the exercise library's loader: the content tests use it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from alsmove.core.resources import Resource

CONTENT_DIR = Path(__file__).parent / "content"


class ResourceError(ValueError):
    """A resource file is malformed; the message names the file and the entry."""


def load_file(path: Path) -> list[Resource]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ResourceError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(raw, list):
        raise ResourceError(f"{path.name}: expected a list of resources")
    resources = []
    for index, entry in enumerate(raw):
        label = entry.get("id", f"entry {index + 1}") if isinstance(entry, dict) else index + 1
        try:
            resources.append(Resource.model_validate(entry))
        except ValidationError as error:
            raise ResourceError(f"{path.name}: {label}: {error}") from error
    return resources


def load_resources(directory: Path = CONTENT_DIR) -> tuple[Resource, ...]:
    """Every entry in the folder, sorted by id; ids unique, related ids must exist."""
    seen: dict[str, str] = {}
    resources: list[Resource] = []
    for path in sorted(directory.glob("*.yaml")):
        for resource in load_file(path):
            if resource.id in seen:
                raise ResourceError(
                    f"{path.name}: id {resource.id!r} is already used in {seen[resource.id]}"
                )
            seen[resource.id] = path.name
            resources.append(resource)
    for resource in resources:
        missing = [r for r in resource.related if r not in seen]
        if missing:
            raise ResourceError(f"{resource.id}: related entries not found: {missing}")
    return tuple(sorted(resources, key=lambda r: r.id))


@cache
def default_resources() -> tuple[Resource, ...]:
    return load_resources()
