"""The stakeholder map: actors on a grid of influence by interest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from samskab.playbooks.charts.common import (
    CHAR,
    MUTED,
    SMALL,
    WIDTH,
    _clip,
    _figure,
    _group_symbol,
    _legend,
    _legend_height,
    _line,
    _rect,
    _text,
    _wrap,
)
from samskab.playbooks.document import Figure, Table

Actor = tuple[str, str, int, int]  # name, group label, influence 1..5, interest 1..5


@dataclass(frozen=True)
class _Grid:
    """Cell k (1..5) is centred on value k; the grid runs from 0.5 to 5.5 on both axes."""

    left: float
    top: float
    cell_w: float
    cell_h: float

    def x(self, interest: float) -> float:
        return self.left + (interest - 0.5) * self.cell_w

    def y(self, influence: float) -> float:
        return self.top + (5.5 - influence) * self.cell_h


def stakeholder_map(
    ident: str,
    title: str,
    language: str,
    actors: Sequence[Actor],
    *,
    alt: str = "",
    caption: str = "",
) -> Figure:
    """Actors on a 5 × 5 grid of influence (up) by interest (right), with the classic
    quadrants; a marker per actor, its shape and colour by group, its name beside it."""
    clean = [(name, group, _level(inf), _level(intr)) for name, group, inf, intr in actors]
    groups = list(dict.fromkeys(group for _n, group, _i, _t in clean))
    with translation.override(language):
        body, height = _stakeholder_svg(clean, groups)
        text = alt or _stakeholder_alt(title, clean, groups)
        return _figure(ident, title, text, body, height, caption, _stakeholder_table(title, clean))


def _level(value: int) -> int:
    return min(5, max(1, int(value)))


def _cells(actors: Sequence[Actor], groups: Sequence[str]) -> dict[tuple[int, int], list[Actor]]:
    """Actors by (interest, influence), each cell's in group order, then by name."""
    cells: dict[tuple[int, int], list[Actor]] = {}
    for actor in actors:
        cells.setdefault((actor[3], actor[2]), []).append(actor)
    for members in cells.values():
        members.sort(key=lambda a: (groups.index(a[1]), a[0].casefold(), a[0]))
    return cells


def _stakeholder_svg(actors: Sequence[Actor], groups: Sequence[str]) -> tuple[str, float]:
    keys = [(_group_symbol(i), g) for i, g in enumerate(groups)]
    legend_h = _legend_height(groups, 10, WIDTH - 8) if groups else 0
    left = 40.0
    cell_w = (WIDTH - left - 8) / 5
    cells = _cells(actors, groups)
    names = _names(cells, cell_w)
    content = [sum(len(names[a]) * 12 + 4 for a in m) for m in cells.values()]
    cell_h = max(60.0, max(content, default=0) + 40)
    grid = _Grid(left, 12 + legend_h + 26, cell_w, cell_h)
    parts = [_legend(keys, 10, 18, WIDTH - 8), _quadrants(grid)]
    for (interest, influence), members in sorted(cells.items()):
        parts.append(_cell_actors(grid, interest, influence, members, names, groups))
    parts.append(_grid_axes(grid))
    return "".join(parts), grid.y(0.5) + 44


def _names(cells: dict[tuple[int, int], list[Actor]], cell_w: float) -> dict[Actor, list[str]]:
    """Each name wrapped to its cell, or to two cells when the cell to its right is empty."""
    names: dict[Actor, list[str]] = {}
    for (interest, influence), members in cells.items():
        free = interest < 5 and (interest + 1, influence) not in cells
        width = cell_w * (2 if free else 1) - 32
        names.update((a, _wrap(a[0], width, SMALL, 3)) for a in members)
    return names


def _quadrants(grid: _Grid) -> str:
    """Tinted quadrants split at 3 (the middle of the centre cell), white cell borders."""
    tints = (
        ("#eef3f9", 0.5, 5.5),  # keep satisfied: low interest, high influence
        ("#dae6f3", 3.0, 5.5),  # manage closely
        ("#f5f5f5", 0.5, 3.0),  # monitor
        ("#eef3f9", 3.0, 3.0),  # keep informed
    )
    parts = []
    for fill, x_from, y_to in tints:
        x0, y0 = grid.x(x_from), grid.y(y_to)
        parts.append(_rect(x0, y0, grid.cell_w * 2.5, grid.cell_h * 2.5, fill))
    for k in range(6):
        edge = 0.5 + k
        parts.append(_line(grid.x(edge), grid.y(5.5), grid.x(edge), grid.y(0.5), "#ffffff", 2))
        parts.append(_line(grid.x(0.5), grid.y(edge), grid.x(5.5), grid.y(edge), "#ffffff", 2))
    return "".join(parts) + _quadrant_labels(grid)


def _quadrant_labels(grid: _Grid) -> str:
    limit = int((grid.cell_w * 2.3) / (CHAR * SMALL))
    top, bottom = grid.y(5.5) + 14, grid.y(0.5) - 7
    left, right = grid.x(0.5) + 6, grid.x(5.5) - 6
    spots = (
        (left, top, "start", _("Keep satisfied")),
        (right, top, "end", _("Manage closely")),
        (left, bottom, "start", _("Monitor")),
        (right, bottom, "end", _("Keep informed")),
    )
    return "".join(
        _text(x, y, _clip(label, limit), size=SMALL, anchor=a, fill=MUTED, weight="600")
        for x, y, a, label in spots
    )


def _cell_actors(
    grid: _Grid,
    interest: int,
    influence: int,
    members: Sequence[Actor],
    names: dict[Actor, list[str]],
    groups: Sequence[str],
) -> str:
    """The cell's actors stacked and centred vertically, a marker left of each name."""
    heights = [len(names[a]) * 12 + 4 for a in members]
    y = grid.y(influence + 0.5) + (grid.cell_h - sum(heights)) / 2
    x = grid.x(interest - 0.5)
    parts = []
    for actor, height in zip(members, heights, strict=True):
        lines = names[actor]
        parts.append(_group_symbol(groups.index(actor[1]))(x + 12, y + 8))
        parts += [_text(x + 22, y + 12 + i * 12, line, size=SMALL) for i, line in enumerate(lines)]
        y += height
    return "".join(parts)


def _grid_axes(grid: _Grid) -> str:
    parts = []
    for level in range(1, 6):
        parts.append(_text(grid.x(level), grid.y(0.5) + 15, str(level), anchor="middle"))
        parts.append(_text(grid.left - 8, grid.y(level) + 4, str(level), anchor="end"))
    parts.append(_text(8, grid.y(5.5) - 10, _("Influence") + " ↑", fill=MUTED, weight="600"))
    interest = _("Interest") + " →"
    x, y = grid.x(5.5), grid.y(0.5) + 32
    parts.append(_text(x, y, interest, anchor="end", fill=MUTED, weight="600"))
    return "".join(parts)


def _stakeholder_alt(title: str, actors: Sequence[Actor], groups: Sequence[str]) -> str:
    close = sum(1 for _n, _g, influence, interest in actors if influence >= 4 and interest >= 4)
    return _(
        "%(title)s: %(count)s actors from %(groups)s groups by influence and interest; "
        "%(close)s have influence and interest of 4 or 5 (%(quadrant)s)."
    ) % {
        "title": title,
        "count": len(actors),
        "groups": len(groups),
        "close": close,
        "quadrant": _("Manage closely"),
    }


def _stakeholder_table(title: str, actors: Sequence[Actor]) -> Table:
    ordered = sorted(actors, key=lambda a: (-a[2], -a[3], a[0].casefold(), a[0], a[1]))
    rows = tuple((n, g, str(inf), str(intr)) for n, g, inf, intr in ordered)
    head = (_("Actor"), _("Group"), _("Influence"), _("Interest"))
    return Table(title, head, rows, (2, 3))
