"""The geometry of an indicator's chart: baseline, target, and each period's value with its
interval. The template draws it as inline SVG with a text alternative and a table beside it."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from samskab.measurement.models import Indicator, Measurement

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    y_low: float | None
    y_high: float | None
    label: str
    value: float


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    points: list[Point] = field(default_factory=list)
    baseline_y: float | None = None
    target_y: float | None = None
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    path: str = ""
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def empty(self) -> bool:
        return not self.points


def _mid(m: Measurement) -> datetime.date:
    return m.period_start + (m.period_end - m.period_start) / 2


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = high - low or 1.0
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    first = step * (low // step)
    ticks, value = [], first
    while value <= high + step * 1e-9:
        if value >= low - step * 1e-9:
            ticks.append(round(value, 10))
        value += step
    return ticks


def chart(indicator: Indicator, measurements: list[Measurement]) -> Chart:
    shown = [m for m in measurements if m.value is not None]
    result = Chart()
    if not shown:
        return result
    values: list[float] = []
    for m in shown:
        values += [v for v in (m.value, m.lower, m.upper) if v is not None]
    values += [v for v in (indicator.baseline_value, indicator.target_value) if v is not None]
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    ticks = _nice_ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])

    def y(value: float) -> float:
        return round(result.bottom - (value - low) / (high - low) * (result.bottom - result.top), 1)

    days = [_mid(m) for m in shown]
    first, last = min(days), max(days)
    span = (last - first).days or 1

    def x(day: datetime.date) -> float:
        if first == last:
            return (result.left + result.right) / 2
        inner = result.right - result.left - 24
        return round(result.left + 12 + (day - first).days / span * inner, 1)

    for m, day in zip(shown, days, strict=True):
        assert m.value is not None  # noqa: S101
        result.points.append(
            Point(
                x(day),
                y(m.value),
                None if m.lower is None else y(m.lower),
                None if m.upper is None else y(m.upper),
                f"{m.period_start:%d.%m.%Y}–{m.period_end:%d.%m.%Y}",
                m.value,
            )
        )
    result.path = " ".join(
        f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(result.points)
    )
    if indicator.baseline_value is not None:
        result.baseline_y = y(indicator.baseline_value)
    if indicator.target_value is not None:
        result.target_y = y(indicator.target_value)
    result.y_ticks = [(y(t), f"{t:g}") for t in ticks]
    step = max(1, len(shown) // 6)
    pairs = list(zip(result.points, days, strict=True))[::step]
    result.x_ticks = [(p.x, f"{d:%m.%Y}") for p, d in pairs]
    return result
