"""Server-side SVG charts: a time line chart, a calendar heatmap and a bar chart.

Pure functions from plain data to an SVG string, the same on screen and in PDFs. Every
visible word comes from the caller, already translated, and is escaped here. No inline
styles (a strict CSP forbids them): presentation attributes only. Each chart has a
viewBox and no fixed size, role="img" and aria-labelledby naming its <title> and <desc>;
the page puts a data table beside it. Meaning never rests on colour alone: line styles,
markers and cell shapes differ too, and a legend inside the SVG names each.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from itertools import pairwise
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

TEXT = "#1f2937"  # 14.7:1 on white
AXIS = "#4b5563"  # 7.6:1
GRID = "#d1d5db"  # decorative only
OBSERVED = "#1d4ed8"  # 6.7:1
FITTED = "#7c2d12"  # 9.4:1
FORECAST = "#6b21a8"  # 8.7:1
BAND_FILL = "#c7d2fe"
BAND_EDGE = "#4338ca"  # 7.9:1, the band's visible outline and hatching
TODAY = "#111827"
EMPTY_EDGE = "#6b7280"  # 4.8:1, outline of an empty heatmap cell
DARK = "#172554"  # heatmap dots and the top level
# Light to dark, one palette per number of levels. With three levels each neighbour is
# >= 3:1 from the next; with four or five the dot size carries the difference as well.
LEVEL_FILLS: dict[int, tuple[str, ...]] = {
    1: ("#ffffff",),
    2: ("#ffffff", DARK),
    3: ("#ffffff", "#3b82f6", DARK),
    4: ("#ffffff", "#93c5fd", "#3b82f6", DARK),
    5: ("#ffffff", "#dbeafe", "#93c5fd", "#3b82f6", DARK),
}
DEFAULT_MONTHS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug")
DEFAULT_MONTHS += ("Sep", "Oct", "Nov", "Dec")
CHAR_W = 0.6  # a generous average glyph width, in ems, for laying out labels
FONT = "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif"
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_LINES: dict[str, tuple[str, str, float]] = {  # colour, dasharray, width
    "observed": (OBSERVED, "", 3.0),
    "fitted": (FITTED, "10 6", 2.5),
    "forecast": (FORECAST, "1 7", 3.5),
}


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[date, float]]
    style: Literal["observed", "fitted", "forecast"]


@dataclass(frozen=True)
class Band:
    name: str
    points: Sequence[tuple[date, float, float]]  # (date, low, high)


def _n(x: float) -> str:
    s = f"{x:.1f}".removesuffix(".0")
    return "0" if s == "-0" else s


def _w(s: str, size: float) -> float:
    return len(s) * size * CHAR_W


def _text(x: float, y: float, s: str, size: float, anchor: str = "start", cls: str = "") -> str:
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    a += f' class="{cls}"' if cls else ""
    a += ' font-weight="600"' if cls in ("chart-value", "chart-today-label") else ""
    xy = f'x="{_n(x)}" y="{_n(y)}"'
    return f'<text {xy} font-size="{_n(size)}" fill="{TEXT}"{a}>{escape(s)}</text>'


def _line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, w: float = 1, more: str = ""
) -> str:
    ends = f'x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
    return f'<line {ends} stroke="{stroke}" stroke-width="{_n(w)}"{more}/>'


def _svg(ids: str, kind: str, title: str, desc: str, w: float, h: float, body: list[str]) -> str:
    if not _ID.fullmatch(ids):
        raise ValueError(f"id_prefix must match {_ID.pattern}: {ids!r}")
    t, d = f"{ids}-title", f"{ids}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(w)} {_n(h)}" role="img" '
        f'class="chart chart-{kind}" aria-labelledby="{t} {d}" font-family={quoteattr(FONT)}>'
        f'\n<title id="{t}">{escape(title)}</title>\n<desc id="{d}">{escape(desc)}</desc>'
    )
    return "\n".join([head, *body, "</svg>"])


def _months(month_names: Sequence[str] | None) -> list[str]:
    months = list(month_names or DEFAULT_MONTHS)
    if len(months) != 12:
        raise ValueError("month_names needs twelve names, January first")
    return months


def _y_axis(
    ticks: Sequence[float], y_of: Callable[[float], float], box: tuple[float, ...], size: float
) -> list[str]:
    """Horizontal gridlines with their values, and the two axis lines."""
    left, top, right, bottom = box
    parts = []
    for t in ticks:
        parts.append(_line(left, y_of(t), right, y_of(t), GRID))
        parts.append(_text(left - 6, y_of(t) + size * 0.35, _n(t), size, "end", "chart-y-tick"))
    parts.append(_line(left, top, left, bottom, AXIS, 1.5))
    return [*parts, _line(left, bottom, right, bottom, AXIS, 1.5)]


def _two_lines(s: str) -> list[str]:
    """s split at the space that makes its two lines most even ("26 Jan" -> "26", "Jan")."""
    words = s.split()
    if len(words) < 2:
        return [s]
    i = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) * 2 - len(s)))
    return [" ".join(words[:i]), " ".join(words[i:])]


def _note(s: str, cx: float, cy: float, max_w: float, size: float) -> list[str]:
    """The description, wrapped and centred: what an empty chart shows instead of data."""
    lines = textwrap.wrap(s, max(1, int(max_w / (size * CHAR_W))), break_long_words=False)
    y0 = cy - (len(lines) - 1) * size * 0.65
    return [
        _text(cx, y0 + i * size * 1.3, t, size, "middle", "chart-note") for i, t in enumerate(lines)
    ]


Swatch = Callable[[float, float], str]  # draws a legend key centred vertically on y


def _legend(
    items: Sequence[tuple[str, Swatch]], x0: float, y0: float, max_w: float, size: float, key: float
) -> tuple[list[str], float]:
    """Legend entries in rows that wrap; returns the parts and the height used."""
    parts: list[str] = []
    x, row_h = x0, size * 1.7
    y = y0 + row_h / 2
    for label, swatch in items:
        item_w = key + 8 + _w(label, size)
        if x > x0 and x + item_w > x0 + max_w:
            x, y = x0, y + row_h
        parts.append('<g class="chart-legend-item">' + swatch(x, y))
        parts.append(_text(x + key + 8, y + size * 0.35, label, size) + "</g>")
        x += item_w + size * 1.6
    return parts, (y - y0 + row_h / 2) if items else 0.0


def _nice_ticks(lo: float, hi: float) -> list[float]:
    span = hi - lo
    for count in (5, 4, 6, 3, 7, 8, 2):  # an even split of the range reads best (0, 12, 24, 36, 48)
        step = span / count
        if abs(step - round(step)) < 1e-9 and step >= 1:
            return [lo + i * step for i in range(count + 1)]
    raw = span / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9)
    return [round(i * step, 10) for i in range(first, math.floor(hi / step + 1e-9) + 1)]


def _marker(style: str, x: float, y: float) -> str:
    c = f'cx="{_n(x)}" cy="{_n(y)}"'
    if style == "observed":
        return f'<circle {c} r="5.5" fill="{OBSERVED}" stroke="#ffffff" stroke-width="1.5"/>'
    if style == "forecast":
        return f'<circle {c} r="5.5" fill="#ffffff" stroke="{FORECAST}" stroke-width="2.5"/>'
    return f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8" fill="{FITTED}"/>'


def _stroke_attrs(style: str) -> str:
    colour, dash, width = _LINES[style]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    join = 'stroke-linecap="round" stroke-linejoin="round"'
    return f'fill="none" stroke="{colour}" stroke-width="{_n(width)}"{dash_attr} {join}'


def _key(style: str, x: float, y: float) -> str:
    """A legend key 36 wide: a line and its marker, or a patch of the band (style = hatch id)."""
    if style in _LINES:
        line = f'<polyline points="{_n(x)},{_n(y)} {_n(x + 36)},{_n(y)}" {_stroke_attrs(style)}/>'
        return line + (_marker(style, x + 18, y) if style != "fitted" else "")
    rect = f'<rect x="{_n(x)}" y="{_n(y - 8)}" width="36" height="16" fill="url(#{style})" '
    return rect + f'stroke="{BAND_EDGE}" stroke-width="1.5"/>'


def _x_ticks(
    lo: date, hi: date, x_of: Callable[[date], float], months: Sequence[str], size: float
) -> list[tuple[float, str]]:
    """Month starts ("Mar 2026"), thinned to every 2nd, 3rd, 6th... month until no two
    labels touch; spans too short for two month starts get day ticks ("3 Mar")."""
    days = [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]
    starts = [d for d in days if d.day == 1]
    if len(starts) >= 2:
        cands = [(d, f"{months[d.month - 1]} {d.year}", d.year * 12 + d.month - 1) for d in starts]
        steps: tuple[int, ...] = (1, 2, 3, 6, 12, 24, 60, 120, 240)
    else:
        cands = [(d, f"{d.day} {months[d.month - 1]}", i) for i, d in enumerate(days)]
        steps = (1, 2, 7, 14, 28)
    kept: list[tuple[float, str]] = []
    for step in steps:
        kept = [(x_of(d), label) for d, label, k in cands if k % step == 0]
        gaps = [b[0] - a[0] - (_w(a[1], size) + _w(b[1], size)) / 2 for a, b in pairwise(kept)]
        if all(g >= size / 2 for g in gaps):  # half a character between neighbours
            break
    return kept


def line_chart(
    *,
    id_prefix: str,
    title: str,
    description: str,
    series: Sequence[Series],
    band: Band | None = None,
    y_min: float = 0,
    y_max: float = 48,
    y_label: str = "",
    y_ticks: Sequence[float] | None = None,
    today: date | None = None,
    today_label: str = "",
    month_names: Sequence[str] | None = None,
    width: int = 640,
    height: int = 360,
) -> str:
    """Values over time: observed (solid, filled dots), fitted (dashed), forecast (dotted,
    hollow dots), an optional hatched band (low..high) and an optional "today" line."""
    if y_max <= y_min:
        raise ValueError("y_max must be greater than y_min")
    months = _months(month_names)
    fs = 14 * max(1.0, width / 640)  # at least 14 units per 640, whatever the width
    pad, hatch = fs * 0.75, f"{id_prefix}-hatch"
    ticks = [t for t in (y_ticks or _nice_ticks(y_min, y_max)) if y_min <= t <= y_max]
    lines = [(s, sorted(p for p in s.points if math.isfinite(p[1]))) for s in series]
    spans = sorted(p for p in band.points if all(map(math.isfinite, p[1:]))) if band else []
    points = [d for _, pts in lines for d, _ in pts] + [d for d, _, _ in spans]
    today = today if points else None  # an empty chart shows its description, not a date
    # Horizontal layout first: the x scale places today's label.
    left = pad + max([_w(_n(t), fs) for t in ticks] or [0]) + fs * 0.6
    right = width - max(pad, max(_w(f"{m} 2000", fs) for m in months) / 2 + 4)
    dates = points + ([today] if today else []) or [date(2000, 1, 1)]
    lo, hi = min(dates), max(dates)
    extra = max(0, 14 - (hi - lo).days)  # at least two weeks wide, the data centred
    lo, hi = lo - timedelta(days=extra // 2), hi + timedelta(days=extra - extra // 2)
    x0, x1 = left + 12, right - 12

    def x_of(d: date) -> float:
        return x0 + (d.toordinal() - lo.toordinal()) / (hi - lo).days * (x1 - x0)

    # Then from the top: legend, a row for the y label and today's label, plot, x labels.
    keys = [(s.name, s.style) for s in series] + ([(band.name, hatch)] if band else [])
    legend_items = [(name, partial(_key, style)) for name, style in keys]
    legend, legend_h = _legend(legend_items, pad, pad, width - 2 * pad, fs, 36)
    row_y = pad + legend_h + (fs * 1.6 if legend_h else fs)
    top, labels = row_y + fs * 0.8, []
    if y_label:
        labels.append(_text(pad, row_y, y_label, fs, cls="chart-y-label"))
    if today and today_label:
        tx, tw = x_of(today), _w(today_label, fs)
        anchor, lx = ("start", tx + 6) if tx + 6 + tw <= width - 4 else ("end", tx - 6)
        ty = row_y
        if y_label and lx - (tw if anchor == "end" else 0) < pad + _w(y_label, fs) + fs:
            ty, top = row_y + fs * 1.5, top + fs * 1.5  # one row lower, clear of the y label
        labels.append(_text(lx, ty, today_label, fs, anchor, "chart-today-label"))
    bottom = height - fs * 2.2
    if bottom - top < 60:
        raise ValueError("height is too small for the legend and labels")

    def y_of(v: float) -> float:
        return bottom - (v - y_min) / (y_max - y_min) * (bottom - top)

    defs = (
        f'<defs><pattern id="{hatch}" patternUnits="userSpaceOnUse" width="8" height="8" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{BAND_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{BAND_EDGE}" stroke-width="1.5"/></pattern>'
        f'<clipPath id="{id_prefix}-clip"><rect x="{_n(left)}" y="{_n(top - 8)}" '
        f'width="{_n(right - left + 8)}" height="{_n(bottom - top + 16)}"/></clipPath></defs>'
    )
    grid = ['<g class="chart-grid">']
    for x, label in _x_ticks(lo, hi, x_of, months, fs) if points else []:
        if _w(label, fs) / 2 <= x <= width - _w(label, fs) / 2:  # never past the edge
            grid.append(_line(x, top, x, bottom, "#e5e7eb") + _line(x, bottom, x, bottom + 5, AXIS))
            grid.append(_text(x, bottom + fs * 1.5, label, fs, "middle", "chart-x-tick"))
    grid += [*_y_axis(ticks, y_of, (left, top, right, bottom), fs), "</g>"]
    data = [f'<g clip-path="url(#{id_prefix}-clip)">']
    band_attrs = f'fill="url(#{hatch})" stroke="{BAND_EDGE}" stroke-width="1.5"'
    cols = [(x_of(d), y_of(lw), y_of(h)) for d, lw, h in spans]  # x, low, high
    if len(cols) == 1:  # one date: a bar 12 wide
        cols = [(cols[0][0] + dx, cols[0][1], cols[0][2]) for dx in (-6, 6)]
    if cols:
        outline = [(x, y) for x, _, y in cols] + [(x, y) for x, y, _ in reversed(cols)]
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in outline)
        data.append(f'<polygon class="chart-band" points="{coords}" {band_attrs}/>')
    for style in ("fitted", "forecast", "observed"):  # what was measured is drawn on top
        for pts in (pts for s, pts in lines if s.style == style):
            data.append(f'<g class="chart-series chart-{style}">')
            if len(pts) > 1:
                coords = " ".join(f"{_n(x_of(d))},{_n(y_of(v))}" for d, v in pts)
                data.append(f'<polyline points="{coords}" {_stroke_attrs(style)}/>')
            if style != "fitted" or len(pts) == 1:
                data.extend(_marker(style, x_of(d), y_of(v)) for d, v in pts)
            data.append("</g>")
    data.append("</g>")
    if today:
        more = ' stroke-dasharray="6 3 1 3" class="chart-today"'
        data.append(_line(x_of(today), row_y + fs * 0.4, x_of(today), bottom, TODAY, 2, more))
    if not points:
        data += _note(description, (left + right) / 2, (top + bottom) / 2, right - left - 20, fs)
    body = [defs, *legend, *grid, *labels, *data]
    return _svg(id_prefix, "line-chart", title, description, width, height, body)


def _cell(k: int, n: int, x: float, mid_y: float, size: float = 18) -> str:
    """One heatmap square of level k of n, from its left edge and middle: an empty outline,
    a growing dot on a deepening fill, then full."""
    y = mid_y - size / 2
    edge = EMPTY_EDGE if k == 0 else DARK
    out = (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(size)}" height="{_n(size)}" rx="3" '
        f'fill="{LEVEL_FILLS[n][k]}" stroke="{edge}" stroke-width="1.5"/>'
    )
    if 0 < k < n - 1:
        r = 3.5 if n == 3 else 2.5 + (k - 1) * 3.5 / (n - 3)
        c = f'cx="{_n(x + size / 2)}" cy="{_n(y + size / 2)}"'
        out += f'<circle {c} r="{_n(r)}" fill="{DARK}"/>'
    return out


def _month_labels(
    cols: Sequence[tuple[float, date]], months: Sequence[str], size: float, limit: float
) -> list[tuple[float, str]]:
    """Month names over the columns (x, first day shown) where months start; the first and
    each January carry the year. A label crowded by the next loses its year (the next
    takes it) or goes; none runs past the limit."""

    def text(d: date, year: bool) -> str:
        return f"{months[d.month - 1]} {d.year}" if year else months[d.month - 1]

    out: list[tuple[float, date, bool]] = []  # x, a day of the month, shows the year
    starts = [col for i, col in enumerate(cols) if i == 0 or col[1].month != cols[i - 1][1].month]
    for x, d in starts:
        year = not out or d.month == 1
        if out and x < out[-1][0] + _w(text(out[-1][1], out[-1][2]), size) + size * 0.6:
            px, pd, pyear = out.pop()
            if pyear and x >= px + _w(text(pd, False), size) + size * 0.6:
                out.append((px, pd, False))
            year = year or pyear
        out.append((x, d, year))
    return [(x, text(d, y)) for x, d, y in out if x + _w(text(d, y), size) <= limit]


def calendar_heatmap(
    *,
    id_prefix: str,
    title: str,
    description: str,
    days: Mapping[date, int],
    start: date,
    end: date,
    levels: Sequence[str],
    weekday_names: Sequence[str],
    month_names: Sequence[str] | None = None,
) -> str:
    """Weeks as columns, weekdays (Monday first) as rows; long ranges wrap into blocks of
    27 weeks so the text stays large. Each day's value picks levels[value]; missing is 0."""
    months, n = _months(month_names), len(levels)
    for wrong, why in (
        (end < start, "end is before start"),
        (len(weekday_names) != 7, "weekday_names needs seven names, Monday first"),
        (n not in LEVEL_FILLS, f"levels needs 1 to {max(LEVEL_FILLS)} entries"),
    ):
        if wrong:
            raise ValueError(why)
    fs, cell, pitch, pad, per_block = 14.0, 18.0, 22.0, 10.0, 27
    first = start - timedelta(days=start.weekday())
    n_weeks = (end - first).days // 7 + 1
    n_blocks = (n_weeks + per_block - 1) // per_block
    grid_x = pad + max(_w(w, fs) for w in weekday_names) + 8
    width = max(grid_x + min(n_weeks, per_block) * pitch + pad, 360.0)
    block_h = fs * 1.6 + 7 * pitch + fs
    parts: list[str] = []
    for blk in range(n_blocks):
        top = pad + blk * block_h
        cols = [
            (grid_x + c * pitch, max(first + timedelta(weeks=blk * per_block + c), start))
            for c in range(min(per_block, n_weeks - blk * per_block))
        ]
        labels = _month_labels(cols, months, fs, width)
        parts += [_text(x, top + fs, t, fs, cls="chart-month") for x, t in labels]
        for row, name in enumerate(weekday_names):
            y = top + fs * 1.6 + row * pitch + cell / 2 + fs * 0.35
            parts.append(_text(grid_x - 8, y, name, fs, "end", "chart-weekday"))
    d = start
    while d <= end:
        blk, c = divmod((d - first).days // 7, per_block)
        k = min(max(int(days.get(d, 0)), 0), n - 1)
        x, y = grid_x + c * pitch, pad + blk * block_h + fs * 1.6 + d.weekday() * pitch
        tip = f"{weekday_names[d.weekday()]} {d.day} {months[d.month - 1]} {d.year}: {levels[k]}"
        parts.append(
            f'<g class="chart-day"><title>{escape(tip)}</title>{_cell(k, n, x, y + cell / 2)}</g>'
        )
        d += timedelta(days=1)
    items = [(name, partial(_cell, k, n)) for k, name in enumerate(levels)]
    legend_top = pad + n_blocks * block_h
    legend, legend_h = _legend(items, pad, legend_top, width - 2 * pad, fs, cell)
    body = [*parts, '<g class="chart-legend">', *legend, "</g>"]
    return _svg(id_prefix, "heatmap", title, description, width, legend_top + legend_h + pad, body)


def bar_chart(
    *,
    id_prefix: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float]],
    y_max: float,
    y_label: str = "",
    value_format: str = "{:.0f}",
) -> str:
    """Vertical bars from 0 to y_max, each with its value written above it."""
    if y_max <= 0:
        raise ValueError("y_max must be positive")
    width, height, fs, pad = 640.0, 360.0, 14.0, 10.0
    ticks = _nice_ticks(0, y_max)
    left = pad + max(_w(_n(t), fs) for t in ticks) + 8
    right = width - pad
    slot = (right - left) / max(len(bars), 1)
    # Labels too wide for their slot all go on two lines; if still too wide, every k-th shows.
    lines = [[label] for label, _ in bars]
    if any(_w(label, fs) > slot - fs / 2 for label, _ in bars):
        lines = [_two_lines(label) for label, _ in bars]
    widest = max([_w(ln, fs) for ls in lines for ln in ls] or [0])
    every = max(1, math.ceil((widest + fs / 2) / slot))
    top = pad + (fs * 2.2 if y_label else fs * 0.6) + fs * 1.4  # room for a value at y_max
    bottom = height - pad - max([len(ls) for ls in lines] or [1]) * fs * 1.25

    def y_of(v: float) -> float:
        return bottom - min(max(v, 0), y_max) / y_max * (bottom - top)

    parts = ['<g class="chart-grid">', *_y_axis(ticks, y_of, (left, top, right, bottom), fs)]
    parts += [_text(pad, pad + fs, y_label, fs, cls="chart-y-label")] if y_label else []
    parts.append("</g>")
    bw = min(slot * 0.62, 56)
    for i, ((_, value), label_lines) in enumerate(zip(bars, lines, strict=True)):
        cx, y = left + slot * (i + 0.5), y_of(value if math.isfinite(value) else 0)
        parts.append(
            f'<g class="chart-bar"><rect x="{_n(cx - bw / 2)}" y="{_n(y)}" width="{_n(bw)}" '
            f'height="{_n(bottom - y)}" fill="{OBSERVED}"/>'
        )
        parts.append(_text(cx, y - 6, value_format.format(value), fs, "middle", "chart-value"))
        for j, ln in enumerate(label_lines if i % every == 0 else []):
            ly = bottom + fs * 1.3 + j * fs * 1.2
            parts.append(_text(cx, ly, ln, fs, "middle", "chart-x-tick"))
        parts.append("</g>")
    if not bars:
        parts += _note(description, (left + right) / 2, (top + bottom) / 2, right - left - 20, fs)
    return _svg(id_prefix, "bar-chart", title, description, width, height, parts)
