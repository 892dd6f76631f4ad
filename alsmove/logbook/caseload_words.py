"""The caseload page's rows, put in words and links: only the page shown (40 people),
drawn once and kept under everything it is made from (`drawn_caseload`).

Made here rather than by template tags: a `{% url %}` and a `{% blocktranslate %}` for
each of a row's five links cost the page most of its time (about a quarter of a
millisecond a row). The words are the template's own (the same msgids, so the same
translations); the addresses are reversed once per page and filled in per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from alsmove.kept import Kept
from alsmove.logbook.attention import (
    NEW_ALERTS,
    CaseloadRow,
    ranked,
    therapist_records,
    zone_days,
)

CASELOAD_PAGE = 40  # people per page: the most pressing first, the page stays light

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


# A drawn page of the caseload (its list and pager), per process. Its key holds every
# input: the query's rows exactly as the database gave them (every log, alert,
# acknowledgement, ALSFRS-R row, routine, link and stored rate the page reads is in them,
# so any change is a new key), each of their zones' today, the reader and what of them
# the ranking reads (their role and whether active: `link_grants`), the language, the
# addresses' prefix and the page number. The rows are the key itself, not a digest of
# them: equal keys are equal rows, never a collision (a digest's serialising cost about a
# third of the query). About 170 KB each with 200 people (140 of them the rows), so 32:
# about 5 MB a process.
_DRAWN: Kept[SafeString] = Kept(size=32)


@dataclass(frozen=True)
class DrawnCaseload:
    total: int  # people on the caseload (0: the page explains why it is empty)
    listing: SafeString  # the shown page's rows and the pager


def drawn_caseload(user: Any, page: str | None) -> DrawnCaseload:
    """The caseload page `page` (a page number that is not one, as from a hand-edited
    address, shows the nearest real page) as the reader sees it now: one query, and the
    rows ranked, worded and drawn only when something they are made from changed."""
    records = therapist_records(user)
    if not records:
        return DrawnCaseload(0, SafeString(""))
    days = zone_days(records)
    number = Paginator(range(len(records)), CASELOAD_PAGE).get_page(page).number
    key = (
        records,
        tuple(sorted(days.items())),
        user.pk,
        user.role,
        user.is_active,
        get_language(),
        get_script_prefix(),
        number,
    )
    kept = _DRAWN.get(key)
    if kept is not None:
        return DrawnCaseload(len(records), kept)
    result = ranked(user, records, days)
    shown = Paginator(result.rows, CASELOAD_PAGE).page(number)
    listing = mark_safe(  # noqa: S308  # drawn by the template, escaped there
        render_to_string(
            "logbook/caseload_rows.html",
            {"rows": shown_rows(shown.object_list), "page": shown, "total": len(records)},
        )
    )
    # Rates judged again read ALSFRS-R rows the key does not hold: not kept (the next
    # look reads the rates they stored, in its rows).
    if not result.judged:
        _DRAWN.put(key, listing)
    return DrawnCaseload(len(records), listing)
