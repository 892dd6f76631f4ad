"""Reads the caregiver skills from `content/*.yaml` and validates every entry.

Plain Python (no Django), like the exercise library's and the resources' loaders: the
content tests use it. A skill may name related exercises; they must be in the library.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alsmove import content_files
from alsmove.core.caregiving import Skill, unknown_exercises
from alsmove.exercises.loader import default_library

CONTENT_DIR = Path(__file__).parent / "content"


class SkillError(ValueError):
    """A skill file is malformed; the message names the file and the skill."""


def load_file(path: Path) -> list[Skill]:
    return content_files.load_file(path, Skill, SkillError, "skills")


def load_skills(directory: Path = CONTENT_DIR) -> tuple[Skill, ...]:
    """Every skill in the folder, in file order (the order a helper learns them); ids
    unique, related exercises must exist in the library."""
    skills = content_files.load_folder(directory, Skill, SkillError, "skills")
    library = frozenset(exercise.id for exercise in default_library())
    for skill in skills:
        missing = unknown_exercises(skill, library)
        if missing:
            raise SkillError(f"{skill.id}: related exercises not in the library: {list(missing)}")
    return tuple(skills)


@cache
def default_skills() -> tuple[Skill, ...]:
    return load_skills()
