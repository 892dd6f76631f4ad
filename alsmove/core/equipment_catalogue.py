"""The equipment catalogue's schema: what every item in `alsmove/equipment/content/*.yaml`
must say about itself (what it is for, the signs that suggest it, how long it takes to
get, the paperwork, who provides it, alternatives, choices to get right, sources).

Pure data definitions, closed like the exercise and resource schemas: a sign on an
ALSFRS-R item or a profile field that is not listed here fails validation, so the planner
(`alsmove.core.equipment`) can never read a sign it does not understand.

The thresholds are ours (CLINICAL.md §5: "heuristics unless sourced"): an item whose signs
are a heuristic says so (`heuristic: true`), and the pages and the command line say it too.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from alsmove.core.library import SOURCES as LIBRARY_SOURCES
from alsmove.core.profile import (
    Base,
    FunctionalProfile,
    Grip,
    HeadControl,
    SittingBalance,
    Standing,
    TrunkControl,
    Walking,
)


class Group(StrEnum):
    WALKING = "walking"  # orthoses and walking aids
    WHEELED = "wheeled"  # chairs and what goes on them
    TRANSFERS = "transfers"
    BED = "bed"
    BATHROOM = "bathroom"
    ARMS_HANDS = "arms_hands"
    NECK = "neck"
    DAILY_LIVING = "daily_living"
    COMMUNICATION = "communication"
    HOME = "home"  # a change to the home or the car (has a home area)


class HomeArea(StrEnum):
    ENTRANCE = "entrance"
    STAIRS = "stairs"
    BATHROOM = "bathroom"
    BEDROOM = "bedroom"
    KITCHEN = "kitchen"
    CAR = "car"


class Paperwork(StrEnum):
    NONE = "none"  # bought or borrowed without forms
    PRESCRIPTION = "prescription"
    THERAPIST_EVALUATION = "therapist_evaluation"
    MEDICAL_NECESSITY = "medical_necessity"  # a letter of medical necessity
    FUNDING_APPROVAL = "funding_approval"  # insurance or another payer agrees first
    HOME_ASSESSMENT = "home_assessment"  # someone measures the home
    PERMITS = "permits"  # building or landlord permission


class Provider(StrEnum):
    ORTHOTIST = "orthotist"
    THERAPIST = "therapist"  # physical or occupational therapist
    SPEECH_THERAPIST = "speech_therapist"
    MEDICAL_SUPPLIER = "medical_supplier"  # durable medical equipment supplier
    COMPLEX_REHAB_SUPPLIER = "complex_rehab_supplier"
    SHOP = "shop"  # a pharmacy or shop, no prescription needed
    LOAN_CLOSET = "loan_closet"
    CONTRACTOR = "contractor"
    VEHICLE_ADAPTER = "vehicle_adapter"


class ProfileField(StrEnum):
    """Functional profile answers a sign may read (through the profile's cautious readers)."""

    WALKING = "walking"
    STANDING = "standing"
    SITTING_BALANCE = "sitting_balance"
    HEAD_CONTROL = "head_control"
    TRUNK_CONTROL = "trunk_control"
    GRIP = "grip"
    FOOT_DROP = "foot_drop"  # values: "yes"
    ARM_HANGS = "arm_hangs"  # values: "yes"
    FALLS = "falls"  # values: "yes" (a fall in the last three months)
    BASE = "base"  # where the day is spent


_PROFILE_VALUES: dict[ProfileField, frozenset[str]] = {
    ProfileField.WALKING: frozenset(v.value for v in Walking),
    ProfileField.STANDING: frozenset(v.value for v in Standing),
    ProfileField.SITTING_BALANCE: frozenset(v.value for v in SittingBalance),
    ProfileField.HEAD_CONTROL: frozenset(v.value for v in HeadControl),
    ProfileField.TRUNK_CONTROL: frozenset(v.value for v in TrunkControl),
    ProfileField.GRIP: frozenset(v.value for v in Grip),
    ProfileField.FOOT_DROP: frozenset({"yes"}),
    ProfileField.ARM_HANGS: frozenset({"yes"}),
    ProfileField.FALLS: frozenset({"yes"}),
    ProfileField.BASE: frozenset(v.value for v in Base),
}


def profile_value(profile: FunctionalProfile, name: ProfileField) -> str:
    """What the profile says for `name`, read as cautiously as the routine engine reads it
    (an unanswered head control is read from the neck's grade, and so on)."""
    if name is ProfileField.WALKING:
        return profile.walking.value
    if name is ProfileField.STANDING:
        return profile.standing.value
    if name is ProfileField.SITTING_BALANCE:
        return profile.sitting_balance.value
    if name is ProfileField.HEAD_CONTROL:
        return profile.head().value
    if name is ProfileField.TRUNK_CONTROL:
        return profile.trunk().value
    if name is ProfileField.GRIP:
        return profile.hand_grip().value
    if name is ProfileField.FOOT_DROP:
        return "yes" if profile.dropped_feet().sides() else "no"
    if name is ProfileField.ARM_HANGS:
        return "yes" if profile.hanging_arms() else "no"
    if name is ProfileField.FALLS:
        return "yes" if profile.falls_last_3_months > 0 else "no"
    return profile.day_base().value


SOURCES: dict[str, str] = {
    **LIBRARY_SOURCES,
    "clinical-equipment": "Equipment heuristics collected in CLINICAL.md section 5: which "
    "functional signs usually bring which equipment, and the order they come in.",
    "mda-power-chair": "Muscular Dystrophy Association guidance: a power wheelchair takes "
    "about three months from order to use; order early.",
    "complex-rehab-timeline": "Complex rehabilitation wheelchair timeline: 11-25 weeks "
    "(evaluation about 1, documentation 2-4, funding 2-8, build 2-8 weeks).",
    "medicare-wheelchair-5y": "US Medicare pays for one wheelchair in five years, so the "
    "first prescription has to fit the years ahead.",
    "loan-closets": "ALS and MDA associations run loan closets that lend equipment while a "
    "payer decides.",
}

NonEmptyText = Annotated[str, Field(min_length=3)]
ItemId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{2,60}$")]
SourceKey = Annotated[str, Field(pattern=r"^[a-z0-9-]{3,40}$")]


class ItemSign(BaseModel):
    """An ALSFRS-R item (scale position 1-12; 5 is 5a or 5b) at or below a score."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    item: Annotated[int, Field(ge=1, le=12)]
    at_or_below: Annotated[int, Field(ge=0, le=3)]  # 4 is normal: never a sign


class ProfileSign(BaseModel):
    """A functional profile answer that suggests the item at once."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    field: ProfileField
    values: Annotated[tuple[str, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _known_values(self) -> ProfileSign:
        unknown = sorted(set(self.values) - _PROFILE_VALUES[self.field])
        if unknown:
            allowed = ", ".join(sorted(_PROFILE_VALUES[self.field]))
            raise ValueError(f"{self.field.value}: unknown values {unknown}; use {allowed}")
        return self


class LeadTime(BaseModel):
    """Weeks from deciding to having it in use, as a range."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    min: Annotated[int, Field(ge=0, le=104)]
    max: Annotated[int, Field(ge=0, le=104)]

    @model_validator(mode="after")
    def _ordered(self) -> LeadTime:
        if self.max < self.min:
            raise ValueError("lead time: max is shorter than min")
        return self


class CatalogueItem(BaseModel):
    """One piece of equipment or one change to the home."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ItemId
    name: NonEmptyText
    group: Group
    home_area: HomeArea | None = None
    what_for: NonEmptyText
    signs: tuple[ItemSign, ...] = ()
    profile_signs: tuple[ProfileSign, ...] = ()
    sign_text: NonEmptyText  # the signs in plain words
    # EQUIP-OUTGROWN-01: past these signs the item no longer fits (a cane once walking is
    # gone); the planner stops suggesting it and says why in `outgrown_text`.
    outgrown: tuple[ItemSign, ...] = ()
    outgrown_profile: tuple[ProfileSign, ...] = ()
    outgrown_text: NonEmptyText | None = None
    heuristic: bool  # the signs and thresholds are our reading, not a published cut-off
    lead_time_weeks: LeadTime
    lead_time_note: NonEmptyText
    paperwork: Annotated[tuple[Paperwork, ...], Field(min_length=1)]
    providers: Annotated[tuple[Provider, ...], Field(min_length=1)]
    alternatives: tuple[NonEmptyText, ...] = ()
    choices: tuple[NonEmptyText, ...] = ()  # what to get right at the start
    pointer: NonEmptyText | None = None  # assessed by someone else; the product points there
    sources: Annotated[tuple[SourceKey, ...], Field(min_length=1)]
    keywords: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _content_rules(self) -> CatalogueItem:
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise ValueError(f"unknown source keys: {', '.join(unknown)}")
        if not self.signs and not self.profile_signs:
            raise ValueError("an item needs at least one sign (ALSFRS-R item or profile)")
        if (self.group is Group.HOME) != (self.home_area is not None):
            raise ValueError("home changes (group home) and only they have a home_area")
        if bool(self.outgrown or self.outgrown_profile) != (self.outgrown_text is not None):
            raise ValueError("outgrown signs and outgrown_text go together")
        if Paperwork.NONE in self.paperwork and len(self.paperwork) > 1:
            raise ValueError("paperwork 'none' cannot be listed with other paperwork")
        return self

    def texts(self) -> tuple[str, ...]:
        """Every sentence people read (for the content tests)."""
        parts = [self.name, self.what_for, self.sign_text, self.lead_time_note]
        parts += [*self.alternatives, *self.choices]
        if self.pointer:
            parts.append(self.pointer)
        if self.outgrown_text:
            parts.append(self.outgrown_text)
        return tuple(parts)
