"""The safety rules the routine engine obeys, in one place.

Every rule has an id (shown next to its reason, pinned by tests, listed with its source in
docs/clinical-rules.md) and a plain-words statement. The engine asks `exclusion()`
whether an exercise can be offered at all, `safe_positions()` where it can be done, and
`notes()` what the person should know when it is offered; `check()` answers for one
position. Rules only ever take exercises or positions away: when the profile does not say
enough to know an exercise is safe, the rule errs on the side of leaving it out. The
sentences a person reads, the rules' statements included, are in `safety_texts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alsmove.core import safety_position as pos
from alsmove.core import safety_position_texts as pos_texts
from alsmove.core import safety_texts as texts
from alsmove.core.i18n import Message
from alsmove.core.joints import LIMB_JOINTS as LIMB_JOINTS
from alsmove.core.joints import REGION_JOINTS as REGION_JOINTS
from alsmove.core.joints import limb_side
from alsmove.core.joints import moved_joints as moved_joints
from alsmove.core.joints import touched_joints as touched_joints
from alsmove.core.library import (
    Exercise,
    Joint,
    Kind,
    MuscleGroup,
    Performer,
    Position,
    Requirement,
    Resistance,
    Sides,
)
from alsmove.core.profile import FunctionalProfile, SittingBalance, Standing, Walking
from alsmove.core.safety_position import (
    SAFE_ARM_01,
    SAFE_FALLS_01,
    SAFE_FLAT_01,
    SAFE_FOOT_01,
    SAFE_GRADE_01,
    SAFE_GRIP_01,
    SAFE_NECK_01,
    SAFE_PAIN_02,
    SAFE_STANDING_02,
    SAFE_SWITCH_01,
    SAFE_TONE_01,
    SAFE_TRUNK_01,
)

SAFE_STANDING_01 = "SAFE-STANDING-01"
SAFE_WALK_01 = "SAFE-WALK-01"
SAFE_FLOOR_01 = "SAFE-FLOOR-01"
SAFE_BED_01 = "SAFE-BED-01"
SAFE_CAREGIVER_01 = "SAFE-CAREGIVER-01"
SAFE_STRENGTH_01 = "SAFE-STRENGTH-01"
SAFE_RESIST_01 = "SAFE-RESIST-01"
SAFE_PAIN_01 = "SAFE-PAIN-01"
SAFE_BREATH_01 = "SAFE-BREATH-01"
SAFE_SITTING_01 = "SAFE-SITTING-01"
SAFE_SUBLUX_01 = "SAFE-SUBLUX-01"
SAFE_EMPTY_01 = "SAFE-EMPTY-01"

# The grade a muscle needs before it is strengthened: it can move against gravity (3/5).
ANTIGRAVITY_GRADE = 3


@dataclass(frozen=True)
class Rule:
    id: str
    statement: Message
    sources: tuple[str, ...]  # keys of alsmove.core.library.SOURCES
    heuristic: bool = False  # our cautious reading, not a published rule


@dataclass(frozen=True)
class Reason:
    """Why the engine did something: the rule's id and a sentence for a person."""

    rule: str
    text: Message


@dataclass(frozen=True)
class Violation:
    rule: str
    reason: Message


@dataclass(frozen=True)
class Exclusion:
    exercise: str
    rule: str
    reason: Message


def _rule(id: str, statement: str, *sources: str, heuristic: bool = False) -> Rule:
    return Rule(id, Message(statement), sources, heuristic)


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _rule(SAFE_RESIST_01, texts.RESIST_RULE, "paganoni-2015"),
        _rule(SAFE_CAREGIVER_01, texts.CAREGIVER_RULE, "stretching-guide", "mda-guidance"),
        _rule(SAFE_BREATH_01, texts.BREATH_RULE, "paganoni-2015", "mda-guidance"),
        _rule(SAFE_STRENGTH_01, texts.STRENGTH_RULE, "paganoni-2015", "acsm-2010"),
        _rule(SAFE_PAIN_01, texts.PAIN_RULE, "stretching-guide", "mda-guidance"),
        _rule(
            SAFE_SUBLUX_01,
            texts.SUBLUX_RULE,
            "sinaki-mulder-1978",
            "dal-bello-haas-1998",
            heuristic=True,
        ),
        _rule(SAFE_STANDING_01, texts.STANDING_RULE, "als-association-pt", "stretching-guide"),
        _rule(SAFE_WALK_01, texts.WALK_RULE, "acsm-2010", "sinaki-mulder-1978"),
        _rule(SAFE_FLOOR_01, texts.FLOOR_RULE, "als-association-pt", "stretching-guide"),
        _rule(SAFE_BED_01, texts.BED_RULE, "stretching-guide"),
        _rule(
            SAFE_SITTING_01,
            texts.SITTING_RULE,
            "dal-bello-haas-1998",
            "stretching-guide",
            heuristic=True,
        ),
        _rule(SAFE_EMPTY_01, texts.EMPTY_RULE, "stretching-guide", "mda-guidance"),
        _rule(SAFE_SWITCH_01, pos_texts.SWITCH_RULE, "convention"),
        _rule(SAFE_GRIP_01, pos_texts.GRIP_RULE, "convention", heuristic=True),
        _rule(SAFE_GRADE_01, pos_texts.GRADE_RULE, "kisner-colby", "paganoni-2015"),
        _rule(SAFE_PAIN_02, pos_texts.PAIN_SIDE_RULE, "stretching-guide", "mda-guidance"),
        _rule(
            SAFE_ARM_01,
            pos_texts.ARM_RULE,
            "sinaki-mulder-1978",
            "dal-bello-haas-1998",
            heuristic=True,
        ),
        _rule(SAFE_FALLS_01, pos_texts.FALLS_RULE, "convention", heuristic=True),
        _rule(SAFE_STANDING_02, pos_texts.ONE_LEG_RULE, "als-association-pt", heuristic=True),
        _rule(SAFE_FOOT_01, pos_texts.FOOT_RULE, "sinaki-mulder-1978", heuristic=True),
        _rule(SAFE_FLAT_01, pos_texts.FLAT_RULE, "pt-conventions", "dal-bello-haas-1998"),
        _rule(SAFE_TRUNK_01, pos_texts.TRUNK_RULE, "pt-conventions", heuristic=True),
        _rule(SAFE_NECK_01, pos_texts.NECK_RULE, "pt-conventions", heuristic=True),
        _rule(SAFE_TONE_01, pos_texts.TONE_RULE, "mda-guidance", "stretching-guide"),
    )
}

# The order rules are tried in: rules about the exercise itself first, then the position.
ORDER: tuple[str, ...] = (
    SAFE_RESIST_01,
    SAFE_SWITCH_01,
    SAFE_CAREGIVER_01,
    SAFE_BREATH_01,
    SAFE_STRENGTH_01,
    SAFE_GRADE_01,
    SAFE_PAIN_01,
    SAFE_SUBLUX_01,
    SAFE_ARM_01,
    SAFE_PAIN_02,
    SAFE_GRIP_01,
    SAFE_FALLS_01,
    SAFE_STANDING_01,
    SAFE_STANDING_02,
    SAFE_WALK_01,
    SAFE_FOOT_01,
    SAFE_FLAT_01,
    SAFE_FLOOR_01,
    SAFE_BED_01,
    SAFE_SITTING_01,
    SAFE_TRUNK_01,
    SAFE_NECK_01,
)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _join(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(_words(str(name)) for name in names)


# --- the rules ------------------------------------------------------------------------

_SUPPORT_WORDS = frozenset({"chair", "wall"})


def names_support(exercise: Exercise) -> bool:
    """True when the exercise holds on to a chair or a wall (in `requires` or `equipment`)."""
    if Requirement.CHAIR in exercise.requires or Requirement.WALL in exercise.requires:
        return True
    words = {word for item in exercise.equipment for word in re.findall(r"[a-z]+", item.lower())}
    return bool(words & _SUPPORT_WORDS)


def needs_helper(exercise: Exercise) -> bool:
    return exercise.performer is not Performer.SELF or Requirement.CAREGIVER in exercise.requires


def _resist(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    if exercise.resistance is Resistance.HIGH or exercise.eccentric:
        return Violation(SAFE_RESIST_01, Message(texts.RESIST_LEFT_OUT))
    return None


def _caregiver(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    if needs_helper(exercise) and not profile.caregiver_available:
        return Violation(SAFE_CAREGIVER_01, Message(texts.CAREGIVER_LEFT_OUT))
    return None


def _breath(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    if exercise.kind is Kind.AEROBIC and profile.breathless_at_rest:
        return Violation(SAFE_BREATH_01, Message(texts.BREATH_LEFT_OUT))
    return None


def weak_groups(exercise: Exercise, profile: FunctionalProfile) -> tuple[MuscleGroup, ...]:
    """The exercise's muscle groups graded below 3/5."""
    return tuple(
        group
        for group in exercise.muscle_groups
        if profile.strength.get(group, ANTIGRAVITY_GRADE) < ANTIGRAVITY_GRADE
    )


def ungraded_groups(exercise: Exercise, profile: FunctionalProfile) -> tuple[MuscleGroup, ...]:
    return tuple(group for group in exercise.muscle_groups if group not in profile.strength)


def _strength(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    if not exercise.is_strengthening:
        return None
    weak = weak_groups(exercise, profile)
    if weak:
        return Violation(
            SAFE_STRENGTH_01,
            Message(texts.STRENGTH_TOO_WEAK, {"groups": pos.group_words(list(weak))}),
        )
    any_weak = any(grade < ANTIGRAVITY_GRADE for grade in profile.strength.values())
    if not exercise.muscle_groups and any_weak:
        # Cannot tell which muscles it loads, and some are too weak: leave it out.
        return Violation(SAFE_STRENGTH_01, Message(texts.STRENGTH_MUSCLES_UNNAMED))
    return None


def unapproved_painful(exercise: Exercise, profile: FunctionalProfile) -> tuple[str, ...]:
    if not profile.painful_joints:
        return ()
    approved = set(profile.approved_painful_joints)
    painful = {name for name in profile.painful_joints if name not in approved}
    return tuple(name for name in touched_joints(exercise) if name in painful)


def _painful_sides(exercise: Exercise, profile: FunctionalProfile) -> frozenset[str] | None:
    """The limb sides a painful joint takes out; None when the midline hurts (no side
    can be spared)."""
    painful = unapproved_painful(exercise, profile)
    if any(limb_side(name) is None for name in painful):
        return None
    return frozenset(side for name in painful if (side := limb_side(name)) is not None)


def _hanging_sides(exercise: Exercise, profile: FunctionalProfile) -> frozenset[str]:
    return profile.hanging_arms() if pos.arm_left_hanging(exercise, profile) else frozenset()


def _one_sided(exercise: Exercise) -> bool:
    return exercise.sides is Sides.BOTH


def _pain(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    painful = unapproved_painful(exercise, profile)
    if not painful:
        return None
    sides = _painful_sides(exercise, profile)
    if sides is None or not _one_sided(exercise) or len(sides) > 1:
        return Violation(SAFE_PAIN_01, Message(texts.PAIN_LEFT_OUT, {"joints": _join(painful)}))
    return None


def _arm(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    hanging = _hanging_sides(exercise, profile)
    if hanging and (not _one_sided(exercise) or len(hanging) > 1):
        return Violation(SAFE_ARM_01, Message(pos_texts.ARM_LEFT_OUT))
    return None


def _sides(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    """A painful joint on one side and a hanging arm on the other leave no side."""
    blocked = (_painful_sides(exercise, profile) or frozenset()) | _hanging_sides(exercise, profile)
    if len(blocked) > 1:
        return Violation(SAFE_PAIN_02, Message(pos_texts.ARM_LEFT_OUT))
    return None


def only_side(exercise: Exercise, profile: FunctionalProfile) -> str | None:
    """ "left" or "right" when one side of a two-sided exercise is left out (SAFE-PAIN-02)."""
    if not _one_sided(exercise):
        return None
    blocked = (_painful_sides(exercise, profile) or frozenset()) | _hanging_sides(exercise, profile)
    if len(blocked) != 1:
        return None
    return "right" if "left" in blocked else "left"


def _grip(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    found = pos.grip(exercise, profile)
    return Violation(SAFE_GRIP_01, found) if found is not None else None


def _grade(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    found = pos.grade(exercise, profile)
    return Violation(SAFE_GRADE_01, found) if found is not None else None


def _switch(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    found = pos.switch(exercise, profile)
    return Violation(SAFE_SWITCH_01, found) if found is not None else None


def moves_shoulder(exercise: Exercise) -> bool:
    return Joint.SHOULDER in moved_joints(exercise)


_HELPER_MOVED_KINDS = frozenset(
    {Kind.PASSIVE, Kind.ACTIVE_ASSISTED, Kind.STRETCH, Kind.RELAXATION, Kind.BREATHING}
)


def _sublux(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    if not (profile.shoulder_subluxation and moves_shoulder(exercise)):
        return None
    helper_moved = exercise.performer is not Performer.SELF and exercise.kind in _HELPER_MOVED_KINDS
    if exercise.is_strengthening or not helper_moved:
        return Violation(SAFE_SUBLUX_01, Message(texts.SUBLUX_LEFT_OUT))
    return None


def _standing(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if position is not Position.STANDING:
        return None
    if profile.standing is Standing.UNSAFE:
        return Message(texts.STANDING_UNSAFE)
    if profile.standing is Standing.WITH_SUPPORT and not names_support(exercise):
        return Message(texts.STANDING_NO_SUPPORT)
    return None


def _walk(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    # Aerobic work on the feet is walking or marching on the spot: it needs walking, not
    # only standing.
    standing_aerobic = position is Position.STANDING and exercise.kind is Kind.AEROBIC
    if standing_aerobic and profile.walking is Walking.UNABLE:
        return Message(texts.WALK_NOT_STANDING)
    return None


def _floor(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if position is Position.LYING and not profile.floor_transfer:
        return Message(texts.FLOOR_NOT_ON_MAT)
    return None


def _bed(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if position is Position.IN_BED and not profile.can_lie_down:
        return Message(texts.BED_NOT_IN_BED)
    return None


_SUPPORTED_SEATS = frozenset({Position.IN_WHEELCHAIR, Position.IN_BED})


def _sitting(position: Position, exercise: Exercise, profile: FunctionalProfile) -> Message | None:
    if profile.sitting_balance is not SittingBalance.POOR or position in _SUPPORTED_SEATS:
        return None
    if position is Position.SEATED and exercise.performer is not Performer.SELF:
        return None  # the helper steadies the person while they sit
    return Message(texts.SITTING_NOT_HERE)


_EXERCISE_RULES = (
    _resist,
    _switch,
    _caregiver,
    _breath,
    _strength,
    _grade,
    _pain,
    _sublux,
    _arm,
    _sides,
    _grip,
)
_POSITION_RULES = (
    (SAFE_FALLS_01, pos.falls),
    (SAFE_STANDING_01, _standing),
    (SAFE_STANDING_02, pos.one_leg),
    (SAFE_WALK_01, _walk),
    (SAFE_FOOT_01, pos.foot),
    (SAFE_FLAT_01, pos.flat),
    (SAFE_FLOOR_01, _floor),
    (SAFE_BED_01, _bed),
    (SAFE_SITTING_01, _sitting),
    (SAFE_TRUNK_01, pos.trunk),
    (SAFE_NECK_01, pos.neck),
)


def exercise_violation(exercise: Exercise, profile: FunctionalProfile) -> Violation | None:
    """The first rule that forbids the exercise in any position."""
    for rule in _EXERCISE_RULES:
        found = rule(exercise, profile)
        if found is not None:
            return found
    return None


def position_violation(
    exercise: Exercise, position: Position, profile: FunctionalProfile
) -> Violation | None:
    """The first rule that forbids this position for this exercise."""
    for rule_id, rule in _POSITION_RULES:
        found = rule(position, exercise, profile)
        if found is not None:
            return Violation(rule_id, found)
    return None


def check(exercise: Exercise, position: Position, profile: FunctionalProfile) -> Violation | None:
    """The first safety rule broken by doing `exercise` in `position`, or None."""
    if position not in exercise.positions:
        raise ValueError(f"{exercise.id} is not done in position {position}")
    return exercise_violation(exercise, profile) or position_violation(exercise, position, profile)


def safe_positions(exercise: Exercise, profile: FunctionalProfile) -> tuple[Position, ...]:
    """The exercise's positions that break no rule, in the order the exercise lists them."""
    return verdict(exercise, profile)[1]


_NO_POSITION: dict[str, str] = {
    SAFE_STANDING_01: texts.STANDING_NO_POSITION,
    SAFE_WALK_01: texts.WALK_NO_POSITION,
    SAFE_FLOOR_01: texts.FLOOR_NO_POSITION,
    SAFE_BED_01: texts.BED_NO_POSITION,
    SAFE_SITTING_01: texts.SITTING_NO_POSITION,
    **pos.NO_POSITION,
}


def exclusion(exercise: Exercise, profile: FunctionalProfile) -> Exclusion | None:
    """Why the exercise cannot be offered at all (the first rule, in `ORDER`), or None."""
    return verdict(exercise, profile)[0]


def verdict(
    exercise: Exercise, profile: FunctionalProfile
) -> tuple[Exclusion | None, tuple[Position, ...]]:
    """Both answers from one pass over the rules: why the exercise cannot be offered at
    all (or None), and its safe positions in the order the exercise lists them."""
    unsafe, safe, _ = full_verdict(exercise, profile)
    return unsafe, safe


def full_verdict(
    exercise: Exercise, profile: FunctionalProfile
) -> tuple[Exclusion | None, tuple[Position, ...], tuple[Violation, ...]]:
    """`verdict`, and the rule broken in each of the exercise's unsafe positions (in the
    order the exercise lists them; empty when the exercise is left out), which a routine
    item names as why its other positions are not used."""
    found = exercise_violation(exercise, profile)
    if found is not None:
        return Exclusion(exercise.id, found.rule, found.reason), (), ()
    violations = [position_violation(exercise, p, profile) for p in exercise.positions]
    safe = tuple(p for p, v in zip(exercise.positions, violations, strict=True) if v is None)
    if safe:
        return None, safe, tuple(v for v in violations if v is not None)
    first = min((v for v in violations if v is not None), key=lambda v: ORDER.index(v.rule))
    text = _NO_POSITION[first.rule]
    if first.rule == SAFE_STANDING_01 and profile.standing is Standing.WITH_SUPPORT:
        text = texts.STANDING_NO_SUPPORTED_POSITION
    return Exclusion(exercise.id, first.rule, Message(text)), (), ()


# SAFE-EMPTY-01: what the person reads when nothing is safe to offer.
EMPTY_MESSAGE = Message(texts.EMPTY)
EMPTY_NO_HELPER_MESSAGE = Message(texts.EMPTY_NO_HELPER)
