"""Template helpers: render the core's translatable messages stored as {text, params}."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def message(value: Any) -> str:
    """{text, params} (as stored from a core Message) -> the translated sentence."""
    if not isinstance(value, dict) or "text" not in value:
        return ""
    params = value.get("params") or {}
    try:
        return gettext(value["text"]).format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not break the page.
        return str(value["text"]).format(**params)


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
