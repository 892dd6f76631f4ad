"""The routine engine: a profile, the library and a stage in; today's routine out.

Pure and deterministic: the same inputs, in any library order, give the same routine.
Every exercise in the library ends up either in the routine, with the reasons it was
chosen, or in `excluded`, with the rule that left it out. Safety comes from
`alsmove.core.safety`; this module decides what suits the stage, the day and the time.

How a day is built: one warm-up, one exercise for each of today's focus areas (the body
areas take turns, so seven days cover every area that has a safe exercise), one
breathing exercise, one cool-down, then more exercises area by area while time remains.
Easing from the logbook shortens holds and repetitions but never frees time for more
exercises: the planned minutes are those of the full exercise.

The sentences a person reads are in `routine_texts`; how the stage ranks positions, kinds
of exercise and performers is in `routine_stage` (`position_preference` is re-exported).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from alsmove.core import routine_texts as texts
from alsmove.core.adjustments import NO_ADJUSTMENTS, Adjustments
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
from alsmove.core.routine_stage import position_preference as position_preference
from alsmove.core.routine_stage import stage_rank
from alsmove.core.safety import (
    EMPTY_MESSAGE,
    EMPTY_NO_HELPER_MESSAGE,
    SAFE_EMPTY_01,
    Exclusion,
    Reason,
    exclusion,
    notes,
    position_violation,
    safe_positions,
)

ROUTINE_STAGE_01 = "ROUTINE-STAGE-01"  # only exercises meant for the stage; stage shapes choice
ROUTINE_REVIEW_01 = "ROUTINE-REVIEW-01"  # taken out until the therapist reviews it
ROUTINE_SKIP_01 = "ROUTINE-SKIP-01"  # skipped today after pain today
ROUTINE_EASE_01 = "ROUTINE-EASE-01"  # fewer repetitions, shorter holds after overwork
ROUTINE_EASE_02 = "ROUTINE-EASE-02"  # strengthening paused after overwork
ROUTINE_TIME_01 = "ROUTINE-TIME-01"  # the routine fits the minutes the person set
ROUTINE_REGION_01 = "ROUTINE-REGION-01"  # body areas take turns across the week
ROUTINE_ORDER_01 = "ROUTINE-ORDER-01"  # warm up first, breathing and cool-down last
ROUTINE_POSITION_01 = "ROUTINE-POSITION-01"  # the position suits the stage and is safe
ROUTINE_PERFORMER_01 = "ROUTINE-PERFORMER-01"  # who does the movement
ROUTINE_SIDES_01 = "ROUTINE-SIDES-01"  # both sides
ROUTINE_HOLD_01 = "ROUTINE-HOLD-01"  # hold 15-30 s, never bounce or force
ROUTINE_HELPER_01 = "ROUTINE-HELPER-01"  # advanced stage without a helper

DAYS_PER_WEEK = 7
MIN_HOLD_SECONDS = 5


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


@dataclass(frozen=True)
class Routine:
    stage: Stage
    minutes: float  # planned total, never above the profile's minutes
    items: tuple[RoutineItem, ...]
    excluded: tuple[Exclusion, ...]
    message: Message | None = None
    message_rule: str | None = None


_REGION_ORDER = {region: index for index, region in enumerate(BodyRegion)}


@dataclass(frozen=True)
class _Candidate:
    exercise: Exercise
    position: Position
    rank: tuple[int, int, str]

    @property
    def id(self) -> str:
        return self.exercise.id


def _seconds(exercise: Exercise) -> int:
    # `minutes` is the whole exercise, both sides included (see Exercise.minutes).
    return max(1, round(exercise.minutes * 60))


# --- why an exercise is left out before any choice is made --------------------------------


def _left_out(
    exercise: Exercise, profile: FunctionalProfile, stage: Stage, adjustments: Adjustments
) -> Exclusion | None:
    def out(rule: str, text: str) -> Exclusion:
        return Exclusion(exercise.id, rule, Message(text))

    if exercise.id in adjustments.removed_pending_review:
        return out(
            ROUTINE_REVIEW_01,
            texts.REMOVED_PENDING_REVIEW,
        )
    if exercise.id in adjustments.skip_today:
        return out(
            ROUTINE_SKIP_01,
            texts.SKIPPED_TODAY,
        )
    unsafe = exclusion(exercise, profile)
    if unsafe is not None:
        return unsafe
    if stage not in exercise.stages:
        return out(ROUTINE_STAGE_01, texts.OTHER_STAGE[stage])
    if exercise.is_strengthening and not adjustments.allow_strengthening:
        return out(
            ROUTINE_EASE_02,
            texts.STRENGTHENING_PAUSED,
        )
    return None


# --- choosing -----------------------------------------------------------------------------

_WARM_UP, _FOCUS, _BREATHING, _COOL_DOWN, _FILL = "warm_up", "focus", "breathing", "cool", "fill"


def _rotate(candidates: list[_Candidate], day: int) -> list[_Candidate]:
    """Best first; equally suited exercises take turns from day to day."""
    ordered = sorted(candidates, key=lambda c: c.rank)
    if not ordered:
        return ordered
    top = [c for c in ordered if c.rank[0] == ordered[0].rank[0]]
    shift = day % len(top)
    return top[shift:] + top[:shift] + ordered[len(top) :]


def focus_regions(regions: Sequence[BodyRegion], day_index: int) -> tuple[BodyRegion, ...]:
    """Today's focus: region i (in body order) is in focus on day i mod 7."""
    day = day_index % DAYS_PER_WEEK
    return tuple(r for i, r in enumerate(regions) if i % DAYS_PER_WEEK == day)


def _choose(
    candidates: list[_Candidate], budget: int, day_index: int
) -> list[tuple[_Candidate, str]]:
    day = day_index % DAYS_PER_WEEK
    by_region: dict[BodyRegion, list[_Candidate]] = {}
    for candidate in candidates:
        by_region.setdefault(candidate.exercise.body_region, []).append(candidate)
    regions = [r for r in BodyRegion if r in by_region]
    queues = {r: _rotate(by_region[r], day) for r in regions}
    chosen: dict[str, tuple[_Candidate, str]] = {}
    used = 0

    def add(candidate: _Candidate, role: str) -> bool:
        nonlocal used
        cost = _seconds(candidate.exercise)
        if candidate.id in chosen or used + cost > budget:
            return False
        chosen[candidate.id] = (candidate, role)
        used += cost
        return True

    def first_fit(pool: list[_Candidate], role: str) -> None:
        for candidate in _rotate(pool, day):
            if add(candidate, role):
                return

    first_fit([c for c in candidates if Phase.WARM_UP in c.exercise.phases], _WARM_UP)
    for region in focus_regions(regions, day):
        for candidate in queues[region]:
            if add(candidate, _FOCUS):
                break
    if not any(c.exercise.kind is Kind.BREATHING for c, _ in chosen.values()):
        first_fit([c for c in candidates if c.exercise.kind is Kind.BREATHING], _BREATHING)
    if not any(role == _COOL_DOWN for _, role in chosen.values()):
        first_fit([c for c in candidates if Phase.COOL_DOWN in c.exercise.phases], _COOL_DOWN)
    # The rest, area by area, starting from today's focus so every day differs.
    start = day if day < len(regions) else 0
    rounds = regions[start:] + regions[:start]
    depth = max((len(q) for q in queues.values()), default=0)
    for level in range(depth):
        for region in rounds:
            if level < len(queues[region]):
                add(queues[region][level], _FILL)
    return list(chosen.values())


def _phase(exercise: Exercise, role: str) -> Phase:
    if role == _WARM_UP:
        return Phase.WARM_UP
    if role == _COOL_DOWN:
        return Phase.COOL_DOWN
    return Phase.MAIN if Phase.MAIN in exercise.phases else exercise.phases[0]


def _group(exercise: Exercise, item: RoutineItem) -> int:
    """Warm-up, stretches and mobility, strengthening, aerobic, breathing, cool-down."""
    phase = item.phase
    if phase is Phase.WARM_UP:
        return 0
    if phase is Phase.COOL_DOWN:
        return 5
    if exercise.kind in (Kind.BREATHING, Kind.RELAXATION):
        return 4
    if exercise.kind is Kind.AEROBIC:
        return 3
    if exercise.is_strengthening:
        return 2
    return 1


# --- reasons ------------------------------------------------------------------------------

_ROLE: dict[str, tuple[str, str]] = {
    _WARM_UP: (ROUTINE_ORDER_01, texts.WARM_UP),
    _FOCUS: (ROUTINE_REGION_01, texts.FOCUS),
    _BREATHING: (ROUTINE_ORDER_01, texts.BREATHING),
    _COOL_DOWN: (ROUTINE_ORDER_01, texts.COOL_DOWN),
    _FILL: (ROUTINE_TIME_01, texts.TIME_LEFT),
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


def _item(
    candidate: _Candidate,
    role: str,
    profile: FunctionalProfile,
    stage: Stage,
    adjustments: Adjustments,
) -> RoutineItem:
    exercise, position = candidate.exercise, candidate.position
    reps, hold = _eased(exercise, adjustments)
    role_rule, role_text = _ROLE[role]
    reasons = [
        _reason(ROUTINE_STAGE_01, texts.STAGE_FIT[stage]),
        _reason(role_rule, role_text, minutes=profile.minutes),
        _reason(ROUTINE_POSITION_01, _position_text(position, profile)),
    ]
    # Why the other positions this exercise offers were not used.
    for other in exercise.positions:
        violation = position_violation(exercise, other, profile)
        if violation is not None:
            reasons.append(Reason(violation.rule, violation.reason))
    reasons.append(_reason(ROUTINE_PERFORMER_01, texts.PERFORMER[exercise.performer]))
    if exercise.sides is Sides.BOTH:
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
    return RoutineItem(
        exercise=exercise.id,
        name=exercise.name,
        region=exercise.body_region,
        position=position,
        performer=exercise.performer,
        sides=exercise.sides,
        hold_seconds=hold,
        reps=reps,
        minutes=round(_seconds(exercise) / 60, 2),
        phase=_phase(exercise, role),
        reasons=tuple(reasons),
    )


# --- messages -----------------------------------------------------------------------------


def _message(
    profile: FunctionalProfile, stage: Stage, adjustments: Adjustments
) -> tuple[Message | None, str | None]:
    no_helper = stage is Stage.ADVANCED and not profile.caregiver_available
    if no_helper and adjustments.active:
        return Message(texts.HELPER_EASED), ROUTINE_HELPER_01
    if no_helper:
        return Message(texts.HELPER), ROUTINE_HELPER_01
    if adjustments.active:
        return Message(texts.EASED), ROUTINE_EASE_01
    return None, None


# --- the engine ---------------------------------------------------------------------------


def build_routine(
    profile: FunctionalProfile,
    library: Sequence[Exercise],
    stage: Stage,
    adjustments: Adjustments = NO_ADJUSTMENTS,
    day_index: int = 0,
) -> Routine:
    """Today's routine (day 0-6 of the week; other numbers wrap around)."""
    exercises = sorted(library, key=lambda e: e.id)
    if len({e.id for e in exercises}) != len(exercises):
        raise ValueError("exercise ids in the library must be unique")
    preference = position_preference(stage, profile)
    excluded: dict[str, Exclusion] = {}
    candidates: list[_Candidate] = []
    for exercise in exercises:
        out = _left_out(exercise, profile, stage, adjustments)
        if out is not None:
            excluded[exercise.id] = out
            continue
        position = min(safe_positions(exercise, profile), key=preference.index)
        candidates.append(
            _Candidate(exercise, position, stage_rank(exercise, position, stage, preference))
        )

    if not candidates:
        no_helper = stage is Stage.ADVANCED and not profile.caregiver_available
        empty = EMPTY_NO_HELPER_MESSAGE if no_helper else EMPTY_MESSAGE
        return Routine(stage, 0.0, (), tuple(excluded.values()), empty, SAFE_EMPTY_01)

    budget = profile.minutes * 60
    picks = _choose(candidates, budget, day_index)
    made = [(c.exercise, _item(c, role, profile, stage, adjustments)) for c, role in picks]
    # Within each part of the session, exercises in the same position sit together, so a
    # person is moved between chair and bed as few times as possible.
    made.sort(
        key=lambda pair: (
            _group(*pair),
            preference.index(pair[1].position),
            _REGION_ORDER[pair[1].region],
            pair[1].exercise,
        )
    )
    items = [item for _, item in made]
    chosen = {item.exercise for item in items}
    for candidate in candidates:
        if candidate.id not in chosen:
            excluded[candidate.id] = Exclusion(
                candidate.id,
                ROUTINE_TIME_01,
                Message(texts.NOT_CHOSEN, {"minutes": profile.minutes}),
            )
    ordered_out = tuple(excluded[e.id] for e in exercises if e.id in excluded)
    total = sum(_seconds(c.exercise) for c, _ in picks)
    if not items:
        shortest = min(_seconds(c.exercise) for c in candidates) / 60
        no_time = Message(
            texts.NO_TIME, {"minutes": profile.minutes, "shortest": round(shortest, 1)}
        )
        return Routine(stage, 0.0, (), ordered_out, no_time, ROUTINE_TIME_01)
    message, rule = _message(profile, stage, adjustments)
    return Routine(stage, round(total / 60, 2), tuple(items), ordered_out, message, rule)


def build_week(
    profile: FunctionalProfile,
    library: Sequence[Exercise],
    stage: Stage,
    adjustments: Adjustments = NO_ADJUSTMENTS,
) -> tuple[Routine, ...]:
    """Seven routines, day 0 to day 6; together they cover every area with a safe exercise."""
    return tuple(
        build_routine(profile, library, stage, adjustments, day) for day in range(DAYS_PER_WEEK)
    )


def routine_to_json(routine: Routine) -> dict[str, Any]:
    """The routine as plain JSON, texts in English."""
    return {
        "stage": routine.stage.value,
        "minutes": routine.minutes,
        "items": [
            {
                "exercise": item.exercise,
                "position": item.position.value,
                "performer": item.performer.value,
                "sides": item.sides.value,
                "hold_seconds": list(item.hold_seconds) if item.hold_seconds else None,
                "reps": item.reps,
                "reasons": [{"rule": r.rule, "text": r.text.render()} for r in item.reasons],
            }
            for item in routine.items
        ],
        "excluded": [
            {"exercise": e.exercise, "rule": e.rule, "reason": e.reason.render()}
            for e in routine.excluded
        ],
        "message": routine.message.render() if routine.message is not None else None,
    }
