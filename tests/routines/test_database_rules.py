"""The database holds the rules, not only the Python: constraints on both databases, and
routine versions taken under a lock on the patient row."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from alsmove.accounts.models import AuditEvent
from alsmove.assessments.models import Assessment
from alsmove.core.i18n import Message
from alsmove.demo.seed import Demo
from alsmove.logbook.models import ExerciseLog, SessionLog
from alsmove.patients.models import FunctionalProfile
from alsmove.routines.models import RoutinePlan, Status
from alsmove.routines.services import WHY_PROFILE, propose


def _plan(demo: Demo, version: int, status: str) -> RoutinePlan:
    return RoutinePlan.objects.create(
        patient=demo.patient, version=version, status=status, stage="early"
    )


def _newest(demo: Demo) -> int:
    versions = RoutinePlan.objects.filter(patient=demo.patient).values_list("version", flat=True)
    return max(versions, default=0)


@pytest.mark.parametrize("status", [Status.APPROVED, Status.PROPOSED])
def test_a_record_has_at_most_one_approved_and_one_proposed_routine(
    demo: Demo, status: str
) -> None:
    RoutinePlan.objects.filter(patient=demo.patient, status=status).delete()
    _plan(demo, _newest(demo) + 1, status)
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(demo, _newest(demo) + 1, status)
    # Superseded versions are many, as they should be.
    _plan(demo, _newest(demo) + 1, Status.SUPERSEDED)
    _plan(demo, _newest(demo) + 1, Status.SUPERSEDED)


def test_two_routines_never_share_a_version_number(demo: Demo) -> None:
    _plan(demo, _newest(demo) + 1, Status.SUPERSEDED)
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(demo, _newest(demo), Status.SUPERSEDED)


@pytest.mark.parametrize("fields", [{"pain": 11}, {"fatigue": 11}, {"pain": 99, "fatigue": 0}])
def test_pain_and_tiredness_above_10_are_refused_by_the_database(
    demo: Demo, fields: dict[str, int]
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionLog.objects.create(
            patient=demo.patient, client_id=uuid.uuid4(), day=timezone.localdate(), **fields
        )


def test_pain_during_one_exercise_above_10_is_refused_by_the_database(demo: Demo) -> None:
    log = SessionLog.objects.create(
        patient=demo.patient, client_id=uuid.uuid4(), day=timezone.localdate(), pain=3, fatigue=3
    )
    ExerciseLog.objects.create(session=log, exercise="ankle-pumps", status="done", pain=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseLog.objects.create(
            session=log, exercise="neck-forward-tilt", status="done", pain=11
        )


def test_one_current_assessment_per_day_and_source_is_held_by_the_database(demo: Demo) -> None:
    existing = Assessment.objects.filter(patient=demo.patient, superseded_at__isnull=True).first()
    assert existing is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            patient=demo.patient,
            taken_on=existing.taken_on,
            items=existing.items,
            total=existing.total,
            source=existing.source,
        )
    # A superseded version of that day is history and may stay beside it.
    Assessment.objects.create(
        patient=demo.patient,
        taken_on=existing.taken_on,
        items=existing.items,
        total=existing.total,
        source=existing.source,
        superseded_at=timezone.now() - timedelta(days=1),
    )


def test_proposing_again_with_nothing_changed_returns_the_existing_proposal(demo: Demo) -> None:
    FunctionalProfile.objects.filter(patient=demo.patient).update(minutes=10)
    first = propose(demo.patient, by=demo.therapist, why=Message(WHY_PROFILE))
    assert first is not None and first.status == Status.PROPOSED and not first.reused
    count = RoutinePlan.objects.filter(patient=demo.patient).count()
    audits = AuditEvent.objects.filter(patient=demo.patient).count()
    for _ in range(5):
        again = propose(demo.patient, by=demo.therapist, why=Message(WHY_PROFILE))
        assert again is not None and again.pk == first.pk and again.reused
    assert RoutinePlan.objects.filter(patient=demo.patient).count() == count
    assert AuditEvent.objects.filter(patient=demo.patient).count() == audits
    # A real change makes a new version again.
    FunctionalProfile.objects.filter(patient=demo.patient).update(minutes=30)
    changed = propose(demo.patient, by=demo.therapist, why=Message(WHY_PROFILE))
    assert changed is not None and changed.version == first.version + 1 and not changed.reused


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_proposals_on_postgresql_take_turns_and_never_collide() -> None:
    from alsmove.demo.seed import seed_demo
    from alsmove.exercises.services import sync_library

    sync_library()
    demo = seed_demo()
    patient = demo.patient
    FunctionalProfile.objects.filter(patient=patient).update(minutes=10)  # something new
    before = set(RoutinePlan.objects.filter(patient=patient).values_list("version", flat=True))
    errors: list[BaseException] = []
    results: list[Any] = []
    barrier = threading.Barrier(6)

    def work() -> None:
        try:
            barrier.wait()  # six requests at the same moment (six tabs, a double click)
            results.append(propose(patient, by=demo.therapist, why=Message(WHY_PROFILE)))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    plans = RoutinePlan.objects.filter(patient=patient)
    new = set(plans.values_list("version", flat=True)) - before
    assert len(new) == 1  # one proposal stored; the other five found it and returned it
    assert {plan.pk for plan in results} == {plans.get(version=new.pop()).pk}
    assert sum(not plan.reused for plan in results) == 1
    assert plans.filter(status=Status.PROPOSED).count() == 1
