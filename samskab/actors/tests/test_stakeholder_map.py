"""The map's geometry and colours, without the database."""

from __future__ import annotations

import itertools

import pytest

from samskab.actors import stakeholder_map as sm
from samskab.actors.models import Actor
from samskab.projects.choices import Sector


def _actor(name, influence, interest, sector=Sector.PUBLIC):
    return Actor(name=name, influence=influence, interest=interest, sector=sector)


def _luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("influence", "interest", "key"),
    [(5, 5, "involve"), (3, 3, "involve"), (5, 2, "satisfy"), (2, 3, "inform"), (1, 1, "watch")],
)
def test_quadrants_split_between_2_and_3(influence, interest, key):
    assert sm.quadrant_of(influence, interest).key == key


def test_markers_in_one_cell_do_not_overlap():
    actors = [_actor(f"A{n}", 4, 4) for n in range(9)]
    markers = sm.build(actors).markers
    assert len(markers) == 9
    for first, second in itertools.combinations(markers, 2):
        distance = ((first.x - second.x) ** 2 + (first.y - second.y) ** 2) ** 0.5
        assert distance >= 32  # each marker is at most 32 units wide


def test_markers_stay_inside_their_cell():
    actors = [
        _actor(f"A{n}", influence, interest)
        for n, (influence, interest) in enumerate(itertools.product(range(1, 6), repeat=2))
    ]
    actors += [_actor(f"B{n}", 2, 5) for n in range(8)]
    for marker in sm.build(actors).markers:
        cx, cy = sm.cell_centre(marker.row.actor.interest, marker.row.actor.influence)
        assert abs(marker.x - cx) + 16 <= sm.CELL / 2
        assert abs(marker.y - cy) + 17 <= sm.CELL / 2


def test_a_crowded_cell_shows_a_count_and_every_actor_stays_in_the_table():
    chart = sm.build([_actor(f"A{n}", 1, 5) for n in range(12)])
    assert len(chart.markers) == 8
    assert [(o.count) for o in chart.overflows] == [4]
    assert len(chart.rows) == 12
    assert chart.counts == {"inform": 12}


def test_numbers_follow_the_table_order():
    chart = sm.build([_actor("Lav", 1, 1), _actor("Høj", 5, 5), _actor("Midt", 4, 5)])
    assert [row.actor.name for row in chart.rows] == ["Høj", "Midt", "Lav"]
    assert [marker.row.number for marker in chart.markers] == [1, 2, 3]


def test_every_sector_has_its_own_shape_and_colour():
    styles = sm.SECTOR_STYLES.values()
    assert set(sm.SECTOR_STYLES) == {sector.value for sector in Sector}
    assert len({style.shape for style in styles}) == len(Sector)
    assert len({style.colour for style in styles}) == len(Sector)


def test_colours_reach_aa_contrast():
    backgrounds = [sm.PAPER, *(quadrant.tint for quadrant in sm.QUADRANTS)]
    for style in sm.SECTOR_STYLES.values():
        assert _contrast(style.colour, "#ffffff") >= 4.5  # white numbers on the marker
        for background in backgrounds:
            assert _contrast(style.colour, background) >= 3, (style, background)
    for background in backgrounds:
        assert _contrast(sm.GRID_LINE, background) >= 3
        assert _contrast("#1b1f24", background) >= 4.5  # labels


def test_shapes_are_polygons_around_the_point():
    assert sm.shape_points("square", 100, 100) == "87,87 113,87 113,113 87,113"
    assert sm.shape_points("circle", 100, 100) == ""
