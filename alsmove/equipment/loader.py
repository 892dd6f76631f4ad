"""Reads the equipment catalogue from `content/*.yaml` and validates every item.

Plain Python (no Django), like the exercise library's and the resources' loaders: the
command line and the content tests use it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alsmove import content_files
from alsmove.core.equipment_catalogue import CatalogueItem

CONTENT_DIR = Path(__file__).parent / "content"


class CatalogueError(ValueError):
    """A catalogue file is malformed; the message names the file and the item."""


def load_file(path: Path) -> list[CatalogueItem]:
    return content_files.load_file(path, CatalogueItem, CatalogueError, "equipment items")


def load_catalogue(directory: Path = CONTENT_DIR) -> tuple[CatalogueItem, ...]:
    """Every item in the folder, in file order; ids unique across files."""
    items = content_files.load_folder(directory, CatalogueItem, CatalogueError, "equipment items")
    return tuple(items)


@cache
def default_catalogue() -> tuple[CatalogueItem, ...]:
    return load_catalogue()
