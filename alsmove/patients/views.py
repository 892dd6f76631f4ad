from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from alsmove.accounts.models import Role
from alsmove.formats import say
from alsmove.patients.clock import today_for
from alsmove.patients.forms import InviteForm, PatientForm
from alsmove.patients.invitations import invite, pending_for
from alsmove.patients.policy import Action, allowed_actions, require
from alsmove.patients.services import (
    RecordError,
    TeamError,
    create_patient_for_clinic,
    recently_removed,
    restore_member,
    revoke_member,
    update_record,
)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    # Opening a record is a clinic task; people with ALS get theirs when they sign up.
    if request.user.role != Role.THERAPIST:
        raise PermissionDenied(_("Only a therapist can open a record for someone else."))
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        patient = create_patient_for_clinic(
            therapist=request.user,
            display_name=data["display_name"],
            onset_date=data["onset_date"],
            onset_region=data["onset_region"] or "",
            diagnosis_date=data["diagnosis_date"],
            time_zone=data["time_zone"],
        )
        messages.success(request, _("The record is open. Next, add the care team."))
        return redirect("patients:team", patient_id=patient.pk)
    return render(request, "patients/create.html", {"form": form})


@login_required
def overview(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    actions = allowed_actions(request.user, patient)
    return render(
        request,
        "patients/overview.html",
        {"patient": patient, "can": {a.value: a in actions for a in Action}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PROFILE)
    initial = {
        "display_name": patient.display_name,
        "onset_date": patient.onset_date,
        "onset_region": patient.onset_region,
        "diagnosis_date": patient.diagnosis_date,
        "time_zone": patient.time_zone,
    }
    form = PatientForm(request.POST or None, initial=initial, today=today_for(patient))
    if request.method == "POST" and form.is_valid():
        try:
            update_record(patient=patient, by=request.user, **form.cleaned_data)
        except RecordError as error:
            for problem in error.problems:
                form.add_error(problem.field, say(problem.message))
        else:
            messages.success(request, _("The record is updated."))
            return redirect("patients:overview", patient_id=patient.pk)
    return render(request, "patients/edit.html", {"form": form, "patient": patient})


# The one answer to every invitation sent, whoever uses the address (or nobody yet):
# the team page never tells whether an email has an account, or what kind.
INVITED = _lazy(
    "We sent an invitation to %(email)s. They see nothing of this record unless they "
    "accept it, and their name shows here once they do."
)


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    actions = allowed_actions(request.user, patient)
    can_manage = Action.MANAGE_TEAM in actions
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        patient = require(request.user, patient_id, Action.MANAGE_TEAM)
        if form.is_valid():
            try:
                invite(patient=patient, by=request.user, **form.cleaned_data)
            except TeamError as error:
                form.add_error(error.field, str(error))
            else:
                messages.success(request, INVITED % {"email": form.cleaned_data["email"]})
                return redirect("patients:team", patient_id=patient.pk)
        status = 400
    links = patient.care_links.active().select_related("member")
    return render(
        request,
        "patients/team.html",
        {
            "patient": patient,
            "links": links,
            "invitations": pending_for(patient) if can_manage else [],
            "form": form,
            "can_manage": can_manage,
            "can_leave": Action.LEAVE_TEAM in actions,
            "removed": recently_removed(patient) if can_manage else [],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, patient_id: int, link_id: int) -> HttpResponse:
    """GET asks "are you sure?", naming who is removed; POST removes them."""
    patient = require(request.user, patient_id, Action.MANAGE_TEAM)
    if request.method == "GET":
        link = patient.care_links.active().select_related("member").filter(pk=link_id).first()
        if link is None:
            messages.info(request, _("That person is no longer on the care team."))
            return redirect("patients:team", patient_id=patient.pk)
        names = {"name": link.member.full_name, "person": patient.display_name}
        return render(
            request,
            "web/confirm.html",
            {
                "title": _("Remove %(name)s from the care team of %(person)s?") % names,
                "lines": [
                    _("%(name)s will no longer see or log anything for %(person)s.") % names,
                    _("You can undo this on the care-team page for a day afterwards."),
                ],
                "action": reverse("patients:revoke", args=[patient.pk, link.pk]),
                "hidden": [],
                "button": _("Yes, remove %(name)s") % names,
                "cancel": reverse("patients:team", args=[patient.pk]),
            },
        )
    try:
        link = revoke_member(patient=patient, by=request.user, link_id=link_id)
    except TeamError as error:
        messages.error(request, str(error))
        return redirect("patients:team", patient_id=patient.pk)
    messages.success(
        request,
        _("%(name)s no longer has access to this record.") % {"name": link.member.full_name},
    )
    return redirect(reverse("patients:team", args=[patient.pk]) + "#removed")


@login_required
@require_POST
def restore(request: HttpRequest, patient_id: int, link_id: int) -> HttpResponse:
    """Undo a removal: the same person with the same rights, within a day."""
    patient = require(request.user, patient_id, Action.MANAGE_TEAM)
    try:
        link = restore_member(patient=patient, by=request.user, link_id=link_id)
    except TeamError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(name)s is back on the care team.") % {"name": link.member.full_name}
        )
    return redirect("patients:team", patient_id=patient.pk)
