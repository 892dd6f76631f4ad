"""Printable documents as PDF: the home routine and caregiver handouts (VIEW), the
progress note for a period and the plan of care (READ_CLINICAL_DOCUMENTS: the person and
their therapists). Each download is audited, like the pages' downloads."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from alsmove.api.schemas import REFUSALS, InvalidOut
from alsmove.documents.build import build_pdf, pdf_response
from alsmove.documents.forms import period_from
from alsmove.documents.services import record_download
from alsmove.patients.clock import today_for
from alsmove.patients.policy import Action, require

router = Router(tags=["documents"])


def _pdf(description: str) -> dict[str, Any]:
    return {
        "responses": {
            "200": {
                "description": description,
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


def _download(request: HttpRequest, patient_id: int, action: Action, kind: str) -> HttpResponse:
    patient = require(request.user, patient_id, action)
    today = today_for(patient)
    content = build_pdf(kind, patient, today)
    record_download(request.user, patient, kind)
    return pdf_response(content, kind, today)


@router.get(
    "/{patient_id}/documents/routine-handout.pdf",
    response=REFUSALS,
    summary="The large-print home routine handout (PDF)",
    openapi_extra=_pdf("The handout as a PDF"),
)
def routine_handout(request: HttpRequest, patient_id: int) -> HttpResponse:
    return _download(request, patient_id, Action.VIEW, "routine-handout")


@router.get(
    "/{patient_id}/documents/caregiver-handout.pdf",
    response=REFUSALS,
    summary="The caregiver handout: passive movements and skills taught (PDF)",
    openapi_extra=_pdf("The handout as a PDF"),
)
def caregiver_handout(request: HttpRequest, patient_id: int) -> HttpResponse:
    return _download(request, patient_id, Action.VIEW, "caregiver-handout")


@router.get(
    "/{patient_id}/documents/plan-of-care.pdf",
    response=REFUSALS,
    summary="The maintenance-therapy plan of care (PDF)",
    openapi_extra=_pdf("The plan of care as a PDF"),
)
def plan_of_care(request: HttpRequest, patient_id: int) -> HttpResponse:
    return _download(request, patient_id, Action.READ_CLINICAL_DOCUMENTS, "plan-of-care")


@router.get(
    "/{patient_id}/documents/progress-note.pdf",
    response=REFUSALS,
    summary="The therapist's progress note for a period (PDF); the last 90 days by default",
    openapi_extra=_pdf("The progress note as a PDF"),
)
def progress_note(
    request: HttpRequest,
    patient_id: int,
    start: date | None = Query(None, alias="from", description="First day"),  # noqa: B008
    end: date | None = Query(None, alias="to", description="Last day"),  # noqa: B008
) -> HttpResponse | Status[InvalidOut]:
    patient = require(request.user, patient_id, Action.READ_CLINICAL_DOCUMENTS)
    today = today_for(patient)
    query = {"from": start.isoformat() if start else "", "to": end.isoformat() if end else ""}
    period = period_from(query, today)
    if not period.is_valid():
        errors = [
            {"loc": ["query", {"start": "from", "end": "to"}.get(name, name)], "msg": str(msg)}
            for name, messages in period.errors.items()
            for msg in messages
        ]
        return Status(422, InvalidOut(detail=errors[0]["msg"], errors=errors))
    first, last = period.cleaned_data["start"], period.cleaned_data["end"]
    content = build_pdf("progress-note", patient, today, first, last)
    record_download(request.user, patient, "progress-note", f"{first}..{last}")
    return pdf_response(content, "progress-note", today)
