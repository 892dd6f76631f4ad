"""A week planned at once is exactly its seven days planned one by one.

`build_week` reuses what one day decided (safety verdicts, candidates, items) on the other
days with the same profile, which made it five times faster; this checks that the reuse
never changes a single choice, reason or exclusion, with or without a helper on some days,
with easing, removals and skips, before and after the therapist's review.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from property.test_safety_properties import FAST, adjustments, libraries, profiles, stages

from alsmove.core.library import Exercise, Stage
from alsmove.core.profile import FunctionalProfile
from alsmove.core.routine import build_routine, build_week


@FAST
@given(profiles(), libraries, stages, st.booleans(), st.data())
def test_a_planned_week_is_exactly_its_seven_days_planned_one_by_one(
    p: FunctionalProfile,
    library: tuple[Exercise, ...],
    stage: Stage,
    reviewed: bool,
    data: st.DataObject,
) -> None:
    ease = data.draw(adjustments(tuple(e.id for e in library)))
    week = build_week(p, library, stage, ease, reviewed=reviewed)
    days = tuple(build_routine(p, library, stage, ease, d, reviewed=reviewed) for d in range(7))
    assert week == days
