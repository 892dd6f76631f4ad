"""The quick log judges the day once: today's session is read before the log (computed
but not stored when out of date) and stored from the log's own judgement inside its
transaction (logbook.today.KeepAfterLog). What is stored is what computing afresh gives,
and the next page reads it in one query."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from logbook_support import client_for, empty_logbook, log_session

from alsmove.core.i18n import Message
from alsmove.demo.seed import Demo
from alsmove.exercises.models import ExerciseRecord
from alsmove.logbook.models import Alert, SessionLog, StoredSession
from alsmove.logbook.services import record_session
from alsmove.logbook.today import KeepAfterLog, _read, compute_session, todays_session
from alsmove.patients.clock import today_for
from alsmove.routines.services import WHY_FIRST, approve, propose


def _post(client: Any, demo: Demo, **answers: Any) -> Any:
    form = {"client_id": str(uuid.uuid4()), "pain": "0", "fatigue": "2", "cramps": "none"}
    response = client.post(f"/patients/{demo.patient.pk}/log/new/", {**form, **answers})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def _as_stored(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _stored_is_fresh(demo: Demo) -> Any:
    """Today's session is read from the stored row in one query and equals one computed
    from nothing stored."""
    with CaptureQueriesContext(connection) as queries:
        stored = todays_session(demo.patient)
    assert len(queries) == 1
    fresh = compute_session(demo.patient, today_for(demo.patient))
    assert stored.as_data() == _as_stored(fresh.as_data())
    assert stored.flags == _as_stored(fresh.flags)
    assert stored.plan_id == fresh.plan_id
    return stored


def test_a_quick_log_stores_todays_session_as_it_is_after_the_log(demo: Demo) -> None:
    empty_logbook(demo)
    client = client_for(demo.person)
    client.get(f"/patients/{demo.patient.pk}/log/new/")
    _post(client, demo)
    assert SessionLog.objects.filter(patient=demo.patient).count() == 1
    _stored_is_fresh(demo)
    _post(client, demo, fatigue="9")  # a second log the same day, tired out
    _stored_is_fresh(demo)


def test_a_painful_quick_log_stores_the_session_without_the_exercise_that_hurt(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    exercise = str(todays_session(demo.patient).items[0]["exercise"])
    today = today_for(demo.patient)
    log_session(demo.patient, demo.person, day=today - timedelta(days=5), pain_on=exercise, pain=6)
    client = client_for(demo.person)
    _post(client, demo, pain="6", pain_exercises=[exercise])
    stored = _stored_is_fresh(demo)
    assert exercise in [item["exercise"] for item in stored.left_out]
    assert exercise not in [item["exercise"] for item in stored.items]
    # The rules' alerts and the audit entry are still made with the log.
    assert Alert.objects.filter(patient=demo.patient, day=today).exists()


def _log_all_done(demo: Demo, today: date, keep: KeepAfterLog) -> None:
    """A fine log of the whole session the form showed, told to `keep` as the view does."""
    record_session(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        day=today,
        plan=keep.session.plan,
        statuses={str(i["exercise"]): "done" for i in keep.session.items},
        pain=0,
        pain_exercises=[],
        fatigue=2,
        cramps="none",
        breathless_after=False,
        after=keep,
    )


def test_a_routine_approved_while_the_form_was_open_is_not_stored_under_the_logs_stamp(
    demo: Demo,
) -> None:
    empty_logbook(demo)
    today = today_for(demo.patient)
    keep = KeepAfterLog(demo.patient, today)  # the quick log read before the log
    profile = demo.patient.profile
    profile.minutes = 10  # a shorter day: the engine proposes a new version
    profile.save(update_fields=["minutes"])
    plan = propose(demo.patient, by=demo.therapist, why=Message(WHY_FIRST))
    assert plan is not None
    approve(plan, by=demo.therapist)
    _log_all_done(demo, today, keep)
    session = todays_session(demo.patient)
    assert session.plan_id == plan.pk
    _stored_is_fresh(demo)


def test_a_quick_log_with_no_stored_session_yet_stores_one(demo: Demo) -> None:
    empty_logbook(demo)
    StoredSession.objects.filter(patient=demo.patient).delete()
    _post(client_for(demo.person), demo)
    assert StoredSession.objects.filter(patient=demo.patient).count() == 1
    _stored_is_fresh(demo)


def test_a_library_changed_while_the_form_was_open_is_not_stored_under_the_logs_stamp(
    demo: Demo,
) -> None:
    # KeepAfterLog reads the library before the log's transaction: a change between that
    # read and the log must leave nothing stored under the stamp taken after the log.
    empty_logbook(demo)
    today = today_for(demo.patient)
    keep = KeepAfterLog(demo.patient, today)
    record = ExerciseRecord.objects.order_by("pk").first()
    assert record is not None
    record.save()  # a new last change of the library
    _log_all_done(demo, today, keep)
    assert _read(demo.patient, today)[1] is None  # the next read computes it
    todays_session(demo.patient)
    _stored_is_fresh(demo)


def test_the_quick_log_post_after_a_log_makes_at_most_seventeen_queries(
    demo: Demo,
) -> None:
    """The session, the user, the authenticator check, the record's access, today's
    session read, the library's keys, the routine's row, the client id, the log, its
    exercises and the audit entry, the stamp, the day's judgement (the logs with their
    exercises; the check-ins with the reviews), the stored session's update, and the
    transaction's two (21 before the judgement's input was read in plain SQL and the
    library once, before the transaction; 31 before the log's judgement was kept)."""
    empty_logbook(demo)
    client = client_for(demo.person)
    _post(client, demo)  # the form's own GET, or the log before: the session is stored
    with CaptureQueriesContext(connection) as queries:
        _post(client, demo)
    assert len(queries) <= 17, "\n".join(q["sql"][:120] for q in queries.captured_queries)
