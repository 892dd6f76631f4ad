"""What each document shows, read from the stored records (a bounded number of queries).

Nothing here decides access: the views and the API call the policy first. The texts
people read are translated here or in the templates; user text (names, notes) is passed
as plain strings and escaped by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from alsmove.assessments.progress import _stages
from alsmove.assessments.services import current_records
from alsmove.caregiving.services import all_skills
from alsmove.charts.svg import Series, line_chart
from alsmove.core.library import Exercise, Performer, Position
from alsmove.core.plan_of_care import (
    ICD10_ALS,
    RecordFacts,
    decline_suggestion,
    recertify_by,
    skilled_need_points,
)
from alsmove.documents.models import GoalStatus, PlanOfCare
from alsmove.equipment.models import PlanItem
from alsmove.equipment.models import Status as EquipmentStatus
from alsmove.exercises import labels
from alsmove.exercises.names import exercise_name, steps_today
from alsmove.exercises.pictograms import pictogram_svg
from alsmove.exercises.services import exercise_library
from alsmove.formats import month_abbreviations, say
from alsmove.logbook.alerts import rule_title
from alsmove.logbook.models import Alert, SessionLog
from alsmove.patients.clock import today_for
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.routines.models import RoutinePlan, Status

DAY_NAMES = [str(WEEKDAYS[d]) for d in range(7)]
HELPER_PERFORMERS = {Performer.CAREGIVER.value, Performer.ASSISTED.value}
# Alerts about feelings are private to the person and their therapists' inbox; the
# documents are about exercise and its safety only.
FEELING_PREFIX = "FEELING-"
SAFETY_WINDOW_DAYS = 90


# The routine --------------------------------------------------------------------------


def routine_in_use(patient: Patient) -> RoutinePlan | None:
    """The approved routine, else the newest proposal (as the routine page shows it)."""
    plans = list(
        RoutinePlan.objects.filter(
            patient=patient, status__in=[Status.APPROVED, Status.PROPOSED]
        ).select_related("reviewed_by")
    )
    approved = next((p for p in plans if p.status == Status.APPROVED), None)
    proposed = next((p for p in plans if p.status == Status.PROPOSED), None)
    return approved or proposed


def _position_label(code: str) -> str:
    try:
        return str(labels.POSITION[Position(code)])
    except ValueError:
        return code


def _sides_text(item: dict[str, Any]) -> str:
    if item.get("side") == "left":
        return _("on the left side only")
    if item.get("side") == "right":
        return _("on the right side only")
    if item.get("sides") == "both":
        return _("on each side")
    return ""


@dataclass(frozen=True)
class PositionSteps:
    label: str
    days: str
    steps: list[str]


def _exercises(plan: RoutinePlan, patient: Patient) -> tuple[list[dict[str, Any]], list[Any]]:
    """Each exercise of the week once (in the order of its first day), and the week."""
    library = {e.id: e for e in exercise_library()}
    seen: dict[str, dict[str, Any]] = {}
    week = []
    for day in range(7):
        items = plan.items_for_day(day)
        week.append(
            {
                "name": DAY_NAMES[day],
                "items": [exercise_name(i) for i in items],
                "minutes": round(sum(float(i.get("minutes", 0)) for i in items)),
            }
        )
        for item in items:
            entry = seen.setdefault(item["exercise"], {"item": item, "by_position": {}})
            position = item["position"]
            steps = steps_today(item)  # in the document's language
            exercise: Exercise | None = library.get(item["exercise"])
            if not steps and exercise is not None:
                try:
                    steps = list(exercise.steps_for(Position(position)))
                except ValueError:
                    steps = list(exercise.steps)
            slot = entry["by_position"].setdefault(position, {"days": [], "steps": steps or []})
            slot["days"].append(DAY_NAMES[day])
    out = []
    for number, (slug, entry) in enumerate(seen.items(), start=1):
        item = entry["item"]
        exercise = library.get(slug)
        out.append(
            {
                "number": number,
                "slug": slug,
                "name": exercise_name(item),
                "summary": exercise.summary if exercise else "",
                "pictogram": pictogram_svg(exercise, translate=_) if exercise else "",
                "performer": item.get("performer", ""),
                "performer_label": str(labels.PERFORMER.get(item.get("performer"), "")),  # type: ignore[call-overload]
                "hold": item.get("hold_seconds"),
                "reps": item.get("reps"),
                "sides": _sides_text(item),
                "minutes": item.get("minutes"),
                "days": sorted(item.get("days", [])),
                "positions": [
                    PositionSteps(_position_label(code), ", ".join(slot["days"]), slot["steps"])
                    for code, slot in entry["by_position"].items()
                ],
                "cautions": list(exercise.cautions) if exercise else [],
                "hand_placement": (exercise.hand_placement or "") if exercise else "",
                "limits": (exercise.limits or "") if exercise else "",
            }
        )
    return out, week


def routine_handout(patient: Patient) -> dict[str, Any]:
    plan = routine_in_use(patient)
    exercises, week = _exercises(plan, patient) if plan else ([], [])
    return {
        "patient": patient,
        "plan": plan,
        "reviewed": bool(plan and plan.reviewed),
        "exercises": exercises,
        "week": week,
        "day_names": DAY_NAMES,
    }


# The caregiver handout -----------------------------------------------------------------


def caregiver_handout(patient: Patient) -> dict[str, Any]:
    context = routine_handout(patient)
    helped = [e for e in context["exercises"] if e["performer"] in HELPER_PERFORMERS]
    context["exercises"] = [{**e, "number": n} for n, e in enumerate(helped, start=1)]
    skills = {s.id: s for s in all_skills()}
    marks = (
        patient.skills_taught.select_related("caregiver", "taught_by")
        .order_by("skill", "-taught_on")
        .all()
    )
    taught: dict[str, dict[str, Any]] = {}
    for mark in marks:
        skill = skills.get(mark.skill)
        if skill is None:  # no longer on the list of skills
            continue
        entry = taught.setdefault(mark.skill, {"skill": skill, "marks": []})
        entry["marks"].append(
            {
                "caregiver": mark.caregiver.full_name or mark.caregiver.email,
                "taught_on": mark.taught_on,
                "taught_by": mark.taught_by.full_name if mark.taught_by else "",
            }
        )
    context["taught"] = list(taught.values())
    return context


# Scores, routine changes, adherence, safety ---------------------------------------------


def _scores(patient: Patient, start: date, end: date) -> dict[str, Any]:
    records = current_records(patient)
    before = [(a, s) for a, s in records if a.taken_on < start]
    within = [(a, s) for a, s in records if start <= a.taken_on <= end]
    shown = ([before[-1]] if before else []) + within
    result: dict[str, Any] = {"rows": [], "svg": "", "stages": None, "change": None}
    if not shown:
        return result
    result["rows"] = [
        {
            "day": a.taken_on,
            "total": s.total,
            "domains": s.domains,
            "source": a.get_source_display(),
            "before_period": a.taken_on < start,
        }
        for a, s in shown
    ]
    first, last = shown[0], shown[-1]
    result["first"] = {"day": first[0].taken_on, "total": first[1].total}
    result["last"] = {"day": last[0].taken_on, "total": last[1].total}
    if len(shown) > 1:
        result["change"] = last[1].total - first[1].total
    result["stages"] = _stages(last[1], patient)
    points = [(a.taken_on, s.total) for a, s in shown]
    result["svg"] = line_chart(
        id_prefix="doc-total",
        month_names=month_abbreviations(),
        title=_("ALSFRS-R total over the period"),
        description=_("Each point is one assessment, out of 48; the table lists the same."),
        series=[Series(name=_("ALSFRS-R total"), points=points, style="observed")],
        y_min=0,
        y_max=48,
        y_label=_("Total (0-48)"),
        y_ticks=(0, 12, 24, 36, 48),
        width=640,
        height=300,
    )
    return result


def _routine_changes(patient: Patient, start: date, end: date) -> list[dict[str, Any]]:
    plans = RoutinePlan.objects.filter(
        patient=patient, created_at__date__gte=start, created_at__date__lte=end
    ).select_related("created_by", "reviewed_by")
    return [
        {
            "version": p.version,
            "created_at": p.created_at,
            "why": say(p.why),
            "status": p.get_status_display(),
            "by": p.created_by.full_name if p.created_by else "",
            "reviewed_by": p.reviewed_by.full_name if p.reviewed_by else "",
            "reviewed_at": p.reviewed_at,
            "exercises": len(p.items),
        }
        for p in plans.order_by("version")
    ]


def _adherence(
    patient: Patient, plan: RoutinePlan | None, start: date, end: date
) -> dict[str, Any]:
    logs = list(
        SessionLog.objects.filter(patient=patient, day__gte=start, day__lte=end)
        .annotate(
            entries=Count("exercises"),
            done=Count("exercises", filter=Q(exercises__status="done")),
        )
        .values("day", "entries", "done")
    )
    weekdays = {d for item in (plan.items if plan else []) for d in item.get("days", [])}
    # A day counts as planned from the first routine (or the first log, when earlier),
    # as on the trends page; before that nothing was planned.
    first_plan = (
        RoutinePlan.objects.filter(patient=patient)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    first_log = (
        SessionLog.objects.filter(patient=patient).order_by("day").values_list("day", flat=True)
    ).first()
    since = [d for d in (first_plan and today_for(patient, first_plan), first_log) if d]
    planned_from = max(start, min(since)) if since else end + timedelta(days=1)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    planned = [d for d in days if d >= planned_from and d.weekday() in weekdays]
    logged_days = {log["day"] for log in logs}
    return {
        "sessions": len(logs),
        "full_sessions": sum(1 for log in logs if log["entries"] and log["done"] == log["entries"]),
        "session_days": len(logged_days),
        "planned_days": len(planned),
        "planned_with_session": sum(1 for d in planned if d in logged_days),
        "percent": (
            round(100 * sum(1 for d in planned if d in logged_days) / len(planned))
            if planned
            else None
        ),
    }


def _safety_events(patient: Patient, start: date, end: date) -> list[dict[str, Any]]:
    alerts = (
        Alert.objects.filter(patient=patient, day__gte=start, day__lte=end)
        .exclude(rule__startswith=FEELING_PREFIX)
        .select_related("acknowledged_by")
        .order_by("day", "created_at")
    )
    return [
        {
            "day": a.day,
            "title": rule_title(a.rule),
            "rule": a.rule,
            "text": say(a.message),
            "acknowledged_by": a.acknowledged_by.full_name if a.acknowledged_by else "",
            "acknowledged_at": a.acknowledged_at,
            "what_was_done": a.acknowledgement,
            "withdrawn": a.withdrawn_at is not None,
        }
        for a in alerts
    ]


def _equipment(patient: Patient) -> list[dict[str, Any]]:
    items = PlanItem.objects.filter(patient=patient).prefetch_related(
        Prefetch("changes", to_attr="history")
    )
    statuses = dict(EquipmentStatus.choices)
    return [
        {
            "name": i.name,
            "status": statuses.get(i.status, i.status),
            "target_date": i.target_date,
            "note": i.note,
            "changed_at": i.history[0].changed_at if i.history else i.updated_at,
        }
        for i in items
    ]


def _goals(plan: PlanOfCare | None) -> list[dict[str, Any]]:
    if plan is None:
        return []
    statuses = dict(GoalStatus.choices)
    return [
        {"text": g.get("text", ""), "status": statuses.get(g.get("status", ""), "")}
        for g in plan.goals
        if g.get("text")
    ]


def plan_of_care_for(patient: Patient) -> PlanOfCare | None:
    return (
        PlanOfCare.objects.filter(patient=patient).select_related("signed_by", "updated_by").first()
    )


def progress_note(patient: Patient, start: date, end: date) -> dict[str, Any]:
    plan = routine_in_use(patient)
    care = plan_of_care_for(patient)
    return {
        "patient": patient,
        "start": start,
        "end": end,
        "icd": ICD10_ALS,
        "scores": _scores(patient, start, end),
        "changes": _routine_changes(patient, start, end),
        "adherence": _adherence(patient, plan, start, end),
        "events": _safety_events(patient, start, end),
        "equipment": _equipment(patient),
        "goals": _goals(care),
        "has_plan_of_care": care is not None,
    }


# The plan of care ---------------------------------------------------------------------


def _routine_summary(plan: RoutinePlan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    days = [plan.items_for_day(d) for d in range(7)]
    active = [d for d in days if d]
    minutes = [sum(float(i.get("minutes", 0)) for i in d) for d in active]
    kinds = sorted({str(labels.PERFORMER.get(i.get("performer"), "")) for i in plan.items})  # type: ignore[call-overload]
    return {
        "exercises": len({i["exercise"] for d in days for i in d}),
        "names": sorted({exercise_name(i) for d in days for i in d}),
        "days_a_week": len(active),
        "minutes": round(sum(minutes) / len(minutes)) if minutes else 0,
        "performers": [k for k in kinds if k],
        "helper_exercises": sum(1 for i in plan.items if i.get("performer") in HELPER_PERFORMERS),
        "reviewed": plan.reviewed,
        "version": plan.version,
    }


def _record_facts(patient: Patient, today: date) -> tuple[RecordFacts, dict[str, Any]]:
    start = today - timedelta(days=SAFETY_WINDOW_DAYS)
    scores = _scores(patient, start, today)
    plan = routine_in_use(patient)
    summary = _routine_summary(plan)
    events = _safety_events(patient, start, today)
    changes = _routine_changes(patient, start, today)
    profile = FunctionalProfile.objects.filter(patient=patient).first()
    first, last = scores.get("first"), scores.get("last")
    facts = RecordFacts(
        first_total=first["total"] if first else None,
        last_total=last["total"] if last else None,
        first_day=first["day"] if first else None,
        last_day=last["day"] if last else None,
        revisions=max(0, len(changes) - 1) if changes else 0,
        overwork_events=len(events),
        helper_exercises=summary["helper_exercises"] if summary else 0,
        painful_joints=len(profile.painful_joints) if profile else 0,
    )
    known = {
        "window_start": start,
        "scores": scores,
        "routine": summary,
        "adherence": _adherence(patient, plan, start, today),
        "events": events,
        "open_events": sum(1 for e in events if not e["acknowledged_at"]),
    }
    return facts, known


def suggestions(patient: Patient, today: date) -> dict[str, str]:
    """The wording the therapist may start from (POC-SKILLED-01, POC-DECLINE-01), never
    saved unless the therapist saves it."""
    facts, known = _record_facts(patient, today)
    points = [say(p) for p in skilled_need_points(facts)]
    routine = known["routine"]
    treatment = {}
    if routine:
        treatment = {
            "treatment_type": _(
                "Therapeutic exercise for maintenance: stretching, range of motion, "
                "positioning and breathing exercises from the home routine, with "
                "caregiver training."
            ),
            "amount": _("About {minutes} minutes a session, {count} exercises.").format(
                minutes=routine["minutes"], count=routine["exercises"]
            ),
            "frequency": _("Home programme {days} days a week.").format(
                days=routine["days_a_week"]
            ),
        }
    return {
        "skilled_need": points[0] + "\n" + "\n".join(f"- {p}" for p in points[1:]),
        "decline_without": say(decline_suggestion()),
        **treatment,
    }


def plan_of_care(patient: Patient, today: date) -> dict[str, Any]:
    care = plan_of_care_for(patient)
    _facts, known = _record_facts(patient, today)
    return {
        "patient": patient,
        "today": today,
        "icd": ICD10_ALS,
        "care": care,
        "goals": _goals(care),
        "recertify_by": recertify_by(care.certified_on if care else None),
        **known,
    }
