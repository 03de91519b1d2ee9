from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samskab.analysis.compositions import (
    DELTA,
    TRIAD_BASIS,
    aitchison_distance,
    clean,
    closure,
    clr,
    geometric_centre,
    ilr,
    ilr_inv,
    multiplicative_replacement,
    pivot_basis,
    to_cartesian,
    triad_ilr,
)

skbio = pytest.importorskip("skbio.stats.composition")

X = np.array([[0.2, 0.3, 0.5], [0.0, 0.4, 0.6], [1.0, 0.0, 0.0], [0.005, 0.5, 0.495]])


def test_closure_and_clean_repair_rounding() -> None:
    assert np.allclose(closure([[2, 2, 4]]), [[0.25, 0.25, 0.5]])
    cleaned = clean([[-0.0009, 0.5009, 0.5], [0.5, 0.5, 0.5]])
    assert np.allclose(cleaned[0], [0.0, 0.5009 / 1.0009, 0.5 / 1.0009])
    assert np.isnan(cleaned[1]).all()


def test_multiplicative_replacement_matches_scikit_bio() -> None:
    ours = multiplicative_replacement(X)
    assert np.allclose(ours[:3], skbio.multi_replace(X[:3], delta=DELTA))
    # 0.005 is below the 1 % detection limit, so it is treated as a zero.
    assert ours[3, 0] == pytest.approx(DELTA)
    assert np.allclose(ours[1, 1] / ours[1, 2], 0.4 / 0.6)


def test_basis_is_orthonormal_and_hand_computed() -> None:
    basis = pivot_basis(3)
    assert np.allclose(basis @ basis.T, np.eye(2))
    assert np.allclose(basis.sum(axis=1), 0)
    top, left, right = 0.2, 0.3, 0.5
    expected = [
        np.sqrt(2 / 3) * np.log(top / np.sqrt(left * right)),
        np.sqrt(0.5) * np.log(left / right),
    ]
    assert np.allclose(ilr([[top, left, right]], TRIAD_BASIS)[0], expected)


def test_clr_and_ilr_match_scikit_bio() -> None:
    x = multiplicative_replacement(X)
    assert np.allclose(clr(x), skbio.clr(x))
    assert np.allclose(ilr(x, TRIAD_BASIS), skbio.ilr(x, basis=TRIAD_BASIS))
    assert np.allclose(
        ilr_inv(ilr(x)), skbio.ilr_inv(skbio.ilr(x, basis=TRIAD_BASIS), basis=TRIAD_BASIS)
    )


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3))
def test_ilr_round_trip(parts: list[float]) -> None:
    x = closure(np.array([parts]))
    assert np.allclose(ilr_inv(ilr(x)), x)


def test_centre_is_the_closed_geometric_mean_not_the_arithmetic_mean() -> None:
    x = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1]])
    centre = geometric_centre(x)
    by_hand = closure(np.sqrt(x[0] * x[1]))
    assert np.allclose(centre, by_hand)
    assert not np.allclose(centre, x.mean(axis=0))
    assert np.allclose(ilr_inv(ilr(x).mean(axis=0)), centre)


def test_aitchison_distance_hand_computed() -> None:
    x, y = np.array([0.2, 0.3, 0.5]), np.array([0.5, 0.3, 0.2])
    by_hand = np.sqrt(((np.log(x) - np.log(x).mean() - np.log(y) + np.log(y).mean()) ** 2).sum())
    assert aitchison_distance(x, y) == pytest.approx(by_hand)
    assert aitchison_distance(x, y) == pytest.approx(np.linalg.norm(ilr(x) - ilr(y)))


def test_triad_ilr_is_finite_for_corners_and_edges() -> None:
    assert np.isfinite(triad_ilr(X)).all()


def test_cartesian_corners() -> None:
    xy = to_cartesian(np.eye(3))
    assert np.allclose(xy, [[0.5, np.sqrt(3) / 2], [0, 0], [1, 0]])
