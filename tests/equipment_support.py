"""Records and profiles for the equipment tests (plain Python)."""

from __future__ import annotations

from datetime import date

from alsmove.core.alsfrs import Scores, parse_items
from alsmove.core.profile import FunctionalProfile

NORMAL: dict[str, int] = {
    k: 4 for k in ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")
}


def scores(**items: int) -> Scores:
    """A record: every item normal except those given as i8=2, i5=1 (5 is 5a)."""
    values = dict(NORMAL)
    for key, value in items.items():
        number = key.removeprefix("i")
        values["5a" if number == "5" else number] = value
    return parse_items(values)


def record(day: str, **items: int) -> tuple[date, Scores]:
    return date.fromisoformat(day), scores(**items)


def profile(**fields: object) -> FunctionalProfile:
    """A profile of someone walking and standing unaided, changed by `fields`."""
    base: dict[str, object] = {
        "standing": "independent",
        "walking": "independent",
        "sitting_balance": "good",
        "floor_transfer": True,
        "can_lie_down": True,
        "caregiver_available": True,
        "head_control": "good",
        "trunk_control": "good",
        "grip": "good",
        "foot_drop": "none",
    }
    base.update(fields)
    return FunctionalProfile.model_validate(base)
