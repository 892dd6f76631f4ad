"""The calendar link, the whole-record export and the clinic's import, in the API: the
same services and the same access policy as the pages (alsmove.portability)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Router, Schema, Status

from alsmove.api.schemas import REFUSALS, ErrorOut
from alsmove.patients.policy import Action, require, require_clinic
from alsmove.portability.calendar import create_link, live_link, revoke_link
from alsmove.portability.export import export_record
from alsmove.portability.importer import import_record
from alsmove.portability.schema import RecordExport

router = Router(tags=["your data"])
clinic = Router(tags=["your data"])


class CalendarLinkOut(Schema):
    live: bool
    created_at: datetime | None
    last_read_at: datetime | None


class NewCalendarLinkOut(Schema):
    url: str
    created_at: datetime
    detail: str


class ImportedOut(Schema):
    patient_id: int
    detail: str


@router.get(
    "/{patient_id}/calendar-link",
    response={200: CalendarLinkOut, **REFUSALS},
    summary="Whether your private calendar link is working (the link itself is shown once)",
)
def get_calendar_link(request: HttpRequest, patient_id: int) -> CalendarLinkOut:
    patient = require(request.user, patient_id, Action.CALENDAR_FEED)
    link = live_link(patient, request.user)
    return CalendarLinkOut(
        live=link is not None,
        created_at=link.created_at if link else None,
        last_read_at=link.last_read_at if link else None,
    )


@router.post(
    "/{patient_id}/calendar-link",
    response={201: NewCalendarLinkOut, **REFUSALS, 409: ErrorOut},
    summary="Make a private calendar link (an earlier one of yours stops); shown only now",
)
def post_calendar_link(request: HttpRequest, patient_id: int) -> Status[Any]:
    patient = require(request.user, patient_id, Action.CALENDAR_FEED)
    made = create_link(patient=patient, owner=request.user)
    url = request.build_absolute_uri(f"/calendar/{made.token}.ics")
    return Status(
        201,
        NewCalendarLinkOut(
            url=url,
            created_at=made.record.created_at,
            detail=_("Anyone with this link can read the calendar. It is shown only now."),
        ),
    )


@router.delete(
    "/{patient_id}/calendar-link",
    response={204: None, **REFUSALS},
    summary="Stop your calendar link: the feed answers 404 at once",
)
def delete_calendar_link(request: HttpRequest, patient_id: int) -> Status[None]:
    patient = require(request.user, patient_id, Action.CALENDAR_FEED)
    if not revoke_link(patient=patient, owner=request.user):
        raise Http404("No calendar link")
    return Status(204, None)


@router.get(
    "/{patient_id}/export",
    response={200: RecordExport, **REFUSALS},
    by_alias=True,
    summary="Your whole record (docs/data-export.md, schema version 1); the person only",
)
def get_export(request: HttpRequest, patient_id: int) -> Any:
    patient = require(request.user, patient_id, Action.EXPORT_RECORD)
    return export_record(patient)


@clinic.post(
    "/import",
    response={201: ImportedOut, **REFUSALS, 400: ErrorOut, 409: ErrorOut},
    summary="Import an exported record into your clinic (clinic administrators)",
)
def post_import(
    request: HttpRequest,
    body: dict[str, Any] = Body(...),  # noqa: B008 (django-ninja's way to read a body)
) -> Status[Any]:
    organisation = require_clinic(request.user, Action.IMPORT_RECORDS)
    patient = import_record(body, clinic=organisation, by=request.user)
    return Status(
        201,
        ImportedOut(patient_id=patient.pk, detail=_("The record is imported into your clinic.")),
    )
