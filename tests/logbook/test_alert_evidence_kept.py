"""The alerts page keeps each day's drawn evidence and each open alert's empty form per
process (alsmove.logbook.alert_evidence.drawn_evidence, alert_views._empty_form), under
everything they show: every change of a log, an exercise row, a check-in, an alert, a
name or the language shows at once, and a kept page is the page drawn from nothing kept."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.utils import timezone
from logbook_support import PAINFUL_SLUG, client_for, log_session, painful_neck_log

from alsmove.demo.seed import Demo
from alsmove.exercises.models import ExerciseRecord
from alsmove.logbook import alert_evidence, alert_views
from alsmove.logbook.alerts import acknowledge_alert
from alsmove.logbook.corrections import correct_log
from alsmove.logbook.models import Alert, ExerciseLog, SessionLog
from alsmove.logbook.services import Entry, record_checkin

SLUG = PAINFUL_SLUG


_CLIENTS: dict[int, Client] = {}


@pytest.fixture(autouse=True)
def _a_new_sign_in_each_test() -> None:
    _CLIENTS.clear()


def _page(demo: Demo) -> str:
    if id(demo) not in _CLIENTS:  # one sign-in per test (its message shows once)
        _CLIENTS[id(demo)] = client_for(demo.therapist)
        _CLIENTS[id(demo)].get("/")
    html = _CLIENTS[id(demo)].get(f"/patients/{demo.patient.pk}/alerts/").content
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())


def _fresh(demo: Demo) -> str:
    alert_evidence._DRAWN.clear()
    alert_views._FORMS.clear()
    alert_views._CARDS.clear()
    return _page(demo)


def _same_as_fresh(demo: Demo) -> str:
    kept = _page(demo)
    assert len(alert_evidence._DRAWN) > 0
    assert kept == _fresh(demo)
    return kept


def test_a_kept_alerts_page_is_the_page_drawn_from_nothing_kept(demo: Demo) -> None:
    painful_neck_log(demo)
    first = _page(demo)
    assert first == _page(demo) == _fresh(demo)
    assert "Sharp pull." in first


def test_a_new_log_on_the_alerts_day_shows_at_once(demo: Demo) -> None:
    log = painful_neck_log(demo)
    _page(demo)
    log_session(demo.patient, demo.person, day=log.day)
    page = _same_as_fresh(demo)
    assert page.count("Session logged by Sam Rivera") >= 1


def test_a_corrected_log_shows_its_new_answers_at_once(demo: Demo) -> None:
    log = painful_neck_log(demo)
    assert "Sharp pull." in _page(demo)
    correct_log(
        patient=demo.patient,
        log_id=log.pk,
        by=demo.therapist,
        revision=log.revision,
        entries=[Entry(SLUG, "partly", 6), Entry("neck-turns", "done", 0)],
        fatigue=3,
        cramps="severe",
        breathless_after=True,
        note="Corrected: a mild pull.",
    )
    page = _same_as_fresh(demo)
    assert "Corrected: a mild pull." in page
    assert "Sharp pull." not in page


def test_a_changed_exercise_row_of_a_log_shows_at_once(demo: Demo) -> None:
    log = painful_neck_log(demo)
    assert "6 out of 10 (Partly)" in _page(demo)
    ExerciseLog.objects.filter(session=log, exercise=SLUG).update(pain=7)
    page = _same_as_fresh(demo)
    assert "7 out of 10 (Partly)" in page


def test_a_new_checkin_on_the_alerts_day_shows_at_once(demo: Demo) -> None:
    log = painful_neck_log(demo)
    assert "Check-in 30 minutes after" not in _page(demo)
    record_checkin(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        kind="after_30_min",
        day=log.day,
        session=log,
        weaker=False,
    )
    assert "Check-in 30 minutes after, answered by Sam Rivera:" in _same_as_fresh(demo)


def test_a_new_alert_shows_with_its_own_form_at_once(demo: Demo) -> None:
    painful_neck_log(demo, days_ago=2)
    _page(demo)
    painful_neck_log(demo, days_ago=1, note="Again today.")
    newest = Alert.objects.filter(patient=demo.patient).order_by("-day", "-created_at").first()
    assert newest is not None
    page = _same_as_fresh(demo)
    assert f'id="ack-{newest.pk}-note"' in page
    assert "Again today." in page


def test_an_acknowledgement_moves_the_alert_and_its_form_goes_at_once(demo: Demo) -> None:
    painful_neck_log(demo)
    alert = Alert.objects.filter(patient=demo.patient, acknowledged_at__isnull=True).first()
    assert alert is not None
    assert f'id="ack-{alert.pk}-note"' in _page(demo)
    acknowledge_alert(alert, by=demo.therapist, note="Called them, eased the neck work.")
    page = _same_as_fresh(demo)
    assert f'id="ack-{alert.pk}-note"' not in page
    assert "Called them, eased the neck work." in page


def test_a_renamed_member_who_logged_shows_by_the_new_name_at_once(demo: Demo) -> None:
    painful_neck_log(demo)
    assert "Session logged by Alex Rivera" in _page(demo)
    demo.caregiver.full_name = "Alexandra Rivera"
    demo.caregiver.save(update_fields=["full_name"])
    assert "Session logged by Alexandra Rivera" in _same_as_fresh(demo)


def test_a_library_reload_renames_the_exercise_in_the_evidence_at_once(demo: Demo) -> None:
    painful_neck_log(demo)
    _page(demo)
    record = ExerciseRecord.objects.get(slug=SLUG)
    record.data = {**record.data, "name": "Zz renamed for the test"}
    record.save()
    assert "Zz renamed for the test: 6 out of 10 (Partly)" in _same_as_fresh(demo)


def test_the_evidence_and_forms_speak_each_readers_language_although_kept(demo: Demo) -> None:
    painful_neck_log(demo)
    english = _page(demo)
    for code in ("es", "de", "en"):
        demo.therapist.language = code
        demo.therapist.save(update_fields=["language"])
        page = _same_as_fresh(demo)
        assert (page == english) == (code == "en")


def test_the_persons_clock_draws_the_logs_time_although_kept(demo: Demo) -> None:
    log = painful_neck_log(demo)
    SessionLog.objects.filter(pk=log.pk).update(
        created_at=timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    )
    before = _page(demo)
    demo.patient.time_zone = (
        "Pacific/Auckland" if demo.patient.time_zone != "Pacific/Auckland" else "UTC"
    )
    demo.patient.save(update_fields=["time_zone"])
    after = _same_as_fresh(demo)
    assert after != before
