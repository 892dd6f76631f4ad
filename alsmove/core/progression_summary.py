"""The progression summary the command line and the web API share, as plain JSON.

Every record scored and staged (King's, MiToS, progression rate), the recent slope and the
forecast from `alsmove.core.progression`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypedDict

from alsmove.core.alsfrs import AlsfrsError, Scores
from alsmove.core.i18n import Message, gettext_noop
from alsmove.core.plausible import EARLIEST, date_problem
from alsmove.core.progression import forecast, slope_per_month
from alsmove.core.staging import (
    kings_stage,
    mitos_stage,
    progression_category,
    progression_rate,
)

RULE_DATES = "ALSFRS-DATE-01"


class DomainsJson(TypedDict):
    bulbar: int
    fine_motor: int
    gross_motor: int
    respiratory: int


class AssessmentJson(TypedDict):
    date: str
    total: int
    domains: DomainsJson
    kings_stage: str
    mitos_stage: int
    progression_rate: float
    progression_category: str


class ForecastJson(TypedDict):
    months_ahead: int
    total: float
    low: float
    high: float


class ModelJson(TypedDict):
    kind: str
    d50_months: float | None
    dx_months: float | None
    rd50: float | None
    forecast: list[ForecastJson]


class Summary(TypedDict):
    assessments: list[AssessmentJson]
    slope_per_month: float | None
    model: ModelJson


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def _check_dates(onset: date, days: Sequence[date], today: date) -> None:
    """ALSFRS-DATE-01: records fall between onset and today, one per day."""
    if not days:
        raise AlsfrsError(Message(gettext_noop("no assessments: give at least one")))
    # PLAUSIBLE-ONSET-01 / PLAUSIBLE-DATE-01: nothing before 1900 (a slip of the year).
    if onset < EARLIEST:
        raise AlsfrsError(
            Message(
                gettext_noop("the onset date {onset} is before 1900: check the year"),
                {"onset": onset.isoformat()},
            )
        )
    for day in days:
        problem = date_problem(day, today)
        if problem is not None and day < EARLIEST:
            raise AlsfrsError(problem.message)
    if onset > today:
        raise AlsfrsError(
            Message(
                gettext_noop("the onset date {onset} is in the future"),
                {"onset": onset.isoformat()},
            )
        )
    seen: set[date] = set()
    for day in days:
        if day < onset:
            raise AlsfrsError(
                Message(
                    gettext_noop("assessment on {day} is before the onset date {onset}"),
                    {"day": day.isoformat(), "onset": onset.isoformat()},
                )
            )
        if day > today:
            raise AlsfrsError(
                Message(
                    gettext_noop("assessment on {day} is in the future (today is {today})"),
                    {"day": day.isoformat(), "today": today.isoformat()},
                )
            )
        # Two records on one day would weigh that day twice in every fit; the person has
        # to say which one stands.
        if day in seen:
            raise AlsfrsError(
                Message(
                    gettext_noop("two assessments on {day}: keep one per day"),
                    {"day": day.isoformat()},
                )
            )
        seen.add(day)


def summarize(onset: date, assessments: Sequence[tuple[date, Scores]], today: date) -> Summary:
    """Every record scored and staged, the recent slope and the forecast, as plain JSON.

    Raises `AlsfrsError` for no records, a record before onset or after today, or two
    records on one day.
    """
    _check_dates(onset, [day for day, _ in assessments], today)
    ordered = sorted(assessments, key=lambda record: record[0])
    rows: list[AssessmentJson] = []
    points: list[tuple[date, int]] = []
    for day, scores in ordered:
        total = scores.total
        domains = scores.domains
        # Categorise the rounded rate so the category never contradicts the number shown
        # (1.004 is shown as 1.0, which is "intermediate").
        rate = round(progression_rate(total, onset, day), 2)
        rows.append(
            {
                "date": day.isoformat(),
                "total": total,
                "domains": {
                    "bulbar": domains.bulbar,
                    "fine_motor": domains.fine_motor,
                    "gross_motor": domains.gross_motor,
                    "respiratory": domains.respiratory,
                },
                "kings_stage": kings_stage(scores),
                "mitos_stage": mitos_stage(scores),
                "progression_rate": rate,
                "progression_category": progression_category(rate),
            }
        )
        points.append((day, total))
    model = forecast(onset, points, today)
    return {
        "assessments": rows,
        "slope_per_month": _round(slope_per_month(points, today), 2),
        "model": {
            "kind": model.kind,
            "d50_months": _round(model.d50_months, 1),
            "dx_months": _round(model.dx_months, 1),
            "rd50": _round(model.rd50, 2),
            "forecast": [
                {
                    "months_ahead": point.months_ahead,
                    "total": round(point.total, 1),
                    "low": round(point.low, 1),
                    "high": round(point.high, 1),
                }
                for point in model.forecast
            ],
        },
    }
