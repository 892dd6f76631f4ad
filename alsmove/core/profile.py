"""The functional profile: what the person can do today, as the routine engine reads it.

The same model validates `alsmove plan` input, the API and the profile form, so the three
can never disagree about a field name or an allowed value.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from alsmove.core.library import MuscleGroup, Stage


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


# A painful joint is named by its side and joint ("left_shoulder") or, for the midline,
# by the joint alone ("neck", "spine").
JOINT_NAME = re.compile(
    r"^((left|right)_(shoulder|elbow|wrist|fingers|hip|knee|ankle|toes)|neck|spine|ribs)$"
)


class FunctionalProfile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    standing: Standing
    walking: Walking
    sitting_balance: SittingBalance
    floor_transfer: bool  # can get down to a mat and back up safely
    can_lie_down: bool  # can lie on a bed and be helped up
    caregiver_available: bool
    painful_joints: tuple[str, ...] = ()
    approved_painful_joints: tuple[str, ...] = ()  # the therapist cleared these for exercise
    strength: dict[MuscleGroup, Annotated[int, Field(ge=0, le=5)]] = Field(default_factory=dict)
    shoulder_subluxation: bool = False
    breathless_at_rest: bool = False
    uses_niv: bool = False
    minutes: Annotated[int, Field(ge=0, le=180)] = 20
    stage: Stage | None = None
    alsfrs: dict[str, Annotated[int, Field(ge=0, le=4)]] | None = None

    @field_validator("painful_joints", "approved_painful_joints")
    @classmethod
    def _known_joints(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not JOINT_NAME.match(name):
                raise ValueError(f"unknown joint {name!r}; use e.g. 'left_shoulder' or 'neck'")
        return value
