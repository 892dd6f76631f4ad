"""The record as a FHIR R4 Bundle, and ALSFRS-R responses imported from one.

GET needs EXPORT_FHIR (the person, a linked therapist); POST needs IMPORT_ASSESSMENTS (a
linked therapist who may record assessments). The import is all or nothing: a problem
answers 422 (or 409 for a day that already holds a different record) naming the entry,
and nothing is stored. docs/fhir.md describes the profile.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Body, Router, Schema, Status

from alsmove.api.schemas import REFUSALS, ErrorOut, InvalidOut
from alsmove.interop.services import FHIR_JSON, exported_for, import_responses
from alsmove.patients.policy import Action, require

router = Router(tags=["fhir"])


class SkippedOut(Schema):
    entry: int
    message: str


class ImportOut(Schema):
    imported: int
    dates: list[str]
    skipped: list[SkippedOut]


@router.get(
    "/{patient_id}/fhir",
    response={200: dict[str, Any], **REFUSALS},
    summary="The record as a FHIR R4 Bundle (type collection)",
    description=(
        "Patient, Condition (SNOMED CT 86044005, ICD-10-CM G12.21), the ALSFRS-R "
        "Questionnaire, a QuestionnaireResponse per record, Observations (totals, domain "
        "subscores, King's and MiToS stages), the routine as a CarePlan and the equipment "
        "plan as DeviceRequests. Served as application/fhir+json."
    ),
    openapi_extra={"responses": {200: {"content": {FHIR_JSON: {"schema": {"type": "object"}}}}}},
)
def get_bundle(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EXPORT_FHIR)
    body = json.dumps(exported_for(patient, request.user, "api"), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type=f"{FHIR_JSON}; charset=utf-8")


@router.post(
    "/{patient_id}/fhir/import",
    response={200: ImportOut, 201: ImportOut, **REFUSALS, 400: ErrorOut, 409: InvalidOut},
    summary="Import ALSFRS-R QuestionnaireResponses from a FHIR Bundle",
    description=(
        "The body is a FHIR Bundle; its QuestionnaireResponses of the ALS Move ALSFRS-R "
        "are stored as the importing therapist's ratings and every other entry is passed "
        "over. 201 when records were stored, 200 when every response was already stored. "
        "A malformed or implausible response answers 422, a day that already holds a "
        "different record 409, each naming the entry (1 = the first); nothing is stored "
        "then. A body that is not JSON answers 400."
    ),
)
def import_bundle(
    request: HttpRequest, patient_id: int, bundle: Body[dict[str, Any]]
) -> Status[ImportOut | dict[str, Any]]:
    patient = require(request.user, patient_id, Action.IMPORT_ASSESSMENTS)
    result = import_responses(patient=patient, by=request.user, data=bundle)
    out = ImportOut(
        imported=len(result.imported),
        dates=[a.taken_on.isoformat() for a in result.imported],
        skipped=[SkippedOut(entry=s.entry, message=s.render(_)) for s in result.skipped],
    )
    return Status(201 if result.imported else 200, out)
