"""The pieces every chart shares: number formatting, scales, the palette, escaped SVG text
and shapes, legends, labelled rows on a horizontal scale, and the Figure around it all.

The SVG is meant for print (PDF through WeasyPrint, PNG through CairoSVG in Word): a white
background, presentation attributes only, no classes, scripts or external references. Every
piece of text is escaped, and text width is estimated as 0.6 × font size per character, so
labels are wrapped or cut with an ellipsis before they could overlap (the table keeps the full
text). Colours come from the Okabe–Ito palette and never carry meaning alone: series have a
legend with labels, groups a shape as well as a colour.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from samskab.playbooks.document import Figure, Table

WIDTH = 640
FONT = "Inter, 'Helvetica Neue', Arial, sans-serif"
SIZE = 11  # labels and ticks
SMALL = 10  # legends, value labels
CHAR = 0.6  # estimated glyph width per font size unit
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#e4e4e4"
AXIS = "#8c8c8c"
NONE = "–"
MINUS = "−"
# Okabe–Ito, ordered for contrast on white; yellow (weakest) comes late.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
WHITE_TEXT = frozenset({"#0072B2", "#000000"})  # the other colours take dark text
SHAPES: dict[str, tuple[tuple[float, float], ...]] = {
    "square": ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    "triangle": ((0.0, -1.15), (1.05, 0.8), (-1.05, 0.8)),
    "diamond": ((0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)),
    "triangle-down": ((0.0, 1.15), (1.05, -0.8), (-1.05, -0.8)),
}
SHAPE_ORDER = ("circle", "square", "triangle", "diamond", "triangle-down")

Symbol = Callable[[float, float], str]


# --- numbers -------------------------------------------------------------------------------


def number(value: float, language: str, decimals: int = 0) -> str:
    """A number the Danish way for "da" (1.234,5), otherwise the English way (1,234.5)."""
    rounded = round(value, decimals)
    digits = f"{abs(rounded):,.{decimals}f}"
    if language == "da":
        digits = digits.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return (MINUS if rounded < 0 else "") + digits


def _decimals(values: Sequence[float]) -> int:
    """The fewest decimals (0 to 2) that show the values as they are."""
    for places in (0, 1):
        if all(abs(v - round(v, places)) < 1e-9 for v in values):
            return places
    return 2 if max((abs(v) for v in values), default=0) < 10 else 1


def _step_decimals(step: float) -> int:
    return next((d for d in range(4) if abs(step - round(step, d)) < 1e-9), 4)


def _with_unit(text: str, unit: str, language: str) -> str:
    if unit == "%" and language != "da":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def _signed(value: float, language: str, decimals: int) -> str:
    if round(value, decimals) == 0:
        return _("unchanged")
    return ("+" if value > 0 else "") + number(value, language, decimals)


def _ticks(low: float, high: float, count: int = 5, integer: bool = False) -> list[float]:
    """Nice tick values covering low..high (the first and last become the axis' ends)."""
    if high - low < 1e-12:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    multiples = (1.0, 2.0, 5.0, 10.0) if integer else (1.0, 2.0, 2.5, 5.0, 10.0)
    step = next(m * magnitude for m in multiples if m * magnitude >= raw - 1e-12)
    step = max(step, 1.0) if integer else step
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    return [round(first + i * step, 10) for i in range(round((last - first) / step) + 1)]


def _scale_ticks(low: float, high: float) -> list[float]:
    if high - low <= 10 and low == int(low) and high == int(high):
        return [float(v) for v in range(int(low), int(high) + 1)]
    return _ticks(low, high)


@dataclass(frozen=True)
class _Scale:
    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo or 1.0
        return self.start + (value - self.lo) / span * (self.end - self.start)


# --- SVG pieces (every text escaped) -------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _width(text: str, size: float = SIZE) -> float:
    return CHAR * size * len(text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


_BREAKS = re.compile(r"\S+?-(?=\w)|\S+")  # words, and parts of words after a hyphen


def _wrap(text: str, width: float, size: float = SIZE, lines: int = 2) -> list[str]:
    """Greedy word wrap into at most `lines` lines, also after a hyphen inside a word
    (Parkvej-|kvarteret); what does not fit ends in an ellipsis."""
    limit = max(4, int(width // (CHAR * size)))
    out: list[str] = []
    starts: list[int] = []  # where each line starts in `text`
    end = -1
    for match in _BREAKS.finditer(text):
        word, joiner = match.group(), "" if match.start() == end else " "
        end = match.end()
        if out and len(out[-1]) + len(joiner) + len(word) <= limit:
            out[-1] += joiner + word
        else:
            out.append(word)
            starts.append(match.start())
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(text[starts[lines - 1] :].split())]
    return [_clip(line, limit) for line in out] or [""]


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = SIZE,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="{escape(FONT)}" font-size="{_n(size)}" '
        f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{escape(content)}</text>'
    )


def _lines(x: float, centre: float, lines: Sequence[str], anchor: str = "end") -> str:
    """Lines of text centred vertically on `centre`."""
    first = centre + SIZE * 0.35 - (len(lines) - 1) * (SIZE + 2) / 2
    return "".join(
        _text(x, first + i * (SIZE + 2), line, anchor=anchor) for i, line in enumerate(lines)
    )


def _line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    stroke: str = AXIS,
    width: float = 1,
    dash: str = "",
) -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" '
        f'stroke-width="{_n(width)}"{dashes}/>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, stroke: str = "none") -> str:
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0))}" height="{_n(max(h, 0))}" '
        f'fill="{fill}" stroke="{stroke}"/>'
    )


def _marker(shape: str, x: float, y: float, r: float, fill: str, stroke: str = "#ffffff") -> str:
    if shape == "circle":
        return (
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}" stroke="{stroke}" '
            'stroke-width="1.2"/>'
        )
    points = " ".join(f"{_n(x + dx * r)},{_n(y + dy * r)}" for dx, dy in SHAPES[shape])
    return f'<polygon points="{points}" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>'


def _group_symbol(index: int) -> Symbol:
    colour, shape = PALETTE[index % len(PALETTE)], SHAPE_ORDER[index % len(SHAPE_ORDER)]
    edge = MUTED if colour == PALETTE[-1] else "#ffffff"  # yellow needs an outline on white
    return lambda x, y: _marker(shape, x, y, 5, colour, edge)


def _swatch(colour: str) -> Symbol:
    return lambda x, y: _rect(x - 5, y - 5, 10, 10, colour)


def _legend(keys: Sequence[tuple[Symbol, str]], x0: float, y0: float, right: float) -> str:
    """Legend entries in rows from (x0, y0), wrapping before `right`. Height: _legend_height."""
    x, y, parts = x0, y0, []
    for symbol, label in keys:
        shown = _clip(label, 40)
        width = 18 + _width(shown, SMALL)
        if x > x0 and x + width > right:
            x, y = x0, y + 18
        parts.append(symbol(x + 5, y - 3.5) + _text(x + 15, y, shown, size=SMALL))
        x += width + 10
    return "".join(parts)


def _legend_height(labels: Sequence[str], x0: float, right: float) -> float:
    x, rows = x0, 1
    for label in labels:
        width = 18 + _width(_clip(label, 40), SMALL)
        if x > x0 and x + width > right:
            x, rows = x0, rows + 1
        x += width + 10
    return rows * 18.0


def _svg(ident: str, width: int, height: int, title: str, desc: str, body: str) -> str:
    ref = escape(ident)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ref}-title {ref}-desc">'
        f'<title id="{ref}-title">{escape(title)}</title>'
        f'<desc id="{ref}-desc">{escape(desc)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


def _figure(
    ident: str, title: str, alt: str, body: str, height: float, caption: str, table: Table
) -> Figure:
    if not title.strip():
        raise ValueError("A chart needs a title.")
    alt = f"{alt} {_('The numbers are in the table.')}"
    size = math.ceil(height)
    svg = _svg(ident, WIDTH, size, title, alt, body)
    return Figure(ident, title, alt, svg, WIDTH, size, caption, table)


# --- shared layout for charts with labelled rows and a horizontal scale ------------------


@dataclass(frozen=True)
class _Rows:
    left: float
    right: float
    top: float
    tops: tuple[float, ...]
    heights: tuple[float, ...]
    labels: tuple[tuple[str, ...], ...]

    @property
    def bottom(self) -> float:
        return self.tops[-1] + self.heights[-1] if self.tops else self.top + 20

    def centre(self, i: int) -> float:
        return self.tops[i] + self.heights[i] / 2


def _rows(labels: Sequence[str], band: float, top: float, right_space: float) -> _Rows:
    """Row labels in a left column (at most 36 % of the width, two lines) and rows of at
    least `band` height, each as tall as its label needs."""
    natural = max((_width(label) for label in labels), default=0)
    column = min(WIDTH * 0.36, natural + 2)
    wrapped = tuple(tuple(_wrap(label, column)) for label in labels)
    heights = tuple(max(band, len(lines) * (SIZE + 2)) + 10 for lines in wrapped)
    tops = tuple(top + sum(heights[:i]) for i in range(len(heights)))
    return _Rows(8 + column + 10, WIDTH - 8 - right_space, top, tops, heights, wrapped)


def _x_axis(
    rows: _Rows, scale: _Scale, ticks: Sequence[float], language: str, title: str = ""
) -> tuple[str, float]:
    """Vertical grid lines, tick labels below the rows and the axis title; returns the SVG
    and the y below it."""
    places = _step_decimals(ticks[1] - ticks[0]) if len(ticks) > 1 else 0
    parts = [_line(scale(t), rows.top - 4, scale(t), rows.bottom, GRID) for t in ticks] + [
        _text(scale(t), rows.bottom + 14, number(t, language, places), anchor="middle")
        for t in ticks
    ]
    y = rows.bottom + 16
    if title:
        middle = (scale.start + scale.end) / 2
        shown = _clip(title, int((scale.end - scale.start) / (CHAR * SIZE)))
        parts.append(_text(middle, y + 16, shown, anchor="middle", fill=MUTED))
        y += 18
    return "".join(parts), y + 6


def _row_labels(rows: _Rows) -> str:
    return "".join(
        _lines(rows.left - 10, rows.centre(i), lines) for i, lines in enumerate(rows.labels)
    )


def _cell(value: float | None, language: str, places: int) -> str:
    return NONE if value is None else number(value, language, places)
