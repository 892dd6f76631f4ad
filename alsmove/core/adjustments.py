"""What the logbook asks the routine engine to change (shared by overwork and routine)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Adjustments:
    """Easing and removals that the overwork rules impose on the next routines.

    Factors are never above 1: easing only ever takes volume away.
    """

    reps_factor: float = 1.0
    hold_factor: float = 1.0
    allow_strengthening: bool = True
    # Exercises taken out until a therapist reviews them, each with the rule that did it.
    removed_pending_review: frozenset[str] = field(default_factory=frozenset)
    # Exercises to skip today only (pain during the exercise today).
    skip_today: frozenset[str] = field(default_factory=frozenset)
    rules: tuple[str, ...] = ()
    # Two or more serious signs at once: no exercise today (OVERWORK-REST-01).
    rest_day: bool = False

    def __post_init__(self) -> None:
        if not (0 < self.reps_factor <= 1 and 0 < self.hold_factor <= 1):
            raise ValueError("easing factors must be in (0, 1]")

    @property
    def active(self) -> bool:
        return (
            self.reps_factor < 1
            or self.hold_factor < 1
            or not self.allow_strengthening
            or bool(self.removed_pending_review)
            or self.rest_day
        )


NO_ADJUSTMENTS = Adjustments()
