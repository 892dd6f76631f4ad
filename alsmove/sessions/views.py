"""The guided session: one exercise per screen, a hold timer, spoken cues, no time limit.

Server-rendered so it works with JavaScript off (a plain list of steps with Next links);
`static/js/session.js` adds the timer, the ring, speech and the single-switch control.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from alsmove.accounts.policy import Action, require
from alsmove.core.library import Exercise, Position
from alsmove.core.overwork import ease_prescription
from alsmove.exercises import labels
from alsmove.exercises.pictograms import pictogram_svg
from alsmove.exercises.services import find_exercise, library_for
from alsmove.logbook.services import adjustments_for
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import plan_in_use


@dataclass(frozen=True)
class TodaysSession:
    plan: RoutinePlan | None
    items: list[dict[str, Any]]
    left_out: list[dict[str, Any]]  # taken out today by the overwork rules, with the rule
    eased: bool  # fewer repetitions and shorter holds after signs of overwork
    warnings: list[dict[str, Any]]


def todays_session(patient: Patient) -> TodaysSession:
    """Today's exercises from the routine in use, after the logbook's easing.

    The approved routine itself is never changed: easing and removals are applied here,
    every time, from the log, so they end as soon as the rules say so (or a therapist
    reviews a flagged exercise) and cannot be forgotten.
    """
    plan = plan_in_use(patient)
    if plan is None:
        return TodaysSession(None, [], [], False, [])
    today = today_for(patient)
    result, adjustments = adjustments_for(patient, today)
    library = {e.id: e for e in library_for(None)}
    items, left_out = [], []
    for item in plan.items_for_day(today.weekday()):
        slug = item["exercise"]
        exercise = library.get(slug)
        if slug in adjustments.removed_pending_review:
            left_out.append({**item, "rule": "OVERWORK-REPEAT-01"})
            continue
        if slug in adjustments.skip_today:
            left_out.append({**item, "rule": "OVERWORK-PAIN-01"})
            continue
        if not adjustments.allow_strengthening and exercise and exercise.is_strengthening:
            left_out.append({**item, "rule": "ROUTINE-EASE-01"})
            continue
        hold = tuple(item["hold_seconds"]) if item["hold_seconds"] else None
        reps, eased_hold = ease_prescription(item["reps"], hold, result.easing)  # type: ignore[arg-type]
        items.append(
            {**item, "reps": reps, "hold_seconds": list(eased_hold) if eased_hold else None}
        )
    warnings = [
        {"rule": w.rule, "text": w.text.text, "params": dict(w.text.params)}
        for w in result.warnings
    ]
    return TodaysSession(plan, items, left_out, result.easing.active, warnings)


def _today_items(patient: Patient) -> tuple[RoutinePlan | None, list[dict[str, Any]]]:
    session = todays_session(patient)
    return session.plan, session.items


def in_position(exercise: Exercise, position: str) -> Exercise:
    others = tuple(p for p in exercise.positions if p.value != position)
    return exercise.model_copy(update={"positions": (Position(position), *others)})


@login_required
def start(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    session = todays_session(patient)
    rows = [
        {**item, "position_label": labels.POSITION.get(item["position"], "")}  # type: ignore[call-overload]
        for item in session.items
    ]
    minutes = max(1, round(sum(item["minutes"] for item in session.items)))
    return render(
        request,
        "sessions/start.html",
        {
            "patient": patient,
            "plan": session.plan,
            "items": rows,
            "minutes": minutes,
            "left_out": session.left_out,
            "eased": session.eased,
            "warnings": session.warnings,
        },
    )


@login_required
def step(request: HttpRequest, patient_id: int, index: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    plan, items = _today_items(patient)
    if plan is None or not 1 <= index <= len(items):
        raise Http404("No such exercise in today's session")
    item = items[index - 1]
    exercise = find_exercise(request.user, item["exercise"])
    if exercise is None:
        raise Http404("This exercise is no longer in the library")
    hold = item["hold_seconds"]
    caregiver_mode = item["performer"] != "self"
    cues = {
        "left": _("Left side."),
        "right": _("Right side."),
        "switch": _("Now the right side. Press Start when you are ready."),
        "ready": _("Press Start when you are ready."),
        "hold": _("Hold gently, and keep breathing."),
        "relax": _("Relax. Rest as long as you need."),
        "again": _("Press Start for the next one."),
        "seconds_left": _("{n} seconds left."),
        "rep": _("Repetition {n} of {total}."),
        "do_reps": _("Do it {total} times at your own pace, then press Done."),
        "done": _("Well done. This exercise is finished."),
        "rest": _("Rest before the next exercise. Take as long as you need."),
        "paused": _("Paused. Press Resume to carry on."),
        "start": _("Start"),
        "resume": _("Resume"),
        "pause": _("Pause"),
        "done_button": _("Done"),
        "next": _("Next exercise"),
        "finish": _("Finish the session"),
    }
    if index < len(items):
        next_url = reverse("sessions:step", args=[patient.pk, index + 1])
    else:
        next_url = reverse("sessions:finish", args=[patient.pk])
    context = {
        "patient": patient,
        "plan": plan,
        "item": item,
        "exercise": exercise,
        "index": index,
        "count": len(items),
        # Drawn in the position the routine chose, not the exercise's first position.
        "pictogram": mark_safe(pictogram_svg(in_position(exercise, item["position"]))),  # noqa: S308
        "position_label": labels.POSITION.get(item["position"], ""),  # type: ignore[call-overload]
        "performer_label": labels.PERFORMER.get(item["performer"], ""),  # type: ignore[call-overload]
        "hold": hold[0] if hold else None,
        "hold_range": hold,
        "caregiver_mode": caregiver_mode,
        "cues": cues,
        "next_url": next_url,
        "is_last": index == len(items),
        "speech": getattr(request.user, "speech_enabled", True),
    }
    return render(request, "sessions/step.html", context)


@login_required
def finish(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    return redirect("logbook:quick_log", patient_id=patient.pk)
