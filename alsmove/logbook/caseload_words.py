"""The caseload page's rows, put in words and links: only the page shown (40 people).

Made here rather than by template tags: a `{% url %}` and a `{% blocktranslate %}` for
each of a row's five links cost the page most of its time (about a quarter of a
millisecond a row). The words are the template's own (the same msgids, so the same
translations); the addresses are reversed once per page and filled in per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alsmove.logbook.attention import NEW_ALERTS, CaseloadRow

_PK = 2147483647  # stands for the record's id in an address reversed once per page


@dataclass(frozen=True)
class ShownRow:
    row: CaseloadRow
    alert: bool  # new alerts: the row is marked and its alerts button is the primary one
    name: str
    reasons: list[str]
    last_log: str
    overview_url: str
    alerts_url: str
    alerts_label: SafeString
    trends_url: str
    trends_label: SafeString
    progress_url: str
    progress_label: SafeString
    review_url: str  # "" when no routine waits for this reader's review
    review_label: SafeString


def _addresses() -> dict[str, str]:
    names = ("patients:overview", "logbook:alerts", "logbook:trends", "assessments:progress")
    return {name: reverse(name, args=[_PK]) for name in (*names, "routines:review")}


def _with_name(text: str, name: str) -> SafeString:
    # The text is ours (a msgid and its translation, with a hidden span for screen
    # readers); only the name comes from a person, and it is escaped.
    return mark_safe(text % {"name": name})  # noqa: S308


def shown_rows(rows: Iterable[CaseloadRow]) -> list[ShownRow]:
    addresses = _addresses()
    placeholder = str(_PK)
    # Each sentence translated once per page, each day written once.
    trends = _('Sessions and trends<span class="visually-hidden"> for %(name)s</span>')
    progress = _('Function and progress<span class="visually-hidden"> for %(name)s</span>')
    review = _('Review the routine<span class="visually-hidden"> for %(name)s</span>')
    alerts = _('Alerts<span class="visually-hidden"> for %(name)s</span>')
    never = _("No session logged yet.")
    days: dict[Any, str] = {}

    def day(value: Any) -> str:
        if value not in days:
            days[value] = date_format(value, "DATE_FORMAT")
        return days[value]

    shown = []
    for row in rows:
        pk = str(row.pk)
        url = {name: address.replace(placeholder, pk) for name, address in addresses.items()}
        name = escape(row.name)
        if row.open_alerts:
            alerts_label = mark_safe(  # noqa: S308
                ngettext(
                    '%(count)s new alert<span class="visually-hidden"> for %(name)s</span>',
                    '%(count)s new alerts<span class="visually-hidden"> for %(name)s</span>',
                    row.open_alerts,
                )
                % {"count": row.open_alerts, "name": name}
            )
        else:
            alerts_label = _with_name(alerts, name)
        last_log = (
            _("Last session logged: %(day)s.") % {"day": day(row.last_log)}
            if row.last_log
            else never
        )
        shown.append(
            ShownRow(
                row=row,
                alert=row.rank == NEW_ALERTS,
                name=row.name,
                reasons=row.reasons,
                last_log=last_log,
                overview_url=url["patients:overview"],
                alerts_url=url["logbook:alerts"],
                alerts_label=alerts_label,
                trends_url=url["logbook:trends"],
                trends_label=_with_name(trends, name),
                progress_url=url["assessments:progress"],
                progress_label=_with_name(progress, name),
                review_url=url["routines:review"] if row.pending_review else "",
                review_label=_with_name(review, name) if row.pending_review else SafeString(""),
            )
        )
    return shown
