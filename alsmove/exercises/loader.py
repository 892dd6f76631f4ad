"""Reads the exercise library from `content/*.yaml` and validates every entry.

Plain Python (no Django) so the command-line tools and the pure core's tests can use it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alsmove import content_files
from alsmove.core.library import Exercise

CONTENT_DIR = Path(__file__).parent / "content"


class LibraryError(ValueError):
    """A library file is malformed; the message names the file and the exercise."""


def load_file(path: Path) -> list[Exercise]:
    return content_files.load_file(path, Exercise, LibraryError, "exercises")


def load_library(directory: Path = CONTENT_DIR) -> tuple[Exercise, ...]:
    """Every exercise in the folder, sorted by id; ids must be unique across files."""
    exercises = content_files.load_folder(directory, Exercise, LibraryError, "exercises")
    return tuple(sorted(exercises, key=lambda e: e.id))


@cache
def default_library() -> tuple[Exercise, ...]:
    return load_library()
