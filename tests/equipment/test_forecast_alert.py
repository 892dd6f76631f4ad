"""EQUIP-ALERT-01 through the assessment service: a new record that brings start-by dates
much earlier raises one therapist alert (shown in the alerts inbox); a record that
changes little raises none; reading pages never raises one."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from signin_support import sign_in

from alsmove.assessments.services import current_records, record_assessment
from alsmove.core.equipment import RULE_ALERT
from alsmove.demo.seed import Demo
from alsmove.equipment.services import set_status
from alsmove.logbook.models import Alert
from alsmove.patients.clock import today_for


def _latest(demo: Demo) -> dict[str, int]:
    return {k: int(v) for k, v in current_records(demo.patient)[-1][1].items.items()}


def _record(demo: Demo, day: date, **changes: int) -> None:
    items = _latest(demo)
    items.update({key.removeprefix("i"): value for key, value in changes.items()})
    record_assessment(patient=demo.patient, by=demo.therapist, taken_on=day, items=items)


def _alerts(demo: Demo) -> list[Alert]:
    return list(Alert.objects.filter(patient=demo.patient, rule=RULE_ALERT))


def test_a_fast_drop_raises_one_alert_naming_the_items_brought_forward(demo: Demo) -> None:
    today = today_for(demo.patient)
    _record(demo, today, i6=1, i7=1, i4=1)  # dressing, turning in bed, handwriting
    alerts = _alerts(demo)
    assert len(alerts) == 1
    alert = alerts[0]
    moved = {entry["slug"] for entry in alert.message["items"]}
    assert "patient-lift" in moved
    assert alert.day == today and alert.acknowledged_at is None
    for entry in alert.message["items"]:
        assert entry["after"] <= (today + timedelta(weeks=12)).isoformat()
        assert not entry["before"] or date.fromisoformat(entry["before"]) - date.fromisoformat(
            entry["after"]
        ) >= timedelta(weeks=4)


def test_the_alert_is_in_the_therapists_inbox(demo: Demo) -> None:
    _record(demo, today_for(demo.patient), i6=1, i7=1, i4=1)
    client = Client()
    sign_in(client, demo.therapist)
    page = client.get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    assert "Equipment to start sooner" in page
    assert "Patient lift with slings" in page


def test_a_record_that_changes_little_raises_no_alert(demo: Demo) -> None:
    _record(demo, today_for(demo.patient))  # the same answers as five days ago
    assert _alerts(demo) == []


def test_a_second_fast_change_the_same_day_joins_the_open_alert(demo: Demo) -> None:
    today = today_for(demo.patient)
    _record(demo, today - timedelta(days=1), i4=1)
    _record(demo, today, i6=1, i7=1, i4=1)
    alerts = _alerts(demo)
    assert len(alerts) == 1


def test_an_item_in_use_or_not_needed_is_left_out_of_the_alert(demo: Demo) -> None:
    set_status(patient=demo.patient, by=demo.therapist, slug="patient-lift", status="not_needed")
    _record(demo, today_for(demo.patient), i6=1, i7=1, i4=1)
    for alert in _alerts(demo):
        assert "patient-lift" not in {entry["slug"] for entry in alert.message["items"]}


def test_reading_the_plan_and_home_pages_raises_no_alert(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.therapist)
    client.get(f"/patients/{demo.patient.pk}/equipment/")
    client.get("/")
    assert _alerts(demo) == []
