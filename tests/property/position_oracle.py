"""The position safety rules of issue 8, restated plainly from the brief (the "oracle").

Written apart from `alsmove.core.safety_position` on purpose: a bug there cannot hide
behind itself. `broken_position` lists every rule that doing `exercise` in `position`
breaks for profile `p`; `blocked_sides` the sides a two-sided exercise leaves out.
"""

from __future__ import annotations

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
    Sides,
    TrunkDemand,
)
from alsmove.core.profile import FunctionalProfile, SittingBalance, Standing

UPRIGHT = {Position.SEATED, Position.IN_WHEELCHAIR, Position.STANDING}
LIMBS = ("shoulder", "elbow", "wrist", "fingers", "hip", "knee", "ankle", "toes")


def breathless_flat(p: FunctionalProfile) -> bool:
    items = p.alsfrs or {}
    return (
        p.lies_flat_comfortably is False
        or items.get("11", 4) <= 2
        or items.get("10", 4) <= 1
        or (p.lies_flat_comfortably is None and p.breathless_at_rest)
        or p.uses_niv
        or p.niv_daytime
    )


def trunk_level(p: FunctionalProfile) -> str:
    if p.trunk_control is not None:
        return p.trunk_control.value
    trunk = p.strength.get(MuscleGroup.TRUNK)
    if p.sitting_balance is SittingBalance.POOR or (trunk is not None and trunk <= 1):
        return "poor"
    if p.sitting_balance is SittingBalance.NEEDS_SUPPORT or (trunk is not None and trunk == 2):
        return "reduced"
    return "good"


def weak_neck(p: FunctionalProfile) -> bool:
    if p.head_control is not None:
        return p.head_control.value != "good"
    return p.strength.get(MuscleGroup.NECK, 5) < 3


def dropping_foot(p: FunctionalProfile) -> bool:
    if p.foot_drop is not None:
        return p.foot_drop.value != "none"
    return p.strength.get(MuscleGroup.ANKLE_DORSIFLEXORS, 5) < 3


def weak_grip(p: FunctionalProfile) -> bool:
    if p.grip is not None:
        return p.grip.value != "good"
    return p.strength.get(MuscleGroup.WRIST_HAND, 5) < 3


def hanging(p: FunctionalProfile) -> set[str]:
    sides = {"left": {"left"}, "right": {"right"}, "both": {"left", "right"}}.get(
        p.arm_hangs.value, set()
    )
    if p.shoulder_subluxation and not sides:
        sides = {"left", "right"}
    return sides


def moved(exercise: Exercise) -> set[Joint]:
    from alsmove.core.safety import REGION_JOINTS

    if exercise.joints:
        return set(exercise.joints)
    if exercise.kind in (Kind.BREATHING, Kind.RELAXATION):
        return set()
    return set(REGION_JOINTS[exercise.body_region])


def arm_hangs_in_it(exercise: Exercise, p: FunctionalProfile) -> bool:
    loads = Joint.SHOULDER in moved(exercise) or exercise.body_region in (
        BodyRegion.SHOULDERS,
        BodyRegion.ARMS,
    )
    if not hanging(p) or not loads:
        return False
    if exercise.is_strengthening:
        return True
    return exercise.performer is Performer.SELF and not exercise.arm_supported


def painful_here(exercise: Exercise, p: FunctionalProfile) -> set[str]:
    names: set[str] = set()
    for joint in moved(exercise):
        if joint.value in LIMBS:
            names |= {f"left_{joint.value}", f"right_{joint.value}"}
        else:
            names.add(joint.value)
    return names & (set(p.painful_joints) - set(p.approved_painful_joints))


def blocked_sides(exercise: Exercise, p: FunctionalProfile) -> set[str] | None:
    """Sides left out; None when the midline is painful (nothing can be spared)."""
    painful = painful_here(exercise, p)
    if any(not name.startswith(("left_", "right_")) for name in painful):
        return None
    sides = {name.split("_", 1)[0] for name in painful}
    if arm_hangs_in_it(exercise, p):
        sides |= hanging(p)
    return sides


def broken_exercise(exercise: Exercise, p: FunctionalProfile) -> set[str]:
    out: set[str] = set()
    blocked = blocked_sides(exercise, p)
    painful = painful_here(exercise, p)
    two_sided = exercise.sides is Sides.BOTH
    if painful and (blocked is None or not two_sided or len(blocked) > 1):
        out.add("SAFE-PAIN-01")
    hang = hanging(p) if arm_hangs_in_it(exercise, p) else set()
    if hang and (not two_sided or len(hang) > 1):
        out.add("SAFE-ARM-01")
    if blocked is not None and len(blocked) > 1:
        out.add("SAFE-PAIN-02")
    if Requirement.GRIP in exercise.requires and weak_grip(p):
        out.add("SAFE-GRIP-01")
    if exercise.performer is not Performer.CAREGIVER:
        assisted = exercise.performer is Performer.ASSISTED or exercise.kind is Kind.ACTIVE_ASSISTED
        need = 2 if assisted else 3
        if any(p.strength.get(g, 5) < need for g in exercise.muscle_groups):
            out.add("SAFE-GRADE-01")
    wanted = exercise.offered_when
    if wanted is OfferedWhen.AFO_WORN and not p.afo_worn:
        out.add("SAFE-SWITCH-01")
    if wanted is OfferedWhen.SEAT_TILT and not p.seat_tilt:
        out.add("SAFE-SWITCH-01")
    if wanted is OfferedWhen.BREATH_STACKING and not p.breath_stacking:
        out.add("SAFE-SWITCH-01")
    if wanted is OfferedWhen.ASSISTED_COUGH and not p.assisted_cough:
        out.add("SAFE-SWITCH-01")
    return out


def broken_position(exercise: Exercise, position: Position, p: FunctionalProfile) -> set[str]:
    out: set[str] = set()
    if position is Position.LYING and breathless_flat(p):
        out.add("SAFE-FLAT-01")
    if position is Position.IN_BED and exercise.flat and breathless_flat(p):
        out.add("SAFE-FLAT-01")
    if position is Position.STANDING and p.falls_last_3_months > 0 and not p.standing_cleared:
        out.add("SAFE-FALLS-01")
    if (
        position is Position.STANDING
        and exercise.single_leg
        and (p.standing is not Standing.INDEPENDENT or dropping_foot(p))
    ):
        out.add("SAFE-STANDING-02")
    walking = position is Position.STANDING and exercise.kind is Kind.AEROBIC
    if walking and dropping_foot(p) and not p.afo_worn:
        out.add("SAFE-FOOT-01")
    if position in UPRIGHT and exercise.performer is Performer.SELF:
        level, demand = trunk_level(p), exercise.trunk
        moves = {TrunkDemand.TWIST, TrunkDemand.SIDE_BEND, TrunkDemand.REACH}
        risky = (level == "reduced" and demand in moves) or (
            level == "poor" and demand is not TrunkDemand.NONE
        )
        held = position is Position.IN_WHEELCHAIR and (
            (demand is TrunkDemand.UPRIGHT and (p.seat_lateral_supports or p.seat_tilt))
            or (demand is TrunkDemand.LEAN and p.seat_tilt)
            or (
                demand in (TrunkDemand.TWIST, TrunkDemand.SIDE_BEND)
                and level == "reduced"
                and p.seat_lateral_supports
            )
        )
        if risky and not held:
            out.add("SAFE-TRUNK-01")
    neck_loaded = exercise.neck is NeckLoad.FLEXION_HOLD or (
        exercise.neck is NeckLoad.UNSUPPORTED and position in UPRIGHT
    )
    if weak_neck(p) and exercise.performer is not Performer.CAREGIVER and neck_loaded:
        out.add("SAFE-NECK-01")
    return out
