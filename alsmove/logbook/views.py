from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from alsmove.accounts.policy import Action, require
from alsmove.logbook.forms import PAIN_WORDS, TIRED_WORDS, QuickLogForm
from alsmove.logbook.models import SessionLog
from alsmove.logbook.services import LogError, evaluate, record_session, warnings_on
from alsmove.patients.clock import today_for
from alsmove.sessions.services import todays_session

# The offline queue (static/js/quicklog.js) sends with this header and reads the status:
# 201 stored, 200 already stored (a repeat), 400 a correction needed (the page), else kept.
QUEUE_HEADER = "HTTP_X_ALSMOVE_QUEUE"


@login_required
@require_http_methods(["GET", "POST"])
def quick_log(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    from_queue = request.method == "POST" and request.META.get(QUEUE_HEADER) == "1"
    session = todays_session(patient)
    form = QuickLogForm(request.POST or None, items=session.items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = record_session(
                patient=patient,
                by=request.user,
                client_id=data["client_id"],
                day=today_for(patient),
                plan=session.plan,
                statuses=form.statuses(),
                pain=data["pain"],
                pain_exercises=data["pain_exercises"],
                fatigue=data["fatigue"],
                cramps=data["cramps"],
                breathless_after=data["breathless_after"],
                note=data["note"],
            )
        except LogError as error:
            form.add_error(None, str(error))
        else:
            result = reverse("logbook:session", args=[patient.pk, outcome.log.pk])
            if from_queue:
                status = 201 if outcome.created else 200
                return JsonResponse({"url": result}, status=status)
            return redirect(result)
    return render(
        request,
        "logbook/quick_log.html",
        {
            "patient": patient,
            "form": form,
            "items": session.items,
            "pain_levels": list(PAIN_WORDS.items()),
            "tired_levels": list(TIRED_WORDS.items()),
            "eased": session.eased,
        },
        status=400 if from_queue else 200,
    )


@login_required
def session_result(request: HttpRequest, patient_id: int, log_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    log = SessionLog.objects.filter(patient=patient, pk=log_id).select_related("entered_by")
    found = log.first()
    if found is None:
        raise Http404("No such log")
    result = evaluate(patient, found.day)
    return render(
        request,
        "logbook/session_result.html",
        {
            "patient": patient,
            "log": found,
            "warnings": warnings_on(result, found.day),
            "result": result,
            "exercises": found.exercises.all(),
        },
    )
