"""The person's own day: logs, the routine's weekday, check-ins, reminders and the home
page follow the record's time zone, not the server's, around midnight.

The server runs on UTC. Auckland is UTC+13 in December; Honolulu is UTC-10 all year.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from logbook_support import client_for

from alsmove.demo.seed import Demo
from alsmove.logbook.models import CheckIn, ReminderSchedule, SessionLog
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient

# Tuesday 1 December 2026, 11:30 UTC: already 00:30 on Wednesday 2 December in Auckland.
AUCKLAND_AFTER_MIDNIGHT = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
# Wednesday 2 December 2026, 09:30 UTC: still 23:30 on Tuesday 1 December in Honolulu.
HONOLULU_BEFORE_MIDNIGHT = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
TUESDAY, WEDNESDAY = date(2026, 12, 1), date(2026, 12, 2)


def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _zone(demo: Demo, name: str) -> Patient:
    Patient.objects.filter(pk=demo.patient.pk).update(time_zone=name)
    demo.patient.refresh_from_db()
    return demo.patient


def _api_log(client: Any, demo: Demo, **fields: Any) -> Any:
    body = {
        "client_id": str(uuid.uuid4()),
        "exercises": [{"exercise": "neck-forward-tilt", "status": "done", "pain": 0}],
        "fatigue": 2,
        **fields,
    }
    url = f"/api/v1/patients/{demo.patient.pk}/logs"
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("zone", "moment", "their_day"),
    [
        ("Pacific/Auckland", AUCKLAND_AFTER_MIDNIGHT, WEDNESDAY),
        ("Pacific/Honolulu", HONOLULU_BEFORE_MIDNIGHT, TUESDAY),
    ],
)
def test_a_log_counts_for_the_persons_own_day(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, zone: str, moment: datetime, their_day: date
) -> None:
    patient = _zone(demo, zone)
    _at(monkeypatch, moment)
    assert timezone.now().date() != their_day  # the server's date is another one
    assert today_for(patient) == their_day
    client = client_for(demo.person)
    saved = _api_log(client, demo)
    assert saved.status_code == 201, saved.content
    assert saved.json()["log"]["date"] == their_day.isoformat()
    quick = client.post(
        f"/patients/{patient.pk}/log/new/",
        {"client_id": str(uuid.uuid4()), "pain": "0", "fatigue": "2", "cramps": "none"},
    )
    assert quick.status_code == 302, quick.content
    assert set(SessionLog.objects.filter(patient=patient).values_list("day", flat=True)) == {
        their_day
    }
    home = client.get("/")
    assert (
        b"Today&#x27;s session is logged" in home.content
        or b"Today's session is logged" in home.content
    )


def test_the_persons_tomorrow_is_refused_and_their_today_accepted(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    _zone(demo, "Pacific/Honolulu")
    _at(monkeypatch, HONOLULU_BEFORE_MIDNIGHT)  # the server is on Wednesday already
    client = client_for(demo.person)
    refused = _api_log(client, demo, date=WEDNESDAY.isoformat())
    assert refused.status_code == 400 and "in the future" in refused.json()["detail"]
    _zone(demo, "Pacific/Auckland")
    _at(monkeypatch, AUCKLAND_AFTER_MIDNIGHT)  # the server is still on Tuesday
    assert _api_log(client, demo, date=WEDNESDAY.isoformat()).status_code == 201


@pytest.mark.parametrize(
    ("zone", "moment", "weekday"),
    [
        ("Pacific/Auckland", AUCKLAND_AFTER_MIDNIGHT, 2),
        ("Pacific/Honolulu", HONOLULU_BEFORE_MIDNIGHT, 1),
    ],
)
def test_the_routine_and_a_checkin_use_the_persons_weekday_and_day(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, zone: str, moment: datetime, weekday: int
) -> None:
    patient = _zone(demo, zone)
    _at(monkeypatch, moment)
    client = client_for(demo.person)
    routine = client.get(f"/api/v1/patients/{patient.pk}/routine")
    assert routine.status_code == 200 and routine.json()["day"] == weekday
    body = {"client_id": str(uuid.uuid4()), "kind": "after_30_min", "weaker": False}
    url = f"/api/v1/patients/{patient.pk}/checkins"
    saved = client.post(url, json.dumps(body), content_type="application/json")
    assert saved.status_code == 201, saved.content
    assert CheckIn.objects.get(client_id=body["client_id"]).day.weekday() == weekday


def test_a_person_in_auckland_who_logged_at_7_is_not_reminded_at_9_30(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, mailoutbox: list[Any]
) -> None:
    patient = _zone(demo, "Pacific/Auckland")
    ReminderSchedule.objects.create(
        patient=patient, days=[2], time=time(9, 0), time_zone="Pacific/Auckland"
    )
    _at(monkeypatch, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))  # 07:00 Wednesday there
    assert _api_log(client_for(demo.person), demo).status_code == 201
    out = StringIO()
    call_command("send_reminders", now="2026-12-01T20:30:00+00:00", stdout=out)  # 09:30
    assert mailoutbox == [] and "Sent 0" in out.getvalue()


def test_a_person_in_honolulu_is_reminded_on_their_own_tuesday_evening(
    demo: Demo, mailoutbox: list[Any]
) -> None:
    patient = _zone(demo, "Pacific/Honolulu")
    ReminderSchedule.objects.create(patient=patient, days=[1], time=time(23, 0), time_zone="UTC")
    call_command("send_reminders", now="2026-12-02T09:30:00+00:00", stdout=StringIO())
    assert len(mailoutbox) == 1  # 23:30 on Tuesday in Honolulu, Wednesday on the server


def test_signup_takes_the_browsers_zone_and_the_record_page_changes_it(db: None) -> None:
    from django.test import Client

    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "role": "person",
            "full_name": "Kiri Walker",
            "email": "kiri@example.org",
            "password1": "a long enough sentence",
            "password2": "a long enough sentence",
            "time_zone": "Pacific/Auckland",
        },
    )
    assert response.status_code == 302
    patient = Patient.objects.get(user__email="kiri@example.org")
    assert patient.time_zone == "Pacific/Auckland"
    assert patient.user is not None
    patient.user.disclaimer_accepted_at = timezone.now()
    patient.user.save(update_fields=["disclaimer_accepted_at"])
    edit = client.post(
        f"/patients/{patient.pk}/edit/",
        {"display_name": "Kiri Walker", "time_zone": "Pacific/Honolulu"},
    )
    assert edit.status_code == 302, edit.content
    patient.refresh_from_db()
    assert patient.time_zone == "Pacific/Honolulu"
    bad = client.post(
        f"/patients/{patient.pk}/edit/", {"display_name": "K", "time_zone": "Mars/Base"}
    )
    assert bad.status_code == 200 and b"Choose a time zone from the list." in bad.content


def test_a_zone_the_server_does_not_know_falls_back_to_the_servers_at_signup(db: None) -> None:
    from django.test import Client

    Client().post(
        "/accounts/signup/",
        {
            "role": "person",
            "full_name": "Noa",
            "email": "noa@example.org",
            "password1": "a long enough sentence",
            "password2": "a long enough sentence",
            "time_zone": "Nowhere/Atlantis",
        },
    )
    assert Patient.objects.get(user__email="noa@example.org").time_zone == "UTC"
