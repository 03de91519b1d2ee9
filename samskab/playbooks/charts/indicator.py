"""An indicator over time: its value per period as a line, with 95 % intervals,
baseline and target."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskab.playbooks.charts.common import (
    AXIS,
    GRID,
    MUTED,
    NONE,
    PALETTE,
    SMALL,
    WIDTH,
    Symbol,
    _clip,
    _decimals,
    _figure,
    _legend,
    _line,
    _marker,
    _n,
    _Scale,
    _step_decimals,
    _text,
    _ticks,
    _width,
    _with_unit,
    number,
)
from samskab.playbooks.document import Figure, Table

Direction = Literal["up", "down", ""]


@dataclass(frozen=True)
class PeriodValue:
    """One measured period of an indicator; `n` is the count as it may be shown (perturbed)."""

    label: str
    start: datetime.date
    end: datetime.date
    value: float
    low: float | None = None
    high: float | None = None
    n: str | None = None


@dataclass(frozen=True)
class _Indicator:
    title: str
    unit: str
    language: str
    periods: tuple[PeriodValue, ...]
    baseline: float | None
    target: float | None
    direction: Direction
    places: int

    def value(self, value: float) -> str:
        return number(value, self.language, self.places)

    def short(self, value: float) -> str:
        """A value as labelled in the chart: with the unit when it is short (%, kr.)."""
        unit = self.unit if len(self.unit) <= 4 else ""
        return _with_unit(self.value(value), unit, self.language)

    def spoken(self, value: float) -> str:
        """A value in a sentence: with its unit and no more decimals than it has."""
        places = min(self.places, _decimals([value]))
        return _with_unit(number(value, self.language, places), self.unit, self.language)

    def all_values(self) -> list[float]:
        values = [p.value for p in self.periods]
        values += [v for p in self.periods for v in (p.low, p.high) if v is not None]
        return values + [v for v in (self.baseline, self.target) if v is not None]


def indicator_chart(
    ident: str,
    title: str,
    unit_label: str,
    language: str,
    periods: Sequence[PeriodValue],
    baseline: float | None,
    target: float | None,
    direction: Direction,
    *,
    caption: str = "",
) -> Figure:
    """An indicator's value per period as a line, with 95 % intervals, baseline and target."""
    if not periods:
        raise ValueError("An indicator chart needs at least one period.")
    ordered = tuple(sorted(periods, key=lambda p: (p.start, p.end, p.label)))
    shown = [p.value for p in ordered] + [v for v in (baseline, target) if v is not None]
    spec = _Indicator(
        title, unit_label, language, ordered, baseline, target, direction, _decimals(shown)
    )
    with translation.override(language):
        return _indicator(ident, spec, caption)


def _indicator_ticks(spec: _Indicator) -> list[float]:
    values = spec.all_values()
    low, high = min(values), max(values)
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        return _ticks(low - pad, high + pad)
    if 0 <= low <= high * 0.4:
        return _ticks(0, high + (high - low) * 0.04)
    pad = (high - low) * 0.06
    return _ticks(max(low - pad, 0) if low >= 0 else low - pad, high + pad)


def _period_xs(periods: Sequence[PeriodValue], left: float, right: float) -> list[float]:
    middles = [p.start + (p.end - p.start) / 2 for p in periods]
    span = (middles[-1] - middles[0]).days
    if span <= 0:
        return [(left + right) / 2 for _m in middles]
    return [left + (m - middles[0]).days / span * (right - left) for m in middles]


def _fits(xs: Sequence[float], widths: Sequence[float], a: int, b: int, gap: float) -> bool:
    return xs[a] + widths[a] / 2 + gap <= xs[b] - widths[b] / 2


def thin_labels(xs: Sequence[float], widths: Sequence[float], gap: float = 8) -> list[int]:
    """Indices of centred labels to show: every k-th, the smallest k for which no two boxes
    overlap, always keeping the last (the latest period)."""
    count = len(xs)
    for step in range(1, count + 1):
        chosen = list(range(0, count, step))
        if chosen[-1] != count - 1:
            if _fits(xs, widths, chosen[-1], count - 1, gap):
                chosen.append(count - 1)
            else:
                chosen[-1] = count - 1
        if all(_fits(xs, widths, a, b, gap) for a, b in zip(chosen, chosen[1:], strict=False)):
            return chosen
    return [count - 1]


def _references(spec: _Indicator) -> list[tuple[float, str, str]]:
    """Baseline and target: value, label, dash pattern."""
    lines = []
    if spec.baseline is not None:
        lines.append((spec.baseline, _("Baseline"), "7 4"))
    if spec.target is not None:
        lines.append((spec.target, _("Target"), "2 3"))
    return lines


def _spread_labels(wanted: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Move label positions (sorted top to bottom) apart by at least `gap`, inside low..high."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else max(y, low))
    overflow = placed[-1] - high if placed else 0
    return [y - overflow for y in placed] if overflow > 0 else placed


def _reference_svg(spec: _Indicator, y: _Scale, left: float, right: float) -> str:
    refs = sorted(_references(spec), key=lambda r: y(r[0]))
    parts = [_line(left, y(v), right, y(v), MUTED, 1.5, dash) for v, _l, dash in refs]
    places = _spread_labels([y(v) for v, _l, _d in refs], 28, y.end + 6, y.start)
    for (value, label, _dash), at in zip(refs, places, strict=True):
        parts.append(_text(right + 6, at - 1, label, size=SMALL, fill=MUTED, weight="600"))
        parts.append(_text(right + 6, at + 11, spec.short(value), size=SMALL, fill=MUTED))
    return "".join(parts)


def _whiskers(spec: _Indicator, xs: Sequence[float], y: _Scale) -> str:
    parts = []
    for p, x in zip(spec.periods, xs, strict=True):
        if p.low is None or p.high is None:
            continue
        top, bottom = y(p.high), y(p.low)
        parts.append(_line(x, top, x, bottom, PALETTE[0], 1.2))
        parts += [_line(x - 4, v, x + 4, v, PALETTE[0], 1.2) for v in (top, bottom)]
    return "".join(parts)


def _series(spec: _Indicator, xs: Sequence[float], y: _Scale) -> str:
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{_n(x)},{_n(y(p.value))}"
        for i, (p, x) in enumerate(zip(spec.periods, xs, strict=True))
    )
    line = f'<path d="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
    dots = "".join(
        _marker("circle", x, y(p.value), 4.5, PALETTE[0])
        for p, x in zip(spec.periods, xs, strict=True)
    )
    return line + dots


def _value_labels(spec: _Indicator, xs: Sequence[float], y: _Scale) -> str:
    """Each value above its point when they all fit side by side, else the first and last."""
    texts = [spec.short(p.value) for p in spec.periods]
    widths = [_width(t, SMALL) for t in texts]
    every = all(_fits(xs, widths, i, i + 1, 4) for i in range(len(xs) - 1))
    indices = range(len(xs)) if every else sorted({0, len(xs) - 1})
    parts = []
    for i in indices:
        at = _label_y(spec, i, y)
        box = _width(texts[i], SMALL) + 4
        parts.append(
            f'<rect x="{_n(xs[i] - box / 2)}" y="{_n(at - SMALL)}" width="{_n(box)}" '
            f'height="{_n(SMALL + 3)}" fill="#ffffff" fill-opacity="0.85"/>'
        )
        parts.append(_text(xs[i], at, texts[i], size=SMALL, anchor="middle", weight="600"))
    return "".join(parts)


def _label_y(spec: _Indicator, i: int, y: _Scale) -> float:
    """Above the point and its interval, or below when the point is lower than its
    neighbours, or when that keeps the label off a baseline or target line."""
    p, periods = spec.periods[i], spec.periods
    above = y(max(p.value, p.high if p.high is not None else p.value)) - 8
    below = y(min(p.value, p.low if p.low is not None else p.value)) + 17
    neighbours = [periods[j].value for j in (i - 1, i + 1) if 0 <= j < len(periods)]
    dip = bool(neighbours) and all(v > p.value for v in neighbours)
    spots = [s for s in ((below, above) if dip else (above, below)) if _inside(s, y)]
    lines = [y(v) for v, _label, _dash in _references(spec)]
    clear = [s for s in spots if not any(s - SMALL - 1 <= ln <= s + 4 for ln in lines)]
    return (clear or spots or [above])[0]


def _inside(baseline: float, y: _Scale) -> bool:
    return y.end - 2 <= baseline - SMALL and baseline + 3 <= y.start - 2


def _indicator_legend(spec: _Indicator, x0: float) -> str:
    def measured(x: float, y: float) -> str:
        line = _line(x - 6, y, x + 6, y, PALETTE[0], 2.5)
        return line + _marker("circle", x, y, 3.5, PALETTE[0], PALETTE[0])

    def interval(x: float, y: float) -> str:
        return "".join(
            (
                _line(x, y - 6, x, y + 6, PALETTE[0], 1.2),
                _line(x - 4, y - 6, x + 4, y - 6, PALETTE[0], 1.2),
                _line(x - 4, y + 6, x + 4, y + 6, PALETTE[0], 1.2),
            )
        )

    keys: list[tuple[Symbol, str]] = [(measured, _("Measured value"))]
    if any(p.low is not None and p.high is not None for p in spec.periods):
        keys.append((interval, _("95% interval")))
    return _legend(keys, x0 + 2, 18, WIDTH - 8)


def _indicator_caption(spec: _Indicator) -> str:
    parts = []
    if spec.baseline is not None:
        parts.append(_("Dashed line: baseline."))
    if spec.target is not None:
        parts.append(_("Dotted line: target."))
    if any(p.low is not None and p.high is not None for p in spec.periods):
        parts.append(_("Vertical lines: 95% interval."))
    return " ".join(parts)


def _indicator(ident: str, spec: _Indicator, caption: str) -> Figure:
    ticks = _indicator_ticks(spec)
    places = _step_decimals(ticks[1] - ticks[0]) if len(ticks) > 1 else 0
    tick_text = [number(t, spec.language, places) for t in ticks]
    left = 8 + max(_width(t) for t in tick_text) + 8
    refs = _references(spec)
    ref_width = max(
        [_width(r[1], SMALL) for r in refs]
        + [_width(spec.short(r[0]), SMALL) for r in refs]
        + [0.0]
    )
    right = WIDTH - 8 - (ref_width + 8 if refs else 0)
    top, bottom = 58.0, 262.0
    y = _Scale(ticks[0], ticks[-1], bottom, top)
    labels = [p.label for p in spec.periods]
    widths = [_width(label) for label in labels]
    # Value labels stay inside the plot; period labels (below it) may reach into the margins.
    value_half = max(_width(spec.short(p.value), SMALL) for p in spec.periods) / 2 + 2
    label_half = max(widths) / 2
    pad_left = max(14.0, value_half, label_half - (left - 8))
    pad_right = max(14.0, value_half, label_half - (WIDTH - 8 - right))
    xs = _period_xs(spec.periods, left + pad_left, right - pad_right)
    parts = [_line(left, y(t), right, y(t), GRID) for t in ticks]
    parts += [
        _text(left - 8, y(t) + 4, s, anchor="end") for t, s in zip(ticks, tick_text, strict=True)
    ]
    parts.append(_line(left, bottom, right, bottom, AXIS))
    parts.append(_text(8, top - 14, _clip(spec.unit, 50), size=SMALL, fill=MUTED))
    if spec.direction:
        note = _("Higher is better") if spec.direction == "up" else _("Lower is better")
        parts.append(_text(right, top - 14, note, size=SMALL, fill=MUTED, anchor="end"))
    parts += [_reference_svg(spec, y, left, right), _whiskers(spec, xs, y)]
    parts += [_series(spec, xs, y), _value_labels(spec, xs, y), _indicator_legend(spec, 8)]
    parts += [_line(x, bottom, x, bottom + 3, AXIS) for x in xs]
    for i in thin_labels(xs, widths):
        parts.append(_line(xs[i], bottom, xs[i], bottom + 5, AXIS))
        parts.append(_text(xs[i], bottom + 17, labels[i], anchor="middle"))
    return _figure(
        ident,
        spec.title,
        _indicator_alt(spec),
        "".join(parts),
        bottom + 30,
        caption or _indicator_caption(spec),
        _indicator_table(spec),
    )


def _period_name(period: PeriodValue) -> str:
    start, end = period.start, period.end
    if (start.year, start.month) == (end.year, end.month):
        return date_format(start, "F Y")
    return period.label


def _indicator_alt(spec: _Indicator) -> str:
    first, last = spec.periods[0], spec.periods[-1]
    values = {
        "title": spec.title,
        "first": spec.spoken(first.value),
        "first_period": _period_name(first),
        "last": spec.spoken(last.value),
        "last_period": _period_name(last),
    }
    if len(spec.periods) == 1:
        trend = _("%(title)s was %(last)s in %(last_period)s") % values
    elif round(last.value, spec.places) > round(first.value, spec.places):
        trend = _(
            "%(title)s rose from %(first)s in %(first_period)s to %(last)s in %(last_period)s"
        )
        trend %= values
    elif round(last.value, spec.places) < round(first.value, spec.places):
        trend = _(
            "%(title)s fell from %(first)s in %(first_period)s to %(last)s in %(last_period)s"
        )
        trend %= values
    else:
        trend = _("%(title)s was %(first)s in %(first_period)s and in %(last_period)s") % values
    if spec.target is None:
        return f"{trend}."
    return _("%(trend)s; the target is %(target)s.") % {
        "trend": trend,
        "target": spec.spoken(spec.target),
    }


def _interval(period: PeriodValue, spec: _Indicator) -> str:
    if period.low is None or period.high is None:
        return NONE
    return f"{spec.value(period.low)}–{spec.value(period.high)}"


def _indicator_table(spec: _Indicator) -> Table:
    value_head = f"{_('Value')} ({spec.unit})" if spec.unit else _("Value")
    rows = [(p.label, spec.value(p.value), _interval(p, spec), p.n or NONE) for p in spec.periods]
    rows += [(label, spec.value(v), NONE, NONE) for v, label, _dash in _references(spec)]
    head = (_("Period"), value_head, _("95% interval"), _("Count"))
    return Table(spec.title, head, tuple(rows), (1, 2, 3))
