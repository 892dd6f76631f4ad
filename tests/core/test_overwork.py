"""The overwork rules, one example (or a table of them) per rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from alsmove.core import overwork as ow
from alsmove.core.adjustments import Adjustments
from alsmove.core.overwork import (
    CheckIn,
    ExerciseLog,
    OverworkInputError,
    ReviewEvent,
    SessionLog,
    assess_overwork,
    ease_prescription,
    parse_input,
    result_to_json,
    to_adjustments,
)

START = date(2025, 3, 1)
NECK = "neck-side-bend"
ARM = "arm-raise-seated"


def day(n: int) -> date:
    return START + timedelta(days=n)


def session(
    n: int,
    pain: dict[str, int] | None = None,
    *,
    status: ow.Status = "done",
    fatigue: int = 2,
    cramps: ow.Cramps = "none",
    breathless: bool = False,
) -> SessionLog:
    logs = tuple(ExerciseLog(ex, status, p) for ex, p in (pain or {NECK: 0}).items())
    return SessionLog(day(n), logs, fatigue, cramps, breathless)


def checkin(
    n: int,
    kind: ow.CheckInKind = "after_30_min",
    *,
    weaker: bool = False,
    soreness: bool = False,
    heaviness: bool = False,
) -> CheckIn:
    return CheckIn(day(n), kind, weaker, soreness, heaviness)


def statuses(result: ow.OverworkResult) -> dict[str, str]:
    return {flag.exercise: flag.status for flag in result.flags}


def test_a_fine_session_gives_no_warning() -> None:
    result = assess_overwork([session(0)], [checkin(0), checkin(1, "next_day")])
    assert result == ow.EMPTY_RESULT
    assert not result.alert_therapist
    assert to_adjustments(result) == Adjustments()


def test_no_input_at_all_gives_no_warning() -> None:
    assert assess_overwork([], []) == ow.EMPTY_RESULT


# ---- pain --------------------------------------------------------------------------------


def test_pain_during_an_exercise_flags_it_and_says_stop_it_today() -> None:
    result = assess_overwork([session(0, {NECK: 3, ARM: 0})], [])
    assert result.skip_today == {NECK}
    assert statuses(result) == {NECK: "flagged"}
    [warning] = result.warnings
    assert (warning.date, warning.rule) == (day(0), ow.PAIN_01)
    text = warning.text.render()
    assert "pain (3 out of 10) during neck-side-bend" in text
    assert "taken it out of the rest of that day's routine" in text
    assert "Call your therapist" in text
    assert result.alert_therapist
    assert not result.easing.active  # pain stops the one exercise; it does not ease the rest


def test_pain_below_three_is_recorded_but_not_flagged() -> None:
    assert assess_overwork([session(0, {NECK: 2})], []) == ow.EMPTY_RESULT


@pytest.mark.parametrize("status", ["done", "partly", "skipped"])
def test_pain_counts_whether_the_exercise_was_done_stopped_or_skipped(status: ow.Status) -> None:
    result = assess_overwork([session(0, {NECK: 6}, status=status)], [])
    assert statuses(result) == {NECK: "flagged"}


def test_the_stop_lasts_only_for_the_day_of_the_pain() -> None:
    result = assess_overwork([session(0, {NECK: 5})], [], as_of=day(1))
    assert result.skip_today == frozenset()
    assert statuses(result) == {NECK: "flagged"}


def test_a_single_flag_fades_after_fourteen_days() -> None:
    sessions = [session(0, {NECK: 5})]
    assert statuses(assess_overwork(sessions, [], as_of=day(14))) == {NECK: "flagged"}
    assert assess_overwork(sessions, [], as_of=day(15)) == ow.EMPTY_RESULT


def test_pain_on_the_same_exercise_twice_in_fourteen_days_removes_it_pending_review() -> None:
    sessions = [session(0, {NECK: 4}), session(14, {NECK: 3})]
    result = assess_overwork(sessions, [])
    assert statuses(result) == {NECK: "removed_pending_review"}
    repeat = [w for w in result.warnings if w.rule == ow.REPEAT_01]
    assert [w.date for w in repeat] == [day(14)]
    assert "until your therapist has looked at it" in repeat[0].text.render()
    assert to_adjustments(result).removed_pending_review == {NECK}
    # Nothing but a review brings it back, however long it has been.
    later = assess_overwork(sessions, [], as_of=day(200))
    assert statuses(later) == {NECK: "removed_pending_review"}
    assert later.alert_therapist


def test_two_pains_in_one_day_count_as_twice() -> None:
    result = assess_overwork([session(0, {NECK: 4}), session(0, {NECK: 4})], [])
    assert statuses(result) == {NECK: "removed_pending_review"}


def test_pain_fifteen_days_apart_only_flags_it_again() -> None:
    result = assess_overwork([session(0, {NECK: 4}), session(15, {NECK: 4})], [])
    assert statuses(result) == {NECK: "flagged"}


def test_pain_in_two_different_exercises_removes_neither() -> None:
    result = assess_overwork([session(0, {NECK: 4}), session(2, {ARM: 4})], [])
    assert statuses(result) == {NECK: "flagged", ARM: "flagged"}


def test_a_review_after_the_second_flag_brings_the_exercise_back() -> None:
    sessions = [session(0, {NECK: 4}), session(3, {NECK: 4})]
    reviews = [ReviewEvent(day(4), NECK)]
    assert assess_overwork(sessions, [], as_of=day(3), reviews=reviews).flags != ()
    result = assess_overwork(sessions, [], as_of=day(4), reviews=reviews)
    assert result == ow.EMPTY_RESULT


def test_a_review_of_another_exercise_or_after_as_of_changes_nothing() -> None:
    sessions = [session(0, {NECK: 4}), session(3, {NECK: 4})]
    for review in (ReviewEvent(day(5), ARM), ReviewEvent(day(9), NECK)):
        result = assess_overwork(sessions, [], as_of=day(5), reviews=[review])
        assert statuses(result) == {NECK: "removed_pending_review"}


def test_a_review_on_the_day_of_a_flag_leaves_that_flag_standing() -> None:
    # The review may have come before that day's session, so the day's pain still counts.
    sessions = [session(0, {NECK: 4}), session(3, {NECK: 4})]
    result = assess_overwork(sessions, [], reviews=[ReviewEvent(day(3), NECK)])
    assert statuses(result) == {NECK: "flagged"}
    assert result.skip_today == {NECK}


def test_a_review_later_the_same_day_clears_the_pain_recorded_before_it() -> None:
    # With times known, a therapist who clears a flag raised this morning sees it go.
    morning = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    first, second = session(0, {NECK: 4}), session(3, {NECK: 4})
    sessions = [first, replace(second, recorded_at=morning)]
    review = ReviewEvent(day(3), NECK, at=morning + timedelta(hours=2))
    result = assess_overwork(sessions, [], as_of=day(3), reviews=[review])
    assert statuses(result) == {}
    assert result.skip_today == set()


def test_pain_recorded_after_a_same_day_review_still_counts() -> None:
    noon = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
    sessions = [session(0, {NECK: 4}), replace(session(3, {NECK: 4}), recorded_at=noon)]
    review = ReviewEvent(day(3), NECK, at=noon - timedelta(hours=1))
    result = assess_overwork(sessions, [], as_of=day(3), reviews=[review])
    assert statuses(result) == {NECK: "flagged"}


def test_pain_after_a_review_counts_afresh() -> None:
    sessions = [session(0, {NECK: 4}), session(3, {NECK: 4}), session(6, {NECK: 4})]
    reviews = [ReviewEvent(day(4), NECK)]
    assert statuses(assess_overwork(sessions, [], reviews=reviews)) == {NECK: "flagged"}
    sessions.append(session(8, {NECK: 4}))
    result = assess_overwork(sessions, [], reviews=reviews)
    assert statuses(result) == {NECK: "removed_pending_review"}


# ---- signs that ease the next sessions ----------------------------------------------------

EASING_CASES = [
    ("weaker 30 min after", [], [checkin(0, weaker=True)], ow.WEAKER_01),
    ("weaker the next day", [], [checkin(0, "next_day", weaker=True)], ow.WEAKER_01),
    ("sore the next day", [], [checkin(0, "next_day", soreness=True)], ow.SORE_01),
    ("heavy limbs after", [], [checkin(0, heaviness=True)], ow.HEAVY_01),
    ("heavy limbs next day", [], [checkin(0, "next_day", heaviness=True)], ow.HEAVY_01),
    ("severe cramps", [session(0, cramps="severe")], [], ow.CRAMP_01),
    ("breathless after", [session(0, breathless=True)], [], ow.BREATH_01),
    ("fatigue 8 of 10", [session(0, fatigue=8)], [], ow.FATIGUE_01),
]


@pytest.mark.parametrize(
    ("sessions", "checkins", "rule"),
    [case[1:] for case in EASING_CASES],
    ids=[case[0] for case in EASING_CASES],
)
def test_each_overwork_sign_eases_the_next_sessions_and_alerts_the_therapist(
    sessions: list[SessionLog], checkins: list[CheckIn], rule: str
) -> None:
    result = assess_overwork(sessions, checkins)
    assert result.easing == ow.Easing(True, (rule,), 0.7, 0.75, strengthening=False)
    assert result.alert_therapist
    [warning] = result.warnings
    assert (warning.date, warning.rule) == (day(0), rule)
    text = warning.text.render()
    assert "fewer repetitions, shorter holds and no strengthening" in text
    assert "Call your therapist" in text
    adjustments = to_adjustments(result)
    assert (adjustments.reps_factor, adjustments.hold_factor) == (0.7, 0.75)
    assert not adjustments.allow_strengthening
    assert adjustments.rules == (rule,)


NOT_SIGNS = [
    ("mild cramps", [session(0, cramps="mild")], []),
    ("fatigue 7 of 10", [session(0, fatigue=7)], []),
    ("sore 30 min after", [], [checkin(0, soreness=True)]),
]


@pytest.mark.parametrize(
    ("sessions", "checkins"),
    [case[1:] for case in NOT_SIGNS],
    ids=[case[0] for case in NOT_SIGNS],
)
def test_milder_reports_do_not_ease(sessions: list[SessionLog], checkins: list[CheckIn]) -> None:
    assert assess_overwork(sessions, checkins) == ow.EMPTY_RESULT


def test_breathlessness_says_when_to_get_urgent_help() -> None:
    [warning] = assess_overwork([session(0, breathless=True)], []).warnings
    assert "call emergency services" in warning.text.render()


def test_easing_lasts_the_day_of_the_sign_and_seven_days_after_then_expires() -> None:
    checkins = [checkin(0, weaker=True)]
    for n in range(8):
        assert assess_overwork(checkins=checkins, sessions=[], as_of=day(n)).easing.active
    expired = assess_overwork([], checkins, as_of=day(8))
    assert expired == ow.EMPTY_RESULT


def test_the_window_runs_from_the_latest_sign() -> None:
    checkins = [checkin(0, weaker=True), checkin(5, heaviness=True)]
    result = assess_overwork([], checkins, as_of=day(12))
    assert result.easing.rules == (ow.HEAVY_01,)


def test_several_signs_at_once_ease_in_proportion_down_to_the_floor() -> None:
    sessions = [session(0, cramps="severe", breathless=True, fatigue=10)]
    checkins = [checkin(0, weaker=True, heaviness=True), checkin(1, "next_day", soreness=True)]
    easing = assess_overwork(sessions, checkins).easing
    assert (easing.reps_factor, easing.hold_factor) == (ow.FACTOR_FLOOR, ow.FACTOR_FLOOR)
    assert easing.rules == ow.EASING_RULES
    two = assess_overwork([session(0, cramps="severe")], [checkin(0, heaviness=True)]).easing
    assert (two.reps_factor, two.hold_factor) == (0.6, 0.65)


def test_two_serious_signs_give_a_rest_day_a_reassessment_and_a_call_today() -> None:
    result = assess_overwork([session(0, cramps="severe", fatigue=9)], [])
    assert result.rest_day and result.reassess_suggested and result.alert_therapist
    rest = [w for w in result.warnings if w.rule == ow.REST_01]
    assert len(rest) == 1 and "Call your therapist today" in rest[0].text.render()
    assert ow.to_adjustments(result).rest_day


def test_one_serious_sign_or_soreness_alone_is_no_rest_day() -> None:
    assert not assess_overwork([session(0, cramps="severe")], []).rest_day
    sore = [checkin(1, "next_day", soreness=True)]
    assert not assess_overwork([session(0)], sore).rest_day
    sore_and_heavy = [checkin(1, "next_day", soreness=True, heaviness=True)]
    sessions = [session(1, breathless=True)]
    assert assess_overwork(sessions, sore_and_heavy).rest_day


def test_signs_days_apart_do_not_add_up_to_a_rest_day() -> None:
    result = assess_overwork([session(0, cramps="severe"), session(5, fatigue=9)], [])
    assert not result.rest_day


def test_entries_after_as_of_are_ignored_and_as_of_defaults_to_the_last_date() -> None:
    checkins = [checkin(0), checkin(3, weaker=True)]
    assert assess_overwork([], checkins, as_of=day(2)) == ow.EMPTY_RESULT
    assert assess_overwork([], checkins).warnings[0].date == day(3)


# ---- reassessment -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sign_days", "as_of", "expected"),
    [
        ([0, 1, 2], 2, True),  # three separate days
        ([0, 10], 10, True),  # two separate episodes
        ([0, 8], 8, True),  # the second sign came after the first easing ended
        ([0, 7], 7, False),  # one episode, two days
        ([0, 0, 0], 0, False),  # several signs on one day
        ([0, 1, 2], 29, True),  # still within thirty days
        ([0, 1, 2], 30, False),  # the first day has left the thirty-day window
    ],
)
def test_repeated_easing_suggests_a_reassessment(
    sign_days: list[int], as_of: int, expected: bool
) -> None:
    checkins = [checkin(n, heaviness=True) for n in sign_days]
    result = assess_overwork([], checkins, as_of=day(as_of))
    assert result.reassess_suggested is expected
    reassess = [w for w in result.warnings if w.rule == ow.REASSESS_01]
    assert len(reassess) == int(expected)
    if expected:
        assert "reassess" in reassess[0].text.render()
        assert result.alert_therapist


# ---- mapping and prescriptions --------------------------------------------------------------


def test_to_adjustments_carries_removals_skips_factors_and_rules() -> None:
    sessions = [session(0, {NECK: 4}), session(1, {NECK: 4, ARM: 5}, cramps="severe")]
    adjustments = to_adjustments(assess_overwork(sessions, []))
    assert adjustments == Adjustments(
        reps_factor=0.7,
        hold_factor=0.75,
        allow_strengthening=False,
        removed_pending_review=frozenset({NECK}),
        skip_today=frozenset({NECK, ARM}),
        rules=(ow.CRAMP_01, ow.REPEAT_01, ow.PAIN_01),
    )


EASED = ow.Easing(True, (ow.WEAKER_01,), 0.7, 0.75, strengthening=False)


@pytest.mark.parametrize(
    ("reps", "hold", "expected"),
    [
        (10, (15, 30), (7, (11, 22))),
        (8, None, (5, None)),
        (1, (5, 5), (1, (5, 5))),  # at least one repetition, holds of at least 5 s
        (2, (6, 8), (1, (5, 6))),
        (3, (2, 3), (2, (2, 3))),  # a hold already under 5 s is never lengthened
    ],
)
def test_ease_prescription_rounds_down_with_floors(
    reps: int, hold: tuple[int, int] | None, expected: tuple[int, tuple[int, int] | None]
) -> None:
    assert ease_prescription(reps, hold, EASED) == expected


def test_ease_prescription_without_easing_keeps_the_prescription() -> None:
    assert ease_prescription(10, (15, 30), ow.NO_EASING) == (10, (15, 30))


@pytest.mark.parametrize(("reps", "hold"), [(0, None), (5, (20, 10)), (5, (0, 10))])
def test_ease_prescription_refuses_a_prescription_that_makes_no_sense(
    reps: int, hold: tuple[int, int] | None
) -> None:
    with pytest.raises(ValueError):
        ease_prescription(reps, hold, EASED)


def test_result_to_json_has_exactly_the_agreed_shape() -> None:
    sessions = [session(0, {NECK: 4}), session(1, {NECK: 4}, breathless=True)]
    data = result_to_json(assess_overwork(sessions, []))
    assert set(data) == {
        "warnings",
        "flags",
        "easing",
        "reassess_suggested",
        "rest_day",
        "alert_therapist",
        "skip_today",
    }
    assert (data["alert_therapist"], data["rest_day"]) == (True, False)
    assert data["skip_today"] == [NECK]
    assert data["flags"] == [
        {"exercise": NECK, "rule": ow.REPEAT_01, "status": "removed_pending_review"}
    ]
    assert data["easing"] == {
        "active": True,
        "rules": [ow.BREATH_01],
        "reps_factor": 0.7,
        "hold_factor": 0.75,
        "strengthening": False,
    }
    assert data["warnings"][0] == {
        "date": "2025-03-01",
        "rule": ow.PAIN_01,
        "text": data["warnings"][0]["text"],
    }
    assert all(isinstance(w["text"], str) and "{" not in w["text"] for w in data["warnings"])


# ---- texts -----------------------------------------------------------------------------------


def test_no_text_says_push_on_or_promises_to_slow_als() -> None:
    for text in [*ow.TEXTS.values(), ow.WEAKER_NEXT_DAY]:
        lowered = text.lower()
        assert "push" not in lowered
        assert "slow" not in lowered
        assert "therapist" in lowered


# ---- input parsing ---------------------------------------------------------------------------

GOOD_EXERCISE = {"exercise": NECK, "status": "done", "pain": 0}
GOOD_SESSION = {
    "date": "2025-03-01",
    "exercises": [GOOD_EXERCISE],
    "fatigue": 2,
    "cramps": "none",
    "breathless_after": False,
}
GOOD_CHECKIN = {
    "date": "2025-03-01",
    "kind": "next_day",
    "weaker": False,
    "soreness": True,
    "heaviness": False,
}


def test_parse_input_reads_sessions_and_checkins() -> None:
    sessions, checkins = parse_input({"sessions": [GOOD_SESSION], "checkins": [GOOD_CHECKIN]})
    assert sessions == [SessionLog(day(0), (ExerciseLog(NECK, "done", 0),), 2, "none", False)]
    assert checkins == [CheckIn(day(0), "next_day", False, True, False)]
    assert parse_input({}) == ([], [])


def test_parse_input_accepts_exercise_ids_the_library_does_not_know() -> None:
    entry = {"exercise": "therapists-own-move", "status": "partly", "pain": 1}
    sessions, _ = parse_input({"sessions": [{**GOOD_SESSION, "exercises": [entry]}]})
    assert sessions[0].exercises[0].exercise == "therapists-own-move"


def with_exercise(**entry: object) -> dict[str, object]:
    """A good session with a second exercise entry."""
    return {**GOOD_SESSION, "exercises": [GOOD_EXERCISE, entry]}


BAD_INPUTS = [
    ([], "input: must be an object"),
    ({"session": []}, "session: unknown key"),
    ({"sessions": {}}, "sessions: must be a list"),
    ({"sessions": [1]}, "sessions[0]: must be an object"),
    ({"sessions": [{**GOOD_SESSION, "date": "2025-02-30"}]}, "sessions[0].date: not a date"),
    ({"sessions": [{**GOOD_SESSION, "date": "20250301"}]}, "sessions[0].date: not a date"),
    ({"sessions": [{**GOOD_SESSION, "fatigue": 11}]}, "sessions[0].fatigue: must be an integer"),
    ({"sessions": [{**GOOD_SESSION, "fatigue": 2.0}]}, "sessions[0].fatigue: must be an integer"),
    ({"sessions": [{**GOOD_SESSION, "cramps": "bad"}]}, "sessions[0].cramps: must be none, mild"),
    ({"sessions": [{**GOOD_SESSION, "breathless_after": 0}]}, "sessions[0].breathless_after"),
    ({"sessions": [{**GOOD_SESSION, "mood": 3}]}, "sessions[0].mood: unknown key"),
    (
        {"sessions": [{k: v for k, v in GOOD_SESSION.items() if k != "fatigue"}]},
        "sessions[0].fatigue: missing",
    ),
    (
        {
            "sessions": [
                GOOD_SESSION,
                GOOD_SESSION,
                with_exercise(exercise=ARM, status="done", pain=11),
            ]
        },
        "sessions[2].exercises[1].pain: must be an integer 0-10",
    ),
    (
        {"sessions": [with_exercise(exercise=ARM, status="done", pain=True)]},
        "sessions[0].exercises[1].pain: must be an integer 0-10",
    ),
    (
        {"sessions": [with_exercise(exercise=ARM, status="half", pain=0)]},
        "sessions[0].exercises[1].status: must be done, partly or skipped",
    ),
    (
        {"sessions": [with_exercise(exercise="Neck Stretch", status="done", pain=0)]},
        "sessions[0].exercises[1].exercise: must be an exercise id",
    ),
    (
        {"sessions": [with_exercise(exercise=NECK, status="done", pain=0)]},
        "sessions[0].exercises[1].exercise: neck-side-bend is listed twice",
    ),
    (
        {"checkins": [GOOD_CHECKIN, {**GOOD_CHECKIN, "kind": "later"}]},
        "checkins[1].kind: must be after_30_min or next_day",
    ),
    ({"checkins": [{**GOOD_CHECKIN, "weaker": "yes"}]}, "checkins[0].weaker: must be true"),
]


@pytest.mark.parametrize(("raw", "message"), BAD_INPUTS, ids=[m for _, m in BAD_INPUTS])
def test_parse_input_names_the_bad_field(raw: object, message: str) -> None:
    with pytest.raises(OverworkInputError) as caught:
        parse_input(raw)
    assert str(caught.value).startswith(message)
