"""The weeks a physical therapist would sign: every vignette run over the whole week.

First the checks a therapist makes for anyone (each item safe that day, at most two
changes of position a sitting and no lone exercise in another position, warm-up first
and cool-down last, the day's minutes kept, strengthening never on consecutive days,
one aerobic bout a sitting of at most ten minutes, breathing daily when breathing is
affected, no transfer without a helper for one who cannot stand, plain words for the
person), then each vignette's own expectations (`vignettes.py`).
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from alsmove.core.library import Kind, Phase, Position
from alsmove.core.routine import build_week
from alsmove.core.routine_flow import allowed_positions
from alsmove.core.routine_week import breathing_affected
from alsmove.core.safety import check
from clinical.vignettes import LIBRARY, VIGNETTES, Vignette

IDS = [v.name for v in VIGNETTES]
RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*-\d\d\b")
JARGON = re.compile(r"dorsiflex|plantarflex|extensor|flexor|abduct|orthos", re.IGNORECASE)
RAW_IDS = [e for e in LIBRARY if "-" in e]


def week_of(v: Vignette):  # type: ignore[no-untyped-def]
    return build_week(v.profile, tuple(LIBRARY.values()), v.stage, reviewed=v.reviewed)


def test_there_are_at_least_twenty_four_named_vignettes() -> None:
    assert len(VIGNETTES) >= 24
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_every_item_is_safe_on_its_own_day(v: Vignette) -> None:
    for day, routine in enumerate(week_of(v)):
        that_day = v.profile.on_day(day)
        for item in routine.items:
            assert check(LIBRARY[item.exercise], item.position, that_day) is None, (day, item)


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_each_sitting_flows_with_at_most_two_changes_and_no_lone_exercise(v: Vignette) -> None:
    for day, routine in enumerate(week_of(v)):
        for sitting in sorted({i.sitting for i in routine.items}):
            positions = [i.position for i in routine.items if i.sitting == sitting]
            blocks = [p for n, p in enumerate(positions) if n == 0 or positions[n - 1] != p]
            assert len(blocks) <= 3, (day, blocks)
            assert len(blocks) == len(set(blocks)), (day, "a position comes back", blocks)
            if len(blocks) > 1:
                sizes = {p: positions.count(p) for p in blocks}
                assert min(sizes.values()) > 1, (day, "a lone exercise", sizes)


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_warm_up_comes_first_and_cool_down_last(v: Vignette) -> None:
    for day, routine in enumerate(week_of(v)):
        for sitting in sorted({i.sitting for i in routine.items}):
            phases = [i.phase for i in routine.items if i.sitting == sitting]
            if Phase.WARM_UP in phases:
                assert phases[0] is Phase.WARM_UP and phases.count(Phase.WARM_UP) == 1, day
            if Phase.COOL_DOWN in phases:
                assert phases[-1] is Phase.COOL_DOWN and phases.count(Phase.COOL_DOWN) == 1, day
        sittings = [i.sitting for i in routine.items]
        assert sittings == sorted(sittings), (day, "sittings come in order")


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_the_day_keeps_to_its_minutes_and_an_hour_at_most(v: Vignette) -> None:
    for routine in week_of(v):
        assert routine.minutes <= min(v.profile.minutes, 60)


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_strengthening_never_on_two_days_running_and_aerobic_one_short_bout(v: Vignette) -> None:
    week = week_of(v)
    strong = [any(LIBRARY[i.exercise].is_strengthening for i in r.items) for r in week]
    assert not any(a and b for a, b in pairwise(strong))
    for routine in week:
        for sitting in sorted({i.sitting for i in routine.items}):
            bouts = [
                i
                for i in routine.items
                if i.sitting == sitting and LIBRARY[i.exercise].kind is Kind.AEROBIC
            ]
            assert len(bouts) <= 1 and all(b.minutes <= 10 for b in bouts)


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_breathing_every_day_when_breathing_is_affected(v: Vignette) -> None:
    if not breathing_affected(v.profile):
        pytest.skip("breathing not affected")
    for routine in week_of(v):
        assert any(LIBRARY[i.exercise].kind is Kind.BREATHING for i in routine.items)


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_no_transfer_for_a_person_who_cannot_move_without_a_helper(v: Vignette) -> None:
    for day, routine in enumerate(week_of(v)):
        reachable = allowed_positions(v.profile.on_day(day))
        if reachable is not None:
            assert {i.position for i in routine.items} <= reachable, day


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_a_person_reads_plain_words_without_rule_or_exercise_ids(v: Vignette) -> None:
    for routine in week_of(v):
        texts = [r.text.render() for i in routine.items for r in i.reasons]
        texts += [e.reason.render() for e in routine.excluded]
        if routine.message is not None:
            texts.append(routine.message.render())
        for text in texts:
            assert not RULE_ID.search(text), text
            assert not JARGON.search(text), text
            assert not any(raw in text for raw in RAW_IDS), text


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_nothing_is_ever_done_on_a_floor_mat_by_someone_breathless_lying_flat(
    v: Vignette,
) -> None:
    if not (v.profile.breathless_lying_flat() or v.profile.on_niv()):
        pytest.skip("lies flat comfortably")
    for routine in week_of(v):
        assert all(i.position is not Position.LYING for i in routine.items)


CASES = [(v, name) for v in VIGNETTES for name in v.expectations]


@pytest.mark.parametrize(
    ("v", "expectation"), CASES, ids=[f"{v.name}: {name}" for v, name in CASES]
)
def test_the_therapists_expectation_for_this_person_holds(v: Vignette, expectation: str) -> None:
    assert v.expectations[expectation](week_of(v))
