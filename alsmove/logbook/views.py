from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from alsmove.exercises.services import exercise_library
from alsmove.logbook.corrections import correct_log
from alsmove.logbook.forms import PAIN_WORDS, TIRED_WORDS, QuickLogForm
from alsmove.logbook.models import SessionLog
from alsmove.logbook.services import LogError, evaluate, record_session, warnings_on
from alsmove.logbook.session_progress import carried_statuses, forget
from alsmove.logbook.today import KeepAfterLog, compute_session, todays_session
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, can, require

# The offline queue (static/js/quicklog.js) sends with this header and reads the status:
# 201 stored, 200 already stored (a repeat), 400 a correction needed (the page), else kept.
QUEUE_HEADER = "HTTP_X_ALSMOVE_QUEUE"


OFFLINE_DAYS = 7  # a log kept offline this long still goes to the day it was done


def session_day(posted: str | None, today: date) -> date:
    """The day a quick log is for: the person's day when the form was shown, when that is
    today or one of the last OFFLINE_DAYS (a log queued offline before midnight and sent
    after it); today for anything else, so a stale or edited form is never refused and
    its log is never lost."""
    try:
        shown = date.fromisoformat(posted or "")
    except ValueError:
        return today
    return shown if today - timedelta(days=OFFLINE_DAYS) <= shown <= today else today


def _form_context(patient: Patient, form: QuickLogForm, **extra: Any) -> dict[str, Any]:
    return {
        "patient": patient,
        "form": form,
        "items": form.items,
        "pain_levels": list(PAIN_WORDS.items()),
        "tired_levels": list(TIRED_WORDS.items()),
        **extra,
    }


@never_cache  # Back after saving asks again, and gets the saved log, not the old form.
@login_required
@require_http_methods(["GET", "POST"])
def quick_log(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    from_queue = request.method == "POST" and request.META.get(QUEUE_HEADER) == "1"
    today = today_for(patient)
    if request.method == "GET" and not request.GET.get("another"):
        logged = SessionLog.objects.filter(patient=patient, day=today).first()
        if logged is not None:
            messages.info(
                request,
                _(
                    "Today's session is logged already. Change the log here if "
                    "something is wrong, or log another session."
                ),
            )
            return redirect("logbook:session", patient_id=patient.pk, log_id=logged.pk)
    day = session_day(request.POST.get("day"), today) if request.method == "POST" else today
    keep = None
    if request.method == "POST" and day == today:
        # Read (or computed, not stored) before the log, stored from the log's own
        # judgement inside its transaction (logbook.today.KeepAfterLog).
        keep = KeepAfterLog(patient, today)
        session = keep.session
    else:
        session = todays_session(patient) if day == today else compute_session(patient, day)
    carried = carried_statuses(request.session, patient.pk, today)
    form = QuickLogForm(
        request.POST or None, items=session.items, statuses=carried, initial={"day": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = record_session(
                patient=patient,
                by=request.user,
                client_id=data["client_id"],
                day=day,
                plan=session.plan,
                statuses=form.statuses(),
                pain=data["pain"],
                pain_exercises=data["pain_exercises"],
                fatigue=data["fatigue"],
                cramps=data["cramps"],
                breathless_after=data["breathless_after"],
                note=data["note"],
                after=keep,
            )
        except LogError as error:
            form.add_error(None, str(error))
        else:
            forget(request.session, patient.pk)
            result = reverse("logbook:session", args=[patient.pk, outcome.log.pk])
            if from_queue:
                return JsonResponse({"url": result}, status=201 if outcome.created else 200)
            return redirect(result)
    # Carried from a stopped or partly skipped session: start on the list to check it.
    some_not_done = any(status != "done" for status in carried.values())
    return render(
        request,
        "logbook/quick_log.html",
        _form_context(
            patient,
            form,
            eased=session.eased,
            start_screen="screen-each" if some_not_done else "",
        ),
        status=400 if from_queue else 200,
    )


def _log_or_404(patient: Patient, log_id: int) -> SessionLog:
    found = (
        SessionLog.objects.filter(patient=patient, pk=log_id)
        .select_related("entered_by", "changed_by")
        .first()
    )
    if found is None:
        raise Http404("No such log")
    return found


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def change_log(request: HttpRequest, patient_id: int, log_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    from_queue = request.method == "POST" and request.META.get(QUEUE_HEADER) == "1"
    log = _log_or_404(patient, log_id)
    names = {e.id: e.name for e in exercise_library()}
    exercises = list(log.exercises.all())
    items = [{"exercise": e.exercise, "name": names.get(e.exercise, e.exercise)} for e in exercises]
    initial = {
        "client_id": log.client_id,
        "revision": log.revision,
        "pain": log.pain or 0,
        "pain_exercises": [e.exercise for e in exercises if e.pain > 0],
        "fatigue": log.fatigue,
        "cramps": log.cramps,
        "breathless_after": log.breathless_after,
        "note": log.note,
    }
    statuses = {e.exercise: e.status for e in exercises}
    form = QuickLogForm(request.POST or None, items=items, statuses=statuses, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            correction = correct_log(
                patient=patient,
                log_id=log.pk,
                by=request.user,
                revision=data["revision"] or 0,
                entries=form.entries(),
                fatigue=data["fatigue"],
                cramps=data["cramps"],
                breathless_after=data["breathless_after"],
                note=data["note"],
                worst_pain=data["pain"],
            )
        except LogError as error:
            form.add_error(None, str(error))
        else:
            # Said on the log's page (not as a one-time message: the offline queue reads
            # the answer to this POST before the browser shows the page).
            target = reverse("logbook:session", args=[patient.pk, log.pk])
            if correction.changed:
                target += "?changed=1"
            if from_queue:
                return JsonResponse({"url": target}, status=201 if correction.changed else 200)
            return redirect(target)
    return render(
        request,
        "logbook/quick_log.html",
        _form_context(patient, form, log=log, start_screen="screen-each"),
        status=400 if from_queue else 200,
    )


@login_required
def session_result(request: HttpRequest, patient_id: int, log_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    found = _log_or_404(patient, log_id)
    result = evaluate(patient, found.day)
    names = {e.id: e.name for e in exercise_library()}
    return render(
        request,
        "logbook/session_result.html",
        {
            "patient": patient,
            "log": found,
            "warnings": warnings_on(result, found.day),
            "result": result,
            "exercises": [
                {
                    "name": names.get(e.exercise, e.exercise),
                    "status": e.get_status_display(),
                    "pain": e.pain,
                }
                for e in found.exercises.all()
            ],
            "revisions": found.revisions.select_related("entered_by", "replaced_by"),
            "may_change": can(request.user, patient, Action.LOG),
            "is_today": found.day == today_for(patient),
            "just_changed": request.GET.get("changed") == "1" and found.revision > 1,
        },
    )
