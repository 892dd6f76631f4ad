"""The exercise schema: what every exercise in the library must say about itself.

Pure data definitions shared by the library loader, the routine engine and the API. The
vocabularies here are closed on purpose: a rule can only be checked against a field whose
values are known, so a typo in a YAML file fails validation instead of slipping past a
safety rule.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Kind(StrEnum):
    STRETCH = "stretch"
    ACTIVE = "active"
    ACTIVE_ASSISTED = "active_assisted"
    PASSIVE = "passive"
    STRENGTHENING = "strengthening"
    BREATHING = "breathing"
    POSTURE = "posture"
    AEROBIC = "aerobic"
    RELAXATION = "relaxation"


class Position(StrEnum):
    STANDING = "standing"
    SEATED = "seated"
    LYING = "lying"  # on a mat or the floor: needs getting down and up
    IN_WHEELCHAIR = "in_wheelchair"
    IN_BED = "in_bed"


class Performer(StrEnum):
    SELF = "self"  # the person does it alone
    ASSISTED = "assisted"  # the person moves, a helper supports part of the movement
    CAREGIVER = "caregiver"  # the helper moves the limb; the person relaxes


class Requirement(StrEnum):
    STANDING_BALANCE = "standing_balance"
    FLOOR_TRANSFER = "floor_transfer"
    CAREGIVER = "caregiver"
    GRIP = "grip"
    WALL = "wall"
    CHAIR = "chair"
    BED = "bed"


class BodyRegion(StrEnum):
    NECK = "neck"
    SHOULDERS = "shoulders"
    ARMS = "arms"
    WRISTS_HANDS = "wrists_hands"
    CHEST = "chest"
    UPPER_BACK = "upper_back"
    SPINE = "spine"
    HIPS = "hips"
    LEGS = "legs"
    ANKLES_FEET = "ankles_feet"
    WHOLE_BODY = "whole_body"


class Joint(StrEnum):
    NECK = "neck"
    SHOULDER = "shoulder"
    ELBOW = "elbow"
    WRIST = "wrist"
    FINGERS = "fingers"
    SPINE = "spine"
    RIBS = "ribs"
    HIP = "hip"
    KNEE = "knee"
    ANKLE = "ankle"
    TOES = "toes"


class MuscleGroup(StrEnum):
    """Groups a therapist grades with a manual muscle test (0-5)."""

    NECK = "neck"
    SHOULDER = "shoulder"
    ELBOW_FLEXORS = "elbow_flexors"
    ELBOW_EXTENSORS = "elbow_extensors"
    WRIST_HAND = "wrist_hand"
    TRUNK = "trunk"
    HIP_FLEXORS = "hip_flexors"
    HIP_EXTENSORS = "hip_extensors"
    HIP_ABDUCTORS = "hip_abductors"
    KNEE_EXTENSORS = "knee_extensors"
    KNEE_FLEXORS = "knee_flexors"
    ANKLE_DORSIFLEXORS = "ankle_dorsiflexors"
    ANKLE_PLANTARFLEXORS = "ankle_plantarflexors"


class Stage(StrEnum):
    """The stretching guide's three broad stages (early ~ Sinaki-Mulder I-II, mid III-IV,
    advanced V-VI)."""

    EARLY = "early"
    MID = "mid"
    ADVANCED = "advanced"


class Sides(StrEnum):
    BOTH = "both"  # done on the left, then the right
    NONE = "none"


class Phase(StrEnum):
    WARM_UP = "warm_up"
    MAIN = "main"
    COOL_DOWN = "cool_down"


class Resistance(StrEnum):
    NONE = "none"
    BODY_WEIGHT = "body_weight"
    LIGHT = "light"
    HIGH = "high"  # never offered (Paganoni 2015); exists so therapist entries can be refused


class TrunkDemand(StrEnum):
    """What an exercise asks of the trunk while sitting or standing (SAFE-TRUNK-01)."""

    NONE = "none"  # the trunk rests against a support, or is moved by a helper
    UPRIGHT = "upright"  # sit or stand tall, away from the backrest
    LEAN = "lean"  # lean back or forward
    TWIST = "twist"
    SIDE_BEND = "side_bend"
    REACH = "reach"  # reach forward or out, away from the body


class NeckLoad(StrEnum):
    """What an exercise asks of the neck muscles (SAFE-NECK-01)."""

    NONE = "none"
    SUPPORTED = "supported"  # the head rests on a pillow, headrest or the helper's hands
    UNSUPPORTED = "unsupported"  # the person holds the head up while it moves
    FLEXION_HOLD = "flexion_hold"  # the head hangs forward or sideways and is held there


class Contracture(StrEnum):
    """Groups that shorten easily in ALS and are stretched or moved every day (CLINICAL §4b)."""

    CALF = "calf"
    HAMSTRINGS = "hamstrings"
    HIP_FLEXORS = "hip_flexors"
    WRIST_FINGER_FLEXORS = "wrist_finger_flexors"
    SHOULDER = "shoulder"


class OfferedWhen(StrEnum):
    """An exercise offered only when the profile says so (SAFE-SWITCH-01)."""

    AFO_WORN = "afo_worn"
    SEAT_TILT = "seat_tilt"  # the wheelchair tilts back in space
    BREATH_STACKING = "breath_stacking"  # the therapist has taught it and turned it on
    ASSISTED_COUGH = "assisted_cough"  # the therapist has taught it and turned it on


# What taking a position needs; the engine checks these for the position it chooses.
POSITION_NEEDS: dict[Position, Requirement] = {
    Position.STANDING: Requirement.STANDING_BALANCE,
    Position.LYING: Requirement.FLOOR_TRANSFER,
    Position.IN_BED: Requirement.BED,
}


class HoldRange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    min: Annotated[int, Field(ge=1, le=120)]
    max: Annotated[int, Field(ge=1, le=120)]

    @model_validator(mode="after")
    def _ordered(self) -> HoldRange:
        if self.min > self.max:
            raise ValueError("hold_seconds.min must not exceed hold_seconds.max")
        return self


NonEmptyText = Annotated[str, Field(min_length=3)]
ExerciseId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{2,60}$")]


class Exercise(BaseModel):
    """One exercise, as written in `alsmove/exercises/content/*.yaml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ExerciseId
    name: NonEmptyText
    summary: NonEmptyText
    kind: Kind
    body_region: BodyRegion
    joints: tuple[Joint, ...] = ()
    targets: tuple[str, ...] = ()  # plain names of the muscles or areas, for people
    muscle_groups: tuple[MuscleGroup, ...] = ()  # for the strength rule
    positions: Annotated[tuple[Position, ...], Field(min_length=1)]
    performer: Performer
    requires: tuple[Requirement, ...] = ()
    equipment: tuple[str, ...] = ()
    steps: Annotated[tuple[NonEmptyText, ...], Field(min_length=2)]
    hold_seconds: HoldRange | None = None
    reps: Annotated[int, Field(ge=1, le=30)]
    sides: Sides
    resistance: Resistance = Resistance.NONE
    eccentric: bool = False
    phases: Annotated[tuple[Phase, ...], Field(min_length=1)] = (Phase.MAIN,)
    # The whole exercise as prescribed: every repetition, both sides, short rests.
    minutes: Annotated[float, Field(gt=0, le=30)]
    cautions: Annotated[tuple[NonEmptyText, ...], Field(min_length=1)]
    hand_placement: str | None = None  # for a helper: where the hands go
    limits: str | None = None  # for a helper: where to stop
    stages: Annotated[tuple[Stage, ...], Field(min_length=1)]
    sources: Annotated[tuple[str, ...], Field(min_length=1)]
    # Position safety (issue 8); the YAML content declares each of them for every entry.
    trunk: TrunkDemand = TrunkDemand.NONE
    neck: NeckLoad = NeckLoad.NONE
    arm_supported: bool = False  # the arm rests on a support (table, pillow, trough) throughout
    single_leg: bool = False  # stands on one leg
    flat: bool = False  # lies flat, on the back or the front, even in bed (SAFE-FLAT-01)
    contracture: tuple[Contracture, ...] = ()  # the shortening-prone groups it keeps long
    offered_when: OfferedWhen | None = None
    # Steps for one position when they differ from `steps` (which fit every position).
    position_steps: dict[Position, Annotated[tuple[NonEmptyText, ...], Field(min_length=2)]] = (
        Field(default_factory=dict)
    )

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if self.kind is Kind.STRETCH and self.hold_seconds is None:
            raise ValueError("a stretch needs hold_seconds")
        if self.performer is not Performer.SELF and Requirement.CAREGIVER not in self.requires:
            raise ValueError("an assisted or caregiver exercise must require a caregiver")
        if self.performer is Performer.CAREGIVER and not (self.hand_placement and self.limits):
            raise ValueError("a caregiver exercise needs hand_placement and limits")
        # `requires` lists what every position needs; what one position needs (balance to
        # stand, getting down to a mat) the engine checks for the position it picks.
        for position, need in POSITION_NEEDS.items():
            only_here = set(self.positions) == {position}
            if only_here and need not in self.requires:
                raise ValueError(f"a {position} only exercise must require {need}")
            if not only_here and need in self.requires:
                raise ValueError(
                    f"{need} is required only when {position} is the sole position; "
                    "the engine checks it for the position it picks"
                )
        if set(self.position_steps) - set(self.positions):
            raise ValueError("position_steps names a position the exercise is not done in")
        if self.kind is Kind.AEROBIC and self.minutes > 10:
            raise ValueError("an aerobic bout lasts at most 10 minutes (split it into bouts)")
        if self.is_strengthening and not self.muscle_groups:
            raise ValueError(
                "a strengthening exercise (or one with resistance) must name its muscle_groups"
            )
        return self

    def steps_for(self, position: Position) -> tuple[str, ...]:
        """The steps for the position used (its own, when the exercise has them)."""
        return self.position_steps.get(position, self.steps)

    @property  # not cached: model_copy(update=...) would carry a stale answer over
    def is_strengthening(self) -> bool:
        # Working against body weight is strengthening too, whatever the kind says, so
        # the 3/5 rule and easing apply to it (a wall push-up filed under posture, say).
        return self.kind is Kind.STRENGTHENING or self.resistance is not Resistance.NONE


SOURCES: dict[str, str] = {
    "stretching-guide": "Seed document: a stretching guide for people with ALS (hold 15-30 s, "
    "daily, both sides, warm up, breathe, never force, stop on pain).",
    "als-association-pt": "Seed document: an ALS association article on physical therapy "
    "(stage-based exercise, equipment, caregivers).",
    "massage-thread": "Seed document: a forum thread on massage therapy in ALS.",
    "paganoni-2015": "Paganoni S. et al., Exercise in ALS, NeuroRehabilitation 2015 (PMC5223769).",
    "acsm-2010": "American College of Sports Medicine recommendations for neuromuscular "
    "disease (2010).",
    "mda-guidance": "Muscular Dystrophy Association guidance on range of motion and stretching.",
    "dal-bello-haas-1998": "Dal Bello-Haas V. et al., Physical therapy for a patient through "
    "six stages of ALS, Phys Ther 1998.",
    "sinaki-mulder-1978": "Sinaki M., Mulder D.W., Rehabilitation techniques for patients "
    "with ALS, Mayo Clin Proc 1978.",
    "kisner-colby": "Kisner C., Colby L.A., Therapeutic Exercise: who performs a movement "
    "follows the muscle grade (3/5 active, 2/5 active-assisted, 0-1/5 passive).",
    "pt-conventions": "Neuromuscular physical therapy conventions (CLINICAL.md 4b): lying "
    "flat and NIV, head drop and collars, trunk control and seating, the hanging arm, "
    "contracture-prone groups, falls.",
    "convention": "Product convention: a choice made by us where the sources give none.",
}
