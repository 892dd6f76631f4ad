"""A corrected log that no longer shows a sign withdraws the open alert it raised.

The alert is closed, not deleted: it stays on the alerts page under "Looked at", saying who
corrected the log and when, so the team can still see what was first logged.
"""

from __future__ import annotations

import uuid

from django.utils import timezone
from logbook_support import client_for, empty_logbook

from alsmove.accounts.models import AuditEvent
from alsmove.core.feelings import FEELING_SHARED_01
from alsmove.demo.seed import Demo
from alsmove.logbook.alerts import acknowledge_alert
from alsmove.logbook.corrections import Correction, correct_log
from alsmove.logbook.models import Alert, SessionLog
from alsmove.logbook.services import Entry, record_session
from alsmove.logbook.today import todays_session

PAIN = "OVERWORK-PAIN-01"


def _log(demo: Demo, pain: int, exercise: str = "") -> SessionLog:
    exercise = exercise or str(todays_session(demo.patient).items[0]["exercise"])
    return record_session(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        day=timezone.localdate(),
        plan=None,
        statuses={exercise: "done"},
        pain=pain,
        pain_exercises=[exercise] if pain else [],
        fatigue=2,
        cramps="none",
        breathless_after=False,
    ).log


def _correct(demo: Demo, log: SessionLog, pain: int) -> Correction:
    log.refresh_from_db()
    exercise = log.exercises.get().exercise
    return correct_log(
        patient=demo.patient,
        log_id=log.pk,
        by=demo.caregiver,
        revision=log.revision,
        entries=[Entry(exercise, "done", pain)],
        fatigue=2,
        cramps="none",
        breathless_after=False,
    )


def _pain_alert(demo: Demo) -> Alert:
    return Alert.objects.get(patient=demo.patient, day=timezone.localdate(), rule=PAIN)


def test_pain_logged_by_mistake_and_corrected_to_none_withdraws_its_alert(demo: Demo) -> None:
    empty_logbook(demo)
    log = _log(demo, pain=6)
    assert _pain_alert(demo).acknowledged_at is None
    correction = _correct(demo, log, pain=0)
    alert = _pain_alert(demo)
    assert correction.withdrawn == [alert]
    assert alert.withdrawn_at is not None and alert.acknowledged_at == alert.withdrawn_at
    assert alert.acknowledged_by == demo.caregiver
    assert AuditEvent.objects.filter(action="alert_withdrawn", patient=demo.patient).count() == 1
    page = client_for(demo.therapist).get(f"/patients/{demo.patient.pk}/alerts/").content
    assert b"corrected the log, and it no longer shows this sign" in page
    assert b"Nothing new. Every alert has been looked at." in page


def test_a_correction_that_keeps_the_pain_keeps_the_alert_open(demo: Demo) -> None:
    empty_logbook(demo)
    log = _log(demo, pain=6)
    assert _correct(demo, log, pain=5).withdrawn == []
    assert _pain_alert(demo).acknowledged_at is None


def test_pain_in_another_session_that_day_keeps_its_alert_and_withdraws_only_the_repeat(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    first = _log(demo, pain=6)
    # A second session that day (the exercise is out of today's session by now, so it is
    # logged as the caregiver would log one done anyway) hurt in the same exercise: the
    # pain alert, and "pain twice in the same exercise".
    _log(demo, pain=6, exercise=first.exercises.get().exercise)
    withdrawn = _correct(demo, first, pain=0).withdrawn
    assert [a.rule for a in withdrawn] == ["OVERWORK-REPEAT-01"]
    assert _pain_alert(demo).withdrawn_at is None


def test_an_alert_the_therapist_already_acknowledged_keeps_their_note(demo: Demo) -> None:
    empty_logbook(demo)
    log = _log(demo, pain=6)
    acknowledge_alert(_pain_alert(demo), by=demo.therapist, note="Called; fine now.")
    assert _correct(demo, log, pain=0).withdrawn == []
    alert = _pain_alert(demo)
    assert alert.withdrawn_at is None and alert.acknowledgement == "Called; fine now."
    assert alert.acknowledged_by == demo.therapist


def test_a_feeling_shared_the_same_day_is_never_withdrawn_by_a_log_correction(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    shared = Alert.objects.create(
        patient=demo.patient,
        day=timezone.localdate(),
        rule=FEELING_SHARED_01,
        message={"text": "Sam has been feeling low.", "params": {}},
    )
    log = _log(demo, pain=6)
    _correct(demo, log, pain=0)
    shared.refresh_from_db()
    assert shared.acknowledged_at is None and shared.withdrawn_at is None
