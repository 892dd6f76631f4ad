"""Queries per page stay the same from 1x to 10x data (the speed itself is measured by
`make bench`, not here). Each page is asked once on a small installation, then again after
ten times as many people, logs, assessments and alerts were added (bench/dataset.py) and
the person's own record grew tenfold: it may not make one query more."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alsmove.assessments.models import Assessment, Source
from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, ExerciseLog, SessionLog
from alsmove.patients.clock import today_for

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import dataset
from signin_support import sign_in

Request = Callable[[Client], Any]


def _grow(demo: Demo, factor: int, tag: str) -> None:
    """Add `factor` units of data: generated people (some on Tess's caseload) and older
    history for Sam (logs, assessments and acknowledged alerts before the demo's own)."""
    dataset.generate(0.0005 * factor, tag=tag, migrate=False, seed=factor)
    today = today_for(demo.patient)
    onset = demo.patient.onset_date
    assert onset is not None
    first = demo.patient.assessments.order_by("taken_on").first()
    assert first is not None
    free_days = [d for d in range(1, (first.taken_on - onset).days) if d % 7 == 0]
    for n in free_days[: 2 * factor]:
        day = onset + timedelta(days=n)
        Assessment.objects.create(
            patient=demo.patient,
            taken_on=day,
            items=first.items,
            total=first.total,
            source=Source.CLINICIAN,
            entered_by=demo.therapist,
        )
    logs = SessionLog.objects.bulk_create(
        SessionLog(
            patient=demo.patient,
            client_id=uuid.uuid4(),
            day=onset + timedelta(days=n),
            pain=0,
            fatigue=1,
            entered_by=demo.person,
        )
        for n in range(1, 20 * factor)
    )
    ExerciseLog.objects.bulk_create(
        ExerciseLog(session=log, exercise="ankle-pumps", status="done") for log in logs
    )
    Alert.objects.bulk_create(
        Alert(
            patient=demo.patient,
            day=today - timedelta(days=300 + n),
            rule="OVERWORK-PAIN-01",
            message={"text": "Pain during {exercise}.", "params": {"exercise": "Ankle pumps"}},
            exercise=f"growth-{tag}-{n}",
            acknowledged_by=demo.therapist,
            acknowledged_at=demo.patient.created_at,
            acknowledgement="Called.",
        )
        for n in range(2 * factor)
    )


def _pages(demo: Demo) -> dict[str, tuple[Any, Request]]:
    sam = demo.patient.pk

    def get(url: str) -> Request:
        return lambda client: client.get(url)

    def quick_log(client: Client) -> Any:
        return client.post(
            f"/patients/{sam}/log/new/",
            {"client_id": str(uuid.uuid4()), "pain": "0", "fatigue": "2", "cramps": "none"},
        )

    return {
        "home": (demo.person, get("/")),
        "session": (demo.person, get(f"/patients/{sam}/session/")),
        "session step": (demo.person, get(f"/patients/{sam}/session/1/")),
        "quick log POST": (demo.person, quick_log),
        "progress": (demo.person, get(f"/patients/{sam}/progress/")),
        "API routine": (demo.person, get(f"/api/v1/patients/{sam}/routine")),
        "library": (demo.person, get("/library/")),
        "exercise": (demo.person, get("/library/ankle-pumps/")),
        "caseload": (demo.therapist, get("/caseload/")),
        "alerts": (demo.therapist, get(f"/patients/{sam}/alerts/")),
    }


PAGES = [
    "home",
    "session",
    "session step",
    "quick log POST",
    "progress",
    "API routine",
    "library",
    "exercise",
    "caseload",
    "alerts",
]


@pytest.mark.parametrize("page", PAGES)
def test_the_page_makes_no_more_queries_with_ten_times_the_data(
    demo: Demo, page: str, django_assert_max_num_queries: Any
) -> None:
    _grow(demo, 1, "one")
    user, request = _pages(demo)[page]
    client = Client()
    sign_in(client, user)
    assert request(client).status_code in (200, 302)  # the stored session, the library
    with CaptureQueriesContext(connection) as small:
        assert request(client).status_code in (200, 302)
    at_one = len(small)  # now: the next request empties the connection's query log
    _grow(demo, 10, "ten")
    assert request(client).status_code in (200, 302)
    with django_assert_max_num_queries(at_one):
        assert request(client).status_code in (200, 302)
