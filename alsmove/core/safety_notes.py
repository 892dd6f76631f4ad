"""What a person should know when an exercise is offered: the safety rules' notes.

Split from `alsmove.core.safety` for length; the rules and their ids are there.
"""

from __future__ import annotations

from alsmove.core import safety_position as pos
from alsmove.core import safety_position_texts as pos_texts
from alsmove.core import safety_texts as texts
from alsmove.core.i18n import Message
from alsmove.core.library import Exercise, Kind, Position
from alsmove.core.profile import Amount, FunctionalProfile
from alsmove.core.safety import (
    SAFE_BREATH_01,
    SAFE_PAIN_01,
    SAFE_STRENGTH_01,
    SAFE_SUBLUX_01,
    Reason,
    _join,
    moves_shoulder,
    only_side,
    touched_joints,
    ungraded_groups,
)
from alsmove.core.safety_position import SAFE_ARM_01, SAFE_FOOT_01, SAFE_PAIN_02, SAFE_TONE_01


def _note(rule: str, text: str, **params: str | int | float) -> Reason:
    return Reason(rule, Message(text, params))


def notes(exercise: Exercise, profile: FunctionalProfile) -> tuple[Reason, ...]:
    """What a person should know when an exercise is offered, each with its rule."""
    found: list[Reason] = []
    if exercise.is_strengthening:
        ungraded = ungraded_groups(exercise, profile)
        if not exercise.muscle_groups:
            found.append(_note(SAFE_STRENGTH_01, texts.STRENGTH_NOTE_UNNAMED))
        elif ungraded:
            found.append(
                _note(
                    SAFE_STRENGTH_01,
                    texts.STRENGTH_NOTE_UNGRADED,
                    groups=pos.group_words(list(ungraded)),
                )
            )
        else:
            found.append(_note(SAFE_STRENGTH_01, texts.STRENGTH_NOTE_GRADED))
    if exercise.kind is Kind.AEROBIC:
        found.append(_note(SAFE_BREATH_01, texts.BREATH_TALK_TEST))
    approved = set(profile.approved_painful_joints) & set(profile.painful_joints)
    cleared = tuple(name for name in touched_joints(exercise) if name in approved)
    if cleared:
        found.append(_note(SAFE_PAIN_01, texts.PAIN_CLEARED, joints=_join(cleared)))
    if profile.shoulder_subluxation and moves_shoulder(exercise):
        found.append(_note(SAFE_SUBLUX_01, texts.SUBLUX_NOTE))
    elif profile.hanging_arms() and pos.loads_shoulder(exercise):
        found.append(_note(SAFE_ARM_01, pos_texts.ARM_NOTE))
    side = only_side(exercise, profile)
    if side is not None:
        found.append(_note(SAFE_PAIN_02, pos_texts.ONE_SIDE, side=pos_texts.SIDE_WORDS[side]))
    walking = exercise.kind is Kind.AEROBIC and Position.STANDING in exercise.positions
    if walking and profile.afo_worn and profile.dropped_feet().sides():
        found.append(_note(SAFE_FOOT_01, pos_texts.FOOT_NOTE))
    moving = exercise.kind in (Kind.STRETCH, Kind.PASSIVE, Kind.ACTIVE, Kind.ACTIVE_ASSISTED)
    if moving and profile.cramps is not Amount.NONE:
        found.append(_note(SAFE_TONE_01, pos_texts.CRAMP_NOTE))
    if moving and profile.spasticity is not Amount.NONE:
        found.append(_note(SAFE_TONE_01, pos_texts.SPASTIC_NOTE))
    return tuple(found)
