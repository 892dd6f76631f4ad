"""Reads the Resources section from `content/*.yaml` and validates every entry.

Plain Python (no Django), like the exercise library's loader: the content tests use it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alsmove import content_files
from alsmove.core.resources import Resource

CONTENT_DIR = Path(__file__).parent / "content"


class ResourceError(ValueError):
    """A resource file is malformed; the message names the file and the entry."""


def load_file(path: Path) -> list[Resource]:
    return content_files.load_file(path, Resource, ResourceError, "resources")


def load_resources(directory: Path = CONTENT_DIR) -> tuple[Resource, ...]:
    """Every entry in the folder, sorted by id; ids unique, related ids must exist."""
    resources = content_files.load_folder(directory, Resource, ResourceError, "resources")
    ids = {resource.id for resource in resources}
    for resource in resources:
        missing = [r for r in resource.related if r not in ids]
        if missing:
            raise ResourceError(f"{resource.id}: related entries not found: {missing}")
    return tuple(sorted(resources, key=lambda r: r.id))


@cache
def default_resources() -> tuple[Resource, ...]:
    return load_resources()
