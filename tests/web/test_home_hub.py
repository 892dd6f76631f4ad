"""Home is the hub: today's session or 'log what you did', check-ins, the latest score
with a link to progress, the next reminder, and a therapist's new alerts."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, ReminderSchedule
from alsmove.web.hub import next_reminder, open_alerts_by_patient


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _home(user: object) -> str:
    return _client(user).get("/").content.decode()


def test_the_person_finds_the_score_with_a_link_to_progress_and_a_way_to_log(
    demo: Demo,
) -> None:
    latest = demo.patient.assessments.current().order_by("-taken_on").first()
    assert latest is not None
    demo.patient.session_logs.filter(day=timezone.localdate()).delete()
    response = _client(demo.person).get("/")
    page = response.content.decode()
    assert f"{latest.scores().total} out of 48" in page
    assert f'href="/patients/{demo.patient.pk}/progress/"' in page
    assert "See your progress" in page
    today = response.context["today"][0]
    log_link = f'href="/patients/{demo.patient.pk}/log/new/"' in page
    # A planned day offers both the session and "log what you did"; a rest day neither.
    assert log_link == bool(today["has_plan"] and today["count"])


def test_the_caregiver_sees_the_hub_for_the_person_by_name(demo: Demo) -> None:
    page = _home(demo.caregiver)
    assert f"See the progress of {demo.patient.display_name}" in page


def test_the_next_reminder_is_the_next_chosen_day_at_the_chosen_time(demo: Demo) -> None:
    zone = ZoneInfo("Europe/Paris")
    demo.patient.time_zone = "Europe/Paris"
    demo.patient.save(update_fields=["time_zone"])
    ReminderSchedule.objects.update_or_create(
        patient=demo.patient,
        defaults={"days": [0, 3], "time": time(10, 0), "time_zone": "Europe/Paris"},
    )
    monday_noon = datetime(2026, 3, 2, 12, 0, tzinfo=zone)  # a Monday, after 10:00
    found = next_reminder(demo.patient, monday_noon)
    assert found is not None and found.at == datetime(2026, 3, 5, 10, 0, tzinfo=zone)
    monday_early = datetime(2026, 3, 2, 9, 0, tzinfo=zone)
    found = next_reminder(demo.patient, monday_early)
    assert found is not None and found.at == datetime(2026, 3, 2, 10, 0, tzinfo=zone)
    ReminderSchedule.objects.filter(patient=demo.patient).update(enabled=False)
    off = next_reminder(demo.patient, monday_noon)
    assert off is not None and off.at is None and not off.enabled
    assert "Reminders are off." in _home(demo.person)


def test_no_reminders_set_up_offers_to_set_them_up(demo: Demo) -> None:
    ReminderSchedule.objects.filter(patient=demo.patient).delete()
    assert next_reminder(demo.patient, timezone.now()) is None
    page = _home(demo.person)
    assert "No reminders set up." in page and "Set up reminders" in page


def test_a_therapist_sees_each_record_with_new_alerts_and_the_count(demo: Demo) -> None:
    open_count = Alert.objects.filter(patient=demo.patient, acknowledged_at__isnull=True).count()
    if open_count == 0:
        Alert.objects.create(
            patient=demo.patient,
            day=timezone.localdate() - timedelta(days=1),
            rule="OVERWORK-CRAMP-01",
            message={"text": "Strong cramps.", "params": {}},
        )
        open_count = 1
    rows = open_alerts_by_patient(demo.therapist)
    assert [(r["patient"], r["count"]) for r in rows] == [(demo.patient, open_count)]
    page = _home(demo.therapist)
    assert "Alerts to look at" in page
    assert f'href="/patients/{demo.patient.pk}/alerts/"' in page
    assert open_alerts_by_patient(demo.other_therapist) == []
    Alert.objects.filter(patient=demo.patient).update(acknowledged_at=timezone.now())
    assert "No new alerts." in _home(demo.therapist)


def test_a_person_and_a_caregiver_get_no_alert_inbox_on_home(demo: Demo) -> None:
    for user in (demo.person, demo.caregiver):
        assert "Alerts to look at" not in _home(user)
