"""The guided session: one exercise per screen, a hold timer, spoken cues, no time limit.

Server-rendered so it works with JavaScript off (a plain list of steps with Next links);
`static/js/session.js` adds the timer, the ring, speech and the single-switch control.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alsmove.core.library import Exercise, Position
from alsmove.exercises import labels
from alsmove.exercises.names import exercise_name, steps_today
from alsmove.exercises.pictograms import pictogram_svg
from alsmove.exercises.services import exercise_with_change
from alsmove.kept import Kept
from alsmove.logbook.models import ExerciseStatus
from alsmove.logbook.session_progress import carried_statuses, note_status
from alsmove.logbook.today import TodaysSession, todays_session
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require


def _today_items(patient: Patient) -> tuple[TodaysSession, list[dict[str, Any]]]:
    session = todays_session(patient)
    return session, session.items


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
            "items": rows,
            "minutes": minutes,
            "left_out": session.left_out,
            "eased": session.eased,
            "warnings": session.warnings,
            "before_review": session.before_review,
        },
    )


# The step page's pictogram, drawn once per exercise row's state, position and language
# (its title is in the page's language) and kept per process.
_PICTOGRAMS: Kept[str] = Kept(512)


def _pictogram(exercise: Exercise, changed: Any, position: str) -> str:
    key = (exercise.id, changed, position, get_language())
    return mark_safe(  # noqa: S308
        _PICTOGRAMS.get_or_make(
            key, lambda: pictogram_svg(in_position(exercise, position), translate=_)
        )
    )


# The spoken and written cues of the timer (static/js/session.js), as the page's script
# element: the same for every step in a language, so made once per language.
_CUES: Kept[str] = Kept(16)


def _cues_script() -> str:
    def make() -> str:
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
        return json_script(cues, "session-cues")

    return _CUES.get_or_make(get_language(), make)


def _note_progress(request: HttpRequest, patient: Patient, items: list[dict[str, Any]]) -> None:
    """The link that led here says how the previous exercise ended (?from=N&result=...)."""
    number, result = request.GET.get("from", ""), request.GET.get("result", "")
    if number.isdigit() and 1 <= int(number) <= len(items):
        slug = items[int(number) - 1]["exercise"]
        note_status(request.session, patient.pk, today_for(patient), slug, result)


def _with_result(url: str, index: int, result: str) -> str:
    return f"{url}?{urlencode({'from': index, 'result': result})}"


@login_required
def step(request: HttpRequest, patient_id: int, index: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    session, items = _today_items(patient)
    if not session.has_plan or not 1 <= index <= len(items):
        raise Http404("No such exercise in today's session")
    _note_progress(request, patient, items)
    item = items[index - 1]
    found = exercise_with_change(item["exercise"])
    if found is None:
        raise Http404("This exercise is no longer in the library")
    exercise, changed = found
    hold = item["hold_seconds"]
    caregiver_mode = item["performer"] != "self"
    if index < len(items):
        next_url = reverse("sessions:step", args=[patient.pk, index + 1])
    else:
        next_url = reverse("sessions:finish", args=[patient.pk])
    context = {
        "patient": patient,
        "item": item,
        "exercise": exercise,
        # The steps for the position used (an exercise offered sitting and in bed says
        # different things in each).
        "steps": steps_today(item) or list(exercise.steps_for(Position(item["position"]))),
        "index": index,
        "count": len(items),
        # Drawn in the position the routine chose, not the exercise's first position.
        "pictogram": _pictogram(exercise, changed, item["position"]),
        "position_label": labels.POSITION.get(item["position"], ""),  # type: ignore[call-overload]
        "performer_label": labels.PERFORMER.get(item["performer"], ""),  # type: ignore[call-overload]
        "hold": hold[0] if hold else None,
        "hold_range": hold,
        "caregiver_mode": caregiver_mode,
        "cues_script": _cues_script(),
        "next_url": _with_result(next_url, index, "done"),
        "skip_url": _with_result(next_url, index, "skipped"),
        "stop_url": reverse("sessions:stop", args=[patient.pk, index]),
        "is_last": index == len(items),
        "speech": getattr(request.user, "speech_enabled", True),
        "tone": getattr(request.user, "tone_enabled", False),
        "dwell": getattr(request.user, "dwell_enabled", False),
    }
    return render(request, "sessions/step.html", context)


@login_required
def finish(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    _note_progress(request, patient, _today_items(patient)[1])
    return redirect("logbook:quick_log", patient_id=patient.pk)


@login_required
def stop(request: HttpRequest, patient_id: int, index: int) -> HttpResponse:
    """The session stopped at exercise `index`: that one was done partly if it was begun
    (?current=partly), the ones after it were skipped. Offer to log what was done."""
    patient = require(request.user, patient_id, Action.LOG)
    _session, items = _today_items(patient)
    if not 1 <= index <= len(items):
        raise Http404("No such exercise in today's session")
    today = today_for(patient)
    current = request.GET.get("current", "")
    current = current if current in ("done", "partly") else "skipped"
    note_status(request.session, patient.pk, today, items[index - 1]["exercise"], current)
    for item in items[index:]:
        note_status(request.session, patient.pk, today, item["exercise"], "skipped")
    statuses = carried_statuses(request.session, patient.pk, today)
    rows = [
        {
            "name": exercise_name(item),
            "status": ExerciseStatus(statuses.get(item["exercise"], "done")).label,
        }
        for item in items
    ]
    return render(
        request,
        "sessions/stop.html",
        {
            "patient": patient,
            "rows": rows,
            "index": index,
            "log_url": reverse("logbook:quick_log", args=[patient.pk]) + "?another=1",
            "back_url": reverse("sessions:step", args=[patient.pk, index]),
        },
    )
