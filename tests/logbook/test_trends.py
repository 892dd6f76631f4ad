"""Adherence and trends: the figures from a small hand-made history, and kind words."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from logbook_support import client_for, log_session

from alsmove.demo.seed import Demo
from alsmove.logbook.models import ExerciseLog, SessionLog
from alsmove.logbook.trends import FULL, PARTLY, adherence_summary
from alsmove.patients.models import Patient
from alsmove.routines.models import RoutinePlan, Status

TODAY = date(2026, 3, 18)  # a Wednesday


def _item(slug: str, days: list[int]) -> dict[str, object]:
    return {"exercise": slug, "days": days, "order": {str(d): 0 for d in days}}


def _log(patient: Patient, day: date, statuses: dict[str, str], pain: int, fatigue: int) -> None:
    log = SessionLog.objects.create(
        patient=patient,
        client_id=uuid.uuid4(),
        day=day,
        pain=pain,
        fatigue=fatigue,
    )
    for slug, status in statuses.items():
        ExerciseLog.objects.create(session=log, exercise=slug, status=status)


@pytest.fixture
def history(demo: Demo) -> Patient:
    """A routine on Monday, Wednesday and Friday, made on 2 March; six logs."""
    patient = Patient.objects.create(display_name="Hana Hand", organisation=demo.riverside)
    plan = RoutinePlan.objects.create(
        patient=patient,
        version=1,
        status=Status.APPROVED,
        stage="early",
        items=[_item("neck-turns", [0, 2, 4]), _item("wrist-circles", [0, 2, 4])],
    )
    made = timezone.make_aware(datetime(2026, 3, 2, 9))
    RoutinePlan.objects.filter(pk=plan.pk).update(created_at=made)
    both_done = {"neck-turns": "done", "wrist-circles": "done"}
    _log(patient, date(2025, 11, 3), both_done, pain=0, fatigue=3)  # before the 12 weeks
    _log(patient, date(2026, 3, 13), both_done, pain=1, fatigue=3)  # Friday
    _log(patient, date(2026, 3, 14), both_done, pain=3, fatigue=5)  # Saturday: not planned
    _log(patient, date(2026, 3, 16), both_done, pain=2, fatigue=4)  # Monday
    _log(patient, date(2026, 3, 16), {"neck-turns": "partly"}, pain=0, fatigue=2)  # again
    _log(patient, date(2026, 3, 18), {"neck-turns": "done", "wrist-circles": "skipped"}, 0, 2)
    _log(patient, date(2026, 3, 19), both_done, pain=9, fatigue=9)  # after "today": ignored
    return patient


def test_a_day_is_full_when_every_exercise_was_done_and_partly_otherwise(
    history: Patient,
) -> None:
    summary = adherence_summary(history, TODAY)
    assert summary.calendar_start == date(2025, 9, 22)  # the Monday 25 weeks before
    assert summary.levels == {
        date(2025, 11, 3): FULL,
        date(2026, 3, 13): FULL,
        date(2026, 3, 14): FULL,
        date(2026, 3, 16): FULL,  # the better of the day's two sessions
        date(2026, 3, 18): PARTLY,
    }
    november = next(m for m in summary.months if m.first == date(2025, 11, 1))
    assert (november.full_days, november.partly_days, november.days_without) == (1, 0, 29)
    assert summary.months[0].first == date(2025, 9, 22)
    assert summary.months[-1].first == date(2026, 3, 1)


def test_the_weeks_count_sessions_planned_days_and_average_pain_and_tiredness(
    history: Patient,
) -> None:
    summary = adherence_summary(history, TODAY)
    assert len(summary.weeks) == 12
    this_week, last_week = summary.weeks[-1], summary.weeks[-2]
    assert (this_week.start, this_week.end) == (date(2026, 3, 16), TODAY)
    assert (this_week.sessions, this_week.session_days, this_week.planned_days) == (3, 2, 2)
    assert this_week.pain == pytest.approx(0.7) and this_week.fatigue == pytest.approx(2.7)
    assert (last_week.sessions, last_week.planned_days) == (2, 3)
    assert last_week.pain == 2.0 and last_week.fatigue == 4.0
    assert summary.weeks[0].start == date(2025, 12, 29)
    assert summary.weeks[0].sessions == 0 and summary.weeks[0].pain is None
    # Planned days count from the first log (3 Nov), which is earlier than the routine.
    assert summary.planned_days == 11 * 3 + 2
    assert summary.planned_days_with_session == 3  # Fri 13, Mon 16, Wed 18
    assert (summary.sessions, summary.full_sessions) == (5, 3)


def test_without_a_routine_there_are_no_planned_days(demo: Demo) -> None:
    patient = Patient.objects.create(display_name="No Plan", organisation=demo.riverside)
    _log(patient, TODAY, {"neck-turns": "done"}, pain=0, fatigue=2)
    summary = adherence_summary(patient, TODAY)
    assert not summary.has_plan
    assert summary.planned_days == 0 and summary.sessions == 1


def test_no_page_text_says_missed_or_streak(demo: Demo) -> None:
    today = timezone.localdate()
    for days_ago in (1, 2, 4, 9, 10, 30):
        log_session(demo.patient, demo.person, day=today - timedelta(days=days_ago))
    for user in (demo.person, demo.caregiver, demo.therapist):
        client = client_for(user)
        for url in (
            f"/patients/{demo.patient.pk}/trends/",
            f"/patients/{demo.patient.pk}/alerts/",
            "/caseload/",
        ):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            text = response.content.decode().lower()
            for word in ("missed", "streak", "failed"):
                assert word not in text, (user, url, word)
    page = client_for(demo.person).get(f"/patients/{demo.patient.pk}/trends/").content.decode()
    assert "Rest days are part of the plan." in page
    assert "6 sessions, on 6 of the" in page


def test_every_chart_has_a_data_table_with_a_caption(demo: Demo) -> None:
    page = client_for(demo.therapist).get(f"/patients/{demo.patient.pk}/trends/")
    text = page.content.decode()
    assert text.count('role="img"') == 4
    assert text.count("<caption>") == 4
    for title in ("Sessions in the last 26 weeks", "Sessions per week", "Pain, weekly average"):
        assert title in text
