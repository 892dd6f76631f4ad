"""Home page, the clinic page and the error pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from alsmove.accounts.forms import StaffForm
from alsmove.accounts.models import Role, User
from alsmove.accounts.staff import STAFF_ROLES, require_clinic_admin
from alsmove.caregiving.services import taught_to
from alsmove.core.feelings import offer_due
from alsmove.equipment.home_card import start_now_card
from alsmove.kept import CompiledRead
from alsmove.logbook.checkins import checkin_form
from alsmove.logbook.forms import FeelingForm
from alsmove.logbook.models import SessionLog
from alsmove.logbook.today import todays_session
from alsmove.patients.clock import today_for
from alsmove.patients.invitations import waiting_for
from alsmove.patients.models import CareLink, Patient, Relation
from alsmove.patients.policy import Action, can, compiled_visible
from alsmove.web.hub import PersonRow, invitation_counts, open_alerts_by_patient, person_row


def _today(user: Any, patient: Patient, now: datetime, row: PersonRow) -> dict[str, Any]:
    """What a person or their caregiver does first today: answer a due check-in, then do
    (or see) today's session."""
    session = todays_session(patient)
    may_log = can(user, patient, Action.LOG)
    # The template needs only the log's id (its link).
    logged = SessionLog(pk=row.logged_id, patient=patient) if row.logged_id else None
    checkins = (
        [
            {"kind": kind, "form": checkin_form(kind, SessionLog(pk=log_id, patient=patient))}
            for kind, log_id in row.due
        ]
        if may_log
        else []
    )
    is_person = patient.user_id == user.pk
    return {
        "patient": patient,
        "is_person": is_person,
        "may_log": may_log,
        "has_plan": session.has_plan,
        "count": len(session.items),
        "minutes": max(1, round(sum(item["minutes"] for item in session.items))),
        "eased": session.eased,
        "before_review": session.before_review,
        "logged": logged,
        "checkins": checkins,
        # The hub: the latest score (link to progress) and the next reminder.
        "score": row.score,
        "reminder": row.reminder,
        "may_set_reminders": can(user, patient, Action.EDIT_PROFILE),
        # For a caregiver: the skills a therapist has taught them for this person.
        "skills": [] if is_person else taught_to(user, patient),
        "equipment": _start_now(patient, is_person),
    }


def _start_now(patient: Patient, is_person: bool) -> str:
    """EQUIP-FIRST-01 on the home page: the first few items to start on now, and how many
    more are on the equipment plan."""
    # Planned and drawn once per state of its inputs (equipment.home_card).
    return start_now_card(patient, today_for(patient), is_person=is_person)


# The user's own record, and the records they may see besides it (through the policy),
# each caregiver's marked: read on every home page, compiled once.
_OWN = CompiledRead(Patient, lambda key: Patient.objects.filter(user_id=key).order_by("pk"))
_OTHERS = compiled_visible(
    lambda records, key: records.exclude(user_id=key).annotate(
        cares_for=Exists(
            CareLink.objects.filter(
                patient=OuterRef("pk"),
                member_id=key,
                relation=Relation.CAREGIVER,
                revoked_at__isnull=True,
            )
        )
    )
)


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/landing.html")
    user = request.user
    now = timezone.now()
    own = next(iter(_OWN(user.pk)), None)
    # Caregivers see today's session and check-ins for each person they care for; a
    # therapist's caseload is elsewhere.
    others = _OTHERS(user)
    cared_for = [patient for patient in others if patient.cares_for]
    rows = {
        patient.pk: person_row(patient, today_for(patient, now), now)
        for patient in [*([own] if own else []), *cared_for]
    }
    today = [_today(user, own, now, rows[own.pk])] if own else []
    today += [_today(user, patient, now, rows[patient.pk]) for patient in cared_for]
    # The optional "How have you been feeling?", for the person only, at most weekly.
    feeling_form = (
        FeelingForm(auto_id=False)
        if own
        and can(user, own, Action.ANSWER_FEELINGS)
        and offer_due(rows[own.pk].last_feeling, today_for(own, now))
        else None
    )
    to_account, to_address = invitation_counts(user, now)
    return render(
        request,
        "web/home.html",
        {
            "own": own,
            "others": others,
            "today": today,
            "feeling_form": feeling_form,
            "Role": Role,
            # The invitations themselves are read only when there are some.
            "invitations": list(waiting_for(user)) if to_account else [],
            "link_only_invitations": to_address,
            # A therapist's records with alerts not looked at yet.
            "alerts": open_alerts_by_patient(user) if user.is_therapist else [],
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


@login_required
def clinic(request: HttpRequest) -> HttpResponse:
    return clinic_page(request)


def clinic_page(request: HttpRequest, form: StaffForm | None = None) -> HttpResponse:
    """For a clinic administrator: who works here and how many records the clinic holds.

    Shows accounts, not clinical data: an administrator manages access, not care.
    """
    user = request.user
    require_clinic_admin(user)
    # Staff only: people with ALS own their accounts; the clinic does not switch them off.
    staff = User.objects.filter(
        organisation_id=user.organisation_id, role__in=STAFF_ROLES
    ).order_by("role", "full_name")
    record_count = Patient.objects.filter(organisation_id=user.organisation_id).count()
    # Just switched off: the page offers the way back at the top ("Undo").
    undo = request.GET.get("undo", "")
    undo_member = staff.filter(pk=int(undo), is_active=False).first() if undo.isdigit() else None
    return render(
        request,
        "web/clinic.html",
        {
            "organisation": user.organisation,
            "staff": staff,
            "record_count": record_count,
            "form": form or StaffForm(),
            "undo_member": undo_member,
        },
        status=400 if form is not None else 200,
    )


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "text": text}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    too_big = isinstance(exception, RequestDataTooBig)
    if request.path.startswith("/api/"):
        # The API's own error shape, even when Django refused the request before the API.
        detail = (
            _("The request is too large. Send at most %(size)d MB.")
            % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)}
            if too_big
            else _("The request is not valid.")
        )
        return JsonResponse({"detail": detail}, status=413 if too_big else 400)
    if too_big:
        return _error(
            request,
            413,
            _("That was too much to send at once"),
            _("Go back, shorten what you wrote and try again. Nothing saved before is lost."),
        )
    return _error(
        request,
        400,
        _("Something in that request was not right"),
        _("Go back and try again. Nothing you saved before has been lost."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        _("You do not have permission for this"),
        _("If you think you should, ask the person or their therapist to change your access."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        _("We could not find that page"),
        _("It may have moved, or the address may be mistyped. Start again from the home page."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # Kept free of database work: it must render even when the database is the problem.
    return render(request, "500.html", status=500)
