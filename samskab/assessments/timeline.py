"""Change over time in self-assessment scores: plain functions, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def change(scores: Sequence[int | None]) -> int | None:
    """Latest score minus the first, over the assessments that scored the item.

    "Not relevant yet" (None) is skipped, so an item first scored at midway is compared from
    there. With fewer than two scores there is no change to report (None).
    """
    scored = [score for score in scores if score is not None]
    if len(scored) < 2:
        return None
    return scored[-1] - scored[0]


WIDTH = 240
HEIGHT = 120
LEFT = 36
RIGHT = 30
TOP = 14
STEP = 20  # vertical distance between two scores; 1..5 spans 80 units


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: int


def x_positions(count: int) -> list[float]:
    if count == 1:
        return [LEFT + (WIDTH - LEFT - RIGHT) / 2]
    span = (WIDTH - LEFT - RIGHT) / (count - 1)
    return [round(LEFT + index * span, 1) for index in range(count)]


def y_of(score: int) -> float:
    return float(TOP + (5 - score) * STEP)


def points(scores: Sequence[int | None]) -> list[Point]:
    """Where each scored assessment goes on a small line chart (None leaves a gap)."""
    xs = x_positions(len(scores))
    return [Point(x, y_of(s), s) for x, s in zip(xs, scores, strict=True) if s is not None]
