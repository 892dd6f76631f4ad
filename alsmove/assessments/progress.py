"""Everything the progress page shows, built from the stored records and the pure core."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alsmove.assessments.services import counted_records, inconsistencies, shown_records
from alsmove.charts.svg import Band, Series, line_chart
from alsmove.core.alsfrs import Scores
from alsmove.core.plausible import date_problem
from alsmove.core.progression import fit_d50, forecast, slope_per_month
from alsmove.core.staging import (
    functional_stage,
    guide_stage,
    kings_regions,
    kings_stage,
    mitos_domains_lost,
    mitos_stage,
    months_between,
    progression_category,
    progression_rate,
)
from alsmove.formats import month_abbreviations, say
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, can
from alsmove.patients.services import core_profile

DAYS_PER_MONTH = 30.4375
REGION_WORDS = {
    "bulbar": gettext_lazy("speech or swallowing"),
    "upper_limb": gettext_lazy("arms and hands"),
    "lower_limb": gettext_lazy("legs"),
}
MITOS_WORDS = {
    "movement": gettext_lazy("moving about or dressing without help"),
    "swallowing": gettext_lazy("eating by mouth"),
    "communication": gettext_lazy("speaking and writing"),
    "breathing": gettext_lazy("breathing without support"),
}
CATEGORY_WORDS = {
    "slow": gettext_lazy("slower than average"),
    "intermediate": gettext_lazy("about average"),
    "fast": gettext_lazy("faster than average"),
}
DOMAINS = (
    ("bulbar", gettext_lazy("Speech, saliva and swallowing")),
    ("fine_motor", gettext_lazy("Hands: writing, food, dressing")),
    ("gross_motor", gettext_lazy("Moving: bed, walking, stairs")),
    ("respiratory", gettext_lazy("Breathing")),
)


def _months_later(day: date, months: float) -> date:
    return day + timedelta(days=round(months * DAYS_PER_MONTH))


STAGE_QUESTIONS = {
    "early": "questions-early-stage",
    "mid": "questions-middle-stage",
    "advanced": "questions-advanced-stage",
}


def _stages(scores: Scores, patient: Patient) -> dict[str, Any]:
    profile = core_profile(patient)
    functional = functional_stage(scores, profile)
    stage, stage_reason = guide_stage(functional)
    regions = [str(REGION_WORDS[r]) for r in kings_regions(scores)]
    lost = [str(MITOS_WORDS[d]) for d in mitos_domains_lost(scores)]
    return {
        "kings": kings_stage(scores),
        "kings_regions": regions,
        "mitos": mitos_stage(scores),
        "mitos_lost": lost,
        "functional": functional,
        "functional_reason": say(functional.reason),
        "functional_focus": say(functional.focus),
        "guide_stage": stage,
        "guide_reason": say(stage_reason),
        # The Resources entry of questions for this stage (alsmove/resources/content).
        "stage_questions": STAGE_QUESTIONS[stage],
    }


def sees_forecast(user: Any) -> bool:
    """A therapist always sees the forecast; a person or caregiver when they chose to."""
    return bool(getattr(user, "is_therapist", False) or getattr(user, "show_forecast", False))


def _total_chart(
    onset: date | None, points: list[tuple[date, int]], today: date, with_forecast: bool = True
) -> tuple[str, list[dict[str, Any]], Any]:
    series = [Series(name=_("Your scores"), points=points, style="observed")]
    band = None
    model = None
    forecast_rows: list[dict[str, Any]] = []
    if onset is not None and with_forecast:
        model = forecast(onset, points, today)
        fit = fit_d50(onset, points)
        if fit is not None:
            start, end = points[0][0], today
            steps = max(2, int(months_between(start, end)) + 1)
            curve = []
            for index in range(steps + 1):
                day = start + (end - start) * index / steps
                curve.append((day, fit.predict(months_between(onset, day))))
            series.append(Series(name=_("Fitted curve"), points=curve, style="fitted"))
            anchor = (today, fit.predict(months_between(onset, today)))
        else:
            anchor = (points[-1][0], float(points[-1][1]))
        ahead = [(_months_later(today, p.months_ahead), p) for p in model.forecast]
        series.append(
            Series(
                name=_("Forecast"),
                points=[anchor] + [(day, p.total) for day, p in ahead],
                style="forecast",
            )
        )
        band = Band(
            name=_("Likely range"),
            points=[(anchor[0], anchor[1], anchor[1])] + [(d, p.low, p.high) for d, p in ahead],
        )
        forecast_rows = [
            {"months": p.months_ahead, "date": day, "total": p.total, "low": p.low, "high": p.high}
            for day, p in ahead
        ]
    svg = line_chart(
        id_prefix="chart-total",
        month_names=month_abbreviations(),
        title=_("ALSFRS-R total over time"),
        description=_(
            "Each point is one assessment, out of 48. The table below the chart lists the "
            "same numbers."
        ),
        series=series,
        band=band,
        y_min=0,
        y_max=48,
        y_label=_("Total (0-48)"),
        y_ticks=(0, 12, 24, 36, 48),
        today=today,
        today_label=_("Today"),
    )
    return svg, forecast_rows, model


def build_progress(patient: Patient, user: Any, today: date) -> dict[str, Any]:
    context = user_part(patient, user)
    context.update(record_figures(patient, today, with_forecast=context["show_forecast"]))
    return context


def user_part(patient: Patient, user: Any) -> dict[str, Any]:
    """What of the progress page depends on who asks: their rights and forecast choice."""
    return {
        "patient": patient,
        "can_log": can(user, patient, Action.LOG),
        "can_edit_profile": can(user, patient, Action.EDIT_PROFILE),
        "show_forecast": sees_forecast(user),
        "may_choose_forecast": not getattr(user, "is_therapist", False),
    }


def record_figures(patient: Patient, today: date, *, with_forecast: bool) -> dict[str, Any]:
    """What of the progress page depends on the record only: its current assessments,
    onset and diagnosis dates and functional profile, the person's day, the forecast
    shown or not, and the active language (the words and dates are in it)."""
    shown = shown_records(patient)
    records = counted_records(shown)
    context: dict[str, Any] = {"has_records": bool(records)}
    if not records:
        return context
    # Dates that do not fit together (older data): no rate or forecast, the rest as usual.
    problems = inconsistencies(patient, records, today)
    onset = None if problems else patient.onset_date
    context["date_problems"] = [say(p.message) for p in problems]
    rows = []
    # Every current record is listed; a self-report that shares its day with a
    # clinician's rating is marked as beside it, and only the counted ones feed the
    # stages and charts (ALSFRS-SOURCE-01).
    counted_ids = {a.pk for a, _ in records}
    for assessment, scores in shown:
        rate = None
        if onset is not None:
            rate = round(progression_rate(scores.total, onset, assessment.taken_on), 2)
        rows.append(
            {
                "assessment": assessment,
                "scores": scores,
                "domains": scores.domains,
                "kings": kings_stage(scores),
                "mitos": mitos_stage(scores),
                "rate": rate,
                "counted": assessment.pk in counted_ids,
            }
        )
    context["has_beside"] = any(not row["counted"] for row in rows)
    # A record dated before 1900 or in the future stays in the table (to be corrected)
    # but not on the charts, whose time axis it would stretch over centuries.
    plausible = [(a, sc) for a, sc in records if date_problem(a.taken_on, today) is None]
    records = plausible or records
    latest_assessment, latest = records[-1]
    points = [(a.taken_on, s.total) for a, s in records]
    total_svg, forecast_rows, model = _total_chart(onset, points, today, with_forecast)
    domain_charts = []
    for key, label in DOMAINS:
        domain_points = [(a.taken_on, float(getattr(s.domains, key))) for a, s in records]
        domain_charts.append(
            {
                "label": label,
                "svg": line_chart(
                    id_prefix=f"chart-{key}",
                    month_names=month_abbreviations(),
                    title=str(label),
                    description=_("Domain score out of 12 at each assessment."),
                    series=[Series(name=str(label), points=domain_points, style="observed")],
                    y_min=0,
                    y_max=12,
                    y_ticks=(0, 4, 8, 12),
                    y_label=_("Score (0-12)"),
                    width=420,
                    height=260,
                ),
                "points": domain_points,
            }
        )
    context.update(
        rows=rows,
        latest=latest,
        latest_assessment=latest_assessment,
        stages=_stages(latest, patient),
        total_svg=total_svg,
        domain_charts=domain_charts,
        forecast_rows=forecast_rows,
        model=model,
        model_note=say(model.note) if model is not None else "",
        slope=slope_per_month(points, today),
    )
    if onset is not None:
        rate = round(progression_rate(latest.total, onset, latest_assessment.taken_on), 2)
        category = progression_category(rate)
        context.update(rate=rate, category=category)
        if with_forecast:  # the comparison with others goes with the forecast
            context["category_words"] = CATEGORY_WORDS[category]
    return context
