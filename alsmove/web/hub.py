"""What the home page gathers beside today's session: the latest score, the next
reminder, and a therapist's open alerts. Each a small read; the access policy has
already decided who sees which record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from alsmove.assessments.models import Assessment
from alsmove.core.feelings import FEELING_SHARED_01
from alsmove.logbook.models import ReminderSchedule
from alsmove.patients.clock import now_for, zone_for
from alsmove.patients.models import CareLink, Patient, Relation
from alsmove.patients.policy import visible_patients


def latest_score(patient: Patient) -> dict[str, Any] | None:
    """The newest current ALSFRS-R record: its date and total out of 48."""
    latest = patient.assessments.current().order_by("-taken_on", "-created_at").first()
    if latest is None:
        return None
    assert isinstance(latest, Assessment)
    return {"taken_on": latest.taken_on, "total": latest.scores().total}


@dataclass(frozen=True)
class NextReminder:
    enabled: bool
    at: datetime | None  # on the person's clock; None when off or no day is chosen


def next_reminder(patient: Patient, now: datetime) -> NextReminder | None:
    """When the next reminder email goes out (None: reminders were never set up)."""
    schedule = ReminderSchedule.objects.filter(patient=patient).first()
    if schedule is None:
        return None
    days = {int(d) for d in schedule.days or []}
    if not schedule.enabled or not days:
        return NextReminder(False, None)
    zone = zone_for(patient)  # the record's clock, as the sending uses (patients.clock)
    local = now_for(patient, now)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        at = datetime.combine(day, schedule.time, tzinfo=zone)
        if day.weekday() in days and at > local:
            return NextReminder(True, at)
    return NextReminder(True, None)


def open_alerts_by_patient(user: Any) -> list[dict[str, Any]]:
    """For a therapist: each record they may see with alerts not yet looked at, most first."""
    # A shared feeling counts only where the user is the record's therapist (the policy's
    # SEE_SHARED_FEELINGS), as the alerts page shows it.
    as_therapist = CareLink.objects.active().filter(
        patient=OuterRef("pk"), member=user, relation=Relation.THERAPIST
    )
    open_alert = Q(alerts__acknowledged_at__isnull=True) & (
        ~Q(alerts__rule=FEELING_SHARED_01) | Q(is_their_therapist=True)
    )
    rows = (
        visible_patients(user)
        .exclude(user=user)
        .annotate(is_their_therapist=Exists(as_therapist))
        .annotate(open_alerts=Count("alerts", filter=open_alert, distinct=True))
        .filter(open_alerts__gt=0)
        .order_by("-open_alerts", "display_name")
    )
    return [{"patient": p, "count": p.open_alerts} for p in rows]
