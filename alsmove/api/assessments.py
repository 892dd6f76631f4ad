"""ALSFRS-R records and the progression summary (same shape as `alsmove assess`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from alsmove.api.schemas import REFUSALS, ErrorOut
from alsmove.assessments.recording import enter_assessment
from alsmove.assessments.services import (
    current_records,
    progression_summary,
    require_correction,
    shown_records,
)
from alsmove.patients.policy import Action, require

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
    entered_at: datetime
    replaces: int | None
    # False for a self-report beside a clinician's rating of the same day: listed, but
    # not used for stages or the forecast (ALSFRS-SOURCE-01).
    counted: bool


def _out(a: Any, counted: bool = True) -> AssessmentOut:
    return AssessmentOut(
        id=a.pk,
        date=a.taken_on,
        items=a.items,
        total=a.total,
        source=a.source,
        entered_by=a.entered_by.full_name if a.entered_by else None,
        entered_at=a.created_at,
        replaces=a.replaces_id,
        counted=counted,
    )


def _is_counted(patient: Any, assessment: Any) -> bool:
    return assessment.pk in {a.pk for a, _ in current_records(patient)}


@router.get(
    "/{patient_id}/alsfrs",
    response={200: list[AssessmentOut], **REFUSALS},
    summary="ALSFRS-R records",
)
def list_assessments(request: HttpRequest, patient_id: int) -> list[AssessmentOut]:
    patient = require(request.user, patient_id, Action.VIEW)
    counted = {a.pk for a, _ in current_records(patient)}
    return [_out(a, a.pk in counted) for a, _ in shown_records(patient)]


@router.post(
    "/{patient_id}/alsfrs",
    response={201: AssessmentOut, **REFUSALS, 400: ErrorOut},
    summary="Add an ALSFRS-R record",
)
def create_assessment(
    request: HttpRequest, patient_id: int, payload: AssessmentIn
) -> Status[AssessmentOut | ErrorOut]:
    patient = require(request.user, patient_id, Action.LOG)
    assessment = enter_assessment(
        patient=patient, by=request.user, taken_on=payload.date, items=payload.items
    ).assessment
    return Status(201, _out(assessment, _is_counted(patient, assessment)))


@router.put(
    "/{patient_id}/alsfrs/{assessment_id}",
    response={200: AssessmentOut, **REFUSALS, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Correct an ALSFRS-R record (a new version; the old one is kept)",
    description=(
        "A clinician's rating is corrected only by a clinician, a self-report only by the "
        "person or a caregiver who may log. Anyone else adds their own record for the day "
        "with POST instead."
    ),
)
def correct_assessment(
    request: HttpRequest, patient_id: int, assessment_id: int, payload: AssessmentIn
) -> Status[AssessmentOut | ErrorOut]:
    patient = require(request.user, patient_id, Action.LOG)
    old = patient.assessments.current().filter(pk=assessment_id).first()
    if old is None:
        return Status(404, ErrorOut(detail=_("No current record with that id.")))
    require_correction(request.user, patient, old)
    assessment = enter_assessment(
        patient=patient, by=request.user, taken_on=payload.date, items=payload.items, replaces=old
    ).assessment
    return Status(200, _out(assessment, _is_counted(patient, assessment)))


@router.get(
    "/{patient_id}/progression",
    response={200: dict[str, Any], **REFUSALS, 404: ErrorOut},
    summary="Totals, stages, slope and forecast (the `alsmove assess` shape)",
)
def get_progression(request: HttpRequest, patient_id: int) -> Any:
    patient = require(request.user, patient_id, Action.VIEW)
    summary = progression_summary(patient)
    if summary is None:
        raise HttpError(
            404,
            _(
                "Not enough data for a summary: the record needs an onset date and an "
                "assessment, with dates that fit together (first symptoms before every "
                "record)."
            ),
        )
    return summary
