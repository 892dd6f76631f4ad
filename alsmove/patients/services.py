"""Care-team writes: each one a single transaction with an audit entry. Adding someone
to a team is an invitation (`patients.invitations`); only a therapist opening a record in
their clinic is linked at once, recording the person's consent."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from alsmove.accounts.models import AuditEvent, User
from alsmove.core.plausible import Problem, onset_problems
from alsmove.core.profile import FunctionalProfile as CoreProfile
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, FunctionalProfile, Patient, Permission, Relation


class TeamError(ValueError):
    """A care-team change that cannot be made (the API answers 400); the message is for
    the person, and `field` names the form field it is about (None: the whole request)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class TeamNotFound(TeamError):
    """What the change is about is not there: an invitation no longer waiting for an
    answer, a team the caller is not on (the API answers 404, with the sentence)."""


class RecordError(ValueError):
    """A record change the stored data contradicts; `problems` name the fields."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message.render() for p in problems))
        self.problems = problems


@transaction.atomic
def create_patient_for_clinic(*, therapist: User, display_name: str, **fields: object) -> Patient:
    """A therapist opens a record in their clinic and is linked to it with full rights."""
    patient = Patient.objects.create(
        display_name=display_name,
        organisation=therapist.organisation,
        created_by=therapist,
        **fields,
    )
    CareLink.objects.create(
        patient=patient,
        member=therapist,
        relation=Relation.THERAPIST,
        permission=Permission.EDIT_PLAN,
        added_by=therapist,
        consent_note="Record opened by this therapist at the clinic.",
    )
    AuditEvent.objects.create(actor=therapist, patient=patient, action="record_created")
    return patient


@transaction.atomic
def revoke_member(*, patient: Patient, by: User, link_id: int) -> CareLink:
    link = patient.care_links.active().select_for_update().filter(pk=link_id).first()
    if link is None:
        raise TeamError(_("That person is no longer on the care team."))
    link.revoked_at = timezone.now()
    link.revoked_by = by
    link.save(update_fields=["revoked_at", "revoked_by"])
    AuditEvent.objects.create(
        actor=by, patient=patient, action="member_revoked", detail=link.member.email
    )
    return link


# How long a removal can be taken back with "Undo" (after that, invite them again).
UNDO_WINDOW = timedelta(hours=24)


def recently_removed(patient: Patient, now: datetime | None = None) -> list[CareLink]:
    """Links revoked within the undo window whose member has no active link again (not
    those who left on their own: they come back only by accepting an invitation)."""
    since = (now or timezone.now()) - UNDO_WINDOW
    active = patient.care_links.active().values("member_id")
    return list(
        patient.care_links.filter(revoked_at__gte=since)
        .exclude(member_id__in=active)
        .exclude(revoked_by=F("member"))
        .select_related("member")
        .order_by("-revoked_at")
    )


@transaction.atomic
def restore_member(*, patient: Patient, by: User, link_id: int) -> CareLink:
    """Undo a removal made within the last day: the same link, rights and consent note."""
    link = patient.care_links.select_for_update().filter(pk=link_id).first()
    if link is None or link.revoked_at is None:
        raise TeamError(_("That person is already on the care team."))
    if link.revoked_by_id == link.member_id:
        # They left on their own: only an invitation they accept brings them back.
        raise TeamError(
            _("They left this care team themselves. To add them again, send an invitation.")
        )
    if link.revoked_at < timezone.now() - UNDO_WINDOW:
        raise TeamError(_("This removal is too old to undo; send them an invitation instead."))
    if patient.care_links.active().filter(member=link.member).exists():
        raise TeamError(_("That person is already on the care team."))
    if not link.member.is_active:
        raise TeamError(_("That account is switched off, so it cannot be added back."))
    link.revoked_at = None
    link.revoked_by = None
    link.save(update_fields=["revoked_at", "revoked_by"])
    AuditEvent.objects.create(
        actor=by, patient=patient, action="member_restored", detail=link.member.email
    )
    return link


@transaction.atomic
def update_record(*, patient: Patient, by: User, **fields: object) -> Patient:
    """Change the record's details; an onset or diagnosis date that would contradict the
    stored ALSFRS-R records is refused (PLAUSIBLE-ONSET-01), naming those records."""
    fields["onset_region"] = fields.get("onset_region") or ""
    # Locked, so a record being saved at the same moment is counted.
    Patient.objects.select_for_update().filter(pk=patient.pk).values_list("pk").first()
    onset = fields.get("onset_date", patient.onset_date)
    diagnosis = fields.get("diagnosis_date", patient.diagnosis_date)
    days = patient.assessments.current().values_list("taken_on", flat=True)
    problems = onset_problems(
        onset=onset,  # type: ignore[arg-type]
        diagnosis=diagnosis,  # type: ignore[arg-type]
        assessment_days=list(days),
        today=today_for(patient),
    )
    if problems:
        raise RecordError(problems)
    for name, value in fields.items():
        setattr(patient, name, value)
    patient.save()
    AuditEvent.objects.create(actor=by, patient=patient, action="record_updated")
    return patient


def core_profile(patient: Patient, *, on_day: int | None = None) -> CoreProfile | None:
    """The patient's functional profile for the core, or None if none was recorded."""
    profile = FunctionalProfile.objects.filter(patient=patient).first()
    return profile.to_core(on_day=on_day) if profile is not None else None
