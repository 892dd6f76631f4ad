"""A therapist clears a flagged or removed exercise; only then does it come back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from logbook_support import client_for, log_session

from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, FlagReview
from alsmove.logbook.services import evaluate
from alsmove.logbook.today import todays_session


@pytest.fixture
def removed(demo: Demo) -> str:
    """An exercise in today's session that hurt twice within two weeks."""
    exercise = str(todays_session(demo.patient).items[0]["exercise"])
    today = timezone.localdate()
    for days_ago in (5, 2):
        log_session(
            demo.patient,
            demo.person,
            day=today - timedelta(days=days_ago),
            pain_on=exercise,
            pain=5,
        )
    return exercise


def _url(demo: Demo, exercise: str) -> str:
    return f"/patients/{demo.patient.pk}/flags/{exercise}/review/"


def _in_session(demo: Demo, exercise: str) -> bool:
    return exercise in {item["exercise"] for item in todays_session(demo.patient).items}


def test_a_removed_exercise_comes_back_only_after_the_therapist_clears_it(
    demo: Demo, removed: str
) -> None:
    assert not _in_session(demo, removed)
    left_out = {i["exercise"]: i["rule"] for i in todays_session(demo.patient).left_out}
    assert left_out[removed] == "OVERWORK-REPEAT-01"
    # Time alone does not bring it back.
    later = timezone.localdate() + timedelta(days=30)
    assert [f.status for f in evaluate(demo.patient, later).flags] == ["removed_pending_review"]

    response = client_for(demo.therapist).post(_url(demo, removed), {"note": "Checked the hold."})
    assert response.status_code == 302
    assert response["Location"] == f"/patients/{demo.patient.pk}/alerts/#flags"
    review = FlagReview.objects.get(patient=demo.patient)
    assert (review.exercise, review.day, review.note) == (
        removed,
        timezone.localdate(),
        "Checked the hold.",
    )
    assert review.reviewed_by == demo.therapist
    assert _in_session(demo, removed)
    assert evaluate(demo.patient, timezone.localdate()).flags == ()


def test_clearing_answers_the_alerts_about_that_exercise(demo: Demo, removed: str) -> None:
    assert Alert.objects.filter(patient=demo.patient, acknowledged_at__isnull=True).exists()
    client_for(demo.therapist).post(_url(demo, removed), {"note": "Seen at the visit"})
    alerts = Alert.objects.filter(patient=demo.patient, exercise=removed)
    assert alerts and all(a.acknowledged_by == demo.therapist for a in alerts)
    assert {a.acknowledgement for a in alerts} == {"Seen at the visit"}


def test_the_routine_page_lists_the_flags_and_sends_the_therapist_to_the_one_place_to_clear(
    demo: Demo, removed: str
) -> None:
    html = client_for(demo.therapist).get(f"/patients/{demo.patient.pk}/routine/").content.decode()
    assert "Flagged by the log" in html
    assert f'href="/patients/{demo.patient.pk}/alerts/#flags"' in html
    assert f'action="{_url(demo, removed)}"' not in html
    assert "OVERWORK-REPEAT-01" in html


def test_the_alerts_page_is_where_the_therapist_clears_a_flag(demo: Demo, removed: str) -> None:
    html = client_for(demo.therapist).get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    assert "Exercises flagged by the log" in html
    assert f'action="{_url(demo, removed)}"' in html
    assert "Cleared after review" in html
    assert f'href="#flag-{removed}"' in html  # each alert about it links to the form


def test_the_person_and_the_caregiver_cannot_clear_a_flag(demo: Demo, removed: str) -> None:
    for user in (demo.person, demo.caregiver):
        client = client_for(user)
        assert client.post(_url(demo, removed)).status_code == 403
        for page in ("routine", "alerts"):
            html = client.get(f"/patients/{demo.patient.pk}/{page}/").content.decode()
            assert "Cleared after review" not in html and "/review/" not in html
    assert not FlagReview.objects.exists()
    assert not _in_session(demo, removed)


def test_an_unrelated_therapist_is_refused_and_learns_nothing(demo: Demo, removed: str) -> None:
    response = client_for(demo.other_therapist).post(_url(demo, removed), {"note": "x"})
    assert response.status_code == 404
    assert not FlagReview.objects.exists()


def test_a_review_is_a_post_only(demo: Demo, removed: str) -> None:
    assert client_for(demo.therapist).get(_url(demo, removed)).status_code == 405


def test_an_exercise_that_is_not_flagged_is_not_cleared(demo: Demo) -> None:
    response = client_for(demo.therapist).post(_url(demo, "neck-turns"), follow=True)
    assert "is not flagged, so there is nothing to clear" in response.content.decode()
    assert not FlagReview.objects.exists()


def test_a_flag_raised_today_is_cleared_by_a_review_today(demo: Demo) -> None:
    exercise = str(todays_session(demo.patient).items[0]["exercise"])
    log_session(demo.patient, demo.person, pain_on=exercise, pain=6)
    today = timezone.localdate()
    assert exercise in {f.exercise for f in evaluate(demo.patient, today).flags}

    response = client_for(demo.therapist).post(_url(demo, exercise), {"note": "Seen today."})
    assert response.status_code == 302
    assert exercise not in {f.exercise for f in evaluate(demo.patient, today).flags}
    assert _in_session(demo, exercise)

    # Pain reported after the review counts again.
    later = timezone.now() + timedelta(minutes=5)
    log_session(demo.patient, demo.person, pain_on=exercise, pain=6, created_at=later)
    assert exercise in {f.exercise for f in evaluate(demo.patient, today).flags}
