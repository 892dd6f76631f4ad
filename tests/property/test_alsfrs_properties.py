"""Properties of ALSFRS-R scoring, staging and forecasting that hold for any record."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from alsmove.core.alsfrs import ITEM_IDS, AlsfrsError, Scores, parse_items
from alsmove.core.progression import forecast
from alsmove.core.staging import (
    functional_stage,
    kings_is_stage_4,
    kings_stage,
    mitos_stage,
    progression_rate,
)

FIXED_IDS = [i for i in ITEM_IDS if i not in ("5a", "5b")]
score = st.integers(min_value=0, max_value=4)


@st.composite
def records(draw: st.DrawFn) -> dict[str, int]:
    items = {item_id: draw(score) for item_id in FIXED_IDS}
    items[draw(st.sampled_from(["5a", "5b"]))] = draw(score)
    return items


@st.composite
def records_and_a_fall(draw: st.DrawFn) -> tuple[Scores, Scores]:
    """A record, and the same record with one item lower (the 5a/5b choice unchanged)."""
    items = draw(records())
    fallen = [item_id for item_id, value in items.items() if value > 0]
    if not fallen:
        return parse_items(items), parse_items(items)
    item_id = draw(st.sampled_from(fallen))
    lower = dict(items)
    lower[item_id] = draw(st.integers(min_value=0, max_value=items[item_id] - 1))
    return parse_items(items), parse_items(lower)


@given(records())
def test_the_total_is_the_sum_of_the_items(items: dict[str, int]) -> None:
    scores = parse_items(items)
    assert scores.total == sum(items.values())
    assert 0 <= scores.total <= 48


@given(records())
def test_each_domain_is_0_to_12_and_they_add_up_to_the_total(items: dict[str, int]) -> None:
    scores = parse_items(items)
    parts = scores.domains.as_dict().values()
    assert all(0 <= part <= 12 for part in parts)
    assert sum(parts) == scores.total


def kings_order(stage: str) -> tuple[bool, int]:
    # 4A and 4B are two different milestones, not a sequence; only "stage 4 or not" and the
    # region count are ordered.
    return (kings_is_stage_4(stage), 0 if kings_is_stage_4(stage) else int(stage))


@given(records_and_a_fall())
def test_kings_stage_never_goes_down_when_an_item_falls(pair: tuple[Scores, Scores]) -> None:
    before, after = (kings_stage(scores) for scores in pair)
    assert kings_order(after) >= kings_order(before)
    if before == "4B":
        assert after == "4B"


@given(records_and_a_fall())
def test_mitos_stage_never_goes_down_when_an_item_falls(pair: tuple[Scores, Scores]) -> None:
    before, after = pair
    assert mitos_stage(after) >= mitos_stage(before)


@given(records_and_a_fall())
def test_functional_stage_never_goes_down_when_an_item_falls(
    pair: tuple[Scores, Scores],
) -> None:
    before, after = pair
    assert functional_stage(after).number >= functional_stage(before).number


@given(
    st.integers(min_value=0, max_value=48),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=0, max_value=20_000),
)
def test_the_progression_rate_is_never_negative(total: int, onset: date, days: int) -> None:
    rate = progression_rate(total, onset, onset + timedelta(days=days))
    assert 0.0 <= rate <= 48.0


@given(
    st.dictionaries(
        st.one_of(st.sampled_from([*ITEM_IDS, "5", "13", "0"]), st.text(max_size=3)),
        st.one_of(st.integers(-2, 6), st.booleans(), st.floats(), st.none(), st.text()),
        max_size=16,
    )
)
def test_any_input_is_either_scored_or_refused_with_a_clear_error(raw: dict[str, object]) -> None:
    try:
        scores = parse_items(raw)
    except AlsfrsError as error:
        assert str(error)
    else:
        assert 0 <= scores.total <= 48


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=3000), st.integers(0, 48)),
        min_size=1,
        max_size=10,
        unique_by=lambda visit: visit[0],
    ),
    st.integers(min_value=0, max_value=400),
)
def test_every_forecast_band_holds_its_estimate_within_0_to_48(
    visits: list[tuple[int, int]], days_after_last: int
) -> None:
    onset = date(2015, 1, 1)
    points = [(onset + timedelta(days=day), total) for day, total in visits]
    as_of = max(day for day, _ in points) + timedelta(days=days_after_last)
    for point in forecast(onset, points, as_of).forecast:
        assert 0.0 <= point.low <= point.total <= point.high <= 48.0
