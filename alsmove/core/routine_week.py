"""The week the routine engine plans: what each day is for, and what stays whatever the
stage (ROUTINE-STAGE-02, ROUTINE-FIRST-01, ROUTINE-DOSE-01 to -04, ROUTINE-TIME-02,
ROUTINE-PASSIVE-01). Pure; `alsmove.core.routine` uses it day by day.
"""

from __future__ import annotations

from collections.abc import Sequence

from alsmove.core import routine_texts as texts
from alsmove.core.i18n import Message
from alsmove.core.library import Exercise, Kind, Stage
from alsmove.core.profile import FunctionalProfile
from alsmove.core.safety import Exclusion, Reason

DAYS_PER_WEEK = 7
ROUTINE_DOSE_05 = "ROUTINE-DOSE-05"  # what the profile turned on is part of every day
ROUTINE_REST_01 = "ROUTINE-REST-01"  # a rest day after several serious overwork signs
ROUTINE_STAGE_02 = "ROUTINE-STAGE-02"  # strong muscles keep their exercises at any stage
ROUTINE_FIRST_01 = "ROUTINE-FIRST-01"  # before the therapist's review: gentle work only
ROUTINE_DOSE_01 = "ROUTINE-DOSE-01"  # shortening-prone groups stretched or moved daily
ROUTINE_DOSE_02 = "ROUTINE-DOSE-02"  # strengthening on 2-3 non-consecutive days
ROUTINE_DOSE_03 = "ROUTINE-DOSE-03"  # aerobic on 3 days, one bout of at most 10 minutes
ROUTINE_DOSE_04 = "ROUTINE-DOSE-04"  # breathing daily when breathing is affected
ROUTINE_TIME_02 = "ROUTINE-TIME-02"  # at most two sittings of 30 minutes a day
ROUTINE_PASSIVE_01 = "ROUTINE-PASSIVE-01"  # the therapist is told passive ROM is missing


def kept_for_strong_muscles(exercise: Exercise, profile: FunctionalProfile, stage: Stage) -> bool:
    """ROUTINE-STAGE-02: an exercise meant for an earlier stage stays when every muscle
    group it uses is graded 3/5 or more: strong legs keep walking whatever the arms do."""
    order = list(Stage)
    earlier = any(order.index(s) < order.index(stage) for s in exercise.stages)
    if not earlier or not exercise.muscle_groups:
        return False
    grades = [profile.grade(group) for group in exercise.muscle_groups]
    return all(grade is not None and grade >= 3 for grade in grades)


_GENTLE = frozenset(
    {Kind.STRETCH, Kind.ACTIVE, Kind.ACTIVE_ASSISTED, Kind.PASSIVE, Kind.BREATHING, Kind.RELAXATION}
)


def gentle(exercise: Exercise) -> bool:
    """ROUTINE-FIRST-01: what a routine holds before a therapist has reviewed it."""
    return exercise.kind in _GENTLE and not exercise.is_strengthening


# --- the week: what each day is for (ROUTINE-DOSE-01 to -04) ------------------------------

STRENGTH_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday: a rest day between
TIRED_STRENGTH_DAYS = (0, 3)
AEROBIC_DAYS = (1, 3, 5)
MAX_STRENGTHENING = 3  # one set each, a few muscle groups a day
DAY_SECONDS_CAP = 2 * 30 * 60  # ROUTINE-TIME-02: two sittings of 30 minutes at most
TIRED_DAY_SECONDS_CAP = 2 * 15 * 60  # ... of 15 minutes with typical tiredness 7/10 or more


def strength_day(day: int, profile: FunctionalProfile) -> bool:
    days = TIRED_STRENGTH_DAYS if profile.high_fatigue() else STRENGTH_DAYS
    return day % DAYS_PER_WEEK in days


def aerobic_day(day: int) -> bool:
    return day % DAYS_PER_WEEK in AEROBIC_DAYS


def breathing_affected(profile: FunctionalProfile) -> bool:
    """ROUTINE-DOSE-04: breathing work every day when breathing is affected."""
    items = profile.alsfrs or {}
    low_items = any(items.get(key, 4) < 4 for key in ("10", "11", "12"))
    return (
        profile.breathless_at_rest
        or profile.on_niv()
        or profile.breathless_lying_flat()
        or low_items
    )


def not_today(exercise: Exercise, day: int, profile: FunctionalProfile) -> str | None:
    if exercise.is_strengthening and not strength_day(day, profile):
        return texts.NOT_STRENGTH_DAY
    if exercise.kind is Kind.AEROBIC and not aerobic_day(day):
        return texts.NOT_AEROBIC_DAY
    return None


def passive_missing(
    exercises: Sequence[Exercise],
    profile: FunctionalProfile,
    stage: Stage,
    excluded: dict[str, Exclusion],
) -> tuple[Reason, ...]:
    """ROUTINE-PASSIVE-01: muscles graded 0-1/5 need passive range of motion by a helper;
    with no helper today, the therapist is told it is missing."""
    if profile.caregiver_available:
        return ()
    weak = sorted(g.value for g, grade in profile.strength.items() if grade <= 1)
    if not weak:
        return ()
    return (
        Reason(
            ROUTINE_PASSIVE_01,
            Message(
                texts.PASSIVE_MISSING, {"groups": ", ".join(w.replace("_", " ") for w in weak)}
            ),
        ),
    )
