"""The planner's reasons in the reader's words: the sentence translated, its dates in the
reader's date format and its names (ALSFRS-R titles, signs) translated too. The core
keeps dates as ISO strings and names in English so that a stored message stays stable."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext

from alsmove.core import equipment as core
from alsmove.core.i18n import Message

# What a reader who chose not to see the forecast is not shown for a "soon" item: the
# estimated months (the start-by date stays).
FORECAST_RULES = frozenset({core.RULE_SOON, core.RULE_ITEM_RATE, core.RULE_START_BY})

DATE_PARAMS = frozenset({"day", "need", "start", "earliest", "latest"})
NAME_PARAMS = frozenset({"title", "signs", "field", "value"})
DATE_FORMAT = "j F Y"  # as every page shows a date


def show_date(value: date | None) -> str:
    return date_format(value, DATE_FORMAT) if value is not None else ""


def _param(key: str, value: str | int | float) -> str | int | float:
    if not isinstance(value, str) or not value:
        return value
    if key in DATE_PARAMS:
        try:
            return show_date(date.fromisoformat(value))
        except ValueError:
            return value
    if key in NAME_PARAMS:
        return gettext(value)
    return value


def render(message: Message) -> str:
    params = {key: _param(key, value) for key, value in message.params.items()}
    try:
        return gettext(message.text).format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not break the page.
        return message.text.format(**params)
