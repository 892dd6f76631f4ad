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
def get(mapping: Any, key: Any) -> Any:
    if isinstance(mapping, dict):
        return mapping.get(key, mapping.get(str(key)))
    return None
