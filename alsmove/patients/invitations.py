"""Care-team invitations: nobody is linked to a record without saying yes.

Adding someone sends an invitation; the care link is made only when the invitee accepts.
The one who invites always gets the same answer, whether the address has an account or
not and whatever kind, so the team page cannot be used to find out who uses ALS Move.
Each write is one transaction with an audit entry.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from alsmove.accounts.language import language_of
from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.patients.models import (
    CareLink,
    Invitation,
    InvitationStatus,
    Patient,
    Permission,
    Relation,
)
from alsmove.patients.services import TeamError, TeamNotFound

VALID_FOR = timedelta(days=14)
# At most this many invitations a day from one record: enough for a whole care team,
# too few to use the product to send mail to strangers.
DAILY_LIMIT = 10
# The account role that may accept each kind of invitation.
ROLE_FOR_RELATION = {Relation.CAREGIVER: Role.CAREGIVER, Relation.THERAPIST: Role.THERAPIST}


PERMISSION_WORDS = {
    Permission.VIEW: gettext_lazy("see the record"),
    Permission.LOG: gettext_lazy("see the record and log sessions for the person"),
    Permission.EDIT_PLAN: gettext_lazy(
        "see the record, log sessions, and change the exercise plan"
    ),
}
RELATION_WORDS = {
    Relation.CAREGIVER: gettext_lazy("a caregiver"),
    Relation.THERAPIST: gettext_lazy("a therapist"),
}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token: str) -> str:
    path = reverse("patients:open", args=[token])
    return f"{settings.ALSMOVE_BASE_URL.rstrip('/')}{path}"


@dataclass(frozen=True)
class Sent:
    invitation: Invitation
    token: str


@transaction.atomic
def invite(
    *,
    patient: Patient,
    by: User,
    email: str,
    relation: str,
    permission: str,
    consent_note: str = "",
) -> Sent:
    """Record and email an invitation. The caller must hold MANAGE_TEAM (the view checks
    it through the policy). Raises TeamError only for what the inviter chose, never for
    anything about the address."""
    email = email.strip().lower()
    if relation not in Relation.values:
        raise TeamError(_("Choose whether they are a caregiver or a therapist."), "relation")
    if permission not in Permission.values:
        raise TeamError(_("Choose what they may do."), "permission")
    if relation == Relation.CAREGIVER and permission == Permission.EDIT_PLAN:
        raise TeamError(_("Only a therapist can change the plan."), "permission")
    if by.pk != patient.user_id and not consent_note.strip():
        raise TeamError(_("Say how the person agreed to this, for the record."), "consent_note")
    # Lock the record so two sends at once count against the same daily limit.
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    since = timezone.now() - timedelta(days=1)
    if patient.invitations.filter(created_at__gte=since).count() >= DAILY_LIMIT:
        raise TeamError(_("Many invitations went out from this record today. Try again tomorrow."))
    # A new invitation to the same address replaces the one still waiting.
    patient.invitations.filter(email=email, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.WITHDRAWN, answered_at=timezone.now()
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        patient=patient,
        email=email,
        invitee=User.objects.filter(email=email).first(),
        relation=relation,
        permission=permission,
        consent_note=consent_note.strip(),
        invited_by=by,
        token_hash=hash_token(token),
        expires_at=timezone.now() + VALID_FOR,
    )
    AuditEvent.objects.create(
        actor=by,
        patient=patient,
        action="member_invited",
        detail=f"{email} ({relation}, {permission})",
    )
    # In the invitee's own language when they already have an account, else the
    # inviter's page language.
    with translation.override(language_of(invitation.invitee, translation.get_language())):
        body = render_to_string(
            "patients/invitation_email.txt",
            {
                "invitation": invitation,
                "inviter": by,
                "patient": patient,
                "link": invitation_link(token),
                "permission": PERMISSION_WORDS[Permission(permission)],
                "relation": RELATION_WORDS[Relation(relation)],
            },
        )
        subject = _("An invitation to a care team on ALS Move")
    # Sent after the commit, so a rolled-back invitation never reaches anyone.
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return Sent(invitation, token)


def by_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("patient", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def waiting_for(user: User) -> QuerySet[Invitation]:
    """Open invitations sent to this account, answerable from its home page."""
    return (
        Invitation.objects.filter(
            invitee=user, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
        )
        .select_related("patient", "invited_by")
        .order_by("created_at")
    )


def waiting_by_link_only(user: User) -> int:
    """Open invitations sent to this address before the account existed: only the
    emailed link answers them, because opening an account does not prove the address."""
    return Invitation.objects.filter(
        invitee__isnull=True,
        email=user.email.lower(),
        status=InvitationStatus.PENDING,
        expires_at__gt=timezone.now(),
    ).count()


def pending_for(patient: Patient) -> QuerySet[Invitation]:
    return patient.invitations.filter(
        status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
    ).order_by("created_at")


# Why an invitation cannot be answered, in words for the invitee (never the inviter).
NOT_OPEN = gettext_noop("This invitation has already been answered, withdrawn, or has expired.")
NOT_YOURS = gettext_noop(
    "This invitation was sent to another email address. Log in with the account that uses "
    "that address, or ask for an invitation to the address you use here."
)
WRONG_KIND = gettext_noop(
    "This invitation is for another kind of account than yours (it asks for a {kind}). "
    "Ask the person who invited you to invite you again in your own role."
)


def check_answerable(invitation: Invitation, user: User, *, by_link: bool) -> None:
    if not invitation.is_open:
        raise TeamError(_(NOT_OPEN))
    if invitation.invitee_id is not None:
        if invitation.invitee_id != user.pk:
            raise TeamError(_(NOT_YOURS))
    elif not by_link or user.email.lower() != invitation.email:
        raise TeamError(_(NOT_YOURS))


def _lock(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().select_related("patient").get(pk=invitation.pk)


@transaction.atomic
def accept(invitation: Invitation, *, user: User, by_link: bool) -> CareLink:
    invitation = _lock(invitation)
    check_answerable(invitation, user, by_link=by_link)
    if user.role != ROLE_FOR_RELATION[Relation(invitation.relation)] or not user.is_active:
        kind = Relation(invitation.relation).label
        raise TeamError(_(WRONG_KIND).format(kind=str(kind).lower()))
    patient = invitation.patient
    if patient.user_id == user.pk:
        raise TeamError(_("This is your own record."))
    link = patient.care_links.active().filter(member=user).first()
    if link is None:
        link = CareLink.objects.create(
            patient=patient,
            member=user,
            relation=invitation.relation,
            permission=invitation.permission,
            added_by=invitation.invited_by,
            consent_note=invitation.consent_note,
        )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.invitee = user
    invitation.care_link = link
    invitation.save(update_fields=["status", "answered_at", "invitee", "care_link"])
    AuditEvent.objects.create(
        actor=user,
        patient=patient,
        action="invitation_accepted",
        detail=f"{user.email} ({invitation.permission})",
    )
    return link


@transaction.atomic
def decline(invitation: Invitation, *, user: User, by_link: bool) -> Invitation:
    invitation = _lock(invitation)
    check_answerable(invitation, user, by_link=by_link)
    invitation.status = InvitationStatus.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    AuditEvent.objects.create(
        actor=user, patient=invitation.patient, action="invitation_declined", detail=user.email
    )
    return invitation


@transaction.atomic
def withdraw(*, patient: Patient, by: User, invitation_id: int) -> Invitation:
    """The caller holds MANAGE_TEAM on `patient` (checked by the view through the policy)."""
    invitation = (
        patient.invitations.select_for_update()
        .filter(pk=invitation_id, status=InvitationStatus.PENDING)
        .first()
    )
    if invitation is None:
        raise TeamNotFound(_("That invitation is no longer waiting for an answer."))
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    AuditEvent.objects.create(
        actor=by, patient=patient, action="invitation_withdrawn", detail=invitation.email
    )
    return invitation


@transaction.atomic
def leave(*, patient: Patient, user: User) -> CareLink:
    """A member takes themselves off a record they were added to, whatever their rights."""
    link = patient.care_links.active().select_for_update().filter(member=user).first()
    if link is None:
        raise TeamNotFound(_("You are not on this care team."))
    link.revoked_at = timezone.now()
    link.revoked_by = user
    link.save(update_fields=["revoked_at", "revoked_by"])
    AuditEvent.objects.create(actor=user, patient=patient, action="member_left", detail=user.email)
    return link
