"""The documents page, the four PDF downloads and the therapist's plan-of-care form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alsmove.core.plan_of_care import jimmo_note
from alsmove.documents import facts
from alsmove.documents.build import build_pdf, pdf_response
from alsmove.documents.forms import PeriodForm, PlanOfCareForm, period_from
from alsmove.documents.services import initial_from, record_download, save_plan_of_care
from alsmove.formats import say
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, allowed_actions, require


def _list_page(
    request: HttpRequest, patient: Patient, period: PeriodForm, status: int = 200
) -> HttpResponse:
    actions = allowed_actions(request.user, patient)
    care = facts.plan_of_care_for(patient)
    return render(
        request,
        "documents/list.html",
        {
            "patient": patient,
            "period": period,
            "clinical": Action.READ_CLINICAL_DOCUMENTS in actions,
            "can_write": Action.WRITE_PLAN_OF_CARE in actions,
            "care": care,
        },
        status=status,
    )


@login_required
@require_GET
def documents(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    return _list_page(request, patient, period_from({}, today_for(patient)))


def _download(request: HttpRequest, patient: Patient, kind: str) -> HttpResponse:
    today = today_for(patient)
    content = build_pdf(kind, patient, today)
    record_download(request.user, patient, kind)
    return pdf_response(content, kind, today)


@login_required
@require_GET
def routine_handout(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    return _download(request, patient, "routine-handout")


@login_required
@require_GET
def caregiver_handout(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    return _download(request, patient, "caregiver-handout")


@login_required
@require_GET
def progress_note(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.READ_CLINICAL_DOCUMENTS)
    today = today_for(patient)
    period = period_from(request.GET, today)
    if not period.is_valid():
        return _list_page(request, patient, period, status=400)
    start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    content = build_pdf("progress-note", patient, today, start, end)
    record_download(request.user, patient, "progress-note", f"{start}..{end}")
    return pdf_response(content, "progress-note", today)


@login_required
@require_GET
def plan_of_care(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.READ_CLINICAL_DOCUMENTS)
    return _download(request, patient, "plan-of-care")


@login_required
@require_http_methods(["GET", "POST"])
def plan_of_care_form(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.WRITE_PLAN_OF_CARE)
    today = today_for(patient)
    care = facts.plan_of_care_for(patient)
    proposed = facts.suggestions(patient, today)
    if request.method == "POST":
        form = PlanOfCareForm(request.POST, today=today)
        if form.is_valid():
            save_plan_of_care(patient=patient, by=request.user, data=form.cleaned_data)  # type: ignore[arg-type]
            messages.success(request, _("The plan of care is saved."))
            return redirect("documents:list", patient_id=patient.pk)
    else:
        initial = initial_from(care)
        use = request.GET.get("use", "")
        # "Start from the suggested wording": fills the form only; nothing is stored
        # until the therapist saves it.
        if use in proposed and not initial.get(use):
            initial[use] = proposed[use]
        form = PlanOfCareForm(initial=initial, today=today)
    return render(
        request,
        "documents/plan_of_care_form.html",
        {
            "patient": patient,
            "form": form,
            "care": care,
            "proposed": proposed,
            "jimmo_note": say(jimmo_note()),
        },
        status=400 if request.method == "POST" else 200,
    )
