"""Worked examples for the routine engine and its safety rules.

Most examples run on the real library (alsmove/exercises/content); a few use handcrafted
exercises where a case needs exact control.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import alsmove.core.routine as routine_module
import alsmove.core.safety as safety_module
from alsmove.core.adjustments import Adjustments
from alsmove.core.library import (
    BodyRegion,
    Exercise,
    HoldRange,
    Joint,
    Kind,
    MuscleGroup,
    Performer,
    Phase,
    Position,
    Requirement,
    Resistance,
    Sides,
    Stage,
)
from alsmove.core.profile import FunctionalProfile
from alsmove.core.routine import (
    ROUTINE_EASE_01,
    ROUTINE_EASE_02,
    ROUTINE_HELPER_01,
    ROUTINE_REVIEW_01,
    ROUTINE_SIDES_01,
    ROUTINE_SKIP_01,
    ROUTINE_STAGE_01,
    ROUTINE_TIME_01,
    Routine,
    build_routine,
    build_week,
    routine_to_json,
)
from alsmove.core.safety import (
    SAFE_BREATH_01,
    SAFE_CAREGIVER_01,
    SAFE_EMPTY_01,
    SAFE_PAIN_01,
    SAFE_RESIST_01,
    SAFE_SITTING_01,
    SAFE_STANDING_01,
    SAFE_STRENGTH_01,
    SAFE_SUBLUX_01,
    SAFE_WALK_01,
    check,
    exclusion,
    safe_positions,
    touched_joints,
)
from alsmove.exercises.loader import default_library

LIBRARY = default_library()
BY_ID = {e.id: e for e in LIBRARY}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "clinical-rules.md"


def person(**fields: Any) -> FunctionalProfile:
    base: dict[str, Any] = {
        "standing": "independent",
        "walking": "independent",
        "sitting_balance": "good",
        "floor_transfer": True,
        "can_lie_down": True,
        "caregiver_available": False,
        "minutes": 30,
    }
    base.update(fields)
    return FunctionalProfile.model_validate(base)


EARLY_INDEPENDENT = person()
MID_WHEELCHAIR = person(
    standing="unsafe",
    walking="unable",
    sitting_balance="needs_support",
    floor_transfer=False,
    caregiver_available=True,
)
ADVANCED_WITH_HELPER = person(
    standing="unsafe",
    walking="unable",
    sitting_balance="poor",
    floor_transfer=False,
    caregiver_available=True,
)
ADVANCED_ALONE = ADVANCED_WITH_HELPER.model_copy(update={"caregiver_available": False})


def exercise(exercise_id: str, **fields: Any) -> Exercise:
    base: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").capitalize(),
        "summary": "A handcrafted test exercise.",
        "kind": Kind.STRETCH,
        "body_region": BodyRegion.NECK,
        "joints": (Joint.NECK,),
        "positions": (Position.SEATED,),
        "performer": Performer.SELF,
        "steps": ("Sit tall.", "Move slowly."),
        "hold_seconds": HoldRange(min=15, max=30),
        "reps": 2,
        "sides": Sides.NONE,
        "minutes": 1.0,
        "cautions": ("Stop if it hurts.",),
        "stages": tuple(Stage),
        "sources": ("stretching-guide",),
    }
    base.update(fields)
    if base["performer"] is not Performer.SELF:
        base["requires"] = (*base.get("requires", ()), Requirement.CAREGIVER)
    if base["performer"] is Performer.CAREGIVER:
        base.setdefault("hand_placement", "One hand under the joint, one above it.")
        base.setdefault("limits", "Stop at the first resistance or sign of pain.")
    return Exercise.model_validate(base)


def rules_by_exercise(routine: Routine) -> dict[str, str]:
    return {e.exercise: e.rule for e in routine.excluded}


def reason_rules(routine: Routine, exercise_id: str) -> list[str]:
    item = next(i for i in routine.items if i.exercise == exercise_id)
    return [r.rule for r in item.reasons]


def week_items(profile: FunctionalProfile, stage: Stage) -> list[Any]:
    return [item for day in build_week(profile, LIBRARY, stage) for item in day.items]


def require(*ids: str) -> None:
    missing = [i for i in ids if i not in BY_ID]
    if missing:
        pytest.skip(f"the library does not have {', '.join(missing)} yet")


# --- stage shapes the routine ---------------------------------------------------------


def test_an_early_independent_person_gets_standing_and_mat_work() -> None:
    items = week_items(EARLY_INDEPENDENT, Stage.EARLY)
    positions = {item.position for item in items}
    assert Position.STANDING in positions
    assert Position.LYING in positions
    # Where standing is offered and safe, the early stage prefers it.
    for item in items:
        if Position.STANDING in BY_ID[item.exercise].positions:
            assert item.position is Position.STANDING


def test_a_mid_stage_person_in_a_wheelchair_gets_seated_and_bed_work_only() -> None:
    items = week_items(MID_WHEELCHAIR, Stage.MID)
    assert items
    assert {item.position for item in items} <= {
        Position.SEATED,
        Position.IN_WHEELCHAIR,
        Position.IN_BED,
    }
    # Someone who does not walk stays in the wheelchair when the exercise allows it.
    for item in items:
        if Position.IN_WHEELCHAIR in BY_ID[item.exercise].positions:
            assert item.position is Position.IN_WHEELCHAIR


def test_an_advanced_person_with_a_helper_gets_passive_work_by_the_helper() -> None:
    routine = build_routine(ADVANCED_WITH_HELPER, LIBRARY, Stage.ADVANCED)
    passive = [
        i
        for i in routine.items
        if i.performer is Performer.CAREGIVER and BY_ID[i.exercise].kind is Kind.PASSIVE
    ]
    assert passive, "no helper-moved stretching in an advanced routine"
    helped = [i for i in routine.items if i.performer is not Performer.SELF]
    assert len(helped) > len(routine.items) / 2
    assert routine.message is None


def test_an_advanced_person_without_a_helper_gets_what_is_safe_alone_and_a_message() -> None:
    routine = build_routine(ADVANCED_ALONE, LIBRARY, Stage.ADVANCED)
    assert routine.items
    assert all(i.performer is Performer.SELF for i in routine.items)
    assert routine.message_rule == ROUTINE_HELPER_01
    assert routine.message is not None
    text = routine.message.render()
    assert "helper" in text and "therapist" in text
    assert rules_by_exercise(routine)["passive-neck-range"] == SAFE_CAREGIVER_01


def test_an_exercise_meant_for_another_stage_is_left_out_with_the_stage_rule() -> None:
    require("walking")
    routine = build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.MID)
    assert rules_by_exercise(routine)["walking"] == ROUTINE_STAGE_01


# --- safety rules on the real library ---------------------------------------------------


def shoulder_exercises(stage: Stage) -> list[Exercise]:
    return [e for e in LIBRARY if stage in e.stages and Joint.SHOULDER in e.joints]


def test_a_painful_left_shoulder_leaves_out_the_left_side_only() -> None:
    profile = person(painful_joints=("left_shoulder",))
    week = build_week(profile, LIBRARY, Stage.EARLY)
    shoulder = shoulder_exercises(Stage.EARLY)
    both_at_once = [e for e in shoulder if e.sides is not Sides.BOTH]
    assert both_at_once
    for e in both_at_once:
        found = exclusion(e, profile)
        assert found is not None and found.rule == SAFE_PAIN_01
        assert "left shoulder" in found.reason.render()
    items = [i for r in week for i in r.items if BY_ID[i.exercise] in shoulder]
    assert items, "two-sided shoulder work stays for the right side"
    for item in items:
        assert BY_ID[item.exercise].sides is Sides.BOTH
        assert item.side == "right"
        assert any("right side only" in r.text.render() for r in item.reasons)


def test_a_painful_shoulder_cleared_by_the_therapist_is_offered_with_a_note() -> None:
    profile = person(painful_joints=("left_shoulder",), approved_painful_joints=("left_shoulder",))
    week = build_week(profile, LIBRARY, Stage.EARLY)
    assert all(SAFE_PAIN_01 not in rules_by_exercise(r).values() for r in week)
    shoulder_items = [
        i for r in week for i in r.items if Joint.SHOULDER in BY_ID[i.exercise].joints
    ]
    assert shoulder_items
    for item in shoulder_items:
        assert SAFE_PAIN_01 in [r.rule for r in item.reasons]


def test_a_painful_neck_touches_only_exercises_that_move_the_neck() -> None:
    profile = person(painful_joints=("neck",))
    routine = build_routine(profile, LIBRARY, Stage.EARLY)
    for e in LIBRARY:
        if rules_by_exercise(routine).get(e.id) == SAFE_PAIN_01:
            assert "neck" in touched_joints(e)


def test_knee_extensors_graded_two_leave_out_knee_strengthening() -> None:
    require("quad-sets", "seated-knee-straightening")
    weak = person(strength={"knee_extensors": 2})
    excluded = rules_by_exercise(build_routine(weak, LIBRARY, Stage.EARLY))
    assert excluded["quad-sets"] == SAFE_STRENGTH_01
    assert excluded["seated-knee-straightening"] == SAFE_STRENGTH_01
    # Stretching the same knee is still fine.
    assert excluded.get("seated-leg-stretch") != SAFE_STRENGTH_01
    # Graded 3/5 the muscles can move against gravity, so the rule no longer applies.
    able = person(strength={"knee_extensors": 3})
    assert exclusion(BY_ID["quad-sets"], able) is None


def test_an_ungraded_muscle_is_allowed_with_a_note_that_the_therapist_has_not_graded_it() -> None:
    strong = exercise(
        "knee-press",
        kind=Kind.STRENGTHENING,
        muscle_groups=(MuscleGroup.KNEE_EXTENSORS,),
        joints=(Joint.KNEE,),
        body_region=BodyRegion.LEGS,
        hold_seconds=None,
    )
    routine = build_routine(person(), [strong], Stage.EARLY)
    [item] = routine.items
    notes = [r.text.render() for r in item.reasons if r.rule == SAFE_STRENGTH_01]
    assert notes and "not graded" in notes[0]


def test_breathless_at_rest_leaves_out_aerobic_work() -> None:
    aerobic = [e for e in LIBRARY if e.kind is Kind.AEROBIC and Stage.EARLY in e.stages]
    assert aerobic
    routine = build_routine(person(breathless_at_rest=True), LIBRARY, Stage.EARLY)
    excluded = rules_by_exercise(routine)
    for e in aerobic:
        assert excluded[e.id] == SAFE_BREATH_01


def test_standing_with_support_is_only_for_exercises_that_hold_a_chair_or_wall() -> None:
    require("wall-calf-stretch", "walking", "neck-forward-tilt")
    profile = person(standing="with_support", walking="with_aid")
    assert safe_positions(BY_ID["wall-calf-stretch"], profile) == (Position.STANDING,)
    assert rules_by_exercise(build_routine(profile, LIBRARY, Stage.EARLY))["walking"] == (
        SAFE_STANDING_01
    )
    assert Position.STANDING not in safe_positions(BY_ID["neck-forward-tilt"], profile)
    unsafe = person(standing="unsafe")
    violation = check(BY_ID["wall-calf-stretch"], Position.STANDING, unsafe)
    assert violation is not None and violation.rule == SAFE_STANDING_01


def test_a_person_who_cannot_walk_gets_no_walking_even_when_standing_is_safe() -> None:
    require("walking", "seated-marching")
    profile = person(walking="unable")
    excluded = rules_by_exercise(build_routine(profile, LIBRARY, Stage.EARLY))
    assert excluded["walking"] == SAFE_WALK_01
    assert exclusion(BY_ID["seated-marching"], profile) is None


def test_poor_sitting_balance_allows_only_wheelchair_bed_or_helper_supported_sitting() -> None:
    items = week_items(ADVANCED_WITH_HELPER, Stage.MID)
    for item in items:
        assert item.position in (Position.IN_WHEELCHAIR, Position.IN_BED) or (
            item.position is Position.SEATED and item.performer is not Performer.SELF
        )
    seated_only = exercise("chair-only", positions=(Position.SEATED,))
    found = exclusion(seated_only, ADVANCED_WITH_HELPER)
    assert found is not None and found.rule == SAFE_SITTING_01


def test_a_subluxed_shoulder_allows_only_helper_moved_shoulder_work() -> None:
    profile = MID_WHEELCHAIR.model_copy(update={"shoulder_subluxation": True})
    routine = build_routine(profile, LIBRARY, Stage.MID)
    excluded = rules_by_exercise(routine)
    require("arm-raises", "passive-shoulder-flexion")
    assert excluded["arm-raises"] == SAFE_SUBLUX_01
    assert exclusion(BY_ID["passive-shoulder-flexion"], profile) is None
    for item in routine.items:
        if Joint.SHOULDER in BY_ID[item.exercise].joints:
            assert item.performer is not Performer.SELF
            assert SAFE_SUBLUX_01 in [r.rule for r in item.reasons]


def test_heavy_or_eccentric_work_is_never_offered() -> None:
    heavy = exercise(
        "heavy-press",
        kind=Kind.ACTIVE,
        resistance=Resistance.HIGH,
        muscle_groups=(MuscleGroup.SHOULDER,),
        hold_seconds=None,
    )
    lowering = exercise("slow-lowering", kind=Kind.ACTIVE, eccentric=True, hold_seconds=None)
    routine = build_routine(person(), [heavy, lowering], Stage.EARLY)
    assert routine.items == ()
    assert set(rules_by_exercise(routine).values()) == {SAFE_RESIST_01}


def test_with_nothing_safe_the_routine_is_empty_and_says_to_contact_the_therapist() -> None:
    nobody = person(
        standing="unsafe",
        walking="unable",
        sitting_balance="poor",
        floor_transfer=False,
        can_lie_down=False,
        caregiver_available=False,
    )
    only_unsafe = [e for e in LIBRARY if exclusion(e, nobody) is not None]
    routine = build_routine(nobody, only_unsafe, Stage.MID)
    assert routine.items == ()
    assert routine.message_rule == SAFE_EMPTY_01
    assert routine.message is not None and "therapist" in routine.message.render()
    assert routine_to_json(routine)["message"] == routine.message.render()


# --- shape, order, time ---------------------------------------------------------------


def test_phases_come_in_order_warm_up_stretches_strengthening_breathing_cool_down() -> None:
    for day in build_week(
        EARLY_INDEPENDENT.model_copy(update={"minutes": 90}), LIBRARY, Stage.EARLY
    ):
        assert day.items[0].phase is Phase.WARM_UP
        assert day.items[-1].phase is Phase.COOL_DOWN
        # Within each position's block (ROUTINE-FLOW-01), in this order.
        block = [i for i in day.items if i.position is day.items[1].position]
        groups = []
        for item in block:
            e = BY_ID[item.exercise]
            if item.phase is Phase.WARM_UP:
                groups.append(0)
            elif item.phase is Phase.COOL_DOWN:
                groups.append(5)
            elif e.kind in (Kind.BREATHING, Kind.RELAXATION):
                groups.append(4)
            elif e.kind is Kind.AEROBIC:
                groups.append(3)
            elif e.is_strengthening:
                groups.append(2)
            else:
                groups.append(1)
        assert groups == sorted(groups)
        assert any(BY_ID[i.exercise].kind is Kind.BREATHING for i in day.items)


def test_stretches_are_grouped_by_position_then_run_from_head_to_feet() -> None:
    profile = EARLY_INDEPENDENT.model_copy(update={"minutes": 90})
    routine = build_routine(profile, LIBRARY, Stage.EARLY)
    order = list(BodyRegion)
    main = [
        i for i in routine.items if i.phase is Phase.MAIN and BY_ID[i.exercise].kind is Kind.STRETCH
    ]
    blocks = list(dict.fromkeys(i.position for i in routine.items))
    keys = [(blocks.index(i.position), order.index(i.region)) for i in main]
    assert keys == sorted(keys)
    assert len(blocks) <= 3  # at most two changes of position (ROUTINE-FLOW-01)
    # Each position appears in one run: no going back to a position already left.
    runs = [
        p for n, p in enumerate(i.position for i in main) if n == 0 or main[n - 1].position != p
    ]
    assert len(runs) == len(set(runs))


def test_exercises_with_sides_are_done_on_both_sides_within_their_listed_time() -> None:
    routine = build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY)
    both = [i for i in routine.items if i.sides is Sides.BOTH]
    assert both
    for item in both:
        assert ROUTINE_SIDES_01 in reason_rules(routine, item.exercise)
        assert item.minutes == pytest.approx(BY_ID[item.exercise].minutes, abs=0.01)


def test_stretches_hold_fifteen_to_thirty_seconds_by_default() -> None:
    routine = build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY)
    stretches = [i for i in routine.items if BY_ID[i.exercise].kind is Kind.STRETCH]
    assert stretches
    for item in stretches:
        planned = BY_ID[item.exercise].hold_seconds
        assert planned is not None
        assert item.hold_seconds == (planned.min, planned.max)


def test_the_routine_fits_the_minutes_and_says_so_when_nothing_fits() -> None:
    for minutes in (5, 10, 20, 45):
        routine = build_routine(person(minutes=minutes), LIBRARY, Stage.EARLY)
        assert 0 < routine.minutes <= minutes
        assert ROUTINE_TIME_01 in rules_by_exercise(routine).values()
    none = build_routine(person(minutes=0), LIBRARY, Stage.EARLY)
    assert none.items == () and none.message_rule == ROUTINE_TIME_01


def test_a_week_covers_every_body_region_even_on_a_tight_budget() -> None:
    library = [
        exercise(f"{region.value.replace('_', '-')}-{n}", body_region=region, joints=())
        for region in BodyRegion
        for n in range(3)
    ]
    library.append(
        exercise("warm-up-march", kind=Kind.ACTIVE, hold_seconds=None, phases=(Phase.WARM_UP,))
    )
    profile = person(minutes=4)
    week = build_week(profile, library, Stage.EARLY)
    assert all(r.minutes <= 4 for r in week)
    assert {i.region for r in week for i in r.items} == set(BodyRegion)


def test_the_real_library_week_covers_every_region_with_a_safe_exercise() -> None:
    for profile, stage in (
        (EARLY_INDEPENDENT, Stage.EARLY),
        (MID_WHEELCHAIR, Stage.MID),
        (ADVANCED_WITH_HELPER, Stage.ADVANCED),
    ):
        wanted = {e.body_region for e in LIBRARY if stage in e.stages and not exclusion(e, profile)}
        assert {i.region for i in week_items(profile, stage)} == wanted


def test_days_differ_but_the_same_day_is_always_the_same() -> None:
    week = build_week(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY)
    assert len({tuple(i.exercise for i in r.items) for r in week}) > 1
    assert build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY, day_index=3) == week[3]
    assert build_routine(EARLY_INDEPENDENT, LIBRARY[::-1], Stage.EARLY, day_index=10) == week[3]


# --- easing from the logbook ----------------------------------------------------------


def test_easing_lowers_reps_and_holds_and_says_why() -> None:
    ease = Adjustments(reps_factor=0.5, hold_factor=0.5, rules=("OVERWORK-01",))
    plain = build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY)
    eased = build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY, ease)
    assert [i.exercise for i in eased.items] == [i.exercise for i in plain.items]
    for before, after in zip(plain.items, eased.items, strict=True):
        assert after.reps == max(1, before.reps // 2)
        if before.hold_seconds:
            assert after.hold_seconds == (
                max(5, before.hold_seconds[0] // 2),
                max(5, before.hold_seconds[1] // 2),
            )
        if after.reps < before.reps or after.hold_seconds != before.hold_seconds:
            assert ROUTINE_EASE_01 in [r.rule for r in after.reasons]
    assert eased.message_rule == ROUTINE_EASE_01
    assert eased.message is not None and "therapist" in eased.message.render()


def test_removed_skipped_and_paused_exercises_are_left_out_with_their_rules() -> None:
    plain = build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY)
    first, second = plain.items[0].exercise, plain.items[1].exercise
    strengthening = next(e.id for e in LIBRARY if e.is_strengthening and Stage.EARLY in e.stages)
    ease = Adjustments(
        allow_strengthening=False,
        removed_pending_review=frozenset({first}),
        skip_today=frozenset({second}),
    )
    routine = build_routine(EARLY_INDEPENDENT, LIBRARY, Stage.EARLY, ease)
    excluded = rules_by_exercise(routine)
    assert excluded[first] == ROUTINE_REVIEW_01
    assert excluded[second] == ROUTINE_SKIP_01
    assert excluded[strengthening] in (ROUTINE_EASE_02, SAFE_STRENGTH_01)
    assert not any(BY_ID[i.exercise].is_strengthening for i in routine.items)


# --- output and documentation ---------------------------------------------------------


def test_routine_json_has_exactly_the_agreed_shape() -> None:
    data = routine_to_json(build_routine(MID_WHEELCHAIR, LIBRARY, Stage.MID))
    assert set(data) == {"stage", "minutes", "items", "excluded", "message", "therapist_notes"}
    assert data["stage"] == "mid"
    for item in data["items"]:
        assert set(item) == {
            "exercise",
            "position",
            "performer",
            "sides",
            "hold_seconds",
            "reps",
            "minutes",
            "sitting",
            "side",
            "reasons",
        }
        assert item["hold_seconds"] is None or len(item["hold_seconds"]) == 2
        assert all(set(r) == {"rule", "text"} for r in item["reasons"])
    assert all(set(e) == {"exercise", "rule", "reason"} for e in data["excluded"])


def test_every_reason_text_is_plain_and_never_asks_to_push_through_pain() -> None:
    texts = []
    for profile, stage in (
        (EARLY_INDEPENDENT, Stage.EARLY),
        (MID_WHEELCHAIR.model_copy(update={"shoulder_subluxation": True}), Stage.MID),
        (ADVANCED_ALONE, Stage.ADVANCED),
    ):
        data = routine_to_json(build_routine(profile, LIBRARY, stage, Adjustments(0.5, 0.5)))
        texts += [r["text"] for i in data["items"] for r in i["reasons"]]
        texts += [e["reason"] for e in data["excluded"]] + [data["message"] or ""]
    for text in texts:
        lowered = text.lower()
        assert "push through" not in lowered and "no pain" not in lowered
        assert not re.search(r"slow(s|ing)? (down )?(the )?(als|disease|progression)", lowered)
        assert "{" not in text


def rule_ids() -> set[str]:
    ids = set()
    for module in (safety_module, routine_module):
        for name, value in vars(module).items():
            if re.fullmatch(r"(SAFE|ROUTINE)_[A-Z]+_\d\d", name):
                ids.add(value)
    return ids


def test_every_rule_id_is_documented_with_a_source() -> None:
    text = DOCS.read_text(encoding="utf-8")
    ids = rule_ids()
    assert len(ids) >= 20
    for rule in ids:
        assert f"`{rule}`" in text, f"{rule} is missing from {DOCS.name}"
    for rule in safety_module.RULES.values():
        assert rule.sources and rule.statement.render()


def test_a_strengthening_entry_that_only_warms_up_is_left_out_for_the_flow_with_a_reason() -> None:
    # Warm-ups and cool-downs are gentle, so such an entry is never planned; it used to be
    # reported as left out "to stay within your minutes", which was not why.
    only_warm_up = exercise(
        "arm-press-warm-up",
        kind=Kind.STRENGTHENING,
        body_region=BodyRegion.ARMS,
        joints=(Joint.ELBOW,),
        phases=(Phase.WARM_UP,),
        muscle_groups=(MuscleGroup.ELBOW_EXTENSORS,),
    )
    neck = exercise("neck-stretch")
    for day in range(7):
        routine = build_routine(
            person(minutes=60), (only_warm_up, neck), Stage.EARLY, day_index=day
        )
        assert rules_by_exercise(routine)["arm-press-warm-up"] == "ROUTINE-FLOW-01"
        out = next(e for e in routine.excluded if e.exercise == "arm-press-warm-up")
        assert "gentle" in out.reason.text
