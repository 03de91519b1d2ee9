"""Planted shifts are found: power on simulated data with a known difference."""

from __future__ import annotations

import numpy as np
import pytest

from samskab.analysis.compositions import triad_ilr
from samskab.analysis.stats import contingency_test, hotelling_test, mann_whitney
from samskab.analysis.synthetic import sample_choices, sample_dyads, sample_triads

N_SETS = 200


def _power(p_values: list[float]) -> float:
    return float(np.mean(np.asarray(p_values) <= 0.05))


@pytest.mark.parametrize(("n_a", "n_b", "shift"), [(20, 30, 1.0), (300, 2000, 0.25)])
def test_hotelling_finds_a_planted_centre_shift(n_a: int, n_b: int, shift: float) -> None:
    rng = np.random.default_rng(n_a)
    p = []
    for i in range(N_SETS):
        a = triad_ilr(sample_triads(rng, n_a, "cluster", shift=(shift, 0.0)))
        b = triad_ilr(sample_triads(rng, n_b, "cluster"))
        p.append(hotelling_test(a, b, seed=i).p)
    assert _power(p) >= 0.8


def test_mann_whitney_finds_a_planted_dyad_shift() -> None:
    rng = np.random.default_rng(1)
    p = [
        mann_whitney(sample_dyads(rng, 150, shift=0.6), sample_dyads(rng, 200)).p
        for _ in range(N_SETS)
    ]
    assert _power(p) >= 0.8


def test_chi_square_finds_a_planted_choice_tilt() -> None:
    rng = np.random.default_rng(2)
    p = []
    for _ in range(N_SETS):
        a, b = sample_choices(rng, 300, tilt=0.6), sample_choices(rng, 300)
        table = np.stack([np.bincount(a, minlength=5), np.bincount(b, minlength=5)])
        result = contingency_test(table)
        assert result is not None
        p.append(result.p)
    assert _power(p) >= 0.8
