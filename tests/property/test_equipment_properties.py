"""Properties of the equipment planner over random histories (hypothesis): start-by never
after the need; a faster progressor never gets a later start-by; all normal gives
nothing now."""

from __future__ import annotations

from datetime import date, timedelta

from equipment_support import NORMAL
from hypothesis import given, settings
from hypothesis import strategies as st

from alsmove.core.alsfrs import Scores, parse_items
from alsmove.core.equipment import Rates, item_rates, months_to, plan
from alsmove.equipment.loader import default_catalogue

CATALOGUE = default_catalogue()
FAST = settings(max_examples=60, deadline=None)
KEYS = tuple(NORMAL)

records_scores = st.lists(st.integers(0, 4), min_size=len(KEYS), max_size=len(KEYS)).map(
    lambda values: parse_items(dict(zip(KEYS, values, strict=True)))
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[date, list[tuple[date, Scores]], date]:
    onset = date(2022, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    gaps = draw(st.lists(st.integers(1, 200), min_size=1, max_size=5))
    day = onset + timedelta(days=draw(st.integers(0, 400)))
    records = []
    for gap in gaps:
        records.append((day, draw(records_scores)))
        day += timedelta(days=gap)
    as_of = records[-1][0] + timedelta(days=draw(st.integers(0, 120)))
    return onset, records, as_of


@FAST
@given(histories())
def test_start_by_is_never_after_the_estimated_need_nor_before_today(
    history: tuple[date, list[tuple[date, Scores]], date],
) -> None:
    onset, records, as_of = history
    for suggestion in plan(CATALOGUE, onset, records, as_of):
        if suggestion.status == "later":
            assert suggestion.start_by is None and suggestion.estimated_need is None
            continue
        assert suggestion.start_by is not None and suggestion.estimated_need is not None
        assert as_of <= suggestion.start_by <= suggestion.estimated_need
        if suggestion.need_earliest is not None:
            assert suggestion.need_earliest <= suggestion.estimated_need
        if suggestion.need_latest is not None:
            assert suggestion.estimated_need <= suggestion.need_latest


def _start(day: date | None) -> date:
    return date.max if day is None else day


@FAST
@given(records_scores, st.integers(30, 3000), st.integers(1, 3000), st.integers(0, 90))
def test_a_faster_progressor_never_gets_a_later_start_by(
    latest: Scores, months_fast: int, extra: int, since: int
) -> None:
    # The same record, with first symptoms closer to it: the same loss in less time.
    day = date(2026, 1, 1)
    as_of = day + timedelta(days=since)
    fast = plan(CATALOGUE, day - timedelta(days=months_fast), [(day, latest)], as_of)
    slow = plan(CATALOGUE, day - timedelta(days=months_fast + extra), [(day, latest)], as_of)
    slow_by_id = {s.item.id: s for s in slow}
    for suggestion in fast:
        other = slow_by_id[suggestion.item.id]
        assert _start(suggestion.start_by) <= _start(other.start_by), suggestion.item.id
        if other.status == "now":
            assert suggestion.status == "now"


rates = st.floats(0.0, 5.0, allow_nan=False)


@FAST
@given(records_scores, st.integers(1, 12), rates, rates, st.integers(1, 4))
def test_a_faster_total_decline_never_makes_an_item_reach_its_sign_later(
    latest: Scores, position: int, rate: float, more: float, points: int
) -> None:
    slower = item_rates(Rates(rate, rate, rate), latest, position)
    faster = item_rates(Rates(rate + more, rate + more, rate + more), latest, position)
    slow_months, fast_months = months_to(points, slower.central), months_to(points, faster.central)
    if slow_months is not None:
        assert fast_months is not None and fast_months <= slow_months


@FAST
@given(st.lists(st.integers(1, 200), min_size=1, max_size=5), st.integers(0, 2000))
def test_all_items_normal_gives_nothing_now(gaps: list[int], since_onset: int) -> None:
    onset = date(2022, 1, 1)
    day = onset + timedelta(days=since_onset)
    records = []
    for gap in gaps:
        records.append((day, parse_items(NORMAL)))
        day += timedelta(days=gap)
    suggestions = plan(CATALOGUE, onset, records, records[-1][0])
    assert [s.item.id for s in suggestions if s.status == "now"] == []
