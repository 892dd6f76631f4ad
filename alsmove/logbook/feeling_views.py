"""The pages of "How have you been feeling?": the question, and the page after an answer
(support, a crisis line, and for a low answer "Would you like your therapist to know?").

Only the person opens them (Action.ANSWER_FEELINGS): the question is about their own
feelings, so a caregiver logging for them is never asked it on their behalf.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alsmove.core import feelings as core
from alsmove.logbook.feelings import answer_share, record_feeling, therapist_names
from alsmove.logbook.forms import FeelingForm, ShareForm
from alsmove.logbook.models import FeelingAnswer, FeelingCheckIn
from alsmove.logbook.services import LogError
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require


@login_required
@require_http_methods(["GET", "POST"])
def feeling(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.ANSWER_FEELINGS)
    saved = request.GET.get("saved")
    if request.method == "GET" and saved:
        return _result(request, patient, _saved(patient, saved))
    form = FeelingForm(request.POST or None, auto_id=False)
    if request.method == "POST" and form.is_valid():
        try:
            found, _created = record_feeling(
                patient=patient,
                client_id=form.cleaned_data["client_id"],
                answer=form.cleaned_data["answer"],
                day=today_for(patient),
            )
        except LogError as error:
            form.add_error(None, str(error))
        else:
            if found.answer == FeelingAnswer.SKIPPED:
                messages.success(request, _("That is fine. We will not ask again for a week."))
                return redirect("web:home")
            url = reverse("logbook:feeling", args=[patient.pk])
            return redirect(f"{url}?saved={found.pk}")
    return render(request, "logbook/feeling.html", {"patient": patient, "form": form})


@login_required
@require_POST
def share(request: HttpRequest, patient_id: int, feeling_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.ANSWER_FEELINGS)
    found = _saved(patient, str(feeling_id))
    form = ShareForm(request.POST, auto_id=False)
    if form.is_valid():
        try:
            answer_share(feeling=found, by=request.user, yes=form.cleaned_data["tell"] == "yes")
        except LogError as error:
            form.add_error(None, str(error))
        else:
            url = reverse("logbook:feeling", args=[patient.pk])
            return redirect(f"{url}?saved={found.pk}#share")
    return _result(request, patient, found, share_form=form)


def _saved(patient: Patient, pk: str) -> FeelingCheckIn:
    try:
        found = FeelingCheckIn.objects.filter(patient=patient, pk=int(pk)).first()
    except ValueError:
        found = None
    if found is None or found.answer == FeelingAnswer.SKIPPED:
        raise Http404("No such answer")
    return found


def _result(
    request: HttpRequest,
    patient: Patient,
    found: FeelingCheckIn,
    share_form: ShareForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "logbook/feeling_result.html",
        {
            "patient": patient,
            "feeling": found,
            "support": core.support_for(core.Feeling(found.answer)),
            "therapists": therapist_names(patient),
            "share_form": share_form or ShareForm(auto_id=False),
        },
    )
