"""Adherence and trends: which days had a session, sessions per week, pain and tiredness.

`adherence_summary` gathers the figures (tested on its own); `build_trends` turns them
into charts, each with a data table beside it on the page. The words stay kind: rest
days are part of the plan, and part of a session still counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alsmove.charts.svg import Series, bar_chart, calendar_heatmap, line_chart
from alsmove.formats import month_abbreviations
from alsmove.logbook.models import SessionLog
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import plan_in_use

CALENDAR_WEEKS = 26
WEEKLY_WEEKS = 12
NO_SESSION, PARTLY, FULL = 0, 1, 2


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    end: date  # the Sunday, or today in the current week
    sessions: int
    session_days: int
    planned_days: int
    pain: float | None  # the average of each session's worst pain, 0-10
    fatigue: float | None  # the average tiredness after a session, 0-10


@dataclass(frozen=True)
class Month:
    first: date  # the first day of the month shown (it may start mid-month)
    full_days: int
    partly_days: int
    days_without: int


@dataclass(frozen=True)
class Adherence:
    today: date
    calendar_start: date
    levels: dict[date, int]  # NO_SESSION, PARTLY or FULL for each day with a session
    months: list[Month]  # the calendar's months, oldest first
    weeks: list[Week]  # the last WEEKLY_WEEKS weeks, oldest first, this week last
    sessions: int  # in those weeks
    full_sessions: int
    planned_days: int
    planned_days_with_session: int
    has_plan: bool


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _planned(
    patient: Patient, plan: RoutinePlan | None, first_log: date | None
) -> Callable[[date], bool]:
    """A test for "was this a planned day?": a weekday the routine in use has exercises
    on, from the day the first routine was made (or the first log, if that is earlier)."""
    if plan is None:
        return lambda day: False
    weekdays = {d for item in plan.items for d in item.get("days", [])}
    first_plan = RoutinePlan.objects.filter(patient=patient).order_by("created_at").first()
    since = today_for(patient, (first_plan or plan).created_at)
    if first_log is not None:
        since = min(since, first_log)
    return lambda day: day >= since and day.weekday() in weekdays


def adherence_summary(patient: Patient, today: date) -> Adherence:
    calendar_start = _monday(today) - timedelta(weeks=CALENDAR_WEEKS - 1)
    weekly_start = _monday(today) - timedelta(weeks=WEEKLY_WEEKS - 1)
    logs = list(
        SessionLog.objects.filter(patient=patient, day__lte=today, day__gte=calendar_start)
        .annotate(
            entries=Count("exercises"),
            done=Count("exercises", filter=Q(exercises__status="done")),
        )
        .values("day", "pain", "fatigue", "entries", "done")
    )
    first_log = (
        SessionLog.objects.filter(patient=patient).order_by("day").values_list("day", flat=True)
    ).first()
    plan = plan_in_use(patient)
    is_planned = _planned(patient, plan, first_log)

    levels: dict[date, int] = {}
    for log in logs:
        full = log["entries"] > 0 and log["done"] == log["entries"]
        levels[log["day"]] = max(levels.get(log["day"], NO_SESSION), FULL if full else PARTLY)

    months: dict[tuple[int, int], list[int]] = {}
    firsts: dict[tuple[int, int], date] = {}
    day = calendar_start
    while day <= today:
        key = (day.year, day.month)
        firsts.setdefault(key, day)
        months.setdefault(key, []).append(levels.get(day, NO_SESSION))
        day += timedelta(days=1)
    month_rows = [
        Month(firsts[key], v.count(FULL), v.count(PARTLY), v.count(NO_SESSION))
        for key, v in months.items()
    ]

    weeks = []
    for index in range(WEEKLY_WEEKS):
        start = weekly_start + timedelta(weeks=index)
        end = min(start + timedelta(days=6), today)
        in_week = [log for log in logs if start <= log["day"] <= end]
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        weeks.append(
            Week(
                start=start,
                end=end,
                sessions=len(in_week),
                session_days=len({log["day"] for log in in_week}),
                planned_days=sum(1 for d in days if is_planned(d)),
                pain=_average([log["pain"] for log in in_week if log["pain"] is not None]),
                fatigue=_average([log["fatigue"] for log in in_week if log["fatigue"] is not None]),
            )
        )
    recent = [log for log in logs if log["day"] >= weekly_start]
    planned = [weekly_start + timedelta(days=i) for i in range((today - weekly_start).days + 1)]
    planned = [d for d in planned if is_planned(d)]
    return Adherence(
        today=today,
        calendar_start=calendar_start,
        levels=levels,
        months=month_rows,
        weeks=weeks,
        sessions=len(recent),
        full_sessions=sum(1 for log in recent if log["entries"] and log["done"] == log["entries"]),
        planned_days=len(planned),
        planned_days_with_session=sum(1 for d in planned if d in levels),
        has_plan=plan is not None,
    )


def _week_label(week: Week) -> str:
    return date_format(week.start, "MONTH_DAY_FORMAT")


def build_trends(patient: Patient, today: date) -> dict[str, Any]:
    summary = adherence_summary(patient, today)
    months = month_abbreviations()
    heatmap = calendar_heatmap(
        id_prefix="chart-calendar",
        title=_("Sessions in the last 26 weeks"),
        description=_(
            "Each square is one day: an empty square for no session, a dot for part of a "
            "session, a filled square for a full session. The table beside it counts the "
            "days in each month."
        ),
        days=summary.levels,
        start=summary.calendar_start,
        end=today,
        levels=[_("No session"), _("Part of a session"), _("Full session")],
        weekday_names=[str(WEEKDAYS_ABBR[d]) for d in range(7)],
        month_names=months,
    )
    most = max([w.sessions for w in summary.weeks] + [7])
    weekly = bar_chart(
        id_prefix="chart-weekly",
        title=_("Sessions per week"),
        description=_(
            "One bar for each of the last 12 weeks, labelled with the Monday it starts; this "
            "week is the last. The table beside it lists the same numbers."
        ),
        bars=[(_week_label(w), w.sessions) for w in summary.weeks],
        y_max=most,
        y_label=_("Sessions"),
    )
    charts = []
    for key, title, series_name, y_label, description in (
        (
            "pain",
            _("Pain, weekly average"),
            _("Average worst pain"),
            _("Pain (0 to 10)"),
            _("The average of each session's worst pain, 0 (none) to 10, week by week."),
        ),
        (
            "fatigue",
            _("Tiredness, weekly average"),
            _("Average tiredness"),
            _("Tiredness (0 to 10)"),
            _("The average tiredness after a session, 0 (not tired) to 10, week by week."),
        ),
    ):
        points = [
            (w.start, float(getattr(w, key))) for w in summary.weeks if getattr(w, key) is not None
        ]
        svg = line_chart(
            id_prefix=f"chart-{key}",
            title=title,
            description=description,
            series=[Series(name=series_name, points=points, style="observed")],
            y_min=0,
            y_max=10,
            y_ticks=(0, 2, 4, 6, 8, 10),
            y_label=y_label,
            month_names=months,
        )
        charts.append({"key": key, "title": title, "svg": svg})
    return {
        "summary": summary,
        "heatmap": heatmap,
        "weekly": weekly,
        "line_charts": charts,
        "weeks": [{"week": w, "label": _week_label(w)} for w in summary.weeks],
        "months": [
            {"month": m, "label": f"{MONTHS[m.first.month]} {m.first.year}"} for m in summary.months
        ],
        "partly_sessions": summary.sessions - summary.full_sessions,
    }


@login_required
def trends(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    context = build_trends(patient, today_for(patient))
    return render(request, "logbook/trends.html", {"patient": patient, **context})
