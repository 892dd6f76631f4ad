"""Today's session service (`logbook.today.todays_session`), path by path: no routine
yet, a routine waiting for its first review, an approved routine, easing and leaving out
after signs of overwork, the person's own new day, and a store that loses a race."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from logbook_support import empty_logbook, log_session

from alsmove.core.i18n import Message
from alsmove.core.overwork import (
    EASED_HOLD_FACTOR,
    EASED_REPS_FACTOR,
    EASING_DAYS,
    MIN_HOLD_SECONDS,
)
from alsmove.demo.seed import SAM_POSITION_ANSWERS, SAM_PROFILE, Demo
from alsmove.exercises.services import exercise_library
from alsmove.logbook.models import StoredSession
from alsmove.logbook.services import record_checkin
from alsmove.logbook.today import compute_session, todays_session
from alsmove.patients.clock import today_for
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import WHY_FIRST, approve, plan_in_use, propose

pytestmark = pytest.mark.django_db


def _plan(patient: Patient) -> RoutinePlan:
    plan = plan_in_use(patient)
    assert plan is not None
    return plan


def _next(weekday: int, start: date) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _felt_weaker(demo: Demo, day: date, **signs: Any) -> None:
    """A session on `day` and, half an hour after it, the person felt weaker."""
    log = log_session(demo.patient, demo.person, day=day, **signs)
    record_checkin(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        kind="after_30_min",
        day=day,
        session=log,
        weaker=True,
    )


def _strengthening() -> set[str]:
    return {e.id for e in exercise_library() if e.is_strengthening}


# No routine yet, and a first routine before review.


def test_a_record_without_a_routine_gets_an_empty_session_and_it_is_stored(demo: Demo) -> None:
    patient = demo.other_patient
    assert plan_in_use(patient) is None
    session = todays_session(patient)
    assert (session.plan_id, session.plan, session.has_plan) == (None, None, False)
    assert session.as_data() == {
        "items": [],
        "left_out": [],
        "eased": False,
        "warnings": [],
        "before_review": False,
    }
    assert StoredSession.objects.get(patient=patient).plan_id is None
    with CaptureQueriesContext(connection) as queries:
        again = todays_session(patient)
    assert len(queries) == 1
    assert again.as_data() == session.as_data() and again.plan is None


def test_a_first_routine_gives_only_gentle_work_until_a_therapist_approves_it(
    demo: Demo,
) -> None:
    patient = demo.other_patient
    todays_session(patient)  # stored while there is no routine
    FunctionalProfile.objects.create(
        patient=patient, updated_by=demo.other_therapist, **SAM_PROFILE, **SAM_POSITION_ANSWERS
    )
    plan = propose(patient, by=demo.other_therapist, why=Message(WHY_FIRST))
    assert plan is not None and plan.status == "proposed"
    proposed = todays_session(patient)
    assert proposed.plan_id == plan.pk and proposed.before_review is True
    day = proposed.day.weekday()
    gentle = {i["exercise"] for i in plan.items if i.get("gentle", True) and day in i["days"]}
    assert {i["exercise"] for i in proposed.items} == gentle
    approve(plan, by=demo.other_therapist)
    approved = todays_session(patient)
    assert approved.plan_id == plan.pk and approved.before_review is False
    every = {i["exercise"] for i in plan.items if day in i["days"]}
    assert {i["exercise"] for i in approved.items} == every
    assert StoredSession.objects.get(patient=patient).plan_id == plan.pk


# An approved routine.


def test_an_approved_routine_with_no_signs_of_overwork_is_given_as_prescribed(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    plan = _plan(demo.patient)
    for offset in range(7):
        day = today_for(demo.patient) + timedelta(days=offset)
        session = todays_session(demo.patient, day)
        assert (session.eased, session.left_out, session.warnings) == (False, [], [])
        assert session.before_review is False
        assert session.items == plan.items_for_day(day.weekday())


# Easing after signs of overwork.


def test_feeling_weaker_eases_every_exercise_and_leaves_strengthening_out_for_a_week(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    today = today_for(demo.patient)
    _felt_weaker(demo, today)
    plan = _plan(demo.patient)
    strengthening = _strengthening()
    for offset in range(EASING_DAYS + 1):
        day = today + timedelta(days=offset)
        prescribed = plan.items_for_day(day.weekday())
        session = todays_session(demo.patient, day)
        assert session.eased is True
        assert "OVERWORK-WEAKER-01" in {w["rule"] for w in session.warnings}
        kept = [i for i in prescribed if i["exercise"] not in strengthening]
        assert [i["exercise"] for i in session.items] == [i["exercise"] for i in kept]
        assert [(i["exercise"], i["rule"]) for i in session.left_out] == [
            (i["exercise"], "ROUTINE-EASE-01") for i in prescribed if i not in kept
        ]
        for given, item in zip(session.items, kept, strict=True):
            assert given["reps"] == max(1, math.floor(item["reps"] * EASED_REPS_FACTOR + 1e-9))
            if item["hold_seconds"]:
                low, high = item["hold_seconds"]
                assert given["hold_seconds"] == [
                    min(s, max(MIN_HOLD_SECONDS, math.floor(s * EASED_HOLD_FACTOR + 1e-9)))
                    for s in (low, high)
                ]
    after = todays_session(demo.patient, today + timedelta(days=EASING_DAYS + 1))
    assert after.eased is False and after.left_out == []


def test_easing_shortens_an_aerobic_bout(demo: Demo) -> None:
    empty_logbook(demo)
    plan = _plan(demo.patient)
    aerobic = next(e for e in exercise_library() if e.kind.value == "aerobic")
    bout = {**plan.items[0], "exercise": aerobic.id, "minutes": 10.0, "days": list(range(7))}
    bout["order"] = {str(day): 99 for day in range(7)}
    RoutinePlan.objects.filter(pk=plan.pk).update(items=[*plan.items, bout])
    today = today_for(demo.patient)

    def minutes() -> float:
        StoredSession.objects.filter(patient=demo.patient).delete()
        items = todays_session(demo.patient, today).items
        return float(next(i["minutes"] for i in items if i["exercise"] == aerobic.id))

    assert minutes() == 10.0
    _felt_weaker(demo, today)
    assert minutes() == round(10.0 * EASED_REPS_FACTOR * 2) / 2


def test_pain_during_an_exercise_today_leaves_only_that_exercise_out_today(demo: Demo) -> None:
    empty_logbook(demo)
    today = today_for(demo.patient)
    prescribed = _plan(demo.patient).items_for_day(today.weekday())
    hurt = prescribed[0]["exercise"]
    log_session(demo.patient, demo.person, day=today, pain_on=hurt, pain=5)
    session = todays_session(demo.patient)
    assert [(i["exercise"], i["rule"]) for i in session.left_out] == [(hurt, "OVERWORK-PAIN-01")]
    assert [i["exercise"] for i in session.items] == [i["exercise"] for i in prescribed[1:]]
    tomorrow = todays_session(demo.patient, today + timedelta(days=1))
    assert hurt not in {i["exercise"] for i in tomorrow.left_out}


def test_two_serious_signs_at_once_make_a_rest_day_with_every_exercise_left_out(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    today = today_for(demo.patient)
    _felt_weaker(demo, today, fatigue=9)  # weaker and very tired after the same session
    session = todays_session(demo.patient)
    prescribed = _plan(demo.patient).items_for_day(today.weekday())
    assert session.items == []
    assert [(i["exercise"], i["rule"]) for i in session.left_out] == [
        (i["exercise"], "OVERWORK-REST-01") for i in prescribed
    ]
    assert "OVERWORK-REST-01" in {w["rule"] for w in session.warnings}


# The person's own day.


def test_the_session_turns_to_the_next_day_at_the_persons_midnight_not_the_servers(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    zone = "America/Los_Angeles"
    demo.patient.time_zone = zone
    demo.patient.save(update_fields=["time_zone"])
    evening = today_for(demo.patient)
    midnight = datetime.combine(evening + timedelta(days=1), time(0), tzinfo=ZoneInfo(zone))
    plan = _plan(demo.patient)

    def read_at(moment: datetime) -> date:
        monkeypatch.setattr(timezone, "now", lambda: moment)
        session = todays_session(demo.patient)
        expected = plan.items_for_day(session.day.weekday())
        shown = [i["exercise"] for i in session.items] + [i["exercise"] for i in session.left_out]
        assert sorted(shown) == sorted(i["exercise"] for i in expected)
        assert StoredSession.objects.get(patient=demo.patient).day == session.day
        return session.day

    before = midnight - timedelta(minutes=30)
    assert before.astimezone(UTC).date() == evening + timedelta(days=1)  # the server's next day
    assert read_at(before) == evening
    assert read_at(midnight + timedelta(minutes=30)) == evening + timedelta(days=1)
    assert StoredSession.objects.filter(patient=demo.patient).count() == 1


# Storing.


def test_a_session_another_request_stored_first_is_left_standing(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost_the_race(**_: object) -> None:
        raise IntegrityError("stored by another request at the same moment")

    StoredSession.objects.filter(patient=demo.patient).delete()
    monkeypatch.setattr(StoredSession.objects, "update_or_create", lost_the_race)
    session = todays_session(demo.patient)
    expected = compute_session(demo.patient, session.day)
    assert [i["exercise"] for i in session.items] == [i["exercise"] for i in expected.items]
    assert session.plan_id == expected.plan_id
    assert not StoredSession.objects.filter(patient=demo.patient).exists()
