"""The server-side SVG charts: well formed, labelled, escaped, readable, not colour-only."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

import pytest

from alsmove.charts.svg import (
    CHAR_W,
    LEVEL_FILLS,
    Band,
    Series,
    bar_chart,
    calendar_heatmap,
    line_chart,
)

NS = "{http://www.w3.org/2000/svg}"
WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
LEVELS = ["none", "some", "all"]
START = date(2025, 7, 14)
LINE_STYLES = ("observed", "fitted", "forecast")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def child(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.find(NS + tag)
    assert found is not None, tag
    return found


def find(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(NS + tag))


def by_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def progression(**overrides: object) -> str:
    observed = [(START + timedelta(days=39 * i), 40.0 - i) for i in range(8)]
    fitted = [(START + timedelta(days=14 * i), 40.5 - i * 0.36) for i in range(20)]
    today = START + timedelta(days=274)
    forecast = [
        (today, 33.0),
        (today + timedelta(days=91), 31.0),
        (today + timedelta(days=365), 27.0),
    ]
    band = [(today, 33.0, 33.0), (today + timedelta(days=91), 29.0, 32.0)]
    band.append((today + timedelta(days=365), 22.0, 30.0))
    args: dict[str, object] = {
        "id_prefix": "prog",
        "title": "ALSFRS-R total",
        "description": "Eight totals falling from 40 to 33.",
        "series": [
            Series("Scores", observed, "observed"),
            Series("Fitted", fitted, "fitted"),
            Series("Forecast", forecast, "forecast"),
        ],
        "band": Band("Likely range", band),
        "today": today,
        "today_label": "Today",
        "y_label": "Total",
    }
    args.update(overrides)
    return line_chart(**args)  # type: ignore[arg-type]


def heatmap(start: date = date(2025, 10, 1), end: date = date(2026, 3, 31), **kw: object) -> str:
    days = {start + timedelta(days=i): i % 3 for i in range((end - start).days + 1)}
    args: dict[str, object] = {
        "id_prefix": "heat",
        "title": "Exercise days",
        "description": "Most days done.",
        "days": days,
        "start": start,
        "end": end,
        "levels": LEVELS,
        "weekday_names": WEEKDAYS,
    }
    args.update(kw)
    return calendar_heatmap(**args)  # type: ignore[arg-type]


def bars(**kw: object) -> str:
    args: dict[str, object] = {
        "id_prefix": "bars",
        "title": "Sessions per week",
        "description": "Between 0 and 7 a week.",
        "bars": [(f"{d} Mar", float(d % 8)) for d in range(1, 13)],
        "y_max": 7,
        "y_label": "Sessions",
    }
    args.update(kw)
    return bar_chart(**args)  # type: ignore[arg-type]


ALL_CHARTS = [progression, heatmap, bars]


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_every_chart_is_well_formed_svg_labelled_by_its_own_title_and_desc(
    make: Callable[[], str],
) -> None:
    root = parse(make())
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    assert root.get("width") is None and root.get("height") is None
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert child(root, "title").get("id") == title_id
    assert child(root, "desc").get("id") == desc_id


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_no_chart_has_an_inline_style_so_a_strict_csp_allows_it(make: Callable[[], str]) -> None:
    svg = make()
    assert "style=" not in svg
    assert "<style" not in svg


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_the_same_input_gives_the_same_string(make: Callable[[], str]) -> None:
    assert make() == make()


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_every_id_is_unique_and_starts_with_the_callers_prefix(make: Callable[[], str]) -> None:
    root = parse(make())
    ids = [e.get("id", "") for e in root.iter() if e.get("id")]
    prefix = child(root, "title").get("id", "").removesuffix("title")
    assert len(ids) == len(set(ids))
    assert all(i.startswith(prefix) for i in ids)


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_text_is_at_least_12_units_at_600_wide_and_dark_enough_to_read(
    make: Callable[[], str],
) -> None:
    root = parse(make())
    view_width = float(root.get("viewBox", "").split()[2])
    texts = find(root, "text")
    assert texts
    for text in texts:
        assert float(text.get("font-size", "0")) * 600 / view_width >= 12
        assert contrast(text.get("fill", ""), "#ffffff") >= 4.5


def test_each_series_style_is_drawn_differently_from_the_others() -> None:
    root = parse(progression())
    groups = {s: by_class(root, f"chart-{s}")[0] for s in LINE_STYLES}
    observed, fitted, forecast = groups.values()
    lines = {s: child(g, "polyline") for s, g in groups.items()}
    assert lines["observed"].get("stroke-dasharray") is None
    assert lines["fitted"].get("stroke-dasharray")
    assert lines["forecast"].get("stroke-dasharray")
    assert lines["fitted"].get("stroke-dasharray") != lines["forecast"].get("stroke-dasharray")
    assert len({line.get("stroke") for line in lines.values()}) == 3
    observed_marks = find(observed, "circle")
    assert len(observed_marks) == 8
    assert all(m.get("fill") == lines["observed"].get("stroke") for m in observed_marks)
    forecast_marks = find(forecast, "circle")
    assert len(forecast_marks) == 3
    assert all(m.get("fill") == "#ffffff" for m in forecast_marks)  # hollow
    assert not find(fitted, "circle")
    for line in lines.values():
        assert contrast(line.get("stroke", ""), "#ffffff") >= 3


def test_the_band_is_a_hatched_polygon_with_a_visible_outline() -> None:
    root = parse(progression())
    (band,) = by_class(root, "chart-band")
    assert band.tag == NS + "polygon"
    assert len(band.get("points", "").split()) == 6
    assert band.get("fill") == "url(#prog-hatch)"
    assert contrast(band.get("stroke", ""), "#ffffff") >= 3
    assert root.find(f".//{NS}pattern[@id='prog-hatch']") is not None


def test_the_legend_names_every_series_and_the_band() -> None:
    root = parse(progression())
    legend = [t.text for g in by_class(root, "chart-legend-item") for t in find(g, "text")]
    assert legend == ["Scores", "Fitted", "Forecast", "Likely range"]


def test_today_gets_a_line_and_its_label() -> None:
    root = parse(progression())
    (line,) = by_class(root, "chart-today")
    (label,) = by_class(root, "chart-today-label")
    assert label.text == "Today"
    assert abs(float(label.get("x", "0")) - float(line.get("x1", "0"))) <= 8


def test_caller_strings_are_escaped_everywhere() -> None:
    evil = '<script>alert("x")</script> & co'
    svgs = [
        progression(title=evil, description=evil, y_label=evil, today_label=evil),
        progression(series=[Series(evil, [(START, 30.0)], "observed")], band=Band(evil, [])),
        heatmap(title=evil, levels=[evil, evil, evil], weekday_names=[evil] * 7),
        bars(title=evil, bars=[(evil, 3.0)], y_label=evil),
    ]
    for svg in svgs:
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg
        root = parse(svg)  # and the parsed text is the caller's string, unchanged
        assert child(root, "title").text in (evil, "ALSFRS-R total")
        assert any(evil in (e.text or "") for e in root.iter() if e.tag != NS + "title")


def test_an_id_prefix_that_is_not_a_plain_name_is_refused() -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        progression(id_prefix='x" onload="alert(1)')


def test_a_single_point_is_drawn_and_does_not_crash() -> None:
    root = parse(progression(series=[Series("Scores", [(START, 38.0)], "observed")], band=None))
    assert len(find(by_class(root, "chart-observed")[0], "circle")) == 1
    fitted = Series("Fitted", [(START, 38.0)], "fitted")
    root = parse(progression(series=[fitted], band=Band("Range", [(START, 35.0, 40.0)])))
    assert find(by_class(root, "chart-fitted")[0], "rect")
    (band,) = by_class(root, "chart-band")
    assert len(band.get("points", "").split()) == 4  # a narrow bar from low to high


def test_an_empty_chart_draws_its_axes_and_shows_the_description() -> None:
    for svg in (
        progression(series=[], band=None, today=None),
        progression(series=[Series("Scores", [], "observed")], band=None),
        bars(bars=[]),
    ):
        root = parse(svg)
        assert len(find(root, "line")) >= 2
        note = " ".join(t.text or "" for t in by_class(root, "chart-note"))
        assert note == child(root, "desc").text
        assert not by_class(root, "chart-today")  # no date to point at


def tick_labels(root: ET.Element) -> list[tuple[float, str, float]]:
    return [
        (float(t.get("x", "0")), t.text or "", float(t.get("font-size", "0")))
        for t in by_class(root, "chart-x-tick")
    ]


@pytest.mark.parametrize("days", [3, 40, 270, 3 * 365, 10 * 365])
@pytest.mark.parametrize("width", [360, 640, 1000])
def test_x_tick_labels_never_overlap_whatever_the_span_and_width(days: int, width: int) -> None:
    pts = [(START + timedelta(days=round(days * i / 9)), 40.0 - i) for i in range(10)]
    svg = line_chart(
        id_prefix="span",
        title="t",
        description="d",
        series=[Series("s", pts, "observed")],
        width=width,
    )
    ticks = tick_labels(parse(svg))
    assert len(ticks) >= 2
    for (x1, text1, size), (x2, text2, _) in pairwise(ticks):
        room = (len(text1) + len(text2)) / 2 * size * CHAR_W
        assert x2 - x1 >= room + size / 4, (text1, text2)
    for x, text, size in ticks:
        half = len(text) * size * CHAR_W / 2
        assert half <= x <= width - half


def test_three_years_get_month_start_ticks_with_the_year() -> None:
    pts = [(START + timedelta(days=120 * i), 40.0 - i) for i in range(10)]
    svg = line_chart(
        id_prefix="y3", title="t", description="d", series=[Series("s", pts, "observed")]
    )
    labels = [text for _, text, _ in tick_labels(parse(svg))]
    assert labels and all(re.fullmatch(r"[A-Z][a-z]{2} 20\d\d", text) for text in labels)


def test_a_span_of_days_gets_day_ticks_in_the_callers_month_names() -> None:
    pts = [(date(2026, 3, 3) + timedelta(days=i), 30.0) for i in range(6)]
    names = [f"M{i}" for i in range(1, 13)]
    svg = line_chart(
        id_prefix="d",
        title="t",
        description="d",
        series=[Series("s", pts, "observed")],
        month_names=names,
    )
    labels = [text for _, text, _ in tick_labels(parse(svg))]
    assert "3 M3" in labels


def cells(root: ET.Element) -> list[ET.Element]:
    return by_class(root, "chart-day")


def test_the_heatmap_has_one_cell_per_day_each_with_its_own_title() -> None:
    root = parse(heatmap())
    days = cells(root)
    assert len(days) == (date(2026, 3, 31) - date(2025, 10, 1)).days + 1
    titles = [child(d, "title").text for d in days]
    assert titles[0] == "We 1 Oct 2025: none"
    assert titles[1] == "Th 2 Oct 2025: some"
    assert len(set(titles)) == len(titles)


def test_heatmap_levels_differ_in_shape_not_only_in_colour() -> None:
    root = parse(heatmap())
    by_level: dict[str, tuple[str, int]] = {}
    for cell in cells(root):
        level = (child(cell, "title").text or "").rsplit(": ", 1)[1]
        by_level[level] = (child(cell, "rect").get("fill", ""), len(find(cell, "circle")))
    assert by_level["none"] == ("#ffffff", 0)  # an empty outline
    assert by_level["some"][1] == 1  # a dot
    assert by_level["all"][1] == 0 and by_level["all"][0] != by_level["some"][0]  # filled
    assert contrast(by_level["all"][0], by_level["some"][0]) >= 3


@pytest.mark.parametrize("n", sorted(LEVEL_FILLS))
def test_every_palette_goes_light_to_dark_and_each_level_looks_different(n: int) -> None:
    fills = LEVEL_FILLS[n]
    assert [luminance(f) for f in fills] == sorted((luminance(f) for f in fills), reverse=True)
    levels = [f"L{k}" for k in range(n)]
    svg = heatmap(date(2026, 1, 5), date(2026, 1, 11), levels=levels)
    looks = [
        (child(g, "rect").get("fill"), tuple(c.get("r") for c in find(g, "circle")))
        for g in by_class(parse(svg), "chart-legend-item")
    ]
    assert len(set(looks)) == n


def test_the_heatmap_legend_names_each_level() -> None:
    root = parse(heatmap())
    legend = [t.text for g in by_class(root, "chart-legend-item") for t in find(g, "text")]
    assert legend == LEVELS


def test_a_year_long_heatmap_wraps_into_rows_and_stays_readable() -> None:
    root = parse(heatmap(date(2025, 1, 1), date(2025, 12, 31)))
    assert float(root.get("viewBox", "").split()[2]) <= 700
    assert len(cells(root)) == 365
    assert len(by_class(root, "chart-weekday")) == 14


def test_heatmap_month_labels_do_not_overlap_and_name_the_first_month() -> None:
    root = parse(heatmap(date(2025, 10, 20), date(2026, 4, 15)))
    months = [(float(t.get("x", "0")), t.text or "") for t in by_class(root, "chart-month")]
    assert months[0][1] == "Oct"
    assert months[1][1] == "Nov 2025"
    assert "Jan 2026" in [text for _, text in months]
    for (x1, text1), (x2, _) in pairwise(months):
        assert x2 >= x1 + len(text1) * 14 * CHAR_W


def test_heatmap_values_out_of_range_are_clamped_and_missing_days_count_as_zero() -> None:
    svg = heatmap(date(2026, 1, 5), date(2026, 1, 7), days={date(2026, 1, 5): 9})
    titles = [child(c, "title").text for c in cells(parse(svg))]
    assert titles == ["Mo 5 Jan 2026: all", "Tu 6 Jan 2026: none", "We 7 Jan 2026: none"]


def test_the_bar_chart_draws_each_bar_with_its_value_on_top() -> None:
    root = parse(bars())
    groups = by_class(root, "chart-bar")
    assert len(groups) == 12
    values = [child(g, "text").text for g in groups]
    assert values == [str(d % 8) for d in range(1, 13)]
    for g in groups:
        rect, value = child(g, "rect"), child(g, "text")
        assert float(value.get("y", "0")) < float(rect.get("y", "0"))


def test_bar_values_use_the_callers_format_and_tall_bars_stop_at_the_top() -> None:
    root = parse(bars(bars=[("Pain", 2.25), ("Fatigue", 12.0)], y_max=10, value_format="{:.1f}"))
    values = [t.text for t in by_class(root, "chart-value")]
    assert values == ["2.2", "12.0"]
    heights = [float(r.get("height", "0")) for r in find(root, "rect")]
    assert max(heights) <= 360


def test_crowded_bar_labels_wrap_onto_two_lines_or_thin_out() -> None:
    many = [(f"Week {i}", 3.0) for i in range(1, 31)]
    root = parse(bars(bars=many))
    ticks = [(float(t.get("x", "0")), t.text or "") for t in by_class(root, "chart-x-tick")]
    xs = sorted({x for x, _ in ticks})
    assert len(xs) < 30
    widest = max(len(text) for _, text in ticks) * 14 * CHAR_W
    assert all(b - a >= widest for a, b in pairwise(xs))


@pytest.mark.parametrize(("first", "step"), [(date(2025, 12, 1), 40), (date(2025, 9, 1), 7)])
def test_long_translated_month_names_stay_inside_the_chart_and_apart(
    first: date, step: int
) -> None:
    names = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
    month_names = [*names.split(), "diciembre"]
    pts = [(first + timedelta(days=step * i), 40.0 - i) for i in range(10)]
    series = [Series("s", pts, "observed")]
    svg = line_chart(
        id_prefix="es", title="t", description="d", series=series, month_names=month_names
    )
    ticks = tick_labels(parse(svg))
    assert ticks
    assert all(text.split()[0] in month_names for _, text, _ in ticks)
    for x, text, size in ticks:
        half = len(text) * size * CHAR_W / 2
        assert half <= x <= 640 - half
    for (x1, text1, size), (x2, text2, _) in pairwise(ticks):
        assert x2 - x1 >= (len(text1) + len(text2)) / 2 * size * CHAR_W
