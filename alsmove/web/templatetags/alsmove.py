"""Template helpers: render the core's translatable messages stored as {text, params}."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from django import template
from django.conf import settings

from alsmove.exercises.names import exercise_name, steps_today
from alsmove.formats import say
from alsmove.patients.clock import zone_for

register = template.Library()


@register.filter
def message(value: Any) -> str:
    """{text, params} (as stored from a core Message) -> the translated sentence."""
    return say(value)


@register.filter
def get(container: Any, key: Any) -> Any:
    """container[key] for a dict (int or str key) or a list (int index); None if absent."""
    if isinstance(container, dict):
        return container.get(key, container.get(str(key)))
    if isinstance(container, (list, tuple)):
        try:
            return container[int(key)]
        except (IndexError, ValueError, TypeError):
            return None
    return None


@register.filter
def clock_of(patient: Any) -> tzinfo | None:
    """The time zone a record's pages show times in: the person's own (None, the server's,
    on pages about no record). Used as `{% timezone patient|clock_of %}` in the layout."""
    if not hasattr(patient, "time_zone"):
        return None
    return zone_for(patient)


@register.filter(name="exercise_name")
def exercise_name_filter(item: Any) -> str:
    """The exercise's name in the page's language (see alsmove.exercises.names)."""
    return exercise_name(item)


@register.simple_tag
def own_language_names() -> list[tuple[str, str]]:
    """Each language by its own name ("Deutsch", never "German" or "Alemán"): Django's
    get_available_languages translates the names into the page's language."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


@register.filter(name="steps_today")
def steps_today_filter(item: Any) -> list[str]:
    """A routine item's steps in the page's language (see alsmove.exercises.names)."""
    return steps_today(item)
