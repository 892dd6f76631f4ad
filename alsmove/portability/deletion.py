"""Deleting a person's account and record at their request, in one transaction.

What is erased and what is kept is decided per table here, shown on the page before the
person confirms, and written down in docs/data-export.md ("Deleting an account"). In
short: everything the person and their helpers wrote at home is erased and the account
can never sign in again; what a clinician entered (their ALSFRS-R ratings, the routine
versions a therapist reviewed, flag reviews, caregiver skills taught) and the audit trail
are kept for the clinic's legal record. Audit rows are never changed or removed: the
person's account row stays, emptied of their name and address, so nothing that points
at it has to change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alsmove.accounts.models import AuditEvent, ResetRequest, User
from alsmove.assessments.models import Assessment, AssessmentDraft
from alsmove.caregiving.models import SkillTaught
from alsmove.equipment.models import PlanItem
from alsmove.logbook.models import (
    Alert,
    CheckIn,
    FeelingCheckIn,
    FlagReview,
    ReminderSchedule,
    ReminderSent,
    SessionLog,
    StoredAttention,
    StoredSession,
)
from alsmove.patients.models import CareLink, FunctionalProfile, Invitation, Patient
from alsmove.patients.policy import Action, can
from alsmove.portability.models import CalendarToken
from alsmove.routines.models import RoutinePlan

ERASED = (
    gettext_lazy(
        "Your account: your name, email address, password, display settings and "
        "two-step sign-in. You cannot sign in again."
    ),
    gettext_lazy(
        "Every session log, with its exercises, pain and notes, and every earlier "
        "version of a corrected log."
    ),
    gettext_lazy('Check-ins and your answers to "How have you been feeling?".'),
    gettext_lazy("ALSFRS-R records you or a caregiver entered, and unsaved drafts."),
    gettext_lazy("Alerts raised from your logs."),
    gettext_lazy(
        "Your profile of what is possible today, your reminders, your equipment "
        "plan and your calendar links."
    ),
    gettext_lazy("Routine versions no therapist reviewed."),
    gettext_lazy("Your caregivers' access and any invitations waiting for an answer."),
)
KEPT = (
    gettext_lazy(
        "ALSFRS-R ratings a clinician entered, the routine versions a therapist "
        "reviewed, the flagged exercises they cleared and the caregiver skills "
        "they taught: the clinic must keep its own clinical entries."
    ),
    gettext_lazy(
        "The record's name, dates of first symptoms and diagnosis, and its "
        "clinic, but only when such clinical entries are kept, so the clinic "
        'knows whose they are. Otherwise the name becomes "Deleted record".'
    ),
    gettext_lazy("Your therapists' access to those kept entries."),
    gettext_lazy(
        "The audit trail (who did what, and when), including this deletion: it "
        "is never changed or removed."
    ),
)
DELETED_NAME = "Deleted record"


class DeletionError(Exception):
    pass


@dataclass(frozen=True)
class Deleted:
    erased: dict[str, int]
    kept: dict[str, int]


@transaction.atomic
def delete_account_and_record(*, patient: Patient, user: User, password: str) -> Deleted:
    """Erase the person's account and record as ERASED says and keep what KEPT says.
    Only the person, with their own password."""
    patient = Patient.objects.select_for_update().get(pk=patient.pk)
    if patient.user_id != user.pk or not can(user, patient, Action.DELETE_RECORD):
        raise DeletionError(_("Only the person can delete their own account and record."))
    if not password or not user.check_password(password):
        raise DeletionError(_("That is not your password. Nothing was deleted."))

    erased: dict[str, int] = {}

    def erase(name: str, count: int) -> None:
        erased[name] = erased.get(name, 0) + count

    erase("stored_session", StoredSession.objects.filter(patient=patient).delete()[0])
    erase("caseload_figures", StoredAttention.objects.filter(patient=patient).delete()[0])
    erase("checkins", CheckIn.objects.filter(patient=patient).delete()[0])
    erase("session_logs", SessionLog.objects.filter(patient=patient).delete()[0])
    erase("feelings", FeelingCheckIn.objects.filter(patient=patient).delete()[0])
    erase("alerts", Alert.objects.filter(patient=patient).delete()[0])
    erase(
        "self_reports",
        Assessment.objects.filter(patient=patient).exclude(source="clinician").delete()[0],
    )
    erase("drafts", AssessmentDraft.objects.filter(patient=patient).delete()[0])
    erase("profile", FunctionalProfile.objects.filter(patient=patient).delete()[0])
    erase("reminders", ReminderSchedule.objects.filter(patient=patient).delete()[0])
    erase("reminders_sent", ReminderSent.objects.filter(patient=patient).delete()[0])
    erase("equipment", PlanItem.objects.filter(patient=patient).delete()[0])
    erase(
        "unreviewed_routines",
        RoutinePlan.objects.filter(patient=patient, reviewed_at__isnull=True).delete()[0],
    )
    erase(
        "calendar_links",
        CalendarToken.objects.filter(patient=patient).delete()[0]
        + CalendarToken.objects.filter(owner=user).delete()[0],
    )
    erase("invitations", Invitation.objects.filter(patient=patient).delete()[0])
    erase(
        "care_team",
        CareLink.objects.filter(patient=patient).exclude(relation="therapist").delete()[0]
        + CareLink.objects.filter(member=user).delete()[0],
    )

    kept = {
        "clinician_ratings": Assessment.objects.filter(patient=patient).count(),
        "reviewed_routines": RoutinePlan.objects.filter(patient=patient).count(),
        "flag_reviews": FlagReview.objects.filter(patient=patient).count(),
        "skills_taught": SkillTaught.objects.filter(patient=patient).count(),
    }
    old_email = user.email
    _erase_account(user)
    patient.user = None
    fields = ["user"]
    if not any(kept.values()):
        patient.display_name = DELETED_NAME
        patient.onset_date = None
        patient.diagnosis_date = None
        patient.onset_region = ""
        fields += ["display_name", "onset_date", "diagnosis_date", "onset_region"]
    patient.save(update_fields=fields)
    erase("sign_in_records", _erase_sign_in_records(user, old_email))
    AuditEvent.objects.create(
        actor=user,
        patient=patient,
        action="record_deleted",
        detail="erased "
        + ", ".join(f"{k} {v}" for k, v in erased.items() if v)
        + "; kept "
        + ", ".join(f"{k} {v}" for k, v in kept.items()),
    )
    return Deleted(erased, kept)


def _erase_account(user: User) -> None:
    """The row stays (the audit trail and kept entries point at it); nothing in it says
    who the person was, and it can never sign in."""
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.full_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.disclaimer_accepted_at = None
    user.save()


def _erase_sign_in_records(user: User, email: str) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    count = ResetRequest.objects.filter(user=user).delete()[0]
    count += TOTPDevice.objects.filter(user=user).delete()[0]
    count += StaticDevice.objects.filter(user=user).delete()[0]
    for table in (AccessAttempt, AccessLog, AccessFailureLog):
        count += table.objects.filter(username__iexact=email).delete()[0]
    return count
