"""Home page, the clinic page and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alsmove.accounts.models import Role, User
from alsmove.accounts.policy import visible_patients
from alsmove.patients.models import Patient


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/landing.html")
    user = request.user
    own = Patient.objects.filter(user=user).first()
    others = visible_patients(user).exclude(user=user)
    return render(request, "web/home.html", {"own": own, "others": others, "Role": Role})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


@login_required
def clinic(request: HttpRequest) -> HttpResponse:
    """For a clinic administrator: who works here and how many records the clinic holds.

    Shows accounts, not clinical data: an administrator manages access, not care.
    """
    user = request.user
    if user.role != Role.ADMIN or user.organisation_id is None:
        raise PermissionDenied(_("This page is for clinic administrators."))
    staff = User.objects.filter(organisation_id=user.organisation_id).order_by("role", "full_name")
    record_count = Patient.objects.filter(organisation_id=user.organisation_id).count()
    return render(
        request,
        "web/clinic.html",
        {"organisation": user.organisation, "staff": staff, "record_count": record_count},
    )


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "text": text}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
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
