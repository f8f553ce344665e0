"""Inline SVG charts built as strings: vertical columns (a histogram) and horizontal bars.

Every label is escaped here (`esc`): labels come from the data, which is
untrusted. Each bar is a `<rect class="bar">` carrying `data-label` and
`data-count` and a `<title>` tooltip; a bar of count 0 is drawn with height
(or width) 0, a bar above 0 at least 1 px so that it shows. Numbers label the
bars and the value axis. Sizes are in SVG units; the SVG scales to its
container's width (`viewBox`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from .labels import number, short

CHAR = 6.6  # width of a label character at 11px (Latin digits), for spacing axis labels


def esc(text: object) -> str:
    """Text safe inside an element or a quoted attribute."""
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    note: str = ""  # after the count in the tooltip and the value label (a share)
    muted: bool = False  # drawn grey (e.g. "untyped")
    position: int | None = None  # its place on a regular scale (a decade: year // 10): labels go to round places


@dataclass(frozen=True)
class Frame:
    width: int = 960
    height: int = 320
    left: int = 64
    right: int = 16
    top: int = 20
    bottom: int = 58

    @property
    def inner_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def inner_height(self) -> float:
        return self.height - self.top - self.bottom


def column_chart(
    chart_id: str, title: str, bars: list[Bar], *, x_title: str, y_title: str, frame: Frame = Frame()
) -> str:
    """A histogram: one column per bar, left to right, with a value axis and axis titles. Columns are
    counted above when there is room, the tallest one always; the category axis labels every bar
    when there is room, else bars at round positions (every 2nd, 5th, 10th … by `position`)."""
    ticks = nice_ticks(max((bar.count for bar in bars), default=0))
    pitch = frame.inner_width / max(len(bars), 1)
    every = _round_up(math.ceil((max((len(bar.label) for bar in bars), default=1) * CHAR + 8) / pitch))
    peak = max(bar.count for bar in bars) if bars else 0
    parts = [_value_axis(ticks, frame), _axis_titles(x_title, y_title, frame)]
    for i, bar in enumerate(bars):
        place = i if bar.position is None else bar.position
        shown = {"labelled": place % every == 0, "counted": pitch >= 24 or bar.count == peak}
        parts.append(_column(bar, i, pitch, ticks[-1], frame, **shown))
    return _svg(chart_id, title, frame.width, frame.height, parts)


def bar_chart(chart_id: str, title: str, bars: list[Bar], *, width: int = 960, label_width: int = 170) -> str:
    """Horizontal bars, top to bottom, the label on the left, count (and note) after the bar."""
    row, top, room = 26, 8, 150  # row height, top margin, room for the value label
    longest = max((bar.count for bar in bars), default=0) or 1
    scale = (width - label_width - room) / longest
    parts = [_row(bar, top + i * row, label_width, scale) for i, bar in enumerate(bars)]
    return _svg(chart_id, title, width, top * 2 + row * len(bars), parts)


def nice_ticks(largest: int) -> list[int]:
    """0 and multiples of a 1-2-5 step up to the first one at or above `largest` (at most 6 ticks)."""
    if largest <= 0:
        return [0, 1]
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            if largest <= 5 * step:
                return list(range(0, math.ceil(largest / step) * step + 1, step))
        scale *= 10


def _round_up(n: int) -> int:
    """The first of 1, 2, 5, 10, 20, 50 … at or above `n`."""
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            if step >= n:
                return step
        scale *= 10


def _svg(chart_id: str, title: str, width: float, height: float, parts: list[str]) -> str:
    return (
        f'<svg id="{esc(chart_id)}" class="chart" role="img" aria-labelledby="{esc(chart_id)}-title" '
        f'viewBox="0 0 {width:g} {height:g}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>{"".join(parts)}</svg>'
    )


def _value_axis(ticks: list[int], frame: Frame) -> str:
    lines = []
    for tick in ticks:
        y = frame.top + frame.inner_height * (1 - tick / ticks[-1])
        lines.append(
            f'<line class="grid" x1="{frame.left}" x2="{frame.width - frame.right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{frame.left - 6}" y="{y + 4:.1f}" text-anchor="end">{esc(short(tick))}</text>'
        )
    return "".join(lines)


def _axis_titles(x_title: str, y_title: str, frame: Frame) -> str:
    x = frame.left + frame.inner_width / 2
    y = frame.top + frame.inner_height / 2
    return (
        f'<text class="axis" x="{x:.1f}" y="{frame.height - 6}" text-anchor="middle">{esc(x_title)}</text>'
        f'<text class="axis" transform="translate(14 {y:.1f}) rotate(-90)" text-anchor="middle">{esc(y_title)}</text>'
    )


def _column(bar: Bar, i: int, pitch: float, top: int, frame: Frame, *, labelled: bool, counted: bool) -> str:
    height = frame.inner_height * bar.count / top
    height = max(height, 1.0) if bar.count else 0.0
    x, base = frame.left + i * pitch, frame.top + frame.inner_height
    width = max(pitch * 0.8, 1.0)
    out = [_rect(bar, x + (pitch - width) / 2, base - height, width, height)]
    middle = x + pitch / 2
    if counted and bar.count:
        out.append(
            f'<text class="count" x="{middle:.1f}" y="{base - height - 4:.1f}" text-anchor="middle">'
            f"{esc(number(bar.count))}</text>"
        )
    if labelled:
        out.append(
            f'<text class="tick" x="{middle:.1f}" y="{base + 16:.1f}" text-anchor="middle">{esc(bar.label)}</text>'
        )
    return "".join(out)


def _row(bar: Bar, y: int, label_width: int, scale: float) -> str:
    width = max(bar.count * scale, 1.0) if bar.count else 0.0
    value = number(bar.count) + (f" · {bar.note}" if bar.note else "")
    return (
        f'<text class="label" x="{label_width - 8}" y="{y + 17}" text-anchor="end">{esc(bar.label)}</text>'
        + _rect(bar, label_width, y + 4, width, 18)
        + f'<text class="count" x="{label_width + width + 6:.1f}" y="{y + 17}">{esc(value)}</text>'
    )


def _rect(bar: Bar, x: float, y: float, width: float, height: float) -> str:
    kind = "bar muted" if bar.muted else "bar"
    tip = f"{bar.label}: {number(bar.count)}" + (f" ({bar.note})" if bar.note else "")
    return (
        f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'data-label="{esc(bar.label)}" data-count="{bar.count}"><title>{esc(tip)}</title></rect>'
    )
