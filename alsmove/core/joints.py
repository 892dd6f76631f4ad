"""Which joints an exercise moves, as the safety rules read them."""

from __future__ import annotations

from alsmove.core.library import BodyRegion, Exercise, Joint, Kind

LIMB_JOINTS = frozenset(
    {
        Joint.SHOULDER,
        Joint.ELBOW,
        Joint.WRIST,
        Joint.FINGERS,
        Joint.HIP,
        Joint.KNEE,
        Joint.ANKLE,
        Joint.TOES,
    }
)

# When an entry names no joints, the joints its body region usually moves (cautious).
REGION_JOINTS: dict[BodyRegion, tuple[Joint, ...]] = {
    BodyRegion.NECK: (Joint.NECK,),
    BodyRegion.SHOULDERS: (Joint.SHOULDER,),
    BodyRegion.ARMS: (Joint.SHOULDER, Joint.ELBOW, Joint.WRIST),
    BodyRegion.WRISTS_HANDS: (Joint.WRIST, Joint.FINGERS),
    BodyRegion.CHEST: (Joint.SHOULDER, Joint.RIBS),
    BodyRegion.UPPER_BACK: (Joint.SHOULDER, Joint.SPINE),
    BodyRegion.SPINE: (Joint.SPINE,),
    BodyRegion.HIPS: (Joint.HIP,),
    BodyRegion.LEGS: (Joint.HIP, Joint.KNEE, Joint.ANKLE),
    BodyRegion.ANKLES_FEET: (Joint.ANKLE, Joint.TOES),
    BodyRegion.WHOLE_BODY: tuple(Joint),
}

_STILL_KINDS = frozenset({Kind.BREATHING, Kind.RELAXATION})


def moved_joints(exercise: Exercise) -> tuple[Joint, ...]:
    """The joints an exercise moves; an entry that names none is read from its region."""
    if exercise.joints:
        return exercise.joints
    if exercise.kind in _STILL_KINDS:
        return ()
    return REGION_JOINTS[exercise.body_region]


def touched_joints(exercise: Exercise) -> tuple[str, ...]:
    """Joint names as a profile writes them ("left_shoulder", "neck"), sorted.

    A limb joint counts on both sides whatever `sides` says: "both" moves each side in
    turn, and "none" does not say which side it loads, so both are assumed.
    """
    names: set[str] = set()
    for joint in moved_joints(exercise):
        if joint in LIMB_JOINTS:
            names.update((f"left_{joint.value}", f"right_{joint.value}"))
        else:
            names.add(joint.value)
    return tuple(sorted(names))


def limb_side(name: str) -> str | None:
    """ "left" or "right" for a limb joint name ("left_shoulder"), None for the midline."""
    side = name.split("_", 1)[0]
    return side if side in ("left", "right") else None
