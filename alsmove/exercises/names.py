"""An exercise's name in the page's language, for rows that stored the English name.

A routine's items, today's session and the logs keep the name an exercise had when they
were made (and the slug that finds it); pages show the name in the active language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from alsmove.content_translations import name_in_language


def exercise_name(item: Any) -> str:
    """`item` is a row with `exercise` (the slug) and `name` (as stored), or an object
    with those attributes."""
    if isinstance(item, dict):
        slug, name = item.get("exercise"), item.get("name", "")
    else:
        slug, name = getattr(item, "exercise", None), getattr(item, "name", "")
    english = str(name or slug or "")
    return name_in_language("exercises", str(slug), english, get_language()) if slug else english
