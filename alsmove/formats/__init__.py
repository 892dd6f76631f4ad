"""Dates, times, numbers and the names of the days in the page's language.

`config.settings.FORMAT_MODULE_PATH` points here: `en/formats.py` gives English the
product's own day-month-year order ("2 December 2026"); Spanish and German use Django's
formats for their locale ("2 de diciembre de 2026", "2. Dezember 2026"). Templates and
code name a format (`DATE_FORMAT`, `SHORT_DATE_FORMAT`, ...), never write one, so every
language gets its own.

`say` renders a core Message (or one stored as {text, params}) in the active language,
with its numbers and days written that language's way (0,9 and "2. Dezember 2026" in
German; 0.9 and "2 December 2026" in English). It is the one renderer of messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol, runtime_checkable

from django import forms
from django.utils.dates import MONTHS_3
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, gettext_lazy

from alsmove.core.i18n import Message


def local_number(value: float) -> str:
    return number_format(value, use_l10n=True)


def local_day(iso: str) -> str:
    try:
        return date_format(date.fromisoformat(iso), "DATE_FORMAT")
    except ValueError:
        return iso


def month_abbreviations() -> list[str]:
    """January to December, short, in the active language ("Jan", "Ene", "Jan"), for the
    charts' time axes."""
    return [str(MONTHS_3[month]).capitalize() for month in range(1, 13)]


# The days of the week, Monday first (0, as in date.weekday()), for the routine's week,
# reminders and every form that picks days; translated when shown.
WEEKDAYS = [
    (0, gettext_lazy("Monday")),
    (1, gettext_lazy("Tuesday")),
    (2, gettext_lazy("Wednesday")),
    (3, gettext_lazy("Thursday")),
    (4, gettext_lazy("Friday")),
    (5, gettext_lazy("Saturday")),
    (6, gettext_lazy("Sunday")),
]
WEEKDAY_NAMES = [name for _number, name in WEEKDAYS]


def as_message(stored: Any) -> Message | None:
    """A core Message, or one stored as {text, params}; None for anything else."""
    if isinstance(stored, Message):
        return stored
    if isinstance(stored, dict) and "text" in stored:
        return Message(str(stored["text"]), stored.get("params") or {})
    return None


@runtime_checkable
class Renderable(Protocol):
    """A core Message, or a core value built on one (the FHIR import's Problem and
    Skipped, which add the entry's number)."""

    def render(
        self,
        translate: Callable[[str], str] = ...,
        number: Callable[[float], str] = ...,
        day: Callable[[str], str] = ...,
    ) -> str: ...


def say(stored: Any) -> str:
    """The sentence in the active language; "" when nothing is stored. A translation with
    a broken placeholder falls back to the English, so a catalogue slip never breaks a
    page or an answer."""
    message = stored if isinstance(stored, Renderable) else as_message(stored)
    if message is None:
        return ""
    try:
        return message.render(gettext, number=local_number, day=local_day)
    except (KeyError, IndexError, ValueError):
        return message.render(number=local_number, day=local_day)


class DateInput(forms.DateInput):
    """A browser's date picker. Its value is always ISO (YYYY-MM-DD), whatever the page's
    language: a German or Spanish date ("02.12.2026") in it would show an empty field,
    and saving the form would then lose the date already kept."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
