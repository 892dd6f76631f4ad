"""Today's session is computed once when its inputs change, stored, and never stale."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from logbook_support import log_session

from alsmove.core.i18n import Message
from alsmove.demo.seed import Demo
from alsmove.logbook.models import StoredSession
from alsmove.logbook.services import clear_flag, record_checkin
from alsmove.logbook.today import compute_session, todays_session
from alsmove.patients.clock import today_for
from alsmove.routines.models import RoutinePlan, Status
from alsmove.routines.services import WHY_FIRST, ItemChange, approve, propose, revise, undo_revision


def _fresh(demo: Demo, day: object = None) -> dict[str, object]:
    """What computing from scratch gives, in the stored (JSON) shape."""
    session = todays_session(demo.patient, day)  # type: ignore[arg-type]
    StoredSession.objects.filter(patient=demo.patient).delete()
    again = todays_session(demo.patient, day)  # type: ignore[arg-type]
    assert again.as_data() == session.as_data()
    return again.as_data()


def _same_as_fresh(demo: Demo) -> None:
    stored = todays_session(demo.patient).as_data()
    expected = compute_session(demo.patient, today_for(demo.patient))
    assert stored["items"] == [dict(i) for i in _fresh(demo)["items"]]
    assert stored["eased"] == expected.eased
    assert [i["exercise"] for i in stored["left_out"]] == [i["exercise"] for i in expected.left_out]


def test_a_second_read_uses_the_stored_session_in_one_query(demo: Demo) -> None:
    first = todays_session(demo.patient)
    assert StoredSession.objects.filter(patient=demo.patient).count() == 1
    with CaptureQueriesContext(connection) as queries:
        second = todays_session(demo.patient)
    assert len(queries) == 1
    assert second.as_data() == first.as_data()
    assert second.plan_id == first.plan_id


def test_a_painful_log_changes_todays_session_at_once(demo: Demo) -> None:
    before = todays_session(demo.patient)
    exercise = str(before.items[0]["exercise"])
    today = today_for(demo.patient)
    for days_ago in (5, 2):  # hurt twice within two weeks: taken out until reviewed
        log_session(
            demo.patient,
            demo.person,
            day=today - timedelta(days=days_ago),
            pain_on=exercise,
            pain=5,
        )
    after = todays_session(demo.patient)
    assert exercise not in {i["exercise"] for i in after.items}
    assert exercise in {i["exercise"] for i in after.left_out}
    _same_as_fresh(demo)
    # The therapist's review brings it back on the next read, with no other change.
    assert clear_flag(patient=demo.patient, exercise=exercise, by=demo.therapist, day=today)
    assert exercise in {i["exercise"] for i in todays_session(demo.patient).items}


def test_feeling_weaker_after_a_session_eases_the_stored_session(demo: Demo) -> None:
    assert todays_session(demo.patient).eased is False
    log = log_session(demo.patient, demo.person)
    record_checkin(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        kind="after_30_min",
        day=today_for(demo.patient),
        session=log,
        weaker=True,
    )
    assert todays_session(demo.patient).eased is True
    _same_as_fresh(demo)


def test_a_new_day_gives_that_days_exercises(demo: Demo) -> None:
    today = today_for(demo.patient)
    todays_session(demo.patient, today)
    for offset in range(1, 8):
        day = today + timedelta(days=offset)
        session = todays_session(demo.patient, day)
        assert session.day == day
        assert session.as_data() == _fresh(demo, day)
        plan = session.plan
        assert plan is not None
        expected = [i["exercise"] for i in plan.items_for_day(day.weekday())]
        shown = [i["exercise"] for i in session.items] + [i["exercise"] for i in session.left_out]
        assert sorted(shown) == sorted(expected)


def test_an_approved_new_routine_is_used_from_the_next_read(demo: Demo) -> None:
    old = todays_session(demo.patient).plan_id
    profile = demo.patient.profile
    profile.minutes = 10  # a shorter day: the engine proposes a new version
    profile.save(update_fields=["minutes"])
    plan = propose(demo.patient, by=demo.therapist, why=Message(WHY_FIRST))
    assert plan is not None
    assert plan.pk != old
    assert todays_session(demo.patient).plan_id == old  # a proposal waits for review
    approve(plan, by=demo.therapist)
    assert todays_session(demo.patient).plan_id == plan.pk
    _same_as_fresh(demo)


def test_undoing_an_edit_before_any_approval_hands_the_session_back_its_routine(
    demo: Demo,
) -> None:
    RoutinePlan.objects.filter(patient=demo.patient).update(status=Status.SUPERSEDED)
    first = propose(demo.patient, by=demo.therapist, why=Message(WHY_FIRST))
    assert first is not None
    assert todays_session(demo.patient).plan_id == first.pk  # nothing approved yet
    gone = str(first.items[0]["exercise"])
    edited = revise(
        first,
        by=demo.therapist,
        changes=[ItemChange(gone, remove=True, reps=0, hold_min=None, hold_max=None)],
    )
    assert todays_session(demo.patient).plan_id == edited.pk
    assert undo_revision(edited, by=demo.therapist) == first
    assert todays_session(demo.patient).plan_id == first.pk
    _same_as_fresh(demo)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_session_follows_the_persons_own_day(demo: Demo, zone: str) -> None:
    demo.patient.time_zone = zone
    demo.patient.save(update_fields=["time_zone"])
    session = todays_session(demo.patient)
    assert session.day == today_for(demo.patient)


def test_the_api_gives_the_same_session_as_the_session_page(demo: Demo) -> None:
    from logbook_support import client_for

    session = todays_session(demo.patient)
    answer = client_for(demo.caregiver).get(f"/api/v1/patients/{demo.patient.pk}/session/today")
    assert answer.status_code == 200
    body = answer.json()
    assert body["day"] == session.day.isoformat()
    assert [i["exercise"] for i in body["items"]] == [i["exercise"] for i in session.items]
    assert [i["reps"] for i in body["items"]] == [i["reps"] for i in session.items]
    assert body["eased"] is session.eased
    plan = session.plan
    assert plan is not None
    assert body["routine_version"] == plan.version
    stranger = client_for(demo.other_person).get(
        f"/api/v1/patients/{demo.patient.pk}/session/today"
    )
    assert stranger.status_code == 404
