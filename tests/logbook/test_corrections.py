"""A log is corrected, not duplicated: one log per session, earlier answers kept."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone
from logbook_support import client_for, log_session

from alsmove.demo.seed import Demo
from alsmove.logbook.corrections import correct_log
from alsmove.logbook.models import Alert, SessionLog
from alsmove.logbook.services import Entry, LogConflict, LogError, record_session
from alsmove.logbook.today import todays_session

PAIN = "OVERWORK-PAIN-01"


def _first_exercise(demo: Demo) -> str:
    return str(todays_session(demo.patient).items[0]["exercise"])


def _fine_log(demo: Demo) -> SessionLog:
    exercise = _first_exercise(demo)
    return record_session(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        day=timezone.localdate(),
        plan=None,
        statuses={exercise: "done"},
        pain=0,
        pain_exercises=[],
        fatigue=2,
        cramps="none",
        breathless_after=False,
    ).log


def _correct(demo: Demo, log: SessionLog, *, pain: int, revision: int, fatigue: int = 2) -> object:
    exercise = log.exercises.get().exercise
    return correct_log(
        patient=demo.patient,
        log_id=log.pk,
        by=demo.caregiver,
        revision=revision,
        entries=[Entry(exercise, "done", pain)],
        fatigue=fatigue,
        cramps="none",
        breathless_after=False,
    )


def test_a_correction_keeps_the_first_version_in_the_history(demo: Demo) -> None:
    log = _fine_log(demo)
    correction = _correct(demo, log, pain=5, revision=1, fatigue=6)
    assert correction.changed  # type: ignore[attr-defined]
    log.refresh_from_db()
    assert (log.revision, log.pain, log.fatigue, log.changed_by) == (2, 5, 6, demo.caregiver)
    first = log.revisions.get()
    assert first.number == 1 and first.replaced_by == demo.caregiver
    assert first.entered_by == demo.person
    assert first.content["pain"] == 0 and first.content["fatigue"] == 2
    assert first.content["exercises"][0]["pain"] == 0
    assert SessionLog.objects.filter(patient=demo.patient).count() == 1


def test_a_correction_is_judged_again_by_the_overwork_rules(demo: Demo) -> None:
    exercise = _first_exercise(demo)
    log = _fine_log(demo)
    assert not Alert.objects.filter(patient=demo.patient, rule=PAIN).exists()
    correction = _correct(demo, log, pain=5, revision=1)
    assert [a.rule for a in correction.alerts] == [PAIN]  # type: ignore[attr-defined]
    # The exercise that hurt is out of the rest of today's session.
    assert exercise not in {i["exercise"] for i in todays_session(demo.patient).items}


def test_the_same_correction_sent_twice_is_applied_once(demo: Demo) -> None:
    log = _fine_log(demo)
    _correct(demo, log, pain=5, revision=1)
    again = _correct(demo, log, pain=5, revision=1)  # the offline queue sends it again
    assert not again.changed  # type: ignore[attr-defined]
    log.refresh_from_db()
    assert log.revision == 2 and log.revisions.count() == 1


def test_a_correction_made_from_an_old_version_does_not_undo_a_newer_one(demo: Demo) -> None:
    log = _fine_log(demo)
    _correct(demo, log, pain=5, revision=1)
    with pytest.raises(LogConflict):
        _correct(demo, log, pain=3, revision=1)
    log.refresh_from_db()
    assert log.pain == 5


def test_a_correction_cannot_add_or_drop_exercises(demo: Demo) -> None:
    log = _fine_log(demo)
    with pytest.raises(LogError):
        correct_log(
            patient=demo.patient,
            log_id=log.pk,
            by=demo.person,
            revision=1,
            entries=[Entry("not-in-this-log", "done", 0)],
            fatigue=2,
            cramps="none",
            breathless_after=False,
        )


def test_a_correction_of_another_records_log_is_refused(demo: Demo) -> None:
    log = log_session(demo.other_patient, demo.other_person)
    with pytest.raises(LogError):
        correct_log(
            patient=demo.patient,
            log_id=log.pk,
            by=demo.person,
            revision=1,
            entries=[],
            fatigue=2,
            cramps="none",
            breathless_after=False,
        )


def test_opening_the_quick_log_again_after_saving_shows_the_saved_log(demo: Demo) -> None:
    client = client_for(demo.person)
    url = f"/patients/{demo.patient.pk}/log/new/"
    form = {"client_id": str(uuid.uuid4()), "pain": "0", "fatigue": "2"}
    saved = client.post(url, form)
    assert saved.status_code == 302
    log = SessionLog.objects.get(patient=demo.patient)
    back = client.get(url)  # Back: the page is not kept by the browser (no-store)
    assert back.status_code == 302 and back.url == f"/patients/{demo.patient.pk}/log/{log.pk}/"
    assert "no-store" in saved.get("Cache-Control", "") or "no-store" in back["Cache-Control"]
    page = client.get(back.url)
    assert "Change this log" in page.content.decode()
    # Sending the same answers again (a second press, a retry) stores nothing new.
    assert client.post(url, form).status_code == 302
    assert SessionLog.objects.filter(patient=demo.patient).count() == 1
    # A second session on the same day is still possible, when asked for.
    assert client.get(url + "?another=1").status_code == 200


def test_the_change_page_corrects_the_log_and_shows_its_history(demo: Demo) -> None:
    log = _fine_log(demo)
    exercise = _first_exercise(demo)
    client = client_for(demo.caregiver)
    url = f"/patients/{demo.patient.pk}/log/{log.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="revision"' in page.content.decode()
    answers = {
        "client_id": str(log.client_id),
        "revision": "1",
        f"status-{exercise}": "partly",
        "pain": "4",
        "pain_exercises": exercise,
        "fatigue": "3",
        "cramps": "mild",
    }
    changed = client.post(url, answers)
    assert changed.status_code == 302 and changed.url.endswith("?changed=1")
    log.refresh_from_db()
    assert (log.pain, log.fatigue, log.cramps, log.revision) == (4, 3, "mild", 2)
    assert log.exercises.get().status == "partly"
    shown = client.get(changed.url).content.decode()
    assert "Earlier versions" in shown
    # The same form sent again (the offline queue, or Back and Save) changes nothing.
    assert client.post(url, answers).status_code == 302
    log.refresh_from_db()
    assert log.revision == 2


def test_a_correction_reaches_today_s_session_already_read_after_the_log(demo: Demo) -> None:
    log = _fine_log(demo)
    exercise = _first_exercise(demo)  # read (and stored) after the fine log
    assert exercise in {i["exercise"] for i in todays_session(demo.patient).items}
    _correct(demo, log, pain=5, revision=1)
    assert exercise not in {i["exercise"] for i in todays_session(demo.patient).items}
