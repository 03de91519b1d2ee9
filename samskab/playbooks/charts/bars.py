"""Horizontal bars, grouped or stacked."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _

from samskab.playbooks.charts.common import (
    AXIS,
    INK,
    PALETTE,
    SMALL,
    WHITE_TEXT,
    WIDTH,
    _cell,
    _figure,
    _legend,
    _legend_height,
    _line,
    _rect,
    _row_labels,
    _rows,
    _Scale,
    _swatch,
    _text,
    _ticks,
    _width,
    _x_axis,
    number,
)
from samskab.playbooks.document import Figure, Table


def bar_chart(
    ident: str,
    title: str,
    language: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    stacked: bool,
    value_label: str,
    *,
    category_label: str = "",
    scale_max: int = 0,
    alt: str = "",
    caption: str = "",
) -> Figure:
    """Horizontal bars per category, one per series (grouped) or one split by series
    (stacked). None is a value not shown: no bar, "–" in the table. `scale_max` fixes the
    axis' end at least there (5 for a score from 1 to 5)."""
    if not categories or not series:
        raise ValueError("A bar chart needs categories and series.")
    if any(len(values) != len(categories) for _name, values in series):
        raise ValueError("Every series needs one value per category.")
    with translation.override(language):
        table = _bar_table(title, language, categories, series, stacked, category_label)
        text = alt or _bar_alt(title, language, categories, series, stacked)
        body, height = _bars(language, categories, series, stacked, (value_label, scale_max))
        return _figure(ident, title, text, body, height, caption, table)


def _totals(series: Sequence[tuple[str, Sequence[int | None]]], count: int) -> list[int | None]:
    totals: list[int | None] = []
    for i in range(count):
        shown = [values[i] for _name, values in series if values[i] is not None]
        totals.append(sum(v for v in shown if v is not None) if shown else None)
    return totals


def _bar_svg(x0: float, x1: float, top: float, height: float, colour: str) -> str:
    return _rect(min(x0, x1), top, abs(x1 - x0), height, colour, "#ffffff")


def _bars(
    language: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    stacked: bool,
    axis_spec: tuple[str, int],
) -> tuple[str, float]:
    value_label, scale_max = axis_spec
    names = [name for name, _values in series]
    legend = len(series) > 1
    top = 12 + (_legend_height(names, 10, WIDTH - 8) + 10 if legend else 0)
    values = _totals(series, len(categories)) if stacked else [v for _n, vs in series for v in vs]
    numbers = [v for v in values if v is not None] or [0]
    label_space = max(_width(number(v, language), SMALL) for v in numbers) + 8
    bar = 20.0 if stacked or len(series) == 1 else 14.0
    band = bar if stacked else len(series) * (bar + 2) - 2
    rows = _rows(categories, band, top, label_space)
    ticks = _ticks(min(0, *numbers), max(1, scale_max, *numbers), integer=True)
    scale = _Scale(ticks[0], ticks[-1], rows.left, rows.right)
    axis, height = _x_axis(rows, scale, ticks, language, value_label)
    parts = [axis, _row_labels(rows)]
    keys = [(_swatch(PALETTE[i % len(PALETTE)]), name) for i, name in enumerate(names)]
    parts.append(_legend(keys, 10, 18, WIDTH - 8) if legend else "")
    draw = _stacked_row if stacked else _grouped_row
    for i in range(len(categories)):
        parts.append(draw(language, series, i, scale, rows.centre(i), bar))
    parts.append(_line(scale(0), rows.top - 4, scale(0), rows.bottom, AXIS))
    return "".join(parts), height


def _grouped_row(
    language: str,
    series: Sequence[tuple[str, Sequence[int | None]]],
    row: int,
    scale: _Scale,
    centre: float,
    bar: float,
) -> str:
    top = centre - (len(series) * (bar + 2) - 2) / 2
    parts = []
    for s, (_name, values) in enumerate(series):
        value, y = values[row], top + s * (bar + 2)
        if value is None:
            continue
        parts.append(_bar_svg(scale(0), scale(value), y, bar, PALETTE[s % len(PALETTE)]))
        x = scale(max(value, 0)) + 4
        parts.append(_text(x, y + bar / 2 + SMALL * 0.35, number(value, language), size=SMALL))
    return "".join(parts)


def _stacked_row(
    language: str,
    series: Sequence[tuple[str, Sequence[int | None]]],
    row: int,
    scale: _Scale,
    centre: float,
    bar: float,
) -> str:
    top, at, parts = centre - bar / 2, 0, []
    shown = [(s, values[row]) for s, (_n, values) in enumerate(series) if values[row] is not None]
    baseline = centre + SMALL * 0.35
    for s, value in shown:
        assert value is not None  # noqa: S101 (filtered above)
        colour = PALETTE[s % len(PALETTE)]
        x0, x1 = scale(at), scale(at + value)
        parts.append(_bar_svg(x0, x1, top, bar, colour))
        text = number(value, language)
        if len(shown) > 1 and abs(x1 - x0) >= _width(text, SMALL) + 6:
            ink = "#ffffff" if colour in WHITE_TEXT else INK
            parts.append(
                _text((x0 + x1) / 2, baseline, text, size=SMALL, anchor="middle", fill=ink)
            )
        at += value
    if shown:
        total = number(at, language)
        parts.append(_text(scale(max(at, 0)) + 4, baseline, total, size=SMALL, weight="600"))
    return "".join(parts)


def _bar_table(
    title: str,
    language: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    stacked: bool,
    category_label: str,
) -> Table:
    head = [category_label or _("Category"), *(name for name, _values in series)]
    totals = stacked and len(series) > 1
    if totals:
        head.append(_("Total"))
    sums = _totals(series, len(categories))
    rows = []
    for i, category in enumerate(categories):
        row = [category, *(_cell(values[i], language, 0) for _name, values in series)]
        rows.append(tuple(row + ([_cell(sums[i], language, 0)] if totals else [])))
    return Table(title, tuple(head), tuple(rows), tuple(range(1, len(head))))


def _bar_alt(
    title: str,
    language: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    stacked: bool,
) -> str:
    if stacked:
        cells = [
            (v, c, "") for c, v in zip(categories, _totals(series, len(categories)), strict=True)
        ]
    else:
        cells = [(vs[i], c, n) for n, vs in series for i, c in enumerate(categories)]
    shown = [(v, c, n) for v, c, n in cells if v is not None]
    if not shown:
        return _("%(title)s: no values can be shown.") % {"title": title}
    value, category, name = max(shown, key=lambda cell: cell[0])
    values = {"title": title, "value": number(value, language), "where": category}
    if stacked:
        return _("%(title)s: the largest total is %(value)s (%(where)s).") % values
    if len(series) > 1:
        values["where"] = f"{category}, {name}"
    return _("%(title)s: the largest value is %(value)s (%(where)s).") % values
