"""Care-team invitations in the API: the same services and the same policy as the pages.

Inviting answers 202 with one sentence whatever the address is; the invitee answers
invitations sent to their account (an account opened after the invitation answers through
the emailed link only); anyone added can leave.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from alsmove.api.schemas import REFUSALS, ErrorOut
from alsmove.patients.invitations import (
    accept,
    decline,
    invite,
    leave,
    pending_for,
    waiting_for,
    withdraw,
)
from alsmove.patients.models import Invitation
from alsmove.patients.policy import Action, require

router = Router(tags=["care team"])
mine = Router(tags=["care team"])

INVITED = gettext_noop(
    "The invitation is sent. They see nothing of this record unless they accept it, and "
    "their name shows on the team once they do."
)


class InviteIn(Schema):
    email: str
    relation: Literal["caregiver", "therapist"]
    permission: Literal["view", "log", "edit_plan"]
    consent_note: str = ""


class SentOut(Schema):
    detail: str


class PendingOut(Schema):
    id: int
    email: str
    relation: str
    permission: str
    sent_at: datetime
    expires_at: datetime


class InvitationOut(Schema):
    id: int
    record_name: str
    invited_by: str | None
    invited_by_email: str | None
    relation: str
    permission: str
    expires_at: datetime


class AnsweredOut(Schema):
    detail: str
    patient_id: int | None


@router.post(
    "/{patient_id}/team/invitations",
    response={202: SentOut, **REFUSALS, 400: ErrorOut},
    summary="Invite a caregiver or therapist (nothing is shared until they accept)",
)
def post_invitation(
    request: HttpRequest, patient_id: int, payload: InviteIn
) -> Status[SentOut | ErrorOut]:
    patient = require(request.user, patient_id, Action.MANAGE_TEAM)
    email = payload.email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        return Status(400, ErrorOut(detail=_("email: enter a valid email address.")))
    invite(patient=patient, by=request.user, **{**payload.model_dump(), "email": email})
    return Status(202, SentOut(detail=_(INVITED)))


@router.get(
    "/{patient_id}/team/invitations",
    response={200: list[PendingOut], **REFUSALS},
    summary="Invitations waiting for an answer",
)
def list_pending(request: HttpRequest, patient_id: int) -> list[PendingOut]:
    patient = require(request.user, patient_id, Action.MANAGE_TEAM)
    return [
        PendingOut(
            id=i.pk,
            email=i.email,
            relation=i.relation,
            permission=i.permission,
            sent_at=i.created_at,
            expires_at=i.expires_at,
        )
        for i in pending_for(patient)
    ]


@router.delete(
    "/{patient_id}/team/invitations/{invitation_id}",
    response={204: None, **REFUSALS, 404: ErrorOut},
    summary="Withdraw an invitation (its link stops working)",
)
def delete_invitation(
    request: HttpRequest, patient_id: int, invitation_id: int
) -> Status[ErrorOut | None]:
    patient = require(request.user, patient_id, Action.MANAGE_TEAM)
    withdraw(patient=patient, by=request.user, invitation_id=invitation_id)
    return Status(204, None)


@router.delete(
    "/{patient_id}/team/me",
    response={204: None, **REFUSALS, 404: ErrorOut},
    summary="Leave a record you were added to",
)
def leave_team(request: HttpRequest, patient_id: int) -> Status[ErrorOut | None]:
    patient = require(request.user, patient_id, Action.LEAVE_TEAM)
    leave(patient=patient, user=request.user)
    return Status(204, None)


@mine.get(
    "",
    response={200: list[InvitationOut], 401: ErrorOut},
    summary="Invitations waiting for your answer",
)
def list_mine(request: HttpRequest) -> list[InvitationOut]:
    return [
        InvitationOut(
            id=i.pk,
            record_name=i.patient.display_name,
            invited_by=i.invited_by.full_name if i.invited_by else None,
            invited_by_email=i.invited_by.email if i.invited_by else None,
            relation=i.relation,
            permission=i.permission,
            expires_at=i.expires_at,
        )
        for i in waiting_for(request.user)  # type: ignore[arg-type]
    ]


def _yours(request: HttpRequest, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.select_related("patient").filter(pk=invitation_id).first()
    if invitation is None or invitation.invitee_id != request.user.pk:
        raise Http404("No such invitation")
    return invitation


@mine.post(
    "/{invitation_id}/accept",
    response={200: AnsweredOut, **REFUSALS, 400: ErrorOut, 404: ErrorOut},
    summary="Accept an invitation sent to your account",
)
def post_accept(request: HttpRequest, invitation_id: int) -> Status[AnsweredOut | ErrorOut]:
    invitation = _yours(request, invitation_id)
    link = accept(invitation, user=request.user, by_link=False)  # type: ignore[arg-type]
    return Status(
        200, AnsweredOut(detail=_("You are on the care team now."), patient_id=link.patient_id)
    )


@mine.post(
    "/{invitation_id}/decline",
    response={200: AnsweredOut, **REFUSALS, 400: ErrorOut, 404: ErrorOut},
    summary="Decline an invitation sent to your account",
)
def post_decline(request: HttpRequest, invitation_id: int) -> Status[AnsweredOut | ErrorOut]:
    invitation = _yours(request, invitation_id)
    decline(invitation, user=request.user, by_link=False)  # type: ignore[arg-type]
    return Status(200, AnsweredOut(detail=_("Declined. Nothing was shared."), patient_id=None))
