"""The judgement read in plain SQL (logbook.history) is the one the ORM read gave.

`evaluate` once built the rules' input from ORM objects (logs with their exercises
prefetched, check-ins, reviews); it now reads the same rows in two plain-SQL queries. The
ORM read is kept here, as it was, as the reference: over random logs (some outside the
45-day window or after the day judged, with and without exercises, corrected or not),
check-ins and reviews, both give the same input and the same judgement, on SQLite and on
PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alsmove.core import overwork as core
from alsmove.demo.seed import Demo
from alsmove.logbook.history import read_history
from alsmove.logbook.models import CheckIn, ExerciseLog, FlagReview, SessionLog
from alsmove.logbook.services import _history_start, evaluate
from alsmove.patients.models import Patient

AS_OF = date(2026, 3, 1)
EXERCISES = ("neck-side-bend", "arm-raise-seated", "calf-stretch")
NOON = datetime(2026, 3, 1, 12, tzinfo=UTC)


def orm_history(
    patient: Patient, as_of: date
) -> tuple[list[core.SessionLog], list[core.CheckIn], list[core.ReviewEvent]]:
    """The rules' input as `evaluate` read it through the ORM before logbook.history (the
    id added to the orders only where the ORM left ties to the database)."""
    since = _history_start(as_of)
    logs = (
        SessionLog.objects.filter(patient=patient, day__gte=since)
        .prefetch_related("exercises")
        .order_by("day", "created_at", "id")
    )
    sessions = [
        core.SessionLog(
            date=log.day,
            exercises=tuple(
                core.ExerciseLog(e.exercise, e.status, e.pain) for e in log.exercises.all()
            ),
            fatigue=log.fatigue if log.fatigue is not None else 0,
            cramps=log.cramps,
            breathless_after=log.breathless_after,
            recorded_at=log.changed_at or log.created_at,
        )
        for log in logs
    ]
    checkins = [
        core.CheckIn(c.day, c.kind, c.weaker, c.soreness, c.heaviness)
        for c in CheckIn.objects.filter(patient=patient, day__gte=since, day__lte=as_of).order_by(
            "-day", "-created_at", "id"
        )
    ]
    reviews = [
        core.ReviewEvent(r.day, r.exercise, r.created_at)
        for r in FlagReview.objects.filter(patient=patient, day__lte=as_of)
    ]
    return sessions, checkins, reviews


days = st.integers(-60, 3).map(lambda n: AS_OF + timedelta(days=n))
# Times to the microsecond, a few apart so that ties happen too.
moments = st.integers(-3 * 86400, 86400).map(lambda s: NOON + timedelta(seconds=s // 7 * 7))
moments = moments | st.builds(
    lambda at, micro: at + timedelta(microseconds=micro), moments, st.integers(1, 999999)
)
logs = st.fixed_dictionaries(
    {
        "day": days,
        "created_at": moments,
        "changed_at": st.none() | moments,
        "fatigue": st.none() | st.integers(0, 10),
        "cramps": st.sampled_from(["none", "mild", "severe"]),
        "breathless_after": st.booleans(),
        "entries": st.dictionaries(
            st.sampled_from(EXERCISES),
            st.tuples(st.sampled_from(["done", "partly", "skipped"]), st.integers(0, 10)),
            max_size=3,
        ),
    }
)
checkins = st.fixed_dictionaries(
    {
        "day": days,
        "created_at": moments,
        "kind": st.sampled_from(["after_30_min", "next_day"]),
        "weaker": st.booleans(),
        "soreness": st.booleans(),
        "heaviness": st.booleans(),
    }
)
reviews = st.fixed_dictionaries(
    {"day": days, "created_at": moments, "exercise": st.sampled_from(EXERCISES)}
)


def store(patient: Patient, history: dict[str, list[dict[str, Any]]]) -> None:
    for given_values in history["logs"]:
        values = dict(given_values)
        entries = values.pop("entries")
        log = SessionLog.objects.create(patient=patient, client_id=uuid.uuid4(), **values)
        ExerciseLog.objects.bulk_create(
            ExerciseLog(session=log, exercise=slug, status=status, pain=pain)
            for slug, (status, pain) in entries.items()
        )
    CheckIn.objects.bulk_create(
        CheckIn(patient=patient, client_id=uuid.uuid4(), **values) for values in history["checkins"]
    )
    FlagReview.objects.bulk_create(
        FlagReview(patient=patient, **values) for values in history["reviews"]
    )


def by_value(events: list[core.ReviewEvent]) -> list[tuple[Any, ...]]:
    return sorted((e.date, e.exercise, e.at) for e in events)


def same_history(patient: Patient, as_of: date) -> None:
    sessions, checkins, reviews = read_history(patient.pk, _history_start(as_of), as_of)
    old_sessions, old_checkins, old_reviews = orm_history(patient, as_of)
    # The ORM read logs after as_of too; the rules drop them, the SQL does not read them.
    assert sessions == [s for s in old_sessions if s.date <= as_of]
    assert checkins == old_checkins
    assert by_value(reviews) == by_value(old_reviews)  # the rules take each one's latest
    old = core.assess_overwork(old_sessions, old_checkins, as_of=as_of, reviews=old_reviews)
    assert evaluate(patient, as_of) == old


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    history=st.fixed_dictionaries(
        {
            "logs": st.lists(logs, max_size=14),
            "checkins": st.lists(checkins, max_size=6),
            "reviews": st.lists(reviews, max_size=4),
        }
    ),
    as_of=st.integers(-5, 2).map(lambda n: AS_OF + timedelta(days=n)),
)
def test_the_sql_read_gives_the_orm_reads_input_and_judgement(
    demo: Demo, history: dict[str, list[dict[str, Any]]], as_of: date
) -> None:
    with transaction.atomic():
        store(demo.patient, history)
        same_history(demo.patient, as_of)
        transaction.set_rollback(True)  # the next example starts from an empty logbook


def test_a_painful_corrected_log_reviewed_between_is_judged_alike(demo: Demo) -> None:
    day = AS_OF
    # Pain at 10:00, reviewed at 11:00, the log corrected at 12:00 (still painful): the
    # review no longer clears it, by the change time, which the SQL must read as the ORM.
    store(
        demo.patient,
        {
            "logs": [
                {
                    "day": day,
                    "created_at": NOON - timedelta(hours=2),
                    "changed_at": NOON,
                    "fatigue": 9,
                    "cramps": "severe",
                    "breathless_after": True,
                    "entries": {"calf-stretch": ("done", 6)},
                }
            ],
            "checkins": [],
            "reviews": [
                {"day": day, "created_at": NOON - timedelta(hours=1), "exercise": "calf-stretch"}
            ],
        },
    )
    same_history(demo.patient, day)
    assert {f.exercise for f in evaluate(demo.patient, day).flags} == {"calf-stretch"}


def test_a_time_stored_in_another_zone_is_read_as_the_same_moment(demo: Demo) -> None:
    east = timezone(timedelta(hours=9, minutes=30))
    made = datetime(2026, 3, 1, 20, 15, 0, 250, tzinfo=east)  # 10:45 UTC
    store(
        demo.patient,
        {
            "logs": [],
            "checkins": [],
            "reviews": [{"day": AS_OF, "created_at": made, "exercise": "calf-stretch"}],
        },
    )
    (review,) = read_history(demo.patient.pk, _history_start(AS_OF), AS_OF)[2]
    assert review.at == made
    same_history(demo.patient, AS_OF)


def test_logs_from_the_first_years_of_the_calendar_are_read_too(demo: Demo) -> None:
    # _history_start gives date.min for a day this early: the query must still take it.
    early = date(1, 1, 20)
    entries = {"calf-stretch": ("done", 5)}
    log = {"day": early, "created_at": NOON, "changed_at": None, "entries": entries}
    extra = {"fatigue": None, "cramps": "none", "breathless_after": False}
    store(demo.patient, {"logs": [log | extra], "checkins": [], "reviews": []})
    sessions = read_history(demo.patient.pk, _history_start(early), early)[0]
    assert [s.date for s in sessions] == [early]
    same_history(demo.patient, early)
