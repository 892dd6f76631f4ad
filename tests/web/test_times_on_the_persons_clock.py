"""Times on a record's pages are on the person's clock, like its dates (the server runs on
UTC; Auckland is UTC+13 in December)."""

from __future__ import annotations

from datetime import UTC, datetime

from logbook_support import client_for, empty_logbook, log_session

from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, SessionLog
from alsmove.patients.models import Patient

# Tuesday 1 December 2026, 11:30 UTC: 00:30 on Wednesday 2 December in Auckland.
LATE_TUESDAY_UTC = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)


def _in_auckland(demo: Demo) -> Patient:
    Patient.objects.filter(pk=demo.patient.pk).update(time_zone="Pacific/Auckland")
    demo.patient.refresh_from_db()
    return demo.patient


def test_an_acknowledgement_is_dated_on_the_persons_clock(demo: Demo) -> None:
    patient = _in_auckland(demo)
    empty_logbook(demo)
    Alert.objects.create(
        patient=patient,
        day=datetime(2026, 12, 1).date(),
        rule="OVERWORK-CRAMP-01",
        message={"text": "You had severe cramps.", "params": {}},
        acknowledged_by=demo.therapist,
        acknowledged_at=LATE_TUESDAY_UTC,
        acknowledgement="Called.",
    )
    page = client_for(demo.therapist).get(f"/patients/{patient.pk}/alerts/").content.decode()
    assert "on 2 December 2026:" in page
    assert "on 1 December 2026:" not in page


def test_a_logs_time_is_on_the_persons_clock(demo: Demo) -> None:
    patient = _in_auckland(demo)
    log = log_session(patient, demo.person, created_at=LATE_TUESDAY_UTC)
    SessionLog.objects.filter(pk=log.pk).update(
        changed_at=LATE_TUESDAY_UTC, changed_by=demo.caregiver
    )
    page = client_for(demo.person).get(f"/patients/{patient.pk}/log/{log.pk}/").content.decode()
    assert "Changed on 2 December 2026, 00:30" in page
