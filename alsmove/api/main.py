"""The JSON API (django-ninja), one router per app, session authentication.

Every route that touches a patient calls the access policy; the OpenAPI document is at
/api/v1/openapi.json and the browsable docs at /api/v1/docs, both for signed-in accounts
only. The docs page is django-ninja's Swagger UI from the static files the package ships
("ninja" is an installed app for that), so it works offline under the strict CSP.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from alsmove.api import (
    assessments,
    documents,
    equipment,
    exercises,
    fhir,
    invitations,
    logbook,
    patients,
    portability,
    profile,
    routines,
    sessions,
)
from alsmove.api.schemas import error_text
from alsmove.core.alsfrs import AlsfrsError
from alsmove.equipment.services import PlanConflict, PlanError
from alsmove.interop.fhir.parse import BundleError
from alsmove.interop.services import ImportConflict
from alsmove.logbook.services import LogConflict, LogError
from alsmove.patients.services import TeamError, TeamNotFound
from alsmove.portability.calendar import CalendarError
from alsmove.portability.importer import ImportRefused
from alsmove.routines.services import RoutineConflict, RoutineError


def signed_in_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI document and its docs page describe every route and its fields: shown
    to signed-in accounts only. The document answers a visitor like every API route (401
    in JSON); the docs page sends them to the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if request.path.endswith(".json"):
                return _json_error(request, _("Log in first."), 401)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="ALS Move API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_decorator=signed_in_only,
    description=(
        "Exercise library, patient records, care teams, ALSFRS-R records, routines, "
        "session logs, check-ins and alerts, printable documents (PDF), the equipment "
        "catalogue and equipment plans, the calendar link and the whole-record export and "
        "import. "
        "Session authentication."
    ),
)


def _json_error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, _("Not found."), 404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, _("You do not have permission for this."), 403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, _("Log in first."), 401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": exc.errors}, status=422
    )


# Domain errors, mapped once here so the routes need no try/except. One handler per
# family; the service raises the kind that says what went wrong: the family's base class
# when the request cannot be done as sent (400, or 422 where the body names the field or
# entry), a *Conflict when the record is not in the state the step needs (409), a
# *NotFound when what it is about is not there (404). The sentence each carries is sent
# in the request's language.
@api.exception_handler(AlsfrsError)
def alsfrs_invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An ALSFRS-R record that cannot be scored or stored as sent (400)."""
    return _json_error(request, error_text(exc), 400)


@api.exception_handler(RoutineError)
def routine_refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An edit that cannot be made as sent (400), or a version not in the state the step
    needs (409: approving one that no longer waits for review)."""
    return _json_error(request, error_text(exc), 409 if isinstance(exc, RoutineConflict) else 400)


@api.exception_handler(TeamError)
def team_refused(request: HttpRequest, exc: TeamError) -> HttpResponse:
    """A care-team step that cannot be made (400, the field first when it names one), or
    an invitation or team that is not there (404)."""
    field = f"{exc.field}: " if exc.field else ""
    status = 404 if isinstance(exc, TeamNotFound) else 400
    return _json_error(request, f"{field}{error_text(exc)}", status)


@api.exception_handler(BundleError)
def bundle_refused(request: HttpRequest, exc: BundleError) -> HttpResponse:
    """A FHIR import with a malformed or implausible entry (422), or one whose day already
    holds a different record (409); the body names the entry, nothing is stored."""
    text = exc.problem.render(_)
    body = {"detail": text, "errors": [{"entry": exc.problem.entry, "message": text}]}
    return api.create_response(
        request, body, status=409 if isinstance(exc, ImportConflict) else 422
    )


@api.exception_handler(ImportRefused)
def record_import_refused(request: HttpRequest, exc: ImportRefused) -> HttpResponse:
    """A record export that is not imported: not sound (422), or its person or entries are
    already here (409)."""
    if exc.conflict:
        return _json_error(request, error_text(exc), 409)
    return api.create_response(request, {"detail": error_text(exc), "errors": []}, status=422)


@api.exception_handler(LogError)
def log_refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A log or check-in that cannot be stored as sent (400), or whose client id belongs
    to another record (409)."""
    return _json_error(request, error_text(exc), 409 if isinstance(exc, LogConflict) else 400)


@api.exception_handler(PlanConflict)
def plan_conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, error_text(exc), 409)


@api.exception_handler(PlanError)
def plan_invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
    text = error_text(exc)
    field = getattr(exc, "field", "")
    errors = [{"loc": ["body", field], "msg": text, "type": "value_error"}]
    return api.create_response(request, {"detail": text, "errors": errors}, status=422)


@api.exception_handler(CalendarError)
def calendar_refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, error_text(exc), 409)


api.add_router("/exercises", exercises.router)
api.add_router("/patients", patients.router)
api.add_router("/patients", assessments.router)
api.add_router("/patients", routines.router)
api.add_router("/patients", profile.router)
api.add_router("/patients", logbook.router)
api.add_router("/patients", sessions.router)
api.add_router("/patients", invitations.router)
api.add_router("/patients", fhir.router)
api.add_router("/patients", documents.router)
api.add_router("/invitations", invitations.mine)
api.add_router("/patients", portability.router)
api.add_router("/clinic", portability.clinic)
api.add_router("/equipment", equipment.catalogue_router)
api.add_router("/patients", equipment.router)
