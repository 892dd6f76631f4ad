"""Choosing a day's exercises from the candidates: the warm-up, what the profile turned on,
the groups that shorten easily, passive movement, breathing, strengthening and aerobic
days, today's focus areas, the cool-down, then the rest area by area while time remains.

The candidates come from `alsmove.core.routine` (already safe, with their positions);
this module only chooses and gives each choice its role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from alsmove.core.library import (
    BodyRegion,
    Contracture,
    Exercise,
    Kind,
    MuscleGroup,
    Performer,
    Phase,
    Position,
)
from alsmove.core.profile import FunctionalProfile
from alsmove.core.routine_items import (
    _AEROBIC,
    _BREATHING,
    _COOL_DOWN,
    _FILL,
    _FOCUS,
    _MUST,
    _PASSIVE,
    _STRENGTH,
    _SWITCH,
    _WARM_UP,
    seconds,
)
from alsmove.core.routine_week import (
    DAYS_PER_WEEK,
    MAX_STRENGTHENING,
    aerobic_day,
    breathing_affected,
    strength_day,
)
from alsmove.core.safety import Violation


@dataclass(frozen=True)
class Candidate:
    exercise: Exercise
    positions: tuple[Position, ...]  # safe ones, best first
    rank: tuple[int, int, str]
    # The rule broken in each of the exercise's unsafe positions (for the item's reasons).
    unsafe: tuple[Violation, ...] = ()
    # Read often enough while choosing to be kept: the exercise's id, and its seconds
    # (the whole exercise, `routine_items.seconds`).
    id: str = field(init=False)
    cost: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.exercise.id)
        object.__setattr__(self, "cost", seconds(self.exercise))


@dataclass(frozen=True)
class _Ranked:
    """Candidates sorted best first once, and how many share the best rank (`ties`: how
    much of the rank must be equal to take turns; 2 counts the position too)."""

    ordered: tuple[Candidate, ...]
    top: int

    @classmethod
    def of(cls, candidates: Iterable[Candidate], ties: int = 1) -> _Ranked:
        ordered = tuple(sorted(candidates, key=lambda c: c.rank))
        if not ordered:
            return cls((), 0)
        best = ordered[0].rank[:ties]
        return cls(ordered, sum(1 for c in ordered if c.rank[:ties] == best))

    def turn(self, day: int) -> tuple[Candidate, ...]:
        """Best first; equally suited exercises take turns from day to day."""
        if not self.top:
            return self.ordered
        shift = day % self.top
        top = self.ordered[: self.top]
        return top[shift:] + top[:shift] + self.ordered[self.top :]


def _rotate(candidates: list[Candidate], day: int, ties: int = 1) -> list[Candidate]:
    """Best first; equally suited exercises take turns from day to day (`ties`: how much
    of the rank must be equal to take turns; 2 counts the position too)."""
    return list(_Ranked.of(candidates, ties).turn(day))


def focus_regions(regions: Sequence[BodyRegion], day_index: int) -> tuple[BodyRegion, ...]:
    """Today's focus: region i (in body order) is in focus on day i mod 7."""
    day = day_index % DAYS_PER_WEEK
    return tuple(r for i, r in enumerate(regions) if i % DAYS_PER_WEEK == day)


def _gentle_kind(candidate: Candidate) -> bool:
    return not candidate.exercise.is_strengthening and candidate.exercise.kind is not Kind.AEROBIC


class Pools:
    """The gentle candidates (neither strengthening nor aerobic) sorted once into the
    pools `choose` draws from. No day's plan (`routine_week.not_today`) ever takes a gentle
    exercise out, so the days of a week with the same profile share one `Pools`."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        ends = [c for c in candidates if _gentle_kind(c)]
        # Only an exercise that can be a main one fills the middle of a session; one that
        # is only a warm-up (or a cool-down) is used only as that.
        self.daily = [c for c in ends if Phase.MAIN in c.exercise.phases]
        self.warm_up = _Ranked.of(c for c in ends if Phase.WARM_UP in c.exercise.phases)
        self.cool_down = _Ranked.of(c for c in ends if Phase.COOL_DOWN in c.exercise.phases)
        self.breathing = _Ranked.of(c for c in self.daily if c.exercise.kind is Kind.BREATHING)
        self.switched_on = [
            c for c in _Ranked.of(self.daily).ordered if c.exercise.offered_when is not None
        ]
        self.shortening = {
            group: _Ranked.of(c for c in self.daily if group in c.exercise.contracture)
            for group in Contracture
        }
        self._passive: dict[MuscleGroup, _Ranked] = {}
        by_region: dict[BodyRegion, list[Candidate]] = {}
        for candidate in self.daily:
            by_region.setdefault(candidate.exercise.body_region, []).append(candidate)
        self.regions = [r for r in BodyRegion if r in by_region]
        self.by_region = {r: _Ranked.of(by_region[r]) for r in self.regions}

    def passive(self, muscle: MuscleGroup) -> _Ranked:
        """Passive movement of `muscle` by the helper."""
        found = self._passive.get(muscle)
        if found is None:
            found = self._passive[muscle] = _Ranked.of(
                c
                for c in self.daily
                if muscle in c.exercise.muscle_groups
                and c.exercise.performer is Performer.CAREGIVER
                and c.exercise.kind is Kind.PASSIVE
            )
        return found


def choose(
    candidates: list[Candidate],
    budget: int,
    day_index: int,
    profile: FunctionalProfile,
    pools: Pools | None = None,
) -> list[tuple[Candidate, str]]:
    """The day's exercises and their roles; `pools` (made from the gentle `candidates`)
    may be shared with other days of the week with the same profile."""
    day = day_index % DAYS_PER_WEEK
    if pools is None:
        pools = Pools(candidates)
    regions = pools.regions
    queues = {r: pools.by_region[r].turn(day) for r in regions}
    chosen: dict[str, tuple[Candidate, str]] = {}
    used = 0

    def add(candidate: Candidate, role: str) -> bool:
        nonlocal used
        cost = candidate.cost
        if candidate.id in chosen or used + cost > budget:
            return False
        chosen[candidate.id] = (candidate, role)
        used += cost
        return True

    def first_fit(pool: _Ranked, role: str) -> bool:
        return any(add(candidate, role) for candidate in pool.turn(day))

    first_fit(pools.warm_up, _WARM_UP)
    if breathing_affected(profile):  # ROUTINE-DOSE-04: before anything else
        first_fit(pools.breathing, _BREATHING)
    # ROUTINE-DOSE-05: what the profile turned on (the brace check, breath stacking,
    # assisted cough, tilting back) is part of every day.
    for candidate in pools.switched_on:
        add(candidate, _SWITCH)
    # ROUTINE-DOSE-01: the groups that shorten easily are stretched or moved every day.
    for group in Contracture:
        if not any(group in c.exercise.contracture for c, _ in chosen.values()):
            first_fit(pools.shortening[group], _MUST)
    # ROUTINE-PASSIVE-01: muscles graded 0-1/5 are moved by the helper every day.
    if profile.caregiver_available:
        for muscle, grade in sorted(profile.strength.items()):
            covered = any(
                muscle in c.exercise.muscle_groups and c.exercise.performer is Performer.CAREGIVER
                for c, _ in chosen.values()
            )
            if grade <= 1 and not covered:
                first_fit(pools.passive(muscle), _PASSIVE)
    if not any(c.exercise.kind is Kind.BREATHING for c, _ in chosen.values()):
        first_fit(pools.breathing, _BREATHING)
    if strength_day(day, profile):  # ROUTINE-DOSE-02
        strong = _Ranked.of(
            c for c in candidates if c.exercise.is_strengthening and Phase.MAIN in c.exercise.phases
        ).turn(day)
        picked = 0
        for candidate in strong:
            if picked < MAX_STRENGTHENING and add(candidate, _STRENGTH):
                picked += 1
    if aerobic_day(day):  # ROUTINE-DOSE-03: one bout of at most 10 minutes
        # Walking first for a person who can walk safely (the most useful bout), then the
        # best suited; not a rotation.
        aerobic = sorted(
            (
                c
                for c in candidates
                if c.exercise.kind is Kind.AEROBIC and Phase.MAIN in c.exercise.phases
            ),
            key=lambda c: (Position.STANDING not in c.positions, c.rank),
        )
        any(add(candidate, _AEROBIC) for candidate in aerobic)
    for region in focus_regions(regions, day):
        for candidate in queues[region]:
            if add(candidate, _FOCUS):
                break
    if not any(role == _COOL_DOWN for _, role in chosen.values()):
        first_fit(pools.cool_down, _COOL_DOWN)
    # The rest, area by area, starting from today's focus so every day differs.
    start = day if day < len(regions) else 0
    rounds = regions[start:] + regions[:start]
    depth = max((len(q) for q in queues.values()), default=0)
    for level in range(depth):
        for region in rounds:
            if level < len(queues[region]):
                add(queues[region][level], _FILL)
    return list(chosen.values())
