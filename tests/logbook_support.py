"""Small helpers for the logbook tests: a logged session, a logged-in client."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.logbook.models import SessionLog
from alsmove.logbook.services import record_session
from alsmove.patients.models import CareLink, Patient


def client_for(user: Any) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def log_session(
    patient: Patient,
    by: Any,
    *,
    day: date | None = None,
    created_at: datetime | None = None,
    pain_on: str | None = None,
    pain: int = 0,
    fatigue: int = 2,
) -> SessionLog:
    """A stored session log; `pain_on` names an exercise that hurt at level `pain`."""
    statuses = {pain_on: "done"} if pain_on else {}
    log = record_session(
        patient=patient,
        by=by,
        client_id=uuid.uuid4(),
        day=day or timezone.localdate(),
        plan=None,
        statuses=statuses,
        pain=pain if pain_on else 0,
        pain_exercises=[pain_on] if pain_on else [],
        fatigue=fatigue,
        cramps="none",
        breathless_after=False,
    ).log
    if created_at is not None:
        SessionLog.objects.filter(pk=log.pk).update(created_at=created_at)
        log.refresh_from_db()
    return log


def make_user(email: str, name: str, role: str) -> Any:
    """A user who has already accepted the disclaimer, so pages open straight away."""
    from alsmove.accounts.models import User

    user = User.objects.create_user(
        email=email, password="long-enough-password", full_name=name, role=role
    )
    user.disclaimer_accepted_at = timezone.now()
    user.save(update_fields=["disclaimer_accepted_at"])
    return user


def empty_logbook(demo: Any) -> None:
    """Clear the demo records' logbook (inside the test's transaction, rolled back after).

    The demo carries months of logs, alerts and reviews; tests that count what they make
    themselves start from an empty logbook.
    """
    from alsmove.logbook.models import Alert, CheckIn, FlagReview

    for model in (CheckIn, Alert, FlagReview, SessionLog):
        model.objects.filter(patient__in=[demo.patient, demo.other_patient]).delete()


def therapists_record(
    demo: Any, name: str, *, onset_days: int = 400, zone: str = "", linked: bool = True
) -> Patient:
    """A record at the demo's clinic, on the demo therapist's caseload (with plan rights)
    unless `linked` is False."""
    patient = Patient.objects.create(
        display_name=name,
        organisation=demo.riverside,
        onset_date=timezone.localdate() - timedelta(days=onset_days),
        created_by=demo.therapist,
        **({"time_zone": zone} if zone else {}),
    )
    if linked:
        CareLink.objects.create(
            patient=patient,
            member=demo.therapist,
            relation="therapist",
            permission="edit_plan",
            added_by=demo.therapist,
        )
    return patient


PAINFUL_SLUG = "neck-forward-tilt"


def painful_neck_log(demo: Any, days_ago: int = 1, note: str = "Sharp pull.") -> SessionLog:
    """The caregiver's log of a session with everything an alert's evidence shows: pain 6
    during the neck tilt (done partly), severe cramps, tiredness 8, breathless, a note."""
    return record_session(
        patient=demo.patient,
        by=demo.caregiver,
        client_id=uuid.uuid4(),
        day=timezone.localdate() - timedelta(days=days_ago),
        plan=None,
        statuses={PAINFUL_SLUG: "partly", "neck-turns": "done"},
        pain=6,
        pain_exercises=[PAINFUL_SLUG],
        fatigue=8,
        cramps="severe",
        breathless_after=True,
        note=note,
    ).log
