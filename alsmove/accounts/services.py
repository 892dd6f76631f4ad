"""Multi-step writes for accounts, each in one transaction."""

from __future__ import annotations

from django.db import transaction

from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.patients.clock import default_zone_name
from alsmove.patients.models import Patient


@transaction.atomic
def sign_up(
    *, email: str, full_name: str, password: str, role: str, time_zone: str = "", language: str = ""
) -> User:
    """A new account; a person with ALS also gets their own patient record, on the clock
    of the browser they signed up with (`time_zone`, checked by the form)."""
    if role not in (Role.PERSON, Role.CAREGIVER):
        raise ValueError("Only people with ALS and caregivers sign up themselves")
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, role=role, language=language
    )
    if role == Role.PERSON:
        patient = Patient.objects.create(
            user=user,
            display_name=full_name,
            created_by=user,
            time_zone=time_zone or default_zone_name(),
        )
        AuditEvent.objects.create(actor=user, patient=patient, action="record_created")
    return user
