"""The planner's reasons in the reader's words: the sentence translated, its dates in the
reader's date format and its names (ALSFRS-R titles, signs) translated too. The core
keeps dates as ISO strings and names in English so that a stored message stays stable."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext

from alsmove.core import equipment as core
from alsmove.core.i18n import Message
from alsmove.formats import say

# What a reader who chose not to see the forecast is not shown for a "soon" item: the
# estimated months (the start-by date stays).
FORECAST_RULES = frozenset({core.RULE_SOON, core.RULE_ITEM_RATE, core.RULE_START_BY})

NAME_PARAMS = frozenset({"title", "signs", "field", "value"})


def show_date(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value is not None else ""


def _param(key: str, value: str | int | float) -> str | int | float:
    if key in NAME_PARAMS and isinstance(value, str) and value:
        return gettext(value)
    return value


def render(message: Message) -> str:
    # Its days (ISO strings) and numbers are written the reader's way by `say`.
    return say(Message(message.text, {k: _param(k, v) for k, v in message.params.items()}))
