"""The JSON API (django-ninja), one router per app, session authentication.

Every route that touches a patient calls the access policy; the OpenAPI document is at
/api/v1/openapi.json and the browsable docs at /api/v1/docs.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from alsmove.api import (
    assessments,
    exercises,
    invitations,
    logbook,
    patients,
    profile,
    routines,
    sessions,
)

api = NinjaAPI(
    title="ALS Move API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    description=(
        "Exercise library, patient records, care teams, ALSFRS-R records, routines, "
        "session logs, check-ins and alerts. "
        "Session authentication."
    ),
)


def _json_error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, "Not found.", 404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, "You do not have permission for this.", 403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json_error(request, "Log in first.", 401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "The request is not valid.", "errors": exc.errors}, status=422
    )


api.add_router("/exercises", exercises.router)
api.add_router("/patients", patients.router)
api.add_router("/patients", assessments.router)
api.add_router("/patients", routines.router)
api.add_router("/patients", profile.router)
api.add_router("/patients", logbook.router)
api.add_router("/patients", sessions.router)
api.add_router("/patients", invitations.router)
api.add_router("/invitations", invitations.mine)
