"""The caregiver skill schema: what a therapist teaches a helper (transfers, turning in
bed, an assisted cough, passive movement, putting on a brace), as written in
`alsmove/caregiving/content/*.yaml`.

Pure data definitions, closed like the exercise and resource schemas. The safety content
is part of the schema, so no skill can be loaded without it: every skill says what to
stop for, when it is not safe for one helper alone, and (for anything that moves or
bears the person's weight) when a lift is needed instead; every skill has sources; a
step holds one idea, short enough to read on one screen.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from alsmove.core.library import SOURCES as LIBRARY_SOURCES
from alsmove.core.library import Stage
from alsmove.core.resources import promises_slowing

# The longest step a screen shows in the largest text, like an exercise step.
STEP_MAX_CHARS = 160


class SkillKind(StrEnum):
    TRANSFER = "transfer"  # moving the person from one seat or surface to another
    POSITIONING = "positioning"  # turning and settling in bed, pressure relief
    HELPER_SAFETY = "helper_safety"  # the helper's own back and body mechanics
    BREATHING = "breathing"  # helping with a cough
    RANGE_OF_MOTION = "range_of_motion"  # passive movement of the person's joints
    ORTHOSIS = "orthosis"  # putting on a brace or splint


# Kinds that move or take the person's weight: each must say when a lift is needed.
MOVES_THE_PERSON = frozenset({SkillKind.TRANSFER, SkillKind.POSITIONING, SkillKind.HELPER_SAFETY})

SOURCES: dict[str, str] = {
    **LIBRARY_SOURCES,
    "safe-handling": "Safe patient handling conventions taught to caregivers (heuristic): "
    "never lift the whole weight of an adult by hand; use a gait belt, a transfer board or "
    "a mechanical lift as the person's own help decreases.",
}

NonEmptyText = Annotated[str, Field(min_length=3)]
StepText = Annotated[str, Field(min_length=3, max_length=STEP_MAX_CHARS)]
SkillId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{2,60}$")]
SourceKey = Annotated[str, Field(pattern=r"^[a-z0-9-]{3,40}$")]
ExerciseId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{2,60}$")]

# A passive-movement skill must say, in a stop rule, never to go past resistance or pain.
# English, Spanish and German: the translated skills are held to the same stop rule.
_RESISTANCE = re.compile(r"\b(resist|widerstand)", re.IGNORECASE)
_PAIN = re.compile(r"\b(pain|hurts?|dolor|duele|schmerz\w*|tut\s+weh)\b", re.IGNORECASE)


class Skill(BaseModel):
    """One skill, taught by a therapist and then practised step by step."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: SkillId
    title: NonEmptyText
    summary: NonEmptyText  # one line: what it is for
    kind: SkillKind
    stages: Annotated[tuple[Stage, ...], Field(min_length=1)]
    prepare: Annotated[tuple[NonEmptyText, ...], Field(min_length=1)]  # before starting
    steps: Annotated[tuple[StepText, ...], Field(min_length=3)]  # one idea each
    stop_if: Annotated[tuple[NonEmptyText, ...], Field(min_length=1)]  # stop at once
    not_alone: Annotated[tuple[NonEmptyText, ...], Field(min_length=1)]  # get a second helper
    lift_needed: tuple[NonEmptyText, ...] = ()  # use a mechanical lift instead
    sources: Annotated[tuple[SourceKey, ...], Field(min_length=1)]
    exercises: tuple[ExerciseId, ...] = ()  # related entries of the exercise library
    last_reviewed: date

    @model_validator(mode="after")
    def _safety_rules(self) -> Skill:
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise ValueError(f"unknown source keys: {', '.join(unknown)}")
        if self.kind in MOVES_THE_PERSON and not self.lift_needed:
            raise ValueError("a skill that moves the person must say when a lift is needed")
        if self.kind is SkillKind.RANGE_OF_MOTION and not any(
            _RESISTANCE.search(rule) and _PAIN.search(rule) for rule in self.stop_if
        ):
            raise ValueError("passive movement must stop at resistance or pain (a stop rule)")
        for text in self.texts():
            if promises_slowing(text):
                raise ValueError(f"promises that something slows ALS: {text!r}")
        return self

    def texts(self) -> tuple[str, ...]:
        """Every sentence a helper reads, for the content rules."""
        return (
            self.title,
            self.summary,
            *self.prepare,
            *self.steps,
            *self.stop_if,
            *self.not_alone,
            *self.lift_needed,
        )


def unknown_exercises(skill: Skill, library_ids: frozenset[str]) -> tuple[str, ...]:
    """The related exercises a skill names that the library does not hold."""
    return tuple(e for e in skill.exercises if e not in library_ids)
