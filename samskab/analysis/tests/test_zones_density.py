from __future__ import annotations

import numpy as np

from samskab.analysis.density import (
    bin_counts,
    cell_index,
    cell_vertices,
    contour_levels,
    n_slots,
    valid_slots,
)
from samskab.analysis.synthetic import sample_triads
from samskab.analysis.zones import NO_ZONE, Zone, dyad_bands, triad_zones


def test_zone_boundaries() -> None:
    cases = {
        (0.6, 0.2, 0.2): Zone.TOP,
        (0.2, 0.6, 0.2): Zone.LEFT,
        (0.0, 0.0, 1.0): Zone.RIGHT,
        (0.5, 0.4, 0.1): Zone.TOP_LEFT,
        (0.5, 0.1, 0.4): Zone.TOP_RIGHT,
        (0.19, 0.41, 0.4): Zone.LEFT_RIGHT,
        (0.2, 0.2, 0.6): Zone.RIGHT,
        (0.59, 0.21, 0.2): Zone.CENTRE,
        (1 / 3, 1 / 3, 1 / 3): Zone.CENTRE,
    }
    zones = triad_zones(np.array(list(cases)))
    assert list(zones) == list(cases.values())
    assert triad_zones(np.array([[np.nan] * 3]))[0] == NO_ZONE


def test_float32_values_at_boundaries_do_not_flip() -> None:
    p = np.array([[0.6, 0.2, 0.2]], dtype=np.float32)
    assert triad_zones(p)[0] == Zone.TOP


def test_dyad_bands() -> None:
    assert list(dyad_bands([0.0, 0.199, 0.2, 0.5, 0.8, 1.0, np.nan])) == [0, 0, 1, 2, 4, 4, NO_ZONE]


def _inside(point: np.ndarray, triangle: np.ndarray) -> bool:
    # Barycentric coordinates of a point in a triangle given by barycentric corners.
    solution = np.linalg.lstsq(np.vstack([triangle.T, np.ones(3)]), np.append(point, 1), rcond=None)
    weights = solution[0]
    return bool((weights >= -1e-9).all())


def test_every_point_falls_in_the_valid_cell_that_contains_it() -> None:
    rng = np.random.default_rng(3)
    points = np.vstack([sample_triads(rng, 3000), np.eye(3), [[0.5, 0.5, 0.0], [0.25, 0.25, 0.5]]])
    for resolution in (1, 5, 20):
        cells = cell_index(points, resolution)
        assert valid_slots(resolution)[cells].all()
        vertices = cell_vertices(resolution)
        assert all(_inside(p, vertices[c]) for p, c in zip(points[:300], cells[:300], strict=True))
    assert int(valid_slots(20).sum()) == 400


def test_counts_and_contour_levels() -> None:
    cells = cell_index(np.array([[1.0, 0, 0]] * 6 + [[0, 1.0, 0]] * 3 + [[0, 0, 1.0]]), 4)
    counts = bin_counts(cells, 4)
    assert counts.sum() == 10 and counts.shape == (n_slots(4),)
    levels = contour_levels(counts, (0.5, 0.9, 1.0))
    assert list(levels) == [6, 3, 1]
