"""An exercise's name in the page's language, for rows that stored the English name.

A routine's items, today's session and the logs keep the name an exercise had when they
were made (and the slug that finds it); pages show the name in the active language.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.translation import get_language

from alsmove.content_translations import in_language, name_in_language
from alsmove.core.library import Exercise, Position
from alsmove.exercises.loader import default_library


def exercise_name(item: Any) -> str:
    """`item` is a row with `exercise` (the slug) and `name` (as stored), or an object
    with those attributes."""
    if isinstance(item, dict):
        slug, name = item.get("exercise"), item.get("name", "")
    else:
        slug, name = getattr(item, "exercise", None), getattr(item, "name", "")
    english = str(name or slug or "")
    return name_in_language("exercises", str(slug), english, get_language()) if slug else english


@cache
def _english_library() -> dict[str, Exercise]:
    return {exercise.id: exercise for exercise in default_library()}


def steps_today(item: Any) -> list[str]:
    """The steps of a routine's or today's session item in the page's language.

    The routine stores the steps for the position used, in English. While they are still
    the library's own steps for that position, they are shown in the page's language;
    steps a therapist wrote are shown as written."""
    row = item if isinstance(item, dict) else vars(item)
    slug, stored = str(row.get("exercise", "")), row.get("steps_today")
    english = _english_library().get(slug)
    if english is None or row.get("position") not in {p.value for p in english.positions}:
        return list(stored or ())
    position = Position(row["position"])
    if stored and list(stored) != list(english.steps_for(position)):
        return list(stored)
    return list(_in_language(slug, get_language() or "").steps_for(position))


@cache
def _in_language(slug: str, language: str) -> Exercise:
    """A library exercise in one language, built once per process: a routine page or a
    handout asks for it once per item, and the files it is built from do not change
    while the process runs."""
    english = _english_library()[slug]
    return Exercise.model_validate(
        in_language("exercises", english.model_dump(mode="json"), language)
    )
