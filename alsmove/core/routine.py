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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from alsmove.core import routine_texts as texts
from alsmove.core.adjustments import NO_ADJUSTMENTS, Adjustments
from alsmove.core.i18n import Message
from alsmove.core.library import (
    BodyRegion,
    Contracture,
    Exercise,
    Kind,
    Performer,
    Phase,
    Position,
    Stage,
)
from alsmove.core.profile import FunctionalProfile
from alsmove.core.routine_flow import (
    ROUTINE_FLOW_01,
    ROUTINE_FLOW_02,
    ROUTINE_FLOW_03,
    Chosen,
    allowed_positions,
    is_walk,
    place,
    sittings,
)
from alsmove.core.routine_items import (
    _AEROBIC,
    _BREATHING,
    _COOL_DOWN,
    _FILL,
    _FOCUS,
    _MUST,
    _PASSIVE,
    _STRENGTH,
    _SWITCH,
    _WARM_UP,
)
from alsmove.core.routine_items import MIN_HOLD_SECONDS as MIN_HOLD_SECONDS
from alsmove.core.routine_items import ROUTINE_EASE_01 as ROUTINE_EASE_01
from alsmove.core.routine_items import ROUTINE_HOLD_01 as ROUTINE_HOLD_01
from alsmove.core.routine_items import ROUTINE_ORDER_01 as ROUTINE_ORDER_01
from alsmove.core.routine_items import ROUTINE_PERFORMER_01 as ROUTINE_PERFORMER_01
from alsmove.core.routine_items import ROUTINE_POSITION_01 as ROUTINE_POSITION_01
from alsmove.core.routine_items import ROUTINE_REGION_01 as ROUTINE_REGION_01
from alsmove.core.routine_items import ROUTINE_SIDES_01 as ROUTINE_SIDES_01
from alsmove.core.routine_items import ROUTINE_STAGE_01 as ROUTINE_STAGE_01
from alsmove.core.routine_items import ROUTINE_TIME_01 as ROUTINE_TIME_01
from alsmove.core.routine_items import RoutineItem as RoutineItem
from alsmove.core.routine_items import make_item as make_item
from alsmove.core.routine_items import seconds as seconds
from alsmove.core.routine_stage import position_preference as position_preference
from alsmove.core.routine_stage import stage_rank
from alsmove.core.routine_week import DAY_SECONDS_CAP as DAY_SECONDS_CAP
from alsmove.core.routine_week import DAYS_PER_WEEK as DAYS_PER_WEEK
from alsmove.core.routine_week import MAX_STRENGTHENING as MAX_STRENGTHENING
from alsmove.core.routine_week import ROUTINE_DOSE_01 as ROUTINE_DOSE_01
from alsmove.core.routine_week import ROUTINE_DOSE_02 as ROUTINE_DOSE_02
from alsmove.core.routine_week import ROUTINE_DOSE_03 as ROUTINE_DOSE_03
from alsmove.core.routine_week import ROUTINE_DOSE_04 as ROUTINE_DOSE_04
from alsmove.core.routine_week import ROUTINE_FIRST_01 as ROUTINE_FIRST_01
from alsmove.core.routine_week import ROUTINE_PASSIVE_01 as ROUTINE_PASSIVE_01
from alsmove.core.routine_week import ROUTINE_REST_01 as ROUTINE_REST_01
from alsmove.core.routine_week import ROUTINE_STAGE_02 as ROUTINE_STAGE_02
from alsmove.core.routine_week import ROUTINE_TIME_02 as ROUTINE_TIME_02
from alsmove.core.routine_week import TIRED_DAY_SECONDS_CAP as TIRED_DAY_SECONDS_CAP
from alsmove.core.routine_week import aerobic_day as aerobic_day
from alsmove.core.routine_week import breathing_affected as breathing_affected
from alsmove.core.routine_week import gentle as gentle
from alsmove.core.routine_week import kept_for_strong_muscles as kept_for_strong_muscles
from alsmove.core.routine_week import not_today as not_today
from alsmove.core.routine_week import passive_missing as passive_missing
from alsmove.core.routine_week import strength_day as strength_day
from alsmove.core.safety import (
    EMPTY_MESSAGE,
    EMPTY_NO_HELPER_MESSAGE,
    SAFE_EMPTY_01,
    Exclusion,
    Reason,
    exclusion,
    safe_positions,
)

ROUTINE_REVIEW_01 = "ROUTINE-REVIEW-01"  # taken out until the therapist reviews it
ROUTINE_SKIP_01 = "ROUTINE-SKIP-01"  # skipped today after pain today
ROUTINE_EASE_02 = "ROUTINE-EASE-02"  # strengthening paused after overwork
ROUTINE_HELPER_01 = "ROUTINE-HELPER-01"  # advanced stage without a helper
ROUTINE_FLOW = (ROUTINE_FLOW_01, ROUTINE_FLOW_02, ROUTINE_FLOW_03)


@dataclass(frozen=True)
class Routine:
    stage: Stage
    minutes: float  # planned total, never above the profile's minutes
    items: tuple[RoutineItem, ...]
    excluded: tuple[Exclusion, ...]
    message: Message | None = None
    message_rule: str | None = None
    # For the therapist only (never shown to a person): e.g. passive range of motion
    # missing today because no helper is there.
    therapist_notes: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class _Candidate:
    exercise: Exercise
    positions: tuple[Position, ...]  # safe ones, best first
    rank: tuple[int, int, str]

    @property
    def id(self) -> str:
        return self.exercise.id


# --- why an exercise is left out before any choice is made --------------------------------


def _left_out(
    exercise: Exercise,
    profile: FunctionalProfile,
    stage: Stage,
    adjustments: Adjustments,
    reviewed: bool,
) -> Exclusion | None:
    def out(rule: str, text: str) -> Exclusion:
        return Exclusion(exercise.id, rule, Message(text))

    if exercise.id in adjustments.removed_pending_review:
        return out(ROUTINE_REVIEW_01, texts.REMOVED_PENDING_REVIEW)
    if exercise.id in adjustments.skip_today:
        return out(ROUTINE_SKIP_01, texts.SKIPPED_TODAY)
    unsafe = exclusion(exercise, profile)
    if unsafe is not None:
        return unsafe
    if stage not in exercise.stages and not kept_for_strong_muscles(exercise, profile, stage):
        return out(ROUTINE_STAGE_01, texts.OTHER_STAGE[stage])
    if exercise.is_strengthening and not adjustments.allow_strengthening:
        return out(ROUTINE_EASE_02, texts.STRENGTHENING_PAUSED)
    if not reviewed and not gentle(exercise):
        return out(ROUTINE_FIRST_01, texts.BEFORE_REVIEW_LEFT_OUT)
    return None


# --- choosing -----------------------------------------------------------------------------


def _rotate(candidates: list[_Candidate], day: int, ties: int = 1) -> list[_Candidate]:
    """Best first; equally suited exercises take turns from day to day (`ties`: how much
    of the rank must be equal to take turns; 2 counts the position too)."""
    ordered = sorted(candidates, key=lambda c: c.rank)
    if not ordered:
        return ordered
    top = [c for c in ordered if c.rank[:ties] == ordered[0].rank[:ties]]
    shift = day % len(top)
    return top[shift:] + top[:shift] + ordered[len(top) :]


def focus_regions(regions: Sequence[BodyRegion], day_index: int) -> tuple[BodyRegion, ...]:
    """Today's focus: region i (in body order) is in focus on day i mod 7."""
    day = day_index % DAYS_PER_WEEK
    return tuple(r for i, r in enumerate(regions) if i % DAYS_PER_WEEK == day)


def _gentle_kind(candidate: _Candidate) -> bool:
    return not candidate.exercise.is_strengthening and candidate.exercise.kind is not Kind.AEROBIC


def _choose(
    candidates: list[_Candidate], budget: int, day_index: int, profile: FunctionalProfile
) -> list[tuple[_Candidate, str]]:
    day = day_index % DAYS_PER_WEEK
    # Only an exercise that can be a main one fills the middle of a session; one that is
    # only a warm-up (or a cool-down) is used only as that.
    ends = candidates
    candidates = [c for c in candidates if Phase.MAIN in c.exercise.phases]
    daily = [
        c
        for c in candidates
        if not c.exercise.is_strengthening and c.exercise.kind is not Kind.AEROBIC
    ]
    by_region: dict[BodyRegion, list[_Candidate]] = {}
    for candidate in daily:
        by_region.setdefault(candidate.exercise.body_region, []).append(candidate)
    regions = [r for r in BodyRegion if r in by_region]
    queues = {r: _rotate(by_region[r], day) for r in regions}
    chosen: dict[str, tuple[_Candidate, str]] = {}
    used = 0

    def add(candidate: _Candidate, role: str) -> bool:
        nonlocal used
        cost = seconds(candidate.exercise)
        if candidate.id in chosen or used + cost > budget:
            return False
        chosen[candidate.id] = (candidate, role)
        used += cost
        return True

    def first_fit(pool: list[_Candidate], role: str) -> bool:
        return any(add(candidate, role) for candidate in _rotate(pool, day))

    first_fit([c for c in ends if Phase.WARM_UP in c.exercise.phases and _gentle_kind(c)], _WARM_UP)
    if breathing_affected(profile):  # ROUTINE-DOSE-04: before anything else
        first_fit([c for c in daily if c.exercise.kind is Kind.BREATHING], _BREATHING)
    # ROUTINE-DOSE-05: what the profile turned on (the brace check, breath stacking,
    # assisted cough, tilting back) is part of every day.
    for candidate in sorted(daily, key=lambda c: c.rank):
        if candidate.exercise.offered_when is not None:
            add(candidate, _SWITCH)
    # ROUTINE-DOSE-01: the groups that shorten easily are stretched or moved every day.
    for group in Contracture:
        if not any(group in c.exercise.contracture for c, _ in chosen.values()):
            first_fit([c for c in daily if group in c.exercise.contracture], _MUST)
    # ROUTINE-PASSIVE-01: muscles graded 0-1/5 are moved by the helper every day.
    if profile.caregiver_available:
        for muscle, grade in sorted(profile.strength.items()):
            covered = any(
                muscle in c.exercise.muscle_groups and c.exercise.performer is Performer.CAREGIVER
                for c, _ in chosen.values()
            )
            if grade <= 1 and not covered:
                first_fit(
                    [
                        c
                        for c in daily
                        if muscle in c.exercise.muscle_groups
                        and c.exercise.performer is Performer.CAREGIVER
                        and c.exercise.kind is Kind.PASSIVE
                    ],
                    _PASSIVE,
                )
    if not any(c.exercise.kind is Kind.BREATHING for c, _ in chosen.values()):
        first_fit([c for c in daily if c.exercise.kind is Kind.BREATHING], _BREATHING)
    if strength_day(day, profile):  # ROUTINE-DOSE-02
        strong = _rotate([c for c in candidates if c.exercise.is_strengthening], day)
        picked = 0
        for candidate in strong:
            if picked < MAX_STRENGTHENING and add(candidate, _STRENGTH):
                picked += 1
    if aerobic_day(day):  # ROUTINE-DOSE-03: one bout of at most 10 minutes
        # Walking first for a person who can walk safely (the most useful bout), then the
        # best suited; not a rotation.
        aerobic = sorted(
            (c for c in candidates if c.exercise.kind is Kind.AEROBIC),
            key=lambda c: (Position.STANDING not in c.positions, c.rank),
        )
        any(add(candidate, _AEROBIC) for candidate in aerobic)
    for region in focus_regions(regions, day):
        for candidate in queues[region]:
            if add(candidate, _FOCUS):
                break
    if not any(role == _COOL_DOWN for _, role in chosen.values()):
        first_fit(
            [c for c in ends if Phase.COOL_DOWN in c.exercise.phases and _gentle_kind(c)],
            _COOL_DOWN,
        )
    # The rest, area by area, starting from today's focus so every day differs.
    start = day if day < len(regions) else 0
    rounds = regions[start:] + regions[:start]
    depth = max((len(q) for q in queues.values()), default=0)
    for level in range(depth):
        for region in rounds:
            if level < len(queues[region]):
                add(queues[region][level], _FILL)
    return list(chosen.values())


# --- messages -----------------------------------------------------------------------------


def _message(
    profile: FunctionalProfile,
    stage: Stage,
    adjustments: Adjustments,
    reviewed: bool,
    items: Sequence[RoutineItem],
) -> tuple[Message | None, str | None]:
    no_helper = stage is Stage.ADVANCED and not profile.caregiver_available
    if not reviewed:
        return Message(texts.BEFORE_REVIEW), ROUTINE_FIRST_01
    if no_helper and adjustments.active:
        return Message(texts.HELPER_EASED), ROUTINE_HELPER_01
    if no_helper:
        return Message(texts.HELPER), ROUTINE_HELPER_01
    if adjustments.active:
        return Message(texts.EASED), ROUTINE_EASE_01
    if any(item.sitting == 2 for item in items):
        return Message(texts.TWO_SITTINGS), ROUTINE_FLOW_03
    if profile.on_niv() or profile.breathless_lying_flat():
        return Message(texts.BREATH_REST), ROUTINE_DOSE_04
    return None, None


# --- the engine ---------------------------------------------------------------------------


def build_routine(
    profile: FunctionalProfile,
    library: Sequence[Exercise],
    stage: Stage,
    adjustments: Adjustments = NO_ADJUSTMENTS,
    day_index: int = 0,
    *,
    reviewed: bool = True,
) -> Routine:
    """The routine for day 0-6 of the week (0 = Monday; other numbers wrap around).

    `reviewed` is False until a therapist has approved a routine: the day then holds only
    gentle stretching, range of motion and breathing (ROUTINE-FIRST-01).
    """
    exercises = sorted(library, key=lambda e: e.id)
    if len({e.id for e in exercises}) != len(exercises):
        raise ValueError("exercise ids in the library must be unique")
    day = day_index % DAYS_PER_WEEK
    profile = profile.on_day(day)
    if adjustments.rest_day:  # ROUTINE-REST-01
        rest = tuple(
            Exclusion(e.id, ROUTINE_REST_01, Message(texts.REST_DAY_LEFT_OUT)) for e in exercises
        )
        return Routine(stage, 0.0, (), rest, Message(texts.REST_DAY), ROUTINE_REST_01)
    preference = position_preference(stage, profile)
    reachable = allowed_positions(profile)
    excluded: dict[str, Exclusion] = {}
    candidates: list[_Candidate] = []
    for exercise in exercises:
        out = _left_out(exercise, profile, stage, adjustments, reviewed)
        if out is not None:
            excluded[exercise.id] = out
            continue
        positions = sorted(safe_positions(exercise, profile), key=preference.index)
        if not reviewed:
            positions = [p for p in positions if p is not Position.STANDING]
        if reachable is not None:
            positions = [p for p in positions if p in reachable]
        if not positions:
            rule, text = (
                (ROUTINE_FIRST_01, texts.BEFORE_REVIEW_LEFT_OUT)
                if reachable is None
                else (ROUTINE_FLOW_02, texts.NO_TRANSFER)
            )
            excluded[exercise.id] = Exclusion(exercise.id, rule, Message(text))
            continue
        today = not_today(exercise, day, profile)
        if today is not None:
            rule = ROUTINE_DOSE_02 if exercise.is_strengthening else ROUTINE_DOSE_03
            excluded[exercise.id] = Exclusion(exercise.id, rule, Message(today))
            continue
        candidates.append(
            _Candidate(
                exercise,
                tuple(positions),
                stage_rank(exercise, positions[0], stage, preference),
            )
        )

    therapist_notes = passive_missing(exercises, profile, stage, excluded)
    if not candidates:
        no_helper = stage is Stage.ADVANCED and not profile.caregiver_available
        empty = EMPTY_MESSAGE if not no_helper else EMPTY_NO_HELPER_MESSAGE
        return Routine(
            stage,
            0.0,
            (),
            tuple(excluded[e.id] for e in exercises),
            empty,
            SAFE_EMPTY_01,
            therapist_notes,
        )

    cap = TIRED_DAY_SECONDS_CAP if profile.high_fatigue() else DAY_SECONDS_CAP
    budget = min(profile.minutes * 60, cap)
    picks = _choose(candidates, budget, day, profile)
    chosen = [Chosen(c.exercise, c.positions, role, seconds(c.exercise)) for c, role in picks]
    placed, dropped = place(chosen, preference, profile)
    walk_last = bool(placed) and is_walk(*placed[-1])
    sitting_of = sittings(
        [c.seconds for c, _ in placed], [p for _, p in placed], profile, walk_last
    )
    items = [
        make_item(c.exercise, where, c.role, profile, stage, adjustments, sitting)
        for (c, where), sitting in zip(placed, sitting_of, strict=True)
    ]
    for c in dropped:
        excluded[c.exercise.id] = Exclusion(
            c.exercise.id, ROUTINE_FLOW_01, Message(texts.FLOW_DROPPED)
        )
    in_routine = {item.exercise for item in items}
    for candidate in candidates:
        if candidate.id not in in_routine and candidate.id not in excluded:
            excluded[candidate.id] = Exclusion(
                candidate.id,
                ROUTINE_TIME_01,
                Message(texts.NOT_CHOSEN, {"minutes": profile.minutes}),
            )
    ordered_out = tuple(excluded[e.id] for e in exercises if e.id in excluded)
    total = sum(c.seconds for c, _ in placed)
    if not items:
        shortest = min(seconds(c.exercise) for c in candidates) / 60
        no_time = Message(
            texts.NO_TIME, {"minutes": profile.minutes, "shortest": round(shortest, 1)}
        )
        return Routine(stage, 0.0, (), ordered_out, no_time, ROUTINE_TIME_01, therapist_notes)
    message, message_rule = _message(profile, stage, adjustments, reviewed, items)
    return Routine(
        stage,
        round(total / 60, 2),
        tuple(items),
        ordered_out,
        message,
        message_rule,
        therapist_notes,
    )


def build_week(
    profile: FunctionalProfile,
    library: Sequence[Exercise],
    stage: Stage,
    adjustments: Adjustments = NO_ADJUSTMENTS,
    *,
    reviewed: bool = True,
) -> tuple[Routine, ...]:
    """Seven routines, Monday (0) to Sunday (6), planned as one week: the groups that
    shorten easily every day, strengthening on two or three days with a rest day between,
    aerobic work on three, breathing daily when breathing is affected, and every body area
    in turn. This is what the product stores (`alsmove.routines.services.propose`)."""
    return tuple(
        build_routine(profile, library, stage, adjustments, day, reviewed=reviewed)
        for day in range(DAYS_PER_WEEK)
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
                "minutes": item.minutes,
                "sitting": item.sitting,
                "side": item.side,
                "reasons": [{"rule": r.rule, "text": r.text.render()} for r in item.reasons],
            }
            for item in routine.items
        ],
        "excluded": [
            {"exercise": e.exercise, "rule": e.rule, "reason": e.reason.render()}
            for e in routine.excluded
        ],
        "message": routine.message.render() if routine.message is not None else None,
        # For the therapist: e.g. passive range of motion missing today (no helper).
        "therapist_notes": [
            {"rule": n.rule, "text": n.text.render()} for n in routine.therapist_notes
        ],
    }


DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def week_to_json(week: Sequence[Routine]) -> dict[str, Any]:
    """The week as plain JSON: the stage, then each day's routine (day 0 = Monday)."""
    return {
        "stage": week[0].stage.value if week else None,
        "days": [
            {"day": day, "name": DAY_NAMES[day], **routine_to_json(routine)}
            for day, routine in enumerate(week)
        ],
    }
