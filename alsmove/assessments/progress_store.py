"""The progress page's figures and charts, made once for each state of their inputs.

Drawing the SVG charts, fitting the forecast and rendering the tables cost most of the
page, and they change only when the record does. `progress_context` keeps them per
process, keyed by everything they are made from:

- the record's assessments, every row's content (id, day, source, answers, total,
  entry and superseded times): a new record, a correction (a new row, the old one
  superseded) and a removed one each change the key, even where a database gives a new
  row the id of a removed one (SQLite does);
- the patient row (onset and diagnosis dates: the rate, the forecast, the date checks)
  and the functional profile's values (the functional stage);
- the person's day on their own clock (the "today" line, the forecast's start, the
  12-month slope), the forecast shown or not, and the active language (every word, month
  name and date format in the charts and tables).

The key is read on every request with two small queries (the rows' values in plain
SQL, nothing parsed or drawn: assessments.stamps), so a change made by any process shows
at the next request; nothing has to be invalidated by hand. What depends on who asks
(their rights, the forecast choice form, a stopped entry) is never stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language

from alsmove.assessments.progress import record_figures, user_part
from alsmove.assessments.stamps import patient_key, profile_row, record_rows
from alsmove.kept import Kept
from alsmove.patients.models import Patient

KEEP = 128  # records' figures kept per process, the least recently read dropped first
_KEPT: Kept[tuple[dict[str, Any], str]] = Kept(KEEP)


def inputs_key(patient: Patient, today: date, with_forecast: bool) -> tuple[Any, ...]:
    """Everything the stored figures are made from (see the module's text)."""
    return (
        patient.pk,
        record_rows(patient),
        patient_key(patient),
        profile_row(patient),
        today,
        with_forecast,
        get_language() or "",
    )


def progress_context(patient: Patient, user: Any, today: date) -> dict[str, Any]:
    """The progress page's context: who asks, then the record's stored figures and the
    rendered charts and tables (`charts_html`)."""
    context = user_part(patient, user)
    key = inputs_key(patient, today, context["show_forecast"])

    def make() -> tuple[dict[str, Any], str]:
        figures = record_figures(patient, today, with_forecast=context["show_forecast"])
        html = (
            render_to_string("assessments/_progress_charts.html", figures)
            if figures["has_records"]
            else ""
        )
        return figures, html

    figures, html = _KEPT.get_or_make(key, make)
    context.update(figures)
    context["charts_html"] = html
    return context


def forget_all() -> None:
    """Drop every stored figure (tests, to compare with a fresh computation)."""
    _KEPT.clear()
