"""How the stage shapes the routine engine's choice: preferred positions, kinds of
exercise and who performs them (lower rank = preferred).

Early: standing, seated and mat work, stretching and active movement. Mid: seated and
lying in bed, joint mobility. Advanced: in bed or in the wheelchair, passive stretching by
a helper (ROUTINE-STAGE-01; the Sinaki-Mulder / Dal Bello-Haas focus of each stage).
"""

from __future__ import annotations

from alsmove.core.library import Exercise, Kind, Performer, Position, Stage
from alsmove.core.profile import Base, FunctionalProfile, SittingBalance, Walking


def _positions(names: str) -> tuple[Position, ...]:
    return tuple(Position(name) for name in names.split())


def _tiers(*tiers: str) -> dict[Kind, int]:
    return {Kind(name): rank for rank, tier in enumerate(tiers) for name in tier.split()}


# Positions from most to least suited. Early: standing, seated and mat work. Mid: seated
# and lying in bed. Advanced: in bed or in the wheelchair, where a helper works comfortably.
_POSITIONS: dict[Stage, tuple[Position, ...]] = {
    Stage.EARLY: _positions("standing seated lying in_wheelchair in_bed"),
    Stage.MID: _positions("seated in_wheelchair in_bed lying standing"),
    Stage.ADVANCED: _positions("in_bed in_wheelchair seated lying standing"),
}

# Kinds of exercise by how well they suit the stage (Sinaki-Mulder / Dal Bello-Haas focus).
_KIND_FIT: dict[Stage, dict[Kind, int]] = {
    Stage.EARLY: _tiers(
        "stretch active",
        "posture strengthening aerobic",
        "breathing active_assisted relaxation",
        "passive",
    ),
    Stage.MID: _tiers(
        "stretch active_assisted active",
        "posture breathing passive",
        "relaxation strengthening",
        "aerobic",
    ),
    Stage.ADVANCED: _tiers(
        "passive stretch",
        "relaxation breathing active_assisted",
        "posture active",
        "strengthening aerobic",
    ),
}

_PERFORMER_FIT: dict[Stage, dict[Performer, int]] = {
    Stage.EARLY: {Performer.SELF: 0, Performer.ASSISTED: 1, Performer.CAREGIVER: 2},
    Stage.MID: {Performer.SELF: 0, Performer.ASSISTED: 0, Performer.CAREGIVER: 1},
    Stage.ADVANCED: {Performer.CAREGIVER: 0, Performer.ASSISTED: 1, Performer.SELF: 2},
}


def position_preference(stage: Stage, profile: FunctionalProfile) -> tuple[Position, ...]:
    """Positions from most to least suited to the stage and the person."""
    order = list(_POSITIONS[stage])
    if profile.walking is Walking.UNABLE or profile.sitting_balance is SittingBalance.POOR:
        # A person who does not walk stays in the wheelchair rather than moving to a chair.
        order.remove(Position.IN_WHEELCHAIR)
        order.insert(order.index(Position.SEATED), Position.IN_WHEELCHAIR)
    base = profile.day_base()
    first = {Base.BED: Position.IN_BED, Base.WHEELCHAIR: Position.IN_WHEELCHAIR}.get(base)
    if first is not None:
        # Where the person spends the day comes first: no move is the easiest.
        order.remove(first)
        order.insert(0, first)
    return tuple(order)


def stage_rank(
    exercise: Exercise, position: Position, stage: Stage, positions: tuple[Position, ...]
) -> tuple[int, int, str]:
    """Lower is better: how well the kind and performer suit the stage, then the position's
    place in `positions`, then the id (so ties break the same way every time)."""
    fit = _KIND_FIT[stage][exercise.kind] + _PERFORMER_FIT[stage][exercise.performer]
    return fit, positions.index(position), exercise.id
