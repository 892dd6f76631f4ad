"""Properties of the overwork rules over random histories (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from alsmove.core import overwork as ow
from alsmove.core.overwork import (
    CheckIn,
    Easing,
    ExerciseLog,
    OverworkResult,
    ReviewEvent,
    SessionLog,
    assess_overwork,
    ease_prescription,
    result_to_json,
)

START = date(2025, 1, 1)
SPAN = 60
EXERCISES = ("neck-side-bend", "arm-raise-seated", "calf-stretch")
FAST = settings(max_examples=150, deadline=None)

days = st.integers(0, SPAN).map(lambda n: START + timedelta(days=n))
STATUSES: tuple[ow.Status, ...] = ("done", "partly", "skipped")


def to_logs(logs: dict[str, tuple[ow.Status, int]]) -> tuple[ExerciseLog, ...]:
    return tuple(ExerciseLog(ex, status, pain) for ex, (status, pain) in logs.items())


exercise_logs = st.dictionaries(
    st.sampled_from(EXERCISES), st.tuples(st.sampled_from(STATUSES), st.integers(0, 10)), max_size=3
).map(to_logs)
sessions = st.builds(
    SessionLog,
    date=days,
    exercises=exercise_logs,
    fatigue=st.integers(0, 10),
    cramps=st.sampled_from(["none", "mild", "severe"]),
    breathless_after=st.booleans(),
)
checkins = st.builds(
    CheckIn,
    date=days,
    kind=st.sampled_from(["after_30_min", "next_day"]),
    weaker=st.booleans(),
    soreness=st.booleans(),
    heaviness=st.booleans(),
)
reviews = st.builds(ReviewEvent, date=days, exercise=st.sampled_from(EXERCISES))
histories = st.tuples(
    st.lists(sessions, max_size=12),
    st.lists(checkins, max_size=8),
    st.lists(reviews, max_size=3),
)
# A single bad sign, as a session or a check-in of its own.
bad_signs = st.one_of(
    st.builds(
        SessionLog,
        date=days,
        exercises=st.tuples(
            st.builds(
                ExerciseLog,
                exercise=st.sampled_from(EXERCISES),
                status=st.sampled_from(["done", "partly", "skipped"]),
                pain=st.integers(ow.PAIN_THRESHOLD, 10),
            )
        ),
        fatigue=st.integers(0, 10),
        cramps=st.sampled_from(["none", "mild", "severe"]),
        breathless_after=st.booleans(),
    ),
    st.builds(SessionLog, date=days, exercises=st.just(()), fatigue=st.integers(8, 10),
              cramps=st.just("none"), breathless_after=st.just(False)),
    st.builds(SessionLog, date=days, exercises=st.just(()), fatigue=st.just(0),
              cramps=st.just("severe"), breathless_after=st.booleans()),
    st.builds(SessionLog, date=days, exercises=st.just(()), fatigue=st.just(0),
              cramps=st.just("none"), breathless_after=st.just(True)),
    st.builds(CheckIn, date=days, kind=st.sampled_from(["after_30_min", "next_day"]),
              weaker=st.just(True), soreness=st.booleans(), heaviness=st.booleans()),
    st.builds(CheckIn, date=days, kind=st.just("next_day"), weaker=st.booleans(),
              soreness=st.just(True), heaviness=st.booleans()),
    st.builds(CheckIn, date=days, kind=st.sampled_from(["after_30_min", "next_day"]),
              weaker=st.booleans(), soreness=st.booleans(), heaviness=st.just(True)),
)  # fmt: skip


def removed(result: OverworkResult) -> set[str]:
    return {f.exercise for f in result.flags if f.status == "removed_pending_review"}


def marked(result: OverworkResult) -> set[str]:
    return {f.exercise for f in result.flags}


@FAST
@given(history=histories, as_of=days)
def test_easing_never_adds_volume(
    history: tuple[list[SessionLog], list[CheckIn], list[ReviewEvent]], as_of: date
) -> None:
    easing = assess_overwork(*history[:2], as_of=as_of, reviews=history[2]).easing
    assert ow.FACTOR_FLOOR <= easing.reps_factor <= 1
    assert ow.FACTOR_FLOOR <= easing.hold_factor <= 1
    assert easing.active == bool(easing.rules)
    assert easing.active != easing.strengthening


@FAST
@given(
    reps=st.integers(1, 30),
    hold=st.none() | st.tuples(st.integers(1, 120), st.integers(0, 60)),
    factors=st.tuples(st.floats(0.01, 1), st.floats(0.01, 1)),
    active=st.booleans(),
)
def test_ease_prescription_never_lengthens_anything(
    reps: int, hold: tuple[int, int] | None, factors: tuple[float, float], active: bool
) -> None:
    span = None if hold is None else (hold[0], hold[0] + hold[1])
    easing = Easing(active, (), factors[0], factors[1], strengthening=not active)
    eased_reps, eased_hold = ease_prescription(reps, span, easing)
    assert 1 <= eased_reps <= reps
    if span is None:
        assert eased_hold is None
    else:
        assert eased_hold is not None
        low, high = eased_hold
        assert low <= high
        assert low <= span[0] and high <= span[1]
        assert low >= min(span[0], ow.MIN_HOLD_SECONDS)


@FAST
@given(history=histories, steps=st.lists(st.integers(1, 40), min_size=1, max_size=4))
def test_a_removed_exercise_never_comes_back_without_a_later_review(
    history: tuple[list[SessionLog], list[CheckIn], list[ReviewEvent]], steps: list[int]
) -> None:
    sessions, checkins, all_reviews = history
    first = START + timedelta(days=SPAN // 2)
    before = assess_overwork(sessions, checkins, as_of=first, reviews=all_reviews)
    last_flag = {
        ex: max(s.date for s in sessions if s.date <= first for log in s.exercises
                if log.exercise == ex and log.pain >= ow.PAIN_THRESHOLD)
        for ex in removed(before)
    }  # fmt: skip
    later = first
    for step in steps:
        later += timedelta(days=step)
        after = assess_overwork(sessions, checkins, as_of=later, reviews=all_reviews)
        for exercise, flagged_on in last_flag.items():
            cleared = any(
                r.exercise == exercise and flagged_on < r.date <= later for r in all_reviews
            )
            if not cleared:
                assert exercise in removed(after)


@FAST
@given(history=histories, sign=bad_signs, as_of=days)
def test_adding_a_bad_sign_never_reduces_easing(
    history: tuple[list[SessionLog], list[CheckIn], list[ReviewEvent]],
    sign: SessionLog | CheckIn,
    as_of: date,
) -> None:
    sessions, checkins, all_reviews = history
    before = assess_overwork(sessions, checkins, as_of=as_of, reviews=all_reviews)
    if isinstance(sign, SessionLog):
        sessions = [*sessions, sign]
    else:
        checkins = [*checkins, sign]
    after = assess_overwork(sessions, checkins, as_of=as_of, reviews=all_reviews)
    assert after.easing.reps_factor <= before.easing.reps_factor
    assert after.easing.hold_factor <= before.easing.hold_factor
    assert after.easing.active >= before.easing.active
    assert after.easing.strengthening <= before.easing.strengthening
    assert set(before.easing.rules) <= set(after.easing.rules)
    assert after.reassess_suggested >= before.reassess_suggested
    assert after.alert_therapist >= before.alert_therapist
    assert removed(before) <= removed(after)
    assert marked(before) <= marked(after)
    assert before.skip_today <= after.skip_today


@FAST
@given(history=histories, as_of=st.none() | days)
def test_the_json_output_always_has_the_agreed_shape(
    history: tuple[list[SessionLog], list[CheckIn], list[ReviewEvent]], as_of: date | None
) -> None:
    result = assess_overwork(*history[:2], as_of=as_of, reviews=history[2])
    data = result_to_json(result)
    assert set(data) == {
        "warnings",
        "flags",
        "easing",
        "reassess_suggested",
        "rest_day",
        "alert_therapist",
        "skip_today",
    }
    rules = {
        ow.PAIN_01, ow.REPEAT_01, ow.REASSESS_01, ow.REST_01, *ow.EASING_RULES,
    }  # fmt: skip
    for warning in data["warnings"]:
        assert set(warning) == {"date", "rule", "text"}
        assert date.fromisoformat(warning["date"]) <= (as_of or date.max)
        assert warning["rule"] in rules
        assert isinstance(warning["text"], str) and "{" not in warning["text"]
    for flag in data["flags"]:
        assert set(flag) == {"exercise", "rule", "status"}
        assert flag["exercise"] in EXERCISES
        assert (flag["rule"], flag["status"]) in {
            (ow.PAIN_01, "flagged"),
            (ow.REPEAT_01, "removed_pending_review"),
        }
    assert len({f["exercise"] for f in data["flags"]}) == len(data["flags"])
    easing = data["easing"]
    assert set(easing) == {"active", "rules", "reps_factor", "hold_factor", "strengthening"}
    assert isinstance(easing["active"], bool) and isinstance(easing["strengthening"], bool)
    assert set(easing["rules"]) <= set(ow.EASING_RULES)
    assert 0 < easing["reps_factor"] <= 1 and 0 < easing["hold_factor"] <= 1
    assert isinstance(data["reassess_suggested"], bool)
    # A rest day (two serious signs at once) suggests a reassessment in its own words.
    suggested = any(w["rule"] in (ow.REASSESS_01, ow.REST_01) for w in data["warnings"])
    assert data["reassess_suggested"] == suggested
    rested = any(w["rule"] == ow.REST_01 for w in data["warnings"])
    assert data["rest_day"] == rested
    if data["rest_day"]:
        assert data["alert_therapist"] and data["reassess_suggested"]
    assert data["alert_therapist"] == bool(
        data["flags"] or data["easing"]["active"] or data["reassess_suggested"]
    )
    assert data["skip_today"] == sorted(set(data["skip_today"]))
