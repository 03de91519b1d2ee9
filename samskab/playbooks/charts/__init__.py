"""Standalone SVG charts for the playbook, each a `document.Figure` with the table behind it.

Plain data in, a Figure out; no database. One module per chart: `indicator` (an indicator over
time), `bars` (horizontal bars, grouped or stacked), `stakeholders` (the stakeholder map),
`dots` (a Cleveland dot plot) and `slope` (before and after per item); `common` holds what they
share, and the rules the SVG keeps (print-ready, escaped, no overlapping text, colour never
alone).

The output is deterministic (same input, same string): versions are compared by their text.
"""

from samskab.playbooks.charts.bars import bar_chart
from samskab.playbooks.charts.common import (
    AXIS,
    CHAR,
    FONT,
    GRID,
    INK,
    MINUS,
    MUTED,
    NONE,
    PALETTE,
    SHAPE_ORDER,
    SHAPES,
    SIZE,
    SMALL,
    WHITE_TEXT,
    WIDTH,
    Symbol,
    number,
)
from samskab.playbooks.charts.dots import DODGE, dot_chart
from samskab.playbooks.charts.indicator import Direction, PeriodValue, indicator_chart, thin_labels
from samskab.playbooks.charts.slope import slope_chart
from samskab.playbooks.charts.stakeholders import Actor, stakeholder_map

__all__ = [
    "AXIS",
    "CHAR",
    "DODGE",
    "FONT",
    "GRID",
    "INK",
    "MINUS",
    "MUTED",
    "NONE",
    "PALETTE",
    "SHAPES",
    "SHAPE_ORDER",
    "SIZE",
    "SMALL",
    "WHITE_TEXT",
    "WIDTH",
    "Actor",
    "Direction",
    "PeriodValue",
    "Symbol",
    "bar_chart",
    "dot_chart",
    "indicator_chart",
    "number",
    "slope_chart",
    "stakeholder_map",
    "thin_labels",
]
