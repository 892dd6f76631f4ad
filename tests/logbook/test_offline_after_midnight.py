"""A quick log kept offline before midnight and sent after it goes to the day it was done.

The form carries the person's day when it was shown; the server takes it when it is one
of the last seven days on the person's clock, and today for anything else (a stale,
edited or broken form is never refused, so its log is never lost).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from logbook_support import client_for, empty_logbook

from alsmove.demo.seed import Demo
from alsmove.logbook.models import SessionLog
from alsmove.logbook.views import OFFLINE_DAYS, session_day
from alsmove.patients.models import Patient

# Wednesday 2 December 2026, 00:20 in Paris (23:20 UTC on Tuesday).
JUST_AFTER_MIDNIGHT = datetime(2026, 12, 1, 23, 20, tzinfo=UTC)
TUESDAY, WEDNESDAY = date(2026, 12, 1), date(2026, 12, 2)


@pytest.fixture
def in_paris_after_midnight(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> Patient:
    Patient.objects.filter(pk=demo.patient.pk).update(time_zone="Europe/Paris")
    demo.patient.refresh_from_db()
    monkeypatch.setattr(timezone, "now", lambda: JUST_AFTER_MIDNIGHT)
    empty_logbook(demo)
    return demo.patient


def _send_from_queue(demo: Demo, patient: Patient, **fields: str) -> SessionLog:
    body = {"client_id": str(uuid.uuid4()), "pain": "0", "fatigue": "2", "cramps": "none"}
    response = client_for(demo.person).post(
        f"/patients/{patient.pk}/log/new/", {**body, **fields}, HTTP_X_ALSMOVE_QUEUE="1"
    )
    assert response.status_code == 201, response.content
    return SessionLog.objects.get(patient=patient, client_id=body["client_id"])


def test_a_log_shown_before_midnight_and_sent_after_it_counts_for_the_day_it_was_done(
    demo: Demo, in_paris_after_midnight: Patient
) -> None:
    log = _send_from_queue(demo, in_paris_after_midnight, day=TUESDAY.isoformat())
    assert log.day == TUESDAY


def test_the_form_shown_today_carries_todays_date_for_the_person(
    demo: Demo, in_paris_after_midnight: Patient
) -> None:
    page = client_for(demo.person).get(f"/patients/{in_paris_after_midnight.pk}/log/new/")
    assert f'name="day" value="{WEDNESDAY.isoformat()}"' in page.content.decode()


@pytest.mark.parametrize(
    "posted",
    ["", "yesterday", "2026-13-01", "2026-12-03", (WEDNESDAY - timedelta(days=8)).isoformat()],
)
def test_a_missing_broken_future_or_too_old_day_logs_for_today_and_loses_nothing(
    demo: Demo, in_paris_after_midnight: Patient, posted: str
) -> None:
    log = _send_from_queue(demo, in_paris_after_midnight, day=posted)
    assert log.day == WEDNESDAY


def test_the_days_accepted_are_today_and_the_last_week_on_the_persons_clock() -> None:
    assert session_day(TUESDAY.isoformat(), WEDNESDAY) == TUESDAY
    oldest = WEDNESDAY - timedelta(days=OFFLINE_DAYS)
    assert session_day(oldest.isoformat(), WEDNESDAY) == oldest
    assert session_day((oldest - timedelta(days=1)).isoformat(), WEDNESDAY) == WEDNESDAY
    assert session_day(None, WEDNESDAY) == WEDNESDAY
