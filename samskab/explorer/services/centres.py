"""Both groups' triad centres with their 95 % confidence regions, in one triangle.

The centre is the closed geometric mean (never the arithmetic mean of proportions) and the
region is the Hotelling ellipse of the ilr mean drawn back into the triangle, both from the
engine's comparison. The groups differ by marker shape and line pattern as well as colour,
and a table gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samskab.analysis.compare import Comparison
from samskab.analysis.schema import Signifier
from samskab.explorer.services import svg
from samskab.explorer.services.charts import T_H, T_W, _corner_labels, _zone_lines, to_xy
from samskab.explorer.services.describe import Names
from samskab.explorer.services.numbers import fmt_int, fmt_percent

GROUP_B_COLOUR = "#8a3b00"  # dark orange: 7:1 against white, told apart from blue by shape too


@dataclass
class CentreRow:
    group: str
    n: str
    shares: list[str]


@dataclass
class CentresFigure:
    sid: str
    svg: SafeString
    head: list[str]
    rows: list[CentreRow]


def _points(props: np.ndarray) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in to_xy(props))


def _region(props: np.ndarray, colour: str, dashed: bool) -> str:
    if props.shape[0] == 0:
        return ""
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    fill = "none" if dashed else colour
    return (
        f'<polygon points="{_points(props)}" fill="{fill}" fill-opacity="0.15" '
        f'stroke="{colour}" stroke-width="2"{dash}/>'
    )


def _marker(centre: np.ndarray, colour: str, square: bool) -> str:
    x, y = to_xy(centre[None, :])[0]
    if square:
        return (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="1.5"/>'
        )
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" stroke="#ffffff" '
        f'stroke-width="1.5"/>'
    )


def _legend(names: Names) -> str:
    y = T_H - 2
    return (
        f'<circle cx="24" cy="{y - 4}" r="5" fill="{svg.ACCENT}"/>'
        + svg.text(34, y, _("%(group)s, solid line") % {"group": names.group_a}, "start", 11)
        + f'<rect x="214" y="{y - 9}" width="10" height="10" fill="{GROUP_B_COLOUR}"/>'
        + svg.text(230, y, _("%(group)s, dashed line") % {"group": names.group_b}, "start", 11)
    )


def centres_figure(
    comparison: Comparison, s: Signifier, names: Names, language: str
) -> CentresFigure | None:
    """The figure for a triad's centre comparison; None when it was withheld."""
    if comparison.centres is None or comparison.aspect != "centre":
        return None
    (a, b) = comparison.centres
    labels = names.labels
    body = [
        f'<polygon points="{_points(np.eye(3))}" fill="#f4f6f8" stroke="{svg.INK}" '
        f'stroke-width="1.5"/>'
    ]
    body += _zone_lines()
    # Markers first, so that even a small region's outline stays visible around its centre.
    body += [_marker(a.centre, svg.ACCENT, False), _marker(b.centre, GROUP_B_COLOUR, True)]
    body += [_region(a.region, svg.ACCENT, False), _region(b.region, GROUP_B_COLOUR, True)]
    body += _corner_labels(labels, s)
    body.append(_legend(names))
    corners = [labels.part(s.id, p) for p in s.parts]
    rows = [
        CentreRow(name, fmt_int(n, language), [fmt_percent(float(v), language) for v in c.centre])
        for name, n, c in ((names.group_a, comparison.n_a, a), (names.group_b, comparison.n_b, b))
    ]
    title = _("%(title)s: the centres of both groups") % {"title": labels.title(s.id)}
    desc = _(
        "Triangle with each group's centre (the geometric mean of its answers) and around it "
        "the area where the true centre lies with 95 %% confidence: %(a)s as a circle with a "
        "solid line, %(b)s as a square with a dashed line. Regions that do not overlap point "
        "to a real difference. The table below gives the centres' shares."
    ) % {"a": names.group_a, "b": names.group_b}
    chart = svg.frame(f"centres-{escape(s.id)}", T_W, T_H + 12, title, desc, "".join(body))
    return CentresFigure(s.id, chart, [_("Group"), _("Stories"), *corners], rows)
