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
from dataclasses import dataclass, field, replace
from typing import Any

from alsmove.core import routine_texts as texts
from alsmove.core.adjustments import NO_ADJUSTMENTS, Adjustments
from alsmove.core.i18n import Message
from alsmove.core.library import (
    Exercise,
    Kind,
    Phase,
    Position,
    Stage,
)
from alsmove.core.profile import FunctionalProfile
from alsmove.core.routine_choose import Candidate, Pools, choose
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
    Violation,
    full_verdict,
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


# --- why an exercise is left out before any choice is made --------------------------------


def _left_out(
    exercise: Exercise,
    unsafe: Exclusion | None,
    stage: Stage,
    adjustments: Adjustments,
    reviewed: bool,
    profile: FunctionalProfile,
) -> Exclusion | None:
    def out(rule: str, text: str) -> Exclusion:
        return Exclusion(exercise.id, rule, Message(text))

    if exercise.id in adjustments.removed_pending_review:
        return out(ROUTINE_REVIEW_01, texts.REMOVED_PENDING_REVIEW)
    if exercise.id in adjustments.skip_today:
        return out(ROUTINE_SKIP_01, texts.SKIPPED_TODAY)
    if unsafe is not None:
        return unsafe
    if stage not in exercise.stages and not kept_for_strong_muscles(exercise, profile, stage):
        return out(ROUTINE_STAGE_01, texts.OTHER_STAGE[stage])
    if exercise.is_strengthening and not adjustments.allow_strengthening:
        return out(ROUTINE_EASE_02, texts.STRENGTHENING_PAUSED)
    if not reviewed and not gentle(exercise):
        return out(ROUTINE_FIRST_01, texts.BEFORE_REVIEW_LEFT_OUT)
    return None


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
    exercises = _sorted_unique(library)
    day = day_index % DAYS_PER_WEEK
    return _build_day(profile.on_day(day), exercises, stage, adjustments, day, reviewed, _Memo())


@dataclass
class _Memo:
    """What one day's profile has already decided, for reuse on other days of the week
    with the same profile: each exercise left out or prepared as a candidate, and the
    items made (given the profile, an item depends only on the exercise, where and why it
    is done, and its sitting, which is only a number on it)."""

    prepared: dict[str, Exclusion | Candidate] = field(default_factory=dict)
    items: dict[tuple[str, Position, str], RoutineItem] = field(default_factory=dict)
    unchosen: dict[str, Exclusion] = field(default_factory=dict)
    # The day's plan depends on the day only through whether it is a strength day and an
    # aerobic day (`not_today`): per such pair, what is left out before the choice (in
    # library order) and the candidates.
    plans: dict[tuple[bool, bool], tuple[dict[str, Exclusion], list[Candidate]]] = field(
        default_factory=dict
    )
    pools: Pools | None = None  # the gentle candidates, the same every day (`Pools`)


def _sorted_unique(library: Sequence[Exercise]) -> list[Exercise]:
    exercises = sorted(library, key=lambda e: e.id)
    if len({e.id for e in exercises}) != len(exercises):
        raise ValueError("exercise ids in the library must be unique")
    return exercises


def _prepare(
    exercise: Exercise,
    profile: FunctionalProfile,
    stage: Stage,
    adjustments: Adjustments,
    reviewed: bool,
    preference: tuple[Position, ...],
    reachable: frozenset[Position] | None,
) -> Exclusion | Candidate:
    """What holds for the exercise on every day with this profile: left out (and why), or
    a candidate with its safe positions, best first. Only the day's plan (`not_today`)
    changes from one such day to the next."""
    unsafe, safe, broken = full_verdict(exercise, profile)
    out = _left_out(exercise, unsafe, stage, adjustments, reviewed, profile)
    if out is not None:
        return out
    if Phase.MAIN not in exercise.phases and (
        exercise.is_strengthening or exercise.kind is Kind.AEROBIC
    ):
        # ROUTINE-FLOW-01: a warm-up and a cool-down are gentle, so an entry that can only
        # open or close a session and strengthens (or is aerobic) has no place in one.
        return Exclusion(exercise.id, ROUTINE_FLOW_01, Message(texts.NOT_A_GENTLE_END))
    positions = sorted(safe, key=preference.index)
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
        return Exclusion(exercise.id, rule, Message(text))
    return Candidate(
        exercise, tuple(positions), stage_rank(exercise, positions[0], stage, preference), broken
    )


def _unsafe(memo: _Memo, exercise: str) -> tuple[Violation, ...] | None:
    prepared = memo.prepared[exercise]
    return prepared.unsafe if isinstance(prepared, Candidate) else None


def _plan(
    profile: FunctionalProfile,
    exercises: list[Exercise],
    stage: Stage,
    adjustments: Adjustments,
    day: int,
    reviewed: bool,
    memo: _Memo,
) -> tuple[dict[str, Exclusion], list[Candidate]]:
    """What is left out before the choice (in library order), and the candidates, on
    `day` with this profile."""
    preference = position_preference(stage, profile)
    reachable = allowed_positions(profile)
    excluded: dict[str, Exclusion] = {}
    candidates: list[Candidate] = []
    for exercise in exercises:
        prepared = memo.prepared.get(exercise.id)
        if prepared is None:
            prepared = _prepare(
                exercise, profile, stage, adjustments, reviewed, preference, reachable
            )
            memo.prepared[exercise.id] = prepared
        if isinstance(prepared, Exclusion):
            excluded[exercise.id] = prepared
            continue
        today = not_today(exercise, day, profile)
        if today is not None:
            rule = ROUTINE_DOSE_02 if exercise.is_strengthening else ROUTINE_DOSE_03
            excluded[exercise.id] = Exclusion(exercise.id, rule, Message(today))
            continue
        candidates.append(prepared)
    return excluded, candidates


def _build_day(
    profile: FunctionalProfile,
    exercises: list[Exercise],
    stage: Stage,
    adjustments: Adjustments,
    day: int,
    reviewed: bool,
    memo: _Memo,
) -> Routine:
    """One day from the day's own profile; `memo` keeps what was already decided for this
    profile (a week shares it between the days with the same profile)."""
    if adjustments.rest_day:  # ROUTINE-REST-01
        rest = tuple(
            Exclusion(e.id, ROUTINE_REST_01, Message(texts.REST_DAY_LEFT_OUT)) for e in exercises
        )
        return Routine(stage, 0.0, (), rest, Message(texts.REST_DAY), ROUTINE_REST_01)
    preference = position_preference(stage, profile)
    plan = (strength_day(day, profile), aerobic_day(day))
    if plan not in memo.plans:
        memo.plans[plan] = _plan(profile, exercises, stage, adjustments, day, reviewed, memo)
    planned_out, candidates = memo.plans[plan]
    excluded = dict(planned_out)

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
    if memo.pools is None:
        memo.pools = Pools(candidates)
    picks = choose(candidates, budget, day, profile, memo.pools)
    chosen = [Chosen(c.exercise, c.positions, role, c.cost) for c, role in picks]
    placed, dropped = place(chosen, preference, profile)
    walk_last = bool(placed) and is_walk(*placed[-1])
    sitting_of = sittings(
        [c.seconds for c, _ in placed], [p for _, p in placed], profile, walk_last
    )
    items = []
    for (c, where), sitting in zip(placed, sitting_of, strict=True):
        key = (c.exercise.id, where, c.role)
        item = memo.items.get(key)
        if item is None:
            item = make_item(
                c.exercise,
                where,
                c.role,
                profile,
                stage,
                adjustments,
                sitting,
                _unsafe(memo, c.exercise.id),
            )
            memo.items[key] = item
        elif item.sitting != sitting:
            item = replace(item, sitting=sitting)
        items.append(item)
    for c in dropped:
        excluded[c.exercise.id] = Exclusion(
            c.exercise.id, ROUTINE_FLOW_01, Message(texts.FLOW_DROPPED)
        )
    in_routine = {item.exercise for item in items}
    for candidate in candidates:
        cid = candidate.id
        if cid not in in_routine and cid not in excluded:
            unchosen = memo.unchosen.get(cid)
            if unchosen is None:
                unchosen = memo.unchosen[cid] = Exclusion(
                    cid,
                    ROUTINE_TIME_01,
                    Message(texts.NOT_CHOSEN, {"minutes": profile.minutes}),
                )
            excluded[cid] = unchosen
    ordered_out = tuple(out for e in exercises if (out := excluded.get(e.id)) is not None)
    total = sum(c.seconds for c, _ in placed)
    if not items:
        shortest = min(c.cost for c in candidates) / 60
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
    exercises = _sorted_unique(library)
    # Only the helper's presence changes the profile from day to day, so the safety rules
    # run at most twice per exercise for the whole week, not seven times.
    memos = {True: _Memo(), False: _Memo()}
    return tuple(
        _build_day(
            profile.on_day(day),
            exercises,
            stage,
            adjustments,
            day,
            reviewed,
            memos[profile.helper_on(day)],
        )
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
