"""One routine item: its prescription after easing, and every reason a person reads for
it (the rule ids of `alsmove.core.routine`). Pure; split from the engine for length."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from alsmove.core import routine_texts as texts
from alsmove.core.adjustments import Adjustments
from alsmove.core.i18n import Message
from alsmove.core.library import (
    BodyRegion,
    Exercise,
    Kind,
    Performer,
    Phase,
    Position,
    Sides,
    Stage,
)
from alsmove.core.profile import FunctionalProfile, SittingBalance, Standing
from alsmove.core.routine_week import (
    ROUTINE_DOSE_01,
    ROUTINE_DOSE_02,
    ROUTINE_DOSE_03,
    ROUTINE_DOSE_05,
    ROUTINE_PASSIVE_01,
    ROUTINE_STAGE_02,
    gentle,
)
from alsmove.core.safety import Reason, Violation, only_side, position_violation
from alsmove.core.safety_notes import notes
from alsmove.core.safety_position import SAFE_FLAT_01, head_raised_in_bed

ROUTINE_STAGE_01 = "ROUTINE-STAGE-01"  # only exercises meant for the stage; stage shapes choice
ROUTINE_EASE_01 = "ROUTINE-EASE-01"  # fewer repetitions, shorter holds after overwork
ROUTINE_TIME_01 = "ROUTINE-TIME-01"  # the routine fits the minutes the person set
ROUTINE_REGION_01 = "ROUTINE-REGION-01"  # body areas take turns across the week
ROUTINE_ORDER_01 = "ROUTINE-ORDER-01"  # warm up first, breathing and cool-down last
ROUTINE_POSITION_01 = "ROUTINE-POSITION-01"  # the position suits the stage and is safe
ROUTINE_PERFORMER_01 = "ROUTINE-PERFORMER-01"  # who does the movement
ROUTINE_SIDES_01 = "ROUTINE-SIDES-01"  # both sides
ROUTINE_HOLD_01 = "ROUTINE-HOLD-01"  # hold 15-30 s, never bounce or force
MIN_HOLD_SECONDS = 5

_WARM_UP, _FOCUS, _BREATHING, _COOL_DOWN, _FILL = "warm_up", "focus", "breathing", "cool", "fill"
_MUST, _STRENGTH, _AEROBIC = "must", "strength", "aerobic"
_SWITCH, _PASSIVE = "switch", "passive"


def seconds(exercise: Exercise) -> int:
    # `minutes` is the whole exercise, both sides included (see Exercise.minutes).
    return max(1, round(exercise.minutes * 60))


@dataclass(frozen=True)
class RoutineItem:
    exercise: str
    name: str
    region: BodyRegion
    position: Position
    performer: Performer
    sides: Sides
    hold_seconds: tuple[int, int] | None
    reps: int
    minutes: float
    phase: Phase
    reasons: tuple[Reason, ...]
    sitting: int = 1  # 1 or 2 (ROUTINE-FLOW-03)
    side: str | None = None  # "left" or "right" when one side is left out (SAFE-PAIN-02)
    steps: tuple[str, ...] = ()  # the steps for the position used
    gentle: bool = True  # may be done before a therapist has reviewed (ROUTINE-FIRST-01)


def _phase(exercise: Exercise, role: str) -> Phase:
    if role == _WARM_UP:
        return Phase.WARM_UP
    if role == _COOL_DOWN:
        return Phase.COOL_DOWN
    return Phase.MAIN if Phase.MAIN in exercise.phases else exercise.phases[0]


# --- reasons ------------------------------------------------------------------------------

_ROLE: dict[str, tuple[str, str]] = {
    _WARM_UP: (ROUTINE_ORDER_01, texts.WARM_UP),
    _FOCUS: (ROUTINE_REGION_01, texts.FOCUS),
    _BREATHING: (ROUTINE_ORDER_01, texts.BREATHING),
    _COOL_DOWN: (ROUTINE_ORDER_01, texts.COOL_DOWN),
    _FILL: (ROUTINE_TIME_01, texts.TIME_LEFT),
    _MUST: (ROUTINE_DOSE_01, texts.DAILY_LENGTH),
    _SWITCH: (ROUTINE_DOSE_05, texts.SWITCHED_ON),
    _PASSIVE: (ROUTINE_PASSIVE_01, texts.PASSIVE_DAILY),
    _STRENGTH: (ROUTINE_DOSE_02, texts.STRENGTH_DAY),
    _AEROBIC: (ROUTINE_DOSE_03, texts.AEROBIC_DAY),
}


def _position_text(position: Position, profile: FunctionalProfile) -> str:
    if position is Position.STANDING:
        if profile.standing is Standing.WITH_SUPPORT:
            return texts.STANDING_WITH_SUPPORT
        return texts.STANDING
    if position is Position.SEATED:
        if profile.sitting_balance is SittingBalance.POOR:
            return texts.SEATED_HELPER_HOLDS
        if profile.sitting_balance is SittingBalance.NEEDS_SUPPORT:
            return texts.SEATED_WITH_SUPPORT
        return texts.SEATED
    if position is Position.LYING:
        return texts.LYING
    if position is Position.IN_WHEELCHAIR:
        return texts.IN_WHEELCHAIR
    if head_raised_in_bed(profile):
        return texts.IN_BED_HEAD_RAISED
    return texts.IN_BED


def _eased(exercise: Exercise, adjustments: Adjustments) -> tuple[int, tuple[int, int] | None]:
    """Repetitions and holds after easing: never more than planned, holds at least 5 s."""
    reps = max(1, min(exercise.reps, math.floor(exercise.reps * adjustments.reps_factor + 1e-9)))
    if exercise.hold_seconds is None:
        return reps, None

    def shorter(seconds: int) -> int:
        eased = math.floor(seconds * adjustments.hold_factor + 1e-9)
        return min(seconds, max(MIN_HOLD_SECONDS, eased))

    return reps, (shorter(exercise.hold_seconds.min), shorter(exercise.hold_seconds.max))


def _reason(rule: str, text: str, **params: str | int | float) -> Reason:
    return Reason(rule, Message(text, params))


def make_item(
    exercise: Exercise,
    position: Position,
    role: str,
    profile: FunctionalProfile,
    stage: Stage,
    adjustments: Adjustments,
    sitting: int,
    unsafe: Sequence[Violation] | None = None,
) -> RoutineItem:
    reps, hold = _eased(exercise, adjustments)
    role_rule, role_text = _ROLE[role]
    stage_reason = (
        _reason(ROUTINE_STAGE_01, texts.STAGE_FIT[stage])
        if stage in exercise.stages
        else _reason(ROUTINE_STAGE_02, texts.KEPT_STRONG)
    )
    reasons = [
        stage_reason,
        _reason(role_rule, role_text, minutes=profile.minutes),
        _reason(ROUTINE_POSITION_01, _position_text(position, profile)),
    ]
    if position is Position.IN_BED and head_raised_in_bed(profile):
        reasons.append(_reason(SAFE_FLAT_01, texts.HEAD_RAISED_NOTE))
    # Why the other positions this exercise offers were not used (`unsafe`: the rules
    # already found broken there for this profile, by `safety.full_verdict`).
    if unsafe is None:
        unsafe = [
            violation
            for other in exercise.positions
            if (violation := position_violation(exercise, other, profile)) is not None
        ]
    reasons.extend(Reason(violation.rule, violation.reason) for violation in unsafe)
    reasons.append(_reason(ROUTINE_PERFORMER_01, texts.PERFORMER[exercise.performer]))
    side = only_side(exercise, profile)
    if exercise.sides is Sides.BOTH and side is None:
        reasons.append(_reason(ROUTINE_SIDES_01, texts.BOTH_SIDES))
    if hold is not None:
        reasons.append(_reason(ROUTINE_HOLD_01, texts.HOLD, min=hold[0], max=hold[1]))
    reasons.extend(notes(exercise, profile))
    if reps < exercise.reps:
        reasons.append(_reason(ROUTINE_EASE_01, texts.FEWER_REPS, reps=reps, planned=exercise.reps))
    planned = exercise.hold_seconds
    if hold is not None and planned is not None and hold != (planned.min, planned.max):
        reasons.append(
            _reason(
                ROUTINE_EASE_01,
                texts.SHORTER_HOLDS,
                min=hold[0],
                max=hold[1],
                planned_min=planned.min,
                planned_max=planned.max,
            )
        )
    minutes = round(seconds(exercise) / 60, 2)
    if exercise.kind is Kind.AEROBIC and adjustments.reps_factor < 1:
        # ROUTINE-EASE-01: easing shortens an aerobic bout too.
        eased = max(1.0, math.floor(exercise.minutes * adjustments.reps_factor * 2) / 2)
        if eased < exercise.minutes:
            reasons.append(
                _reason(
                    ROUTINE_EASE_01, texts.SHORTER_BOUT, minutes=eased, planned=exercise.minutes
                )
            )
            minutes = eased
    return RoutineItem(
        exercise=exercise.id,
        name=exercise.name,
        region=exercise.body_region,
        position=position,
        performer=exercise.performer,
        sides=exercise.sides,
        hold_seconds=hold,
        reps=reps,
        minutes=minutes,
        phase=_phase(exercise, role),
        reasons=tuple(reasons),
        sitting=sitting,
        side=side,
        steps=exercise.steps_for(position),
        gentle=gentle(exercise) and position is not Position.STANDING,
    )
