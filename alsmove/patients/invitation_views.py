"""Answering, withdrawing and leaving: the pages around care-team invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alsmove.accounts.models import User
from alsmove.patients.forms import AnswerForm
from alsmove.patients.invitations import (
    accept,
    by_token,
    check_answerable,
    decline,
    leave,
    withdraw,
)
from alsmove.patients.models import Invitation, Permission, Relation
from alsmove.patients.policy import Action, require
from alsmove.patients.services import TeamError


def _answer(request: HttpRequest, invitation: Invitation, *, by_link: bool) -> HttpResponse | None:
    """Accept or decline, as the form says; an unknown answer changes nothing (None)."""
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose Accept or Decline."))
        return None
    user: User = request.user  # type: ignore[assignment]
    name = invitation.patient.display_name
    if form.cleaned_data["answer"] == "accept":
        accept(invitation, user=user, by_link=by_link)
        messages.success(request, _("You are on the care team of %(name)s now.") % {"name": name})
        return redirect("patients:overview", patient_id=invitation.patient_id)
    decline(invitation, user=user, by_link=by_link)
    messages.success(request, _("You said no. Nothing of this record was shared with you."))
    return redirect("web:home")


@login_required
@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """The page the emailed one-time link opens: what is asked, Accept and Decline."""
    invitation = by_token(token)
    if invitation is None:
        raise Http404("No such invitation")
    user: User = request.user  # type: ignore[assignment]
    problem = ""
    try:
        check_answerable(invitation, user, by_link=True)
    except TeamError as error:
        problem = str(error)
    if request.method == "POST" and not problem:
        try:
            response = _answer(request, invitation, by_link=True)
        except TeamError as error:
            problem = str(error)
        else:
            if response is not None:
                return response
    context = {
        # Nothing about the record is shown to anyone the invitation is not for.
        "invitation": None if problem else invitation,
        "problem": problem,
        "relation": Relation(invitation.relation).label,
        "permission": Permission(invitation.permission).label,
    }
    return render(request, "patients/invitation.html", context, status=400 if problem else 200)


@login_required
@require_POST
def answer(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Accept or decline from the home page: only invitations sent to this account."""
    invitation = Invitation.objects.select_related("patient").filter(pk=invitation_id).first()
    if invitation is None or invitation.invitee_id != request.user.pk:
        raise Http404("No such invitation")
    try:
        response = _answer(request, invitation, by_link=False)
    except TeamError as error:
        messages.error(request, str(error))
        return redirect("web:home")
    return response if response is not None else redirect("web:home")


@login_required
@require_POST
def withdraw_view(request: HttpRequest, patient_id: int, invitation_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.MANAGE_TEAM)
    try:
        invitation = withdraw(patient=patient, by=request.user, invitation_id=invitation_id)
    except TeamError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("patients:team", patient_id=patient.pk)


@login_required
@require_http_methods(["GET", "POST"])
def leave_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    """Take oneself off a record, after one confirmation (a single press never does it)."""
    patient = require(request.user, patient_id, Action.LEAVE_TEAM)
    if request.method == "POST" and request.POST.get("confirm") == "leave":
        try:
            leave(patient=patient, user=request.user)
        except TeamError as error:
            messages.error(request, str(error))
            return redirect("web:home")
        messages.success(
            request,
            _("You have left the care team of %(name)s. You no longer see this record.")
            % {"name": patient.display_name},
        )
        return redirect("web:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "patients/leave.html", {"patient": patient}, status=status)
