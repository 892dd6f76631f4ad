"""Pages: the calendar link, "Your data" (download), deleting the account, and the clinic's
import. Each asks the access policy; the writes are services in transactions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alsmove.patients.policy import Action, require, require_clinic
from alsmove.portability.calendar import (
    READS_PER_HOUR,
    CalendarError,
    RateLimited,
    build_feed,
    create_link,
    link_for_reading,
    live_link,
    revoke_link,
)
from alsmove.portability.deletion import (
    DELETED_NAME,
    ERASED,
    KEPT,
    DeletionError,
    delete_account_and_record,
)
from alsmove.portability.export import export_record, export_zip, to_json_bytes
from alsmove.portability.forms import DeleteForm, ImportForm
from alsmove.portability.importer import MAX_BYTES, ImportRefused, import_record, parse_file
from alsmove.portability.schema import SCHEMA_VERSION

NO_STORE = "no-store, private"


def feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("portability:feed", args=[token]))


@login_required
@require_http_methods(["GET", "POST"])
def calendar_page(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.CALENDAR_FEED)
    new_url = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "make":
            try:
                made = create_link(patient=patient, owner=request.user)
            except CalendarError as error:
                messages.error(request, str(error))
                return redirect("portability:calendar", patient_id=patient.pk)
            new_url = feed_url(request, made.token)  # shown once, on this answer only
        elif action == "stop":
            if revoke_link(patient=patient, owner=request.user):
                messages.success(request, _("The calendar link is stopped. It shows nothing now."))
            return redirect("portability:calendar", patient_id=patient.pk)
        else:
            status = 400
    response = render(
        request,
        "portability/calendar.html",
        {
            "patient": patient,
            "link": live_link(patient, request.user),
            "new_url": new_url,
            "webcal_url": new_url.replace("https://", "webcal://").replace("http://", "webcal://"),
            "is_person": patient.user_id == request.user.pk,
        },
        status=status,
    )
    return response


@require_http_methods(["GET", "HEAD"])
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed; no session, the secret in the address is the key. An unknown
    or stopped link is 404, like a page that does not exist."""
    try:
        link = link_for_reading(token)
    except RateLimited:
        response = HttpResponse(
            _("This calendar link was read too often in the last hour (at most %(n)s).")
            % {"n": READS_PER_HOUR},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "3600"
        return response
    if link is None:
        raise Http404("No such calendar")
    response = HttpResponse(build_feed(link.patient), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = NO_STORE
    response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = 'inline; filename="als-move.ics"'
    return response


@login_required
def your_data(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EXPORT_RECORD)
    return render(
        request,
        "portability/your_data.html",
        {"patient": patient, "schema_version": SCHEMA_VERSION},
    )


@login_required
def download_zip(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EXPORT_RECORD)
    response = HttpResponse(export_zip(export_record(patient)), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="als-move-record.zip"'
    return response


@login_required
def download_json(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EXPORT_RECORD)
    response = HttpResponse(
        to_json_bytes(export_record(patient)), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="als-move-record.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_page(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.DELETE_RECORD)
    form = DeleteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                delete_account_and_record(
                    patient=patient, user=request.user, password=form.cleaned_data["password"]
                )
            except DeletionError as error:
                form.add_error("password", str(error))
            else:
                logout(request)
                return render(request, "portability/deleted.html")
    return render(
        request,
        "portability/delete.html",
        {
            "patient": patient,
            "form": form,
            "erased": ERASED,
            "kept": KEPT,
            "deleted_name": DELETED_NAME,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    clinic = require_clinic(request.user, Action.IMPORT_RECORDS)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_BYTES:
                    raise ImportRefused(_("The file is larger than 20 MB."))
                patient = import_record(parse_file(upload.read()), clinic=clinic, by=request.user)
            except ImportRefused as error:
                form.add_error("file", str(error))
            else:
                messages.success(
                    request,
                    _(
                        "The record of %(name)s is imported into %(clinic)s. They sign in "
                        'after choosing a password with "Forgot your password?" on the '
                        "login page, and then invite their care team."
                    )
                    % {"name": patient.display_name, "clinic": clinic.name},
                )
                return redirect("portability:import")
    return render(
        request,
        "portability/import.html",
        {"form": form, "clinic": clinic, "schema_version": SCHEMA_VERSION},
        status=status,
    )
