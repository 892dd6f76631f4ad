"""The position safety rules a neuromuscular physical therapist checks (issue 8).

Lying flat and breathing (SAFE-FLAT-01), trunk control and the seat (SAFE-TRUNK-01), the
neck (SAFE-NECK-01), one leg (SAFE-STANDING-02), falls (SAFE-FALLS-01), a dropping foot
(SAFE-FOOT-01), a hanging arm (SAFE-ARM-01), grip (SAFE-GRIP-01), who moves by muscle
grade (SAFE-GRADE-01) and exercises offered only when they fit (SAFE-SWITCH-01). Each rule
only takes exercises or positions away. `alsmove.core.safety` runs them with the others.
"""

from __future__ import annotations

from alsmove.core import safety_position_texts as texts
from alsmove.core.i18n import Message
from alsmove.core.joints import moved_joints
from alsmove.core.library import (
    BodyRegion,
    Exercise,
    Joint,
    Kind,
    MuscleGroup,
    NeckLoad,
    OfferedWhen,
    Performer,
    Position,
    Requirement,
    TrunkDemand,
)
from alsmove.core.profile import FunctionalProfile, Grip, HeadControl, Standing, TrunkControl

SAFE_FLAT_01 = "SAFE-FLAT-01"
SAFE_TRUNK_01 = "SAFE-TRUNK-01"
SAFE_NECK_01 = "SAFE-NECK-01"
SAFE_STANDING_02 = "SAFE-STANDING-02"
SAFE_FALLS_01 = "SAFE-FALLS-01"
SAFE_FOOT_01 = "SAFE-FOOT-01"
SAFE_ARM_01 = "SAFE-ARM-01"
SAFE_GRIP_01 = "SAFE-GRIP-01"
SAFE_GRADE_01 = "SAFE-GRADE-01"
SAFE_SWITCH_01 = "SAFE-SWITCH-01"
SAFE_PAIN_02 = "SAFE-PAIN-02"
SAFE_TONE_01 = "SAFE-TONE-01"

UPRIGHT = frozenset({Position.SEATED, Position.IN_WHEELCHAIR, Position.STANDING})


def group_words(groups: tuple[MuscleGroup, ...] | list[MuscleGroup]) -> str:
    return ", ".join(texts.GROUP_WORDS[group.value] for group in groups)


# --- rules about the exercise itself -----------------------------------------------------


def loads_shoulder(exercise: Exercise) -> bool:
    return Joint.SHOULDER in moved_joints(exercise) or exercise.body_region in (
        BodyRegion.SHOULDERS,
        BodyRegion.ARMS,
    )


def arm_left_hanging(exercise: Exercise, profile: FunctionalProfile) -> bool:
    """Done alone (or against resistance) with the shoulder loaded and the arm unsupported."""
    if not profile.hanging_arms() or not loads_shoulder(exercise):
        return False
    if exercise.is_strengthening:
        return True
    helper_moves = exercise.performer is not Performer.SELF
    return not (helper_moves or exercise.arm_supported)


def grip(exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if Requirement.GRIP in exercise.requires and profile.hand_grip() is not Grip.GOOD:
        return Message(texts.GRIP_LEFT_OUT)
    return None


def too_weak(exercise: Exercise, profile: FunctionalProfile) -> tuple[MuscleGroup, ...]:
    """The exercise's graded muscle groups too weak for who performs it (SAFE-GRADE-01)."""
    if exercise.performer is Performer.CAREGIVER:
        return ()
    assisted = exercise.performer is Performer.ASSISTED or exercise.kind is Kind.ACTIVE_ASSISTED
    need = 2 if assisted else 3
    return tuple(
        group
        for group in exercise.muscle_groups
        if (grade := profile.grade(group)) is not None and grade < need
    )


def grade(exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    weak = too_weak(exercise, profile)
    if not weak:
        return None
    assisted = exercise.performer is Performer.ASSISTED or exercise.kind is Kind.ACTIVE_ASSISTED
    text = texts.GRADE_TOO_WEAK_ASSISTED if assisted else texts.GRADE_TOO_WEAK_ALONE
    return Message(text, {"groups": group_words(list(weak))})


def switch(exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    wanted = exercise.offered_when
    if wanted is None:
        return None
    if wanted is OfferedWhen.AFO_WORN:
        return None if profile.afo_worn else Message(texts.SWITCH_AFO)
    if wanted is OfferedWhen.SEAT_TILT:
        return None if profile.seat_tilt else Message(texts.SWITCH_TILT)
    on = (
        profile.breath_stacking if wanted is OfferedWhen.BREATH_STACKING else profile.assisted_cough
    )
    return None if on else Message(texts.SWITCH_THERAPIST)


# --- rules about a position --------------------------------------------------------------


def flat(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    breathless = profile.breathless_lying_flat() or profile.on_niv()
    if position is Position.LYING and breathless:
        return Message(texts.FLAT_NOT_ON_MAT)
    if position is Position.IN_BED and breathless and exercise.flat:
        return Message(texts.FLAT_IN_BED)
    return None


def head_raised_in_bed(profile: FunctionalProfile) -> bool:
    return profile.breathless_lying_flat() or profile.on_niv()


_NEEDS_SUPPORT: dict[TrunkControl, frozenset[TrunkDemand]] = {
    TrunkControl.GOOD: frozenset(),
    TrunkControl.REDUCED: frozenset({TrunkDemand.TWIST, TrunkDemand.SIDE_BEND, TrunkDemand.REACH}),
    TrunkControl.POOR: frozenset(
        {
            TrunkDemand.UPRIGHT,
            TrunkDemand.LEAN,
            TrunkDemand.TWIST,
            TrunkDemand.SIDE_BEND,
            TrunkDemand.REACH,
        }
    ),
}


def seat_supports(demand: TrunkDemand, control: TrunkControl, profile: FunctionalProfile) -> bool:
    """The wheelchair gives what this movement needs: side supports hold an upright trunk
    (and, with reduced control, a small turn or side bend); a tilt holds a lean back."""
    if demand is TrunkDemand.UPRIGHT:
        return profile.seat_lateral_supports or profile.seat_tilt
    if demand is TrunkDemand.LEAN:
        return profile.seat_tilt
    if demand in (TrunkDemand.TWIST, TrunkDemand.SIDE_BEND):
        return control is TrunkControl.REDUCED and profile.seat_lateral_supports
    return False  # reaching away from the support is never held by the seat


def trunk(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if position not in UPRIGHT or exercise.performer is not Performer.SELF:
        return None
    control = profile.trunk()
    if exercise.trunk not in _NEEDS_SUPPORT[control]:
        return None
    if position is Position.IN_WHEELCHAIR and seat_supports(exercise.trunk, control, profile):
        return None
    return Message(texts.TRUNK_NOT_HERE)


def neck(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if profile.head() is HeadControl.GOOD or exercise.performer is Performer.CAREGIVER:
        return None
    if exercise.neck is NeckLoad.FLEXION_HOLD:
        return Message(texts.NECK_NOT_HERE)
    if exercise.neck is NeckLoad.UNSUPPORTED and position in UPRIGHT:
        return Message(texts.NECK_NOT_HERE)
    return None


def one_leg(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if position is not Position.STANDING or not exercise.single_leg:
        return None
    if profile.standing is not Standing.INDEPENDENT or profile.dropped_feet().sides():
        return Message(texts.ONE_LEG_NOT_HERE)
    return None


def falls(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if position is Position.STANDING and profile.recent_falls():
        return Message(texts.FALLS_NOT_STANDING)
    return None


def foot(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    walking = position is Position.STANDING and exercise.kind is Kind.AEROBIC
    if walking and profile.dropped_feet().sides() and not profile.afo_worn:
        return Message(texts.FOOT_NOT_STANDING)
    return None


NO_POSITION: dict[str, str] = {
    SAFE_FLAT_01: texts.FLAT_NO_POSITION,
    SAFE_TRUNK_01: texts.TRUNK_NO_POSITION,
    SAFE_NECK_01: texts.NECK_NO_POSITION,
    SAFE_STANDING_02: texts.ONE_LEG_NO_POSITION,
    SAFE_FALLS_01: texts.FALLS_NO_POSITION,
    SAFE_FOOT_01: texts.FOOT_NO_POSITION,
}
