"""The functional profile: what the person can do today, as the routine engine reads it.

The same model validates `alsmove plan` input, the API and the profile form, so the three
can never disagree about a field name or an allowed value.

Fields added for position safety (issue 8) may be left unanswered (None). The engine then
reads them from what else is known, cautiously (`head_control()`, `trunk_control()`,
`grip()`, `foot_drop()`, `breathless_lying_flat()` below): a neck graded below 3/5 is a
neck that needs support, poor sitting balance is poor trunk control, and so on.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from alsmove.core.library import MuscleGroup, Stage

ANTIGRAVITY = 3  # a muscle that moves against gravity (manual muscle test 3/5)


class Standing(StrEnum):
    INDEPENDENT = "independent"
    WITH_SUPPORT = "with_support"
    UNSAFE = "unsafe"


class Walking(StrEnum):
    INDEPENDENT = "independent"
    WITH_AID = "with_aid"
    UNABLE = "unable"


class SittingBalance(StrEnum):
    GOOD = "good"
    NEEDS_SUPPORT = "needs_support"
    POOR = "poor"


class HeadControl(StrEnum):
    GOOD = "good"  # holds the head up all day
    TIRES = "tires"  # the head gets heavy and needs resting at times
    NEEDS_SUPPORT = "needs_support"  # the head drops unless supported (collar, headrest)


class TrunkControl(StrEnum):
    GOOD = "good"  # can lean and turn while sitting without losing balance
    REDUCED = "reduced"  # sits upright, but leaning or turning is unsteady
    POOR = "poor"  # slumps or tips sideways without support


class Grip(StrEnum):
    GOOD = "good"
    WEAK = "weak"  # cannot hold a band or a towel firmly
    NONE = "none"


class Side(StrEnum):
    NONE = "none"
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    def sides(self) -> frozenset[str]:
        return _SIDES[self]


_SIDES: dict[Side, frozenset[str]] = {
    Side.NONE: frozenset(),
    Side.LEFT: frozenset({"left"}),
    Side.RIGHT: frozenset({"right"}),
    Side.BOTH: frozenset({"left", "right"}),
}


class Amount(StrEnum):
    NONE = "none"
    SOME = "some"  # now and then, mild
    MUCH = "much"  # often or strong


class Base(StrEnum):
    """Where the person spends most of the day (where a session starts without a move)."""

    UP = "up"  # up and about
    CHAIR = "chair"
    WHEELCHAIR = "wheelchair"
    BED = "bed"


# A painful joint is named by its side and joint ("left_shoulder") or, for the midline,
# by the joint alone ("neck", "spine").
JOINT_NAME = re.compile(
    r"^((left|right)_(shoulder|elbow|wrist|fingers|hip|knee|ankle|toes)|neck|spine|ribs)$"
)

Grade = Annotated[int, Field(ge=0, le=5)]


class FunctionalProfile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    standing: Standing
    walking: Walking
    sitting_balance: SittingBalance
    floor_transfer: bool  # can get down to a mat and back up safely
    can_lie_down: bool  # can lie on a bed and be helped up
    caregiver_available: bool
    # Days (0 = Monday) a helper is there; empty means every day when one is available.
    caregiver_days: tuple[Annotated[int, Field(ge=0, le=6)], ...] = ()
    painful_joints: tuple[str, ...] = ()
    approved_painful_joints: tuple[str, ...] = ()  # the therapist cleared these for exercise
    strength: dict[MuscleGroup, Grade] = Field(default_factory=dict)
    shoulder_subluxation: bool = False
    breathless_at_rest: bool = False
    uses_niv: bool = False
    minutes: Annotated[int, Field(ge=0, le=180)] = 20
    stage: Stage | None = None
    alsfrs: dict[str, Annotated[int, Field(ge=0, le=4)]] | None = None
    # --- position safety (None: not answered; read cautiously from the rest) -----------
    lies_flat_comfortably: bool | None = None  # can lie flat without getting breathless
    niv_daytime: bool = False  # wears the breathing machine during the day too
    head_control: HeadControl | None = None
    trunk_control: TrunkControl | None = None
    seat_lateral_supports: bool = False  # the seat has side supports for the trunk
    seat_tilt: bool = False  # the wheelchair tilts back in space
    arm_hangs: Side = Side.NONE  # an arm hangs (pulls on the shoulder) unless supported
    grip: Grip | None = None
    foot_drop: Side | None = None
    afo_worn: bool = False  # wears an ankle-foot orthosis for standing and walking
    falls_last_3_months: Annotated[int, Field(ge=0, le=99)] = 0
    typical_fatigue: Annotated[int, Field(ge=0, le=10)] | None = None
    cramps: Amount = Amount.NONE
    spasticity: Amount = Amount.NONE
    base: Base | None = None  # where the day is spent; None: read from walking
    # --- the therapist's only ----------------------------------------------------------
    standing_cleared: bool = False  # standing work cleared again after falls
    breath_stacking: bool = False  # taught and turned on by the therapist
    assisted_cough: bool = False  # taught and turned on by the therapist

    @field_validator("painful_joints", "approved_painful_joints")
    @classmethod
    def _known_joints(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not JOINT_NAME.match(name):
                raise ValueError(f"unknown joint {name!r}; use e.g. 'left_shoulder' or 'neck'")
        return value

    # --- what the engine reads --------------------------------------------------------

    def grade(self, group: MuscleGroup) -> int | None:
        return self.strength.get(group)

    def helper_on(self, day: int | None) -> bool:
        """A helper is there on `day` (0 = Monday; None: any day a helper comes)."""
        if not self.caregiver_available:
            return False
        if day is None or not self.caregiver_days:
            return True
        return day % 7 in self.caregiver_days

    def on_day(self, day: int) -> FunctionalProfile:
        """The profile as it is on `day`: a helper only on the helper's days."""
        helper = self.helper_on(day)
        if helper == self.caregiver_available and not self.caregiver_days:
            return self
        return self.model_copy(update={"caregiver_available": helper, "caregiver_days": ()})

    def breathless_lying_flat(self) -> bool:
        """Lying flat makes breathing harder: said so, or ALSFRS-R item 11 (orthopnoea)
        is 2 or less, or item 10 (breathlessness) is 1 or less."""
        items = self.alsfrs or {}
        return (
            self.lies_flat_comfortably is False
            or items.get("11", 4) <= 2
            or items.get("10", 4) <= 1
            or (self.lies_flat_comfortably is None and self.breathless_at_rest)
        )

    def on_niv(self) -> bool:
        return self.uses_niv or self.niv_daytime

    def head(self) -> HeadControl:
        if self.head_control is not None:
            return self.head_control
        neck = self.grade(MuscleGroup.NECK)
        if neck is not None and neck < ANTIGRAVITY:
            return HeadControl.NEEDS_SUPPORT
        return HeadControl.GOOD

    def trunk(self) -> TrunkControl:
        if self.trunk_control is not None:
            return self.trunk_control
        trunk = self.grade(MuscleGroup.TRUNK)
        if self.sitting_balance is SittingBalance.POOR or (trunk is not None and trunk < 2):
            return TrunkControl.POOR
        if self.sitting_balance is SittingBalance.NEEDS_SUPPORT or (
            trunk is not None and trunk < ANTIGRAVITY
        ):
            return TrunkControl.REDUCED
        return TrunkControl.GOOD

    def hand_grip(self) -> Grip:
        if self.grip is not None:
            return self.grip
        hand = self.grade(MuscleGroup.WRIST_HAND)
        if hand is not None and hand < ANTIGRAVITY:
            return Grip.WEAK
        return Grip.GOOD

    def dropped_feet(self) -> Side:
        if self.foot_drop is not None:
            return self.foot_drop
        lift = self.grade(MuscleGroup.ANKLE_DORSIFLEXORS)
        if lift is not None and lift < ANTIGRAVITY:
            return Side.BOTH  # the side is not known: both, to be safe
        return Side.NONE

    def hanging_arms(self) -> frozenset[str]:
        sides = set(self.arm_hangs.sides())
        if self.shoulder_subluxation and not sides:
            sides = {"left", "right"}  # the side is not known: both, to be safe
        return frozenset(sides)

    def high_fatigue(self) -> bool:
        return self.typical_fatigue is not None and self.typical_fatigue >= 7

    def recent_falls(self) -> bool:
        return self.falls_last_3_months > 0 and not self.standing_cleared

    def day_base(self) -> Base:
        if self.base is not None:
            return self.base
        if self.walking is Walking.UNABLE:
            return Base.WHEELCHAIR if self.sitting_balance is not SittingBalance.POOR else Base.BED
        return Base.UP

    def stands_alone(self) -> bool:
        """Can get up and change position without a helper's hands."""
        return self.standing is not Standing.UNSAFE and self.walking is not Walking.UNABLE
