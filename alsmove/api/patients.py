from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from alsmove.api.schemas import REFUSALS, ErrorOut
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, allowed_actions, require, visible_patients

router = Router(tags=["patients"])


class PatientOut(Schema):
    id: int
    name: str
    onset_date: date | None
    onset_region: str
    diagnosis_date: date | None
    time_zone: str
    your_permissions: list[str]


class MemberOut(Schema):
    id: int
    name: str
    relation: str
    permission: str
    since: date


def _patient_out(request: HttpRequest, patient: Patient) -> PatientOut:
    return PatientOut(
        id=patient.pk,
        name=patient.display_name,
        onset_date=patient.onset_date,
        onset_region=patient.onset_region,
        diagnosis_date=patient.diagnosis_date,
        time_zone=patient.time_zone,
        your_permissions=sorted(a.value for a in allowed_actions(request.user, patient)),
    )


@router.get("", response={200: list[PatientOut], 401: ErrorOut}, summary="Records you may see")
def list_patients(request: HttpRequest) -> list[PatientOut]:
    return [_patient_out(request, p) for p in visible_patients(request.user)]


@router.get("/{patient_id}", response={200: PatientOut, **REFUSALS}, summary="One record")
def get_patient(request: HttpRequest, patient_id: int) -> PatientOut:
    return _patient_out(request, require(request.user, patient_id, Action.VIEW))


@router.get(
    "/{patient_id}/team", response={200: list[MemberOut], **REFUSALS}, summary="The care team"
)
def get_team(request: HttpRequest, patient_id: int) -> list[MemberOut]:
    patient = require(request.user, patient_id, Action.VIEW)
    return [
        MemberOut(
            id=link.pk,
            name=link.member.full_name,
            relation=link.relation,
            permission=link.permission,
            since=link.created_at.date(),
        )
        for link in patient.care_links.active().select_related("member")
    ]
