"""Check-ins: one question, one selection, about 30 minutes after a session and the next day.

The form carries a client id made when it is shown, so a doubled or retried send is stored
once. After saving, the day is judged again by the overwork rules and the care team's
alerts are raised; the result page says in plain words what happened and what changed.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alsmove.logbook.forms import CHECKIN_ANSWERS, CheckInForm
from alsmove.logbook.models import CheckIn, SessionLog
from alsmove.logbook.services import (
    LogError,
    checkin_warnings,
    due_checkins,
    evaluate,
    record_checkin,
)
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require


def checkin_form(kind: str, session: SessionLog) -> CheckInForm:
    """A fresh form for a due check-in (the home page shows these too)."""
    return CheckInForm(kind=kind, initial={"session": session.pk}, auto_id=False)


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, patient_id: int, kind: str) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    if kind not in CHECKIN_ANSWERS:
        raise Http404("No such check-in")
    saved = request.GET.get("saved")
    if request.method == "GET" and saved:
        return _result(request, patient, kind, saved)
    is_person = patient.user_id == request.user.pk
    if request.method == "POST":
        form = CheckInForm(request.POST, kind=kind, auto_id=False)
        if form.is_valid():
            session = None
            if form.cleaned_data["session"]:
                session = SessionLog.objects.filter(
                    patient=patient, pk=form.cleaned_data["session"]
                ).first()
            try:
                if form.cleaned_data["session"] and session is None:
                    raise LogError(_("That session is not in this record."))
                outcome = record_checkin(
                    patient=patient,
                    by=request.user,
                    client_id=form.cleaned_data["client_id"],
                    kind=kind,
                    day=today_for(patient),
                    session=session,
                    **form.values(),
                )
            except LogError as error:
                form.add_error(None, str(error))
            else:
                url = reverse("logbook:checkin", args=[patient.pk, kind])
                return redirect(f"{url}?saved={outcome.checkin.pk}")
    else:
        due = {d.kind: d.session for d in due_checkins(patient, timezone.now())}
        session = due.get(kind)
        form = checkin_form(kind, session) if session else None
    return render(
        request,
        "logbook/checkin.html",
        {
            "patient": patient,
            "kind": kind,
            "form": form,
            "is_person": is_person,
        },
    )


def _result(request: HttpRequest, patient: Patient, kind: str, saved: str) -> HttpResponse:
    try:
        found = CheckIn.objects.filter(patient=patient, kind=kind, pk=int(saved)).first()
    except ValueError:
        found = None
    if found is None:
        raise Http404("No such check-in")
    result = evaluate(patient, found.day)
    answer = next(
        (
            label
            for values, label in CHECKIN_ANSWERS[kind].values()
            if all(getattr(found, field) == values.get(field, False) for field in _FIELDS)
        ),
        "",
    )
    return render(
        request,
        "logbook/checkin_result.html",
        {
            "patient": patient,
            "checkin": found,
            "answer": answer,
            "warnings": checkin_warnings(result, found.day),
            "eased": result.easing.active,
        },
    )


_FIELDS = ("weaker", "soreness", "heaviness")
