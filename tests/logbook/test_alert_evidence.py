"""An alert a therapist can act on: what was logged that day, by whom, with links to the
log and the routine, in a fixed number of queries however many alerts there are."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from logbook_support import PAINFUL_SLUG, client_for, log_session, painful_neck_log

from alsmove.demo.seed import Demo
from alsmove.exercises.services import find_exercise
from alsmove.logbook.models import Alert

SLUG = PAINFUL_SLUG
NOTE = "Sharp pull at the back of the neck."


def test_an_alert_shows_what_was_logged_and_who_logged_it(demo: Demo) -> None:
    painful_neck_log(demo, note=NOTE)
    assert Alert.objects.filter(patient=demo.patient, rule="OVERWORK-PAIN-01").exists()
    name = find_exercise(SLUG).name  # type: ignore[union-attr]
    html = client_for(demo.therapist).get(f"/patients/{demo.patient.pk}/alerts/").content
    text = html.decode()
    assert "Session logged by Alex Rivera" in text
    assert f"{name}: 6 out of 10 (Partly)" in text
    assert "8 out of 10" in text  # tiredness
    assert "Strong cramps" in text
    assert "Still short of breath afterwards" in text
    assert "Sharp pull at the back of the neck." in text
    log = demo.patient.session_logs.get(pain=6)
    assert f'href="/patients/{demo.patient.pk}/log/{log.pk}/"' in text
    assert f'href="/patients/{demo.patient.pk}/routine/"' in text


def test_a_checkin_alert_shows_the_answer_and_who_gave_it(demo: Demo) -> None:
    from alsmove.logbook.services import record_checkin

    log = log_session(demo.patient, demo.person, day=timezone.localdate() - timedelta(days=1))
    record_checkin(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        kind="after_30_min",
        day=log.day,
        session=log,
        weaker=True,
    )
    text = client_for(demo.therapist).get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    assert "Weaker after exercising" in text
    assert "Check-in 30 minutes after, answered by Sam Rivera:" in text
    assert "felt weaker than before exercising." in text


def test_the_alerts_page_costs_the_same_queries_for_one_alert_as_for_five(demo: Demo) -> None:
    client = client_for(demo.therapist)
    url = f"/patients/{demo.patient.pk}/alerts/"
    painful_neck_log(demo, days_ago=1, note=NOTE)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for days_ago in range(2, 6):
        painful_neck_log(demo, days_ago=days_ago * 3, note=NOTE)
    assert Alert.objects.filter(patient=demo.patient).count() >= 5
    # The first read after new logs computes today's session again (the page's flags come
    # with it) and stores it; the reads after it are the ones that must not grow.
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    assert len(five) == len(one)
