"""Geometry of the stakeholder map: an influence × interest grid of 5 × 5 cells drawn as SVG.

Interest runs from left (1) to right (5), influence from bottom (1) to top (5). A value of 3 or
more counts as high, so the quadrant lines run between 2 and 3 and never cut through a cell.
Each actor is a numbered marker whose colour and shape both show its sector; actors in the same
cell sit side by side, and past ``MAX_IN_CELL`` the last slot shows how many more there are.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.actors.models import Actor
from samskab.projects.choices import Sector

SCALE = range(1, 6)
HIGH = 3  # a value of at least this is "high"
CELL = 100
LEFT = 84  # room for the influence ticks and axis title
TOP = 8
BAND = 36  # the quadrant labels sit in a band above and below the grid
RIGHT = 16
GRID = CELL * len(SCALE)
GRID_LEFT = LEFT
GRID_TOP = TOP + BAND
GRID_BOTTOM = GRID_TOP + GRID
WIDTH = LEFT + GRID + RIGHT
HEIGHT = GRID_BOTTOM + BAND + 76
SPACING = 33  # centre to centre of markers in one cell; markers are at most 32 wide
MAX_IN_CELL = 9
GRID_LINE = "#767f8a"  # 3.5:1 or more on every quadrant tint
PAPER = "#ffffff"


@dataclass(frozen=True)
class SectorStyle:
    shape: str  # circle, square, triangle or diamond
    colour: str  # white numbers on it reach 4.5:1, and it reaches 3:1 on every tint


SECTOR_STYLES: dict[str, SectorStyle] = {
    Sector.PUBLIC.value: SectorStyle("circle", "#1d4f91"),
    Sector.PRIVATE.value: SectorStyle("square", "#8a4500"),
    Sector.CIVIL_SOCIETY.value: SectorStyle("triangle", "#1f6b33"),
    Sector.CITIZEN.value: SectorStyle("diamond", "#9b1d5a"),
}


@dataclass(frozen=True)
class Quadrant:
    key: str
    label: str | Promise
    advice: str | Promise
    tint: str
    high_influence: bool
    high_interest: bool


QUADRANTS = [
    Quadrant(
        "involve",
        _("Involve closely"),
        _("Much influence and much interest: make them co-creators."),
        "#e3f1ef",
        True,
        True,
    ),
    Quadrant(
        "satisfy",
        _("Keep satisfied"),
        _("Much influence, little interest: win their support and wake their interest."),
        "#fdf3e3",
        True,
        False,
    ),
    Quadrant(
        "inform",
        _("Keep informed"),
        _("Little influence, much interest: give them a voice and a role."),
        "#eaf0fa",
        False,
        True,
    ),
    Quadrant(
        "watch",
        _("Keep an eye on"),
        _("Little influence and little interest: keep the door open."),
        "#f3f5f7",
        False,
        False,
    ),
]
QUADRANT_ORDER = [quadrant.key for quadrant in QUADRANTS]


def quadrant_of(influence: int, interest: int) -> Quadrant:
    for quadrant in QUADRANTS:
        if quadrant.high_influence == (influence >= HIGH) and quadrant.high_interest == (
            interest >= HIGH
        ):
            return quadrant
    raise AssertionError("unreachable")


def cell_centre(interest: int, influence: int) -> tuple[float, float]:
    return GRID_LEFT + (interest - 0.5) * CELL, GRID_TOP + (len(SCALE) - influence + 0.5) * CELL


@dataclass(frozen=True)
class Row:
    """One actor in the table beside the map; ``number`` is printed on its marker."""

    number: int
    actor: Actor
    quadrant: Quadrant

    @property
    def style(self) -> SectorStyle:
        return SECTOR_STYLES[self.actor.sector]

    @property
    def symbol_points(self) -> str:
        return shape_points(self.style.shape, 15, 15)


@dataclass(frozen=True)
class Marker:
    row: Row
    x: float
    y: float

    @property
    def points(self) -> str:
        """The polygon for square, triangle and diamond markers (circles use x, y)."""
        return shape_points(self.row.style.shape, self.x, self.y)

    @property
    def text_y(self) -> float:
        # A triangle's centre of mass sits lower than its box's centre.
        return self.y + (3.5 if self.row.style.shape == "triangle" else 0.0)


@dataclass(frozen=True)
class Overflow:
    x: float
    y: float
    count: int
    names: str


@dataclass
class StakeholderMap:
    rows: list[Row]
    markers: list[Marker]
    overflows: list[Overflow]
    counts: dict[str, int]

    @property
    def groups(self) -> list[dict[str, object]]:
        """The table's rows grouped by quadrant, in the order of QUADRANTS."""
        return [
            {"quadrant": quadrant, "rows": rows}
            for quadrant in QUADRANTS
            if (rows := [row for row in self.rows if row.quadrant.key == quadrant.key])
        ]

    @property
    def quadrant_rows(self) -> list[dict[str, object]]:
        return [
            {"quadrant": quadrant, "count": self.counts.get(quadrant.key, 0)}
            for quadrant in QUADRANTS
        ]


def shape_points(shape: str, x: float, y: float) -> str:
    offsets = {
        "square": [(-13, -13), (13, -13), (13, 13), (-13, 13)],
        "triangle": [(0, -17), (16, 11), (-16, 11)],
        "diamond": [(0, -16), (16, 0), (0, 16), (-16, 0)],
    }.get(shape, [])
    return " ".join(f"{x + dx:g},{y + dy:g}" for dx, dy in offsets)


def ordered(actors: Iterable[Actor]) -> list[Actor]:
    """The order of the table and of the marker numbers: by quadrant, then most influential."""
    return sorted(
        actors,
        key=lambda actor: (
            QUADRANT_ORDER.index(quadrant_of(actor.influence, actor.interest).key),
            -actor.influence,
            -actor.interest,
            actor.name.casefold(),
        ),
    )


def slot_positions(count: int, x: float, y: float) -> list[tuple[float, float]]:
    """``count`` (at most MAX_IN_CELL) positions around a cell centre, three to a row."""
    columns = min(count, 3)
    rows = math.ceil(count / columns) if count else 0
    positions = []
    for index in range(count):
        row, column = divmod(index, columns)
        in_row = min(columns, count - row * columns)
        positions.append(
            (
                x + (column - (in_row - 1) / 2) * SPACING,
                y + (row - (rows - 1) / 2) * SPACING,
            )
        )
    return positions


def build(actors: Iterable[Actor]) -> StakeholderMap:
    rows = [
        Row(number, actor, quadrant_of(actor.influence, actor.interest))
        for number, actor in enumerate(ordered(actors), start=1)
    ]
    cells: dict[tuple[int, int], list[Row]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        cells[(row.actor.interest, row.actor.influence)].append(row)
        counts[row.quadrant.key] += 1
    result = StakeholderMap(rows=rows, markers=[], overflows=[], counts=dict(counts))
    for (interest, influence), members in cells.items():
        _place_cell(result, cell_centre(interest, influence), members)
    result.markers.sort(key=lambda marker: marker.row.number)
    return result


def _place_cell(result: StakeholderMap, centre: tuple[float, float], members: list[Row]) -> None:
    shown = members if len(members) <= MAX_IN_CELL else members[: MAX_IN_CELL - 1]
    slots = slot_positions(min(len(members), MAX_IN_CELL), *centre)
    for row, (x, y) in zip(shown, slots, strict=False):
        result.markers.append(Marker(row, x, y))
    hidden = members[len(shown) :]
    if hidden:
        x, y = slots[-1]
        names = ", ".join(row.actor.name for row in hidden)
        result.overflows.append(Overflow(x, y, len(hidden), names))


def ticks() -> dict[str, list[dict[str, float | int]]]:
    """Where the numbers 1–5 go on both axes."""
    return {
        "interest": [
            {"value": value, "x": cell_centre(value, 1)[0], "y": GRID_BOTTOM + BAND + 22}
            for value in SCALE
        ],
        "influence": [
            {"value": value, "x": GRID_LEFT - 14, "y": cell_centre(1, value)[1]} for value in SCALE
        ],
    }


def frame() -> dict[str, object]:
    """The fixed parts of the drawing: size, quadrant areas, grid lines and label positions."""
    split_x = GRID_LEFT + (HIGH - 1) * CELL
    split_y = GRID_TOP + (len(SCALE) - HIGH + 1) * CELL
    areas = {
        "satisfy": (GRID_LEFT, TOP, split_x - GRID_LEFT, split_y - TOP),
        "involve": (split_x, TOP, GRID_LEFT + GRID - split_x, split_y - TOP),
        "watch": (GRID_LEFT, split_y, split_x - GRID_LEFT, GRID_BOTTOM + BAND - split_y),
        "inform": (split_x, split_y, GRID_LEFT + GRID - split_x, GRID_BOTTOM + BAND - split_y),
    }
    quadrants = []
    for quadrant in QUADRANTS:
        x, y, width, height = areas[quadrant.key]
        label_y = TOP + BAND / 2 if quadrant.high_influence else GRID_BOTTOM + BAND / 2
        quadrants.append(
            {
                "quadrant": quadrant,
                "x": x,
                "y": y,
                "width": width,
                "height": height,
                "label_x": x + width / 2,
                "label_y": label_y,
            }
        )
    lines = [GRID_LEFT + step * CELL for step in range(len(SCALE) + 1)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "quadrants": quadrants,
        "verticals": lines,
        "horizontals": [GRID_TOP + step * CELL for step in range(len(SCALE) + 1)],
        "grid_left": GRID_LEFT,
        "grid_right": GRID_LEFT + GRID,
        "grid_top": GRID_TOP,
        "grid_bottom": GRID_BOTTOM,
        "split_x": split_x,
        "split_y": split_y,
        "top": TOP,
        "band_bottom": GRID_BOTTOM + BAND,
        "grid_line": GRID_LINE,
        "ticks": ticks(),
        "x_title": (GRID_LEFT + GRID / 2, GRID_BOTTOM + BAND + 54),
        "y_title": (22, GRID_TOP + GRID / 2),
    }


def legend() -> list[dict[str, object]]:
    """One symbol per sector, drawn around (15, 15) in a 30 × 30 box."""
    return [
        {
            "value": sector.value,
            "label": sector.label,
            "style": SECTOR_STYLES[sector.value],
            "points": shape_points(SECTOR_STYLES[sector.value].shape, 15, 15),
        }
        for sector in Sector
    ]
