"""Writes an HTML sheet of the three charts with made-up data, for a look in a browser.

Not a test (pytest collects test_*.py only). Run it, then screenshot the page:

    .venv/bin/python tests/charts/render_chart_sheet.py /tmp/charts.html
    chromium --headless --no-sandbox --disable-gpu --screenshot=/tmp/charts.png \
        --window-size=1300,1400 file:///tmp/charts.html
"""

from __future__ import annotations

import math
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from alsmove.charts.svg import Band, Series, bar_chart, calendar_heatmap, line_chart

TODAY = date(2026, 4, 15)
FIRST = date(2025, 7, 14)
TOTALS = (40, 39, 39, 37, 36, 35, 34, 33)
D50, DX = 31.64, 10.96  # months since onset, fitted to the totals below
ONSET_TO_FIRST = 14.0


def fitted_total(months_from_first: float) -> float:
    t = months_from_first + ONSET_TO_FIRST
    return 48 / (1 + math.exp((t - D50) / DX))


def month_offset(d: date) -> float:
    return (d - FIRST).days / 30.44


def progression_chart() -> str:
    observed = [
        (FIRST + timedelta(days=round(i * 9 * 30.44 / 7)), float(v)) for i, v in enumerate(TOTALS)
    ]
    fitted = [
        (FIRST + timedelta(weeks=w), fitted_total(month_offset(FIRST + timedelta(weeks=w))))
        for w in range(0, 40, 2)
    ]
    now = fitted_total(month_offset(TODAY))
    ahead = [(TODAY + timedelta(days=round(m * 30.44)), m) for m in (3, 6, 12)]
    forecast = [(TODAY, now)] + [(d, fitted_total(month_offset(d))) for d, _ in ahead]
    band = [(TODAY, now, now)] + [
        (d, fitted_total(month_offset(d)) - 0.8 * m, fitted_total(month_offset(d)) + 0.6 * m)
        for d, m in ahead
    ]
    return line_chart(
        id_prefix="alsfrs",
        title="ALSFRS-R total over time",
        description="Eight assessments from July 2025 to April 2026, falling from 40 to 33; "
        "the fitted curve and forecast continue the fall to about 28 in April 2027.",
        series=[
            Series("Your scores", observed, "observed"),
            Series("Fitted curve", fitted, "fitted"),
            Series("Forecast", forecast, "forecast"),
        ],
        band=Band("Likely range", band),
        y_min=0,
        y_max=48,
        y_ticks=[0, 12, 24, 36, 48],
        y_label="ALSFRS-R total (0 to 48)",
        today=TODAY,
        today_label="Today",
        width=800,
        height=420,
    )


def heatmap() -> str:
    start, end = date(2025, 10, 20), TODAY
    days = {}
    d = start
    while d <= end:
        n = (d.toordinal() * 7919) % 11
        days[d] = 0 if n < 3 else 1 if n < 6 else 2
        d += timedelta(days=1)
    return calendar_heatmap(
        id_prefix="adherence",
        title="Exercise days, last six months",
        description="Most days have at least part of the routine done.",
        days=days,
        start=start,
        end=end,
        levels=["Nothing done", "Part of the routine", "Whole routine"],
        weekday_names=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    )


def bars() -> str:
    counts = (5, 6, 4, 5, 7, 3, 0, 4, 5, 6, 5, 4)
    monday = TODAY - timedelta(days=TODAY.weekday() + 7 * 11)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    data = []
    for i, c in enumerate(counts):
        d = monday + timedelta(weeks=i)
        data.append((f"{d.day} {months[d.month - 1]}", float(c)))
    return bar_chart(
        id_prefix="weekly",
        title="Sessions per week, last 12 weeks",
        description="Between 0 and 7 sessions a week; none in the week of 23 February.",
        bars=data,
        y_max=7,
        y_label="Sessions (week starting)",
    )


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Charts</title>
<style>
body {{ font-family: system-ui, sans-serif; color: #1f2937; margin: 24px; }}
.row {{ display: flex; gap: 32px; align-items: flex-start; margin-bottom: 28px; }}
.chart {{ display: block; }}
.chart-line-chart {{ width: 800px; }}
.chart-heatmap {{ width: 680px; }}
.chart-bar-chart {{ width: 640px; }}
h2 {{ font-size: 20px; margin: 0 0 8px; }}
</style></head><body>
<h2>(a) Progression</h2><div class="row">{line}</div>
<h2>(b) Adherence calendar</h2><div class="row">{heat}</div>
<h2>(c) Weekly sessions</h2><div class="row">{bars}</div>
</body></html>
"""


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "charts.html"
    out.write_text(PAGE.format(line=progression_chart(), heat=heatmap(), bars=bars()), "utf-8")
    print(out)


if __name__ == "__main__":
    main()
