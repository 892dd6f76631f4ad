"""An empty form's fields, drawn once per state of everything they are drawn from.

Drawing a form's fields (labels, widgets, each radio option) through Django's form
templates cost about as much as the rest of a plain page (docs/performance.md). A form
that was not sent (no answers, no errors) draws the same fields for the same inputs, so
they are kept under a key that holds every input of that drawing: the form's class and
settings, and for each field its kind, words, flags, widget (every attribute it carries)
and shown value. A form that reads the database for its choices (a model choice field)
or a field marked `drawn_fresh` (a new client id for every form shown), or was sent, is
drawn every time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django import forms
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.functional import Promise

from alsmove.kept import Kept

_KEPT: Kept[str] = Kept(size=512)


def _frozen(value: Any) -> Hashable:
    """A value as a key: words in the page's language, containers item by item, anything
    else by its type and repr (an object without its own repr shows its address, so it
    only ever matches itself: never kept wrongly, at worst not found again)."""
    if isinstance(value, Promise):
        return ("words", str(value))
    if isinstance(value, str | int | float | bool | None):
        return (type(value).__name__, value)
    if isinstance(value, list | tuple):
        return ("items", tuple(_frozen(item) for item in value))
    if isinstance(value, dict):
        return ("map", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    return (type(value).__module__, type(value).__qualname__, repr(value))


def _attributes(thing: Any, skip: frozenset[str] = frozenset()) -> Hashable:
    """An instance's class (which names its templates) and every attribute it holds."""
    parts = sorted(
        (name, _frozen(value)) for name, value in vars(thing).items() if name not in skip
    )
    return (type(thing).__module__, type(thing).__qualname__, tuple(parts))


# Never drawn: the checks on an answer and the words of its errors (an empty form has none).
_NOT_DRAWN = frozenset({"validators", "error_messages", "widget"})


def _field_key(form: forms.BaseForm, name: str, field: forms.Field) -> Hashable | None:
    if isinstance(field, forms.ModelChoiceField) or getattr(field, "drawn_fresh", False):
        return None  # its choices are a query, or its value is new for every form shown
    return (
        name,
        _attributes(field, _NOT_DRAWN),  # label, help, choices, flags, initial...
        _attributes(field.widget),  # attrs, choices, format, input type...
        _frozen(form[name].value()),
    )


def form_key(form: forms.BaseForm) -> Hashable | None:
    """Everything an empty form's fields are drawn from; None when it may not be kept."""
    if form.is_bound or form.errors:
        return None
    fields = []
    for name, field in form.fields.items():
        key = _field_key(form, name, field)
        if key is None:
            return None
        fields.append(key)
    return (
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        _frozen(form.auto_id),
        _frozen(form.label_suffix),
        form.use_required_attribute,
        getattr(form, "error_css_class", None),
        getattr(form, "required_css_class", None),
        type(form.renderer).__qualname__,
        translation.get_language(),
        get_script_prefix(),
        tuple(fields),
    )


def drawn(form: forms.BaseForm, draw: Callable[[], str]) -> str:
    """`draw()`, kept for an empty form under `form_key`; drawn anew for any other."""
    key = form_key(form)
    if key is None:
        return draw()
    return _KEPT.get_or_make(key, draw)


def clear() -> None:
    _KEPT.clear()
