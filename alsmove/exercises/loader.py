"""Reads the exercise library from `content/*.yaml` and validates every entry.

Plain Python (no Django) so the command-line tools and the pure core's tests can use it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from alsmove.core.library import Exercise

CONTENT_DIR = Path(__file__).parent / "content"


class LibraryError(ValueError):
    """A library file is malformed; the message names the file and the exercise."""


def load_file(path: Path) -> list[Exercise]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise LibraryError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(raw, list):
        raise LibraryError(f"{path.name}: expected a list of exercises")
    exercises = []
    for index, entry in enumerate(raw):
        label = entry.get("id", f"entry {index + 1}") if isinstance(entry, dict) else index + 1
        try:
            exercises.append(Exercise.model_validate(entry))
        except ValidationError as error:
            raise LibraryError(f"{path.name}: {label}: {error}") from error
    return exercises


def load_library(directory: Path = CONTENT_DIR) -> tuple[Exercise, ...]:
    """Every exercise in the folder, sorted by id; ids must be unique across files."""
    seen: dict[str, str] = {}
    exercises: list[Exercise] = []
    for path in sorted(directory.glob("*.yaml")):
        for exercise in load_file(path):
            if exercise.id in seen:
                raise LibraryError(
                    f"{path.name}: id {exercise.id!r} is already used in {seen[exercise.id]}"
                )
            seen[exercise.id] = path.name
            exercises.append(exercise)
    return tuple(sorted(exercises, key=lambda e: e.id))


@cache
def default_library() -> tuple[Exercise, ...]:
    return load_library()
