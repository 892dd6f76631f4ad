"""Saving a functional profile (page or API): one transaction, then a fresh proposal."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from alsmove.accounts.audit import record_change
from alsmove.accounts.models import User
from alsmove.core.i18n import Message
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.routines.forms import ProfileForm
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import WHY_FIRST, WHY_PROFILE, propose


@transaction.atomic
def save_profile(
    form: ProfileForm, *, patient: Patient, by: User, is_new: bool
) -> tuple[FunctionalProfile, RoutinePlan | None]:
    """Saves a valid profile form and proposes the routine it gives (the approved one
    stays in use until the therapist approves the new one)."""
    saved: FunctionalProfile = form.save(commit=False)
    saved.patient = patient
    saved.updated_by = by
    saved.updated_at = timezone.now()
    saved.save()
    if is_new or form.has_changed():  # an API call naming no field changes nothing
        record_change(by, patient, "profile_changed")
    plan = propose(patient, by=by, why=Message(WHY_FIRST if is_new else WHY_PROFILE))
    return saved, plan
