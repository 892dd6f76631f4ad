"""Progression over time: recent slope, the D50 sigmoid model and a forecast with a band.

The D50 model (Jena group; CLINICAL.md §3) describes the ALSFRS-R total as a falling
sigmoid of months since symptom onset, 48 / (1 + exp((t - D50) / dx)). It needs at least
three records; with fewer, or when the fit fails, the forecast is a rough straight line
from the average rate since onset (ΔFS) with a deliberately wide band.

A forecast is a model, not a promise: every number comes with a band and a note. The JSON
summary of a whole record history (`summarize`) is in `progression_summary`, which builds
on this module (this module does not import it back).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import OptimizeWarning, curve_fit
from scipy.special import expit

from alsmove.core.alsfrs import MAX_TOTAL, AlsfrsError
from alsmove.core.i18n import Message, gettext_noop
from alsmove.core.staging import months_between as months_between
from alsmove.core.staging import progression_rate

__all__ = [
    "D50Fit",
    "ForecastPoint",
    "Model",
    "fit_d50",
    "forecast",
    "months_between",
    "slope_per_month",
]

RULE_SLOPE = "SLOPE-01"
RULE_D50_MODEL = "D50-01"
RULE_D50_FALLBACK = "D50-02"
RULE_RD50 = "D50-03"
RULE_FORECAST_BAND = "D50-04"

FloatArray = npt.NDArray[np.float64]

HORIZONS_MONTHS = (3, 6, 12)
SLOPE_WINDOW_MONTHS = 12.0
MIN_RECORDS_FOR_D50 = 3

D50_BOUNDS = (1.0, 240.0)
DX_BOUNDS = (0.3, 30.0)
# Start values span the published range (D50 3-120, dx 1-10). They are only scored, not
# each optimised: the best-scoring start goes into a single least-squares fit, which keeps
# a fit well under a millisecond.
_START_D50 = np.array([3.0, 6.0, 12.0, 18.0, 24.0, 36.0, 48.0, 72.0, 96.0, 120.0])
_START_DX = np.array([1.0, 2.0, 4.0, 6.0, 10.0])
# One extra slot at the end of each grid column takes the start from the line fit.
_GRID_D50: FloatArray = np.append(np.repeat(_START_D50, _START_DX.size), 0.0)[:, None]
_GRID_DX: FloatArray = np.append(np.tile(_START_DX, _START_D50.size), 1.0)[:, None]

# D50-04: the band is the 5th-95th percentile (a 90% range) of simulated totals. The
# random draws are made once with a fixed seed, so the same records always give the same
# band, on every machine and in every test.
BAND_LOW_PERCENTILE = 5.0
BAND_HIGH_PERCENTILE = 95.0
# 401 draws put the 5th and 95th percentiles exactly on draws 20 and 380 (of 0-400), so
# a partial sort finds them without interpolation.
_N_DRAWS = 401
_LOW_INDEX = round(BAND_LOW_PERCENTILE / 100 * (_N_DRAWS - 1))
_HIGH_INDEX = round(BAND_HIGH_PERCENTILE / 100 * (_N_DRAWS - 1))
_DRAWS: FloatArray = np.random.default_rng(20_150_101).standard_normal((_N_DRAWS, 3))
# Our heuristic: ALSFRS-R varies by a point or more between visits for reasons other than
# disease, so a fit that happens to pass exactly through few points must not claim a
# near-zero spread.
MIN_RESIDUAL_SD = 1.0

# D50-02: the straight-line fallback's band. Real decline speeds up and slows down, so
# the line's rate is allowed to be half to double the average rate, plus 3 points.
LINEAR_RATE_LOW_FACTOR = 0.5
LINEAR_RATE_HIGH_FACTOR = 2.0
LINEAR_EXTRA_POINTS = 3.0


@dataclass(frozen=True)
class D50Fit:
    d50: float  # months from onset to a total of 24
    dx: float  # months; larger is a slower, more drawn-out decline
    residual_sd: float  # points; spread of the records around the curve
    covariance: tuple[tuple[float, float], tuple[float, float]]  # of (d50, dx)
    n_records: int

    @property
    def se_d50(self) -> float:
        return math.sqrt(max(self.covariance[0][0], 0.0))

    @property
    def se_dx(self) -> float:
        return math.sqrt(max(self.covariance[1][1], 0.0))

    def predict(self, months_since_onset: float) -> float:
        return float(_sigmoid(np.array([months_since_onset]), self.d50, self.dx)[0])


@dataclass(frozen=True)
class ForecastPoint:
    months_ahead: int
    total: float
    low: float
    high: float


@dataclass(frozen=True)
class Model:
    kind: Literal["d50", "linear"]
    d50_months: float | None
    dx_months: float | None
    rd50: float | None  # months since onset today / D50: the share of the way to D50
    forecast: list[ForecastPoint]
    note: Message
    rules: tuple[str, ...] = ()


def _sigmoid(t: FloatArray, d50: float | FloatArray, dx: float | FloatArray) -> FloatArray:
    # expit(-z) = 1 / (1 + exp(z)) without overflow when dx is tiny or t is far from D50.
    result: FloatArray = MAX_TOTAL * expit(-(t - d50) / dx)
    return result


def _jacobian(t: FloatArray, d50: float, dx: float) -> FloatArray:
    z = (t - d50) / dx
    s = expit(-z)
    result: FloatArray = np.empty((t.size, 2))
    result[:, 0] = MAX_TOTAL * s * (1.0 - s) / dx  # d total / d D50
    result[:, 1] = result[:, 0] * z  # d total / d dx
    return result


def _linear_slope(x: FloatArray, y: FloatArray) -> tuple[float, float] | None:
    """Least-squares slope and intercept, or None when all x are equal."""
    x_mean = float(x.sum()) / x.size
    y_mean = float(y.sum()) / y.size
    dx = x - x_mean
    ss = float(dx @ dx)
    if ss <= 0.0:
        return None
    slope = float(dx @ (y - y_mean)) / ss
    return slope, y_mean - slope * x_mean


def slope_per_month(points: Sequence[tuple[date, int]], as_of: date) -> float | None:
    """Least-squares slope of the total, points a month, over the 12 months up to `as_of`.

    SLOPE-01. Negative means decline. None when fewer than two records (on different
    days) fall in the window.
    """
    recent = [
        (months_between(as_of, day), float(total))
        for day, total in points
        if 0.0 <= months_between(day, as_of) <= SLOPE_WINDOW_MONTHS
    ]
    if len(recent) < 2:
        return None
    x = np.array([m for m, _ in recent])
    y = np.array([total for _, total in recent])
    fitted = _linear_slope(x, y)
    return None if fitted is None else fitted[0]


def _start_value(t: FloatArray, y: FloatArray) -> tuple[float, float]:
    """The start (D50, dx) with the smallest squared error among a grid and a line fit."""
    candidates_d50 = _GRID_D50.copy()
    candidates_dx = _GRID_DX.copy()
    # logit(48 / y - 1) = (t - D50) / dx is a straight line in t: fitting it gives a start
    # close to the answer for most records. Totals of 0 or 48 are pulled in by half a
    # point so the logarithm stays finite. A rising line has no sigmoid start: the last
    # grid slot then repeats a grid point.
    clipped = np.clip(y, 0.5, MAX_TOTAL - 0.5)
    line = _linear_slope(t, np.log(MAX_TOTAL / clipped - 1.0))
    if line is not None and line[0] > 0.0:
        candidates_dx[-1, 0] = min(max(1.0 / line[0], DX_BOUNDS[0]), DX_BOUNDS[1])
        candidates_d50[-1, 0] = min(max(-line[1] / line[0], D50_BOUNDS[0]), D50_BOUNDS[1])
    else:
        candidates_d50[-1, 0], candidates_dx[-1, 0] = _START_D50[0], _START_DX[0]
    errors = _sigmoid(t[None, :], candidates_d50, candidates_dx) - y
    best = int(np.argmin(np.einsum("ij,ij->i", errors, errors)))
    return float(candidates_d50[best, 0]), float(candidates_dx[best, 0])


def _in_bounds(d50: float, dx: float) -> bool:
    return D50_BOUNDS[0] <= d50 <= D50_BOUNDS[1] and DX_BOUNDS[0] <= dx <= DX_BOUNDS[1]


def _sse(t: FloatArray, y: FloatArray, d50: float, dx: float) -> float:
    residuals = y - _sigmoid(t, d50, dx)
    return float(residuals @ residuals)


def _fit_edge(
    t: FloatArray, y: FloatArray, fixed: int, value: float, start: tuple[float, float]
) -> tuple[float, float] | None:
    """Best fit with parameter `fixed` (0 = D50, 1 = dx) held at a bound, the other free."""
    free = 1 - fixed
    low, high = (D50_BOUNDS, DX_BOUNDS)[free]

    def both(free_value: float) -> tuple[float, float]:
        return (value, free_value) if fixed == 0 else (free_value, value)

    def model(times: FloatArray, free_value: float) -> FloatArray:
        return _sigmoid(times, *both(free_value))

    def jacobian(times: FloatArray, free_value: float) -> FloatArray:
        return _jacobian(times, *both(free_value))[:, free : free + 1]

    try:
        params, _ = curve_fit(
            model,
            t,
            y,
            p0=(min(max(start[free], low), high),),
            jac=jacobian,
            method="lm",
            check_finite=False,
        )
    except (RuntimeError, ValueError):
        return None
    if not math.isfinite(float(params[0])):
        return None
    # Past the end of its own range the best point on this edge is the corner.
    return both(min(max(float(params[0]), low), high))


def _least_squares(
    t: FloatArray, y: FloatArray, start: tuple[float, float]
) -> tuple[float, float] | None:
    """Fit (D50, dx) within the bounds; None if the fit fails.

    The unbounded Levenberg-Marquardt fit is several times faster than SciPy's bounded
    trust-region fit. When its answer lies inside the bounds it is the bounded answer too.
    When it lands outside (records still near 48, so D50 and dx run off together), the
    bounded answer lies on the edge it crossed: each crossed edge is fitted in one
    dimension with the other parameter held at its bound, and the edge point with the
    smallest squared error wins. The bounded trust-region fit is kept for the rare case
    where the unbounded fit raises.
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", OptimizeWarning)
        try:
            params, _ = curve_fit(
                _sigmoid, t, y, p0=start, jac=_jacobian, method="lm", check_finite=False
            )
        except (RuntimeError, ValueError):
            params = None
        if params is not None and np.all(np.isfinite(params)):
            d50, dx = float(params[0]), float(params[1])
            if _in_bounds(d50, dx):
                return d50, dx
            edges = [
                (index, bound)
                for index, value, bounds in ((0, d50, D50_BOUNDS), (1, dx, DX_BOUNDS))
                for bound in bounds
                if (value < bound if bound == bounds[0] else value > bound)
            ]
            candidates = [_fit_edge(t, y, index, bound, start) for index, bound in edges]
            found = [c for c in candidates if c is not None]
            if found:
                return min(found, key=lambda c: _sse(t, y, *c))
        try:
            params, _ = curve_fit(
                _sigmoid,
                t,
                y,
                p0=start,
                jac=_jacobian,
                bounds=((D50_BOUNDS[0], DX_BOUNDS[0]), (D50_BOUNDS[1], DX_BOUNDS[1])),
                method="trf",
            )
        except (RuntimeError, ValueError):
            return None
    return float(params[0]), float(params[1])


def _covariance(t: FloatArray, d50: float, dx: float, variance: float) -> FloatArray | None:
    """Covariance of (D50, dx): variance x inverse of J'J at the fit, as curve_fit does.

    None when J'J is singular: the records then cannot pin the curve down (for example
    every total is 48), and any band drawn from it would be meaningless. The 2 x 2
    inverse is written out because LAPACK's call overhead dwarfs the arithmetic.
    """
    jacobian = _jacobian(t, d50, dx)
    a = float(jacobian[:, 0] @ jacobian[:, 0])
    b = float(jacobian[:, 0] @ jacobian[:, 1])
    c = float(jacobian[:, 1] @ jacobian[:, 1])
    determinant = a * c - b * b
    # Relative test: a determinant this small against a * c means the two columns are
    # parallel to within rounding error.
    if not (a > 0.0 and c > 0.0 and determinant > 1e-12 * a * c):
        return None
    return np.array([[c, -b], [-b, a]]) * (variance / determinant)


def fit_d50(onset: date, points: Sequence[tuple[date, int]]) -> D50Fit | None:
    """Fit the D50 sigmoid to (date, total) records (D50-01).

    None with fewer than three records, records all on one day, or a failed fit.
    """
    if len(points) < MIN_RECORDS_FOR_D50:
        return None
    t = np.array([months_between(onset, day) for day, _ in points])
    y = np.array([float(total) for _, total in points])
    if float(np.ptp(t)) <= 0.0:
        return None
    fitted = _least_squares(t, y, _start_value(t, y))
    if fitted is None:
        return None
    d50, dx = fitted
    residual_sd = math.sqrt(_sse(t, y, d50, dx) / (len(points) - 2))
    cov = _covariance(t, d50, dx, residual_sd**2)
    if cov is None or not (np.all(np.isfinite(cov)) and math.isfinite(residual_sd)):
        return None
    return D50Fit(
        d50=d50,
        dx=dx,
        residual_sd=residual_sd,
        covariance=(
            (float(cov[0, 0]), float(cov[0, 1])),
            (float(cov[1, 0]), float(cov[1, 1])),
        ),
        n_records=len(points),
    )


def _clip_total(value: float) -> float:
    return min(max(value, 0.0), float(MAX_TOTAL))


def _point(months_ahead: int, total: float, low: float, high: float) -> ForecastPoint:
    total = _clip_total(total)
    return ForecastPoint(
        months_ahead=months_ahead,
        total=total,
        low=min(_clip_total(low), total),
        high=max(_clip_total(high), total),
    )


def _d50_forecast(fit: D50Fit, t_now: float) -> list[ForecastPoint]:
    """D50-04: totals at each horizon with a band from parameter and record spread.

    Parameter draws come from the fit's covariance, are kept within the fit's bounds, and
    each simulated total gets record-level noise of the residual SD (at least
    MIN_RESIDUAL_SD). The band is the 5th to 95th percentile of the simulated totals.
    """
    # Cholesky factor of the 2 x 2 covariance, written out; a tiny negative pivot from
    # rounding is treated as zero spread in that direction.
    (var_d50, cov_both), (_, var_dx) = fit.covariance
    sd_d50 = math.sqrt(max(var_d50, 0.0))
    slope = cov_both / sd_d50 if sd_d50 > 0.0 else 0.0
    rest = math.sqrt(max(var_dx - slope * slope, 0.0))
    d50s = np.clip(fit.d50 + sd_d50 * _DRAWS[:, 0], *D50_BOUNDS)
    dxs = np.clip(fit.dx + slope * _DRAWS[:, 0] + rest * _DRAWS[:, 1], *DX_BOUNDS)
    t = t_now + np.array(HORIZONS_MONTHS, dtype=float)
    noise_sd = max(fit.residual_sd, MIN_RESIDUAL_SD)
    simulated = _sigmoid(t[None, :], d50s[:, None], dxs[:, None])
    simulated += noise_sd * _DRAWS[:, 2:3]
    ranked = np.partition(simulated, (_LOW_INDEX, _HIGH_INDEX), axis=0)
    low, high = ranked[_LOW_INDEX], ranked[_HIGH_INDEX]
    central = _sigmoid(t, fit.d50, fit.dx)
    return [
        _point(h, float(central[i]), float(low[i]), float(high[i]))
        for i, h in enumerate(HORIZONS_MONTHS)
    ]


def _linear_forecast(
    onset: date, last_day: date, last_total: int, as_of: date
) -> tuple[float, list[ForecastPoint]]:
    rate = progression_rate(last_total, onset, last_day)
    since_last = max(months_between(last_day, as_of), 0.0)
    points = []
    for h in HORIZONS_MONTHS:
        months = since_last + h
        points.append(
            _point(
                h,
                last_total - rate * months,
                last_total - rate * LINEAR_RATE_HIGH_FACTOR * months - LINEAR_EXTRA_POINTS,
                last_total - rate * LINEAR_RATE_LOW_FACTOR * months + LINEAR_EXTRA_POINTS,
            )
        )
    return rate, points


def forecast(onset: date, points: Sequence[tuple[date, int]], as_of: date) -> Model:
    """Forecast the total 3, 6 and 12 months after `as_of`, with a band and a note.

    With three or more records, the D50 sigmoid (D50-01, band D50-04, rD50 D50-03);
    otherwise, or if the fit fails, a rough straight line from ΔFS (D50-02).
    """
    if not points:
        raise AlsfrsError(Message(gettext_noop("no assessments: give at least one")))
    ordered = sorted(points, key=lambda point: point[0])
    fit = fit_d50(onset, ordered)
    if fit is not None:
        t_now = months_between(onset, as_of)
        return Model(
            kind="d50",
            d50_months=fit.d50,
            dx_months=fit.dx,
            rd50=t_now / fit.d50,
            forecast=_d50_forecast(fit, t_now),
            note=Message(
                gettext_noop(
                    "Estimated with the D50 model from {count} assessments: about {d50} "
                    "months from first symptoms to half of full function. This is a "
                    "forecast, not a promise; the range shows where the score is likely "
                    "to be."
                ),
                {"count": fit.n_records, "d50": round(fit.d50)},
            ),
            rules=(RULE_D50_MODEL, RULE_RD50, RULE_FORECAST_BAND),
        )
    last_day, last_total = ordered[-1]
    rate, line = _linear_forecast(onset, last_day, last_total, as_of)
    if len(ordered) < MIN_RECORDS_FOR_D50:
        text = gettext_noop(
            "Rough linear estimate only: it assumes the average loss since first symptoms "
            "({rate} points a month) simply continues. Real decline is rarely a straight "
            "line, so the range is wide. After three assessments a better model is used."
        )
    else:
        text = gettext_noop(
            "Rough linear estimate only: the D50 model could not be fitted to these "
            "assessments, so this assumes the average loss since first symptoms ({rate} "
            "points a month) simply continues. The range is wide on purpose."
        )
    return Model(
        kind="linear",
        d50_months=None,
        dx_months=None,
        rd50=None,
        forecast=line,
        note=Message(text, {"rate": round(rate, 2)}),
        rules=(RULE_D50_FALLBACK,),
    )
