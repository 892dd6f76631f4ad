"""Slope, the D50 fit, the forecast and the summary shared by the CLI and the API."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import numpy as np
import pytest

from alsmove.core.alsfrs import ITEM_IDS, AlsfrsError, Scores, parse_items
from alsmove.core.progression import (
    HORIZONS_MONTHS,
    fit_d50,
    forecast,
    months_between,
    slope_per_month,
)
from alsmove.core.progression_summary import summarize
from alsmove.core.staging import DAYS_PER_MONTH

ONSET = date(2020, 1, 1)


def on_month(months: float) -> date:
    return ONSET + timedelta(days=round(months * DAYS_PER_MONTH))


def synthetic(
    d50: float, dx: float, visits: int, seed: int, noise_sd: float = 1.0
) -> list[tuple[date, int]]:
    """Whole-number totals from the D50 curve plus noise, visits spread over D50 ± 2 dx."""
    rng = np.random.default_rng(seed)
    months = np.linspace(max(1.0, d50 - 2 * dx), d50 + 2 * dx, visits)
    points = []
    for t in months:
        total = 48 / (1 + math.exp((t - d50) / dx)) + rng.normal(0.0, noise_sd)
        points.append((on_month(float(t)), int(min(48, max(0, round(total))))))
    return points


def scores_with_total(total: int) -> Scores:
    """A record with the given total, the loss spread over the items in turn."""
    ids = [i for i in ITEM_IDS if i != "5b"]
    items = dict.fromkeys(ids, 4)
    for n in range(48 - total):
        items[ids[n % 12]] -= 1
    return parse_items(items)


def test_months_between_uses_mean_calendar_months() -> None:
    assert months_between(date(2024, 1, 1), date(2025, 1, 1)) == pytest.approx(366 / 30.4375)
    assert months_between(date(2024, 1, 1), date(2024, 1, 1)) == 0.0
    assert months_between(date(2024, 2, 1), date(2024, 1, 1)) < 0


# --- Slope --------------------------------------------------------------------------------


def test_slope_is_the_least_squares_line_through_recent_totals() -> None:
    points = [(on_month(m), 48 - 2 * m) for m in (1, 2, 3, 4)]
    assert slope_per_month(points, on_month(4)) == pytest.approx(-2.0, abs=0.05)


def test_slope_ignores_records_older_than_twelve_months() -> None:
    old = [(on_month(0), 48), (on_month(2), 20)]
    recent = [(on_month(20), 40), (on_month(22), 38), (on_month(24), 36)]
    assert slope_per_month(old + recent, on_month(24)) == pytest.approx(-1.0, abs=0.05)


def test_slope_ignores_records_after_the_as_of_date() -> None:
    points = [(on_month(1), 46), (on_month(3), 44), (on_month(5), 0)]
    assert slope_per_month(points, on_month(3)) == pytest.approx(-1.0, abs=0.05)


def test_slope_needs_two_records_in_the_window() -> None:
    assert slope_per_month([(on_month(1), 46)], on_month(2)) is None
    assert slope_per_month([(on_month(1), 46), (on_month(30), 30)], on_month(30)) is None


# --- D50 fit ------------------------------------------------------------------------------

RECOVERY = [
    (30.0, 6.0, 10, 1),
    (18.0, 4.0, 8, 2),
    (45.0, 8.0, 12, 3),
    (60.0, 10.0, 10, 4),
    (24.0, 3.0, 9, 5),
    (36.0, 5.0, 11, 6),
]


@pytest.mark.parametrize(("d50", "dx", "visits", "seed"), RECOVERY)
def test_the_d50_fit_recovers_known_parameters_within_ten_percent(
    d50: float, dx: float, visits: int, seed: int
) -> None:
    fit = fit_d50(ONSET, synthetic(d50, dx, visits, seed))
    assert fit is not None
    assert fit.d50 == pytest.approx(d50, rel=0.10)
    assert fit.dx == pytest.approx(dx, rel=0.10)
    assert fit.n_records == visits
    assert 0 < fit.residual_sd < 2.5
    assert fit.se_d50 > 0 and fit.se_dx > 0


def test_the_d50_fit_needs_three_records() -> None:
    assert fit_d50(ONSET, synthetic(30, 6, 2, 1)) is None


def test_the_d50_fit_needs_records_on_different_days() -> None:
    assert fit_d50(ONSET, [(on_month(5), 40)] * 3) is None


def test_a_person_who_has_not_declined_gets_no_d50_fit_but_a_flat_line() -> None:
    # All totals at 48 say nothing about when decline will come: the curve cannot be fitted.
    points = [(on_month(m), 48) for m in (3, 6, 9, 12)]
    assert fit_d50(ONSET, points) is None
    model = forecast(ONSET, points, on_month(12))
    assert model.kind == "linear"
    assert "could not be fitted" in str(model.note)
    assert [p.total for p in model.forecast] == [48.0, 48.0, 48.0]
    assert all(p.low < 48.0 for p in model.forecast)


def test_the_d50_fit_stays_within_its_bounds_when_decline_has_barely_begun() -> None:
    fit = fit_d50(ONSET, [(on_month(m), t) for m, t in ((3, 48), (6, 48), (9, 47), (12, 48))])
    assert fit is not None
    assert 1.0 <= fit.d50 <= 240.0
    assert 0.3 <= fit.dx <= 30.0


# --- Forecast -----------------------------------------------------------------------------


def test_three_records_or_more_forecast_with_the_d50_model() -> None:
    points = synthetic(30, 6, 10, 1)
    as_of = points[-1][0]
    model = forecast(ONSET, points, as_of)
    assert model.kind == "d50"
    assert model.d50_months is not None
    assert model.dx_months is not None
    assert model.rd50 == pytest.approx(months_between(ONSET, as_of) / model.d50_months)
    assert [p.months_ahead for p in model.forecast] == list(HORIZONS_MONTHS)
    assert "D50" in str(model.note)


def test_fewer_than_three_records_give_a_labelled_rough_linear_estimate() -> None:
    points = [(on_month(12), 40), (on_month(18), 36)]
    model = forecast(ONSET, points, on_month(18))
    assert model.kind == "linear"
    assert (model.d50_months, model.dx_months, model.rd50) == (None, None, None)
    assert "linear estimate" in str(model.note)
    rate = 12 / months_between(ONSET, on_month(18))
    assert model.forecast[0].total == pytest.approx(36 - 3 * rate)


def test_the_linear_band_is_wider_than_the_d50_band_for_the_same_person() -> None:
    points = synthetic(30, 6, 10, 1)
    as_of = points[-1][0]
    d50 = forecast(ONSET, points, as_of)
    linear = forecast(ONSET, points[-2:], as_of)
    assert linear.kind == "linear"
    for sigmoid_point, line_point in zip(d50.forecast, linear.forecast, strict=True):
        assert line_point.high - line_point.low > sigmoid_point.high - sigmoid_point.low


@pytest.mark.parametrize("visits", [1, 2, 3, 6, 12])
@pytest.mark.parametrize(("d50", "dx"), [(30.0, 6.0), (12.0, 2.0), (80.0, 12.0)])
def test_the_band_contains_the_estimate_and_stays_within_0_to_48(
    visits: int, d50: float, dx: float
) -> None:
    points = synthetic(d50, dx, visits, seed=visits)
    model = forecast(ONSET, points, points[-1][0] + timedelta(days=20))
    for point in model.forecast:
        assert 0.0 <= point.low <= point.total <= point.high <= 48.0


def test_a_forecast_near_the_bottom_of_the_scale_is_clipped_at_zero() -> None:
    points = [(on_month(m), t) for m, t in ((6, 20), (9, 10), (12, 3), (15, 1))]
    for model in (forecast(ONSET, points, on_month(15)), forecast(ONSET, points[:2], on_month(9))):
        assert all(p.low >= 0.0 and p.total >= 0.0 for p in model.forecast)
        assert model.forecast[-1].low == 0.0


def test_the_same_records_always_give_the_same_forecast() -> None:
    points = synthetic(40, 7, 6, 9)
    assert forecast(ONSET, points, on_month(60)) == forecast(ONSET, points, on_month(60))


def test_a_forecast_needs_at_least_one_record() -> None:
    with pytest.raises(AlsfrsError, match="no assessments"):
        forecast(ONSET, [], on_month(3))


# --- Summary ------------------------------------------------------------------------------


def history(points: list[tuple[date, int]]) -> list[tuple[date, Scores]]:
    return [(day, scores_with_total(total)) for day, total in points]


def test_the_summary_has_exactly_the_shared_json_shape() -> None:
    points = synthetic(30, 6, 8, 2)
    summary = summarize(ONSET, history(points), points[-1][0] + timedelta(days=1))
    assert set(summary) == {"assessments", "slope_per_month", "model"}
    row = summary["assessments"][0]
    assert set(row) == {
        "date",
        "total",
        "domains",
        "kings_stage",
        "mitos_stage",
        "progression_rate",
        "progression_category",
    }
    assert set(row["domains"]) == {"bulbar", "fine_motor", "gross_motor", "respiratory"}
    assert set(summary["model"]) == {"kind", "d50_months", "dx_months", "rd50", "forecast"}
    assert set(summary["model"]["forecast"][0]) == {"months_ahead", "total", "low", "high"}
    assert json.loads(json.dumps(summary)) == summary


def test_the_summary_sorts_records_by_date_and_rounds_numbers() -> None:
    points = synthetic(30, 6, 8, 2)
    summary = summarize(ONSET, history(list(reversed(points))), points[-1][0])
    dates = [row["date"] for row in summary["assessments"]]
    assert dates == sorted(dates)
    assert dates[0] == points[0][0].isoformat()
    assert summary["assessments"][0]["total"] == points[0][1]
    for row in summary["assessments"]:
        assert row["progression_rate"] == round(row["progression_rate"], 2)
    model = summary["model"]
    assert model["kind"] == "d50"
    assert model["d50_months"] == round(model["d50_months"] or 0.0, 1)
    for point in model["forecast"]:
        assert point["total"] == round(point["total"], 1)
    slope = summary["slope_per_month"]
    assert slope is not None and slope < 0


def test_the_summary_of_one_record_uses_the_linear_model() -> None:
    summary = summarize(ONSET, history([(on_month(10), 38)]), on_month(11))
    assert summary["assessments"][0]["progression_rate"] == 1.0
    assert summary["assessments"][0]["progression_category"] == "intermediate"
    assert summary["slope_per_month"] is None
    assert summary["model"]["kind"] == "linear"
    assert summary["model"]["d50_months"] is None


BAD_HISTORIES = [
    ("no records", [], on_month(12), "no assessments"),
    ("a record before onset", [(ONSET - timedelta(days=1), 48)], on_month(12), "before the onset"),
    ("a record after today", [(on_month(13), 40)], on_month(12), "in the future"),
    ("two records on one day", [(on_month(5), 40), (on_month(5), 39)], on_month(12), "two assess"),
    ("onset after today", [(on_month(1), 40)], ONSET - timedelta(days=1), "onset date"),
]


@pytest.mark.parametrize(
    ("points", "today", "message"),
    [c[1:] for c in BAD_HISTORIES],
    ids=[c[0] for c in BAD_HISTORIES],
)
def test_the_summary_refuses_impossible_dates(
    points: list[tuple[date, int]], today: date, message: str
) -> None:
    with pytest.raises(AlsfrsError, match=message):
        summarize(ONSET, history(points), today)
