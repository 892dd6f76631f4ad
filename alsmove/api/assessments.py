"""ALSFRS-R records and the progression summary (same shape as `alsmove assess`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from alsmove.accounts.policy import Action, require
from alsmove.assessments.services import progression_summary, record_assessment
from alsmove.core.alsfrs import AlsfrsError
from alsmove.core.i18n import Message
from alsmove.routines.services import WHY_ASSESSMENT, propose

router = Router(tags=["assessments"])


class AssessmentIn(Schema):
    date: date
    items: dict[str, int]


class AssessmentOut(Schema):
    id: int
    date: date
    items: dict[str, int]
    total: int
    source: str
    entered_by: str | None


class ErrorOut(Schema):
    detail: str


def _out(a: Any) -> AssessmentOut:
    return AssessmentOut(
        id=a.pk,
        date=a.taken_on,
        items=a.items,
        total=a.total,
        source=a.source,
        entered_by=a.entered_by.full_name if a.entered_by else None,
    )


@router.get("/{patient_id}/alsfrs", response=list[AssessmentOut], summary="ALSFRS-R records")
def list_assessments(request: HttpRequest, patient_id: int) -> list[AssessmentOut]:
    patient = require(request.user, patient_id, Action.VIEW)
    return [_out(a) for a in patient.assessments.current().select_related("entered_by")]


@router.post(
    "/{patient_id}/alsfrs",
    response={201: AssessmentOut, 400: ErrorOut},
    summary="Add an ALSFRS-R record",
)
def create_assessment(
    request: HttpRequest, patient_id: int, payload: AssessmentIn
) -> Status[AssessmentOut | ErrorOut]:
    patient = require(request.user, patient_id, Action.LOG)
    try:
        assessment = record_assessment(
            patient=patient, by=request.user, taken_on=payload.date, items=payload.items
        )
    except AlsfrsError as error:
        return Status(400, ErrorOut(detail=str(error)))
    propose(patient, by=request.user, why=Message(WHY_ASSESSMENT))
    return Status(201, _out(assessment))


@router.get(
    "/{patient_id}/progression",
    response={200: dict[str, Any], 404: ErrorOut},
    summary="Totals, stages, slope and forecast (the `alsmove assess` shape)",
)
def get_progression(request: HttpRequest, patient_id: int) -> Any:
    patient = require(request.user, patient_id, Action.VIEW)
    summary = progression_summary(patient)
    if summary is None:
        raise HttpError(
            404,
            "Not enough data for a summary: the record needs an onset date and an "
            "assessment, with dates that fit together (first symptoms before every record).",
        )
    return summary
