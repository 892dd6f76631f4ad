"""The demo's nine months of logs: realistic, deterministic, and safe to load twice."""

from __future__ import annotations

from datetime import date, timedelta

from alsmove.demo.logs import seed_logs
from alsmove.demo.seed import Demo, seed_demo
from alsmove.logbook.models import Alert, CheckIn, ExerciseLog, FlagReview, SessionLog
from alsmove.logbook.services import evaluate
from alsmove.logbook.today import todays_session
from alsmove.routines.services import plan_in_use


def _counts() -> tuple[int, ...]:
    models = (SessionLog, ExerciseLog, CheckIn, Alert, FlagReview)
    return tuple(model.objects.count() for model in models)


def test_the_demo_has_nine_months_of_logs_with_a_free_today_and_yesterday(demo: Demo) -> None:
    today = date.today()
    logs = SessionLog.objects.filter(patient=demo.patient)
    days = sorted(logs.values_list("day", flat=True))
    assert len(days) >= 150
    assert days[0] <= today - timedelta(days=250)
    assert today - timedelta(days=7) < days[-1] <= today - timedelta(days=2)
    weeks = (days[-1] - days[0]).days / 7
    assert 4 <= len(days) / weeks <= 5  # about four or five sessions a week
    # Mostly fine days, entered by Sam or by Alex.
    assert logs.filter(pain__lte=2, fatigue__lte=6).count() >= len(days) - 5
    assert set(logs.values_list("entered_by", flat=True)) == {demo.person.pk, demo.caregiver.pk}
    plan = plan_in_use(demo.patient)
    assert plan is not None
    in_plan = {item["exercise"] for item in plan.items}
    assert set(ExerciseLog.objects.values_list("exercise", flat=True)) <= in_plan


def test_the_demo_has_alerts_old_ones_acknowledged_the_newest_open_and_a_review(
    demo: Demo,
) -> None:
    alerts = Alert.objects.filter(patient=demo.patient)
    assert alerts.count() >= 3
    assert {"OVERWORK-PAIN-01", "OVERWORK-CRAMP-01", "OVERWORK-REPEAT-01"} <= set(
        alerts.values_list("rule", flat=True)
    )
    acknowledged = alerts.exclude(acknowledged_at=None)
    assert acknowledged.exists()
    assert all(a.acknowledged_by == demo.therapist and a.acknowledgement for a in acknowledged)
    assert all(a.acknowledged_at.date() > a.day for a in acknowledged)
    still_open = alerts.filter(acknowledged_at=None)
    assert still_open.exists()
    assert min(a.day for a in still_open) > max(a.day for a in acknowledged)
    review = FlagReview.objects.get(patient=demo.patient)
    assert review.reviewed_by == demo.therapist and review.note
    assert alerts.filter(rule="OVERWORK-REPEAT-01", exercise=review.exercise).exists()
    # Each alert is what the overwork rules say about its day.
    for alert in alerts:
        warnings = evaluate(demo.patient, alert.day).warnings
        assert any(w.rule == alert.rule and w.date == alert.day for w in warnings)


def test_the_demo_person_can_still_do_a_full_session_today(demo: Demo) -> None:
    result = evaluate(demo.patient, date.today())
    assert not result.easing.active and not result.flags
    session = todays_session(demo.patient)
    assert session.items and not session.left_out


def test_seeding_the_demo_twice_adds_nothing(demo: Demo) -> None:
    before = _counts()
    seed_demo()
    assert _counts() == before


def test_the_logs_are_the_same_every_time(demo: Demo) -> None:
    def fingerprint() -> list[tuple[object, ...]]:
        return list(
            ExerciseLog.objects.filter(session__patient=demo.patient)
            .order_by("session__day", "id")
            .values_list("session__day", "session__fatigue", "exercise", "status", "pain")
        )

    first = fingerprint()
    rules = sorted(Alert.objects.values_list("day", "rule", "acknowledgement"))
    for model in (CheckIn, Alert, FlagReview, SessionLog):
        model.objects.filter(patient=demo.patient).delete()
    seed_logs(demo.patient, demo.person, demo.caregiver, demo.therapist, date.today())
    assert fingerprint() == first
    assert sorted(Alert.objects.values_list("day", "rule", "acknowledgement")) == rules
