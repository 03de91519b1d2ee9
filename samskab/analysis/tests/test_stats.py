"""Each p-value against SciPy (or an independent computation) on the same data."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from samskab.analysis.compositions import triad_ilr
from samskab.analysis.stats import (
    CHI_SQUARE,
    CHI_SQUARE_MONTE_CARLO,
    CHI_SQUARE_N_MINUS_1,
    FISHER_EXACT_MID_P,
    adjusted_residuals,
    bh_qvalues,
    contingency_test,
    fisher_exact,
    hotelling_heteroscedastic,
    hotelling_permutation,
    hotelling_pooled,
    hotelling_test,
    mann_whitney,
    moments,
    random_subsets,
)
from samskab.analysis.synthetic import sample_dyads, sample_triads


def _groups(seed: int, n_a: int, n_b: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return triad_ilr(sample_triads(rng, n_a)), triad_ilr(sample_triads(rng, n_b))


def test_moments_match_numpy() -> None:
    a, _ = _groups(1, 500, 10)
    m = moments(a)
    assert np.allclose(m.mean, a.mean(axis=0)) and np.allclose(m.cov, np.cov(a, rowvar=False))


def test_pooled_hotelling_matches_textbook_formula() -> None:
    a, b = _groups(2, 80, 120)
    n1, n2 = len(a), len(b)
    pooled = ((n1 - 1) * np.cov(a, rowvar=False) + (n2 - 1) * np.cov(b, rowvar=False)) / (
        n1 + n2 - 2
    )
    d = a.mean(0) - b.mean(0)
    t2 = n1 * n2 / (n1 + n2) * d @ np.linalg.solve(pooled, d)
    f = (n1 + n2 - 3) / (2 * (n1 + n2 - 2)) * t2
    result = hotelling_pooled(moments(a), moments(b))
    assert result.statistic == pytest.approx(t2)
    assert result.p == pytest.approx(sps.f.sf(f, 2, n1 + n2 - 3))


def test_heteroscedastic_df_reduce_to_welch_in_one_dimension() -> None:
    rng = np.random.default_rng(4)
    a, b = rng.normal(0, 1, (40, 1)), rng.normal(0.3, 3, (90, 1))
    ours = hotelling_heteroscedastic(moments(a), moments(b))
    welch = sps.ttest_ind(a[:, 0], b[:, 0], equal_var=False)
    assert ours.statistic == pytest.approx(welch.statistic**2)
    assert ours.df[1] == pytest.approx(welch.df)
    assert ours.p == pytest.approx(welch.pvalue)


def test_permutation_hotelling_agrees_with_scipy_permutation_test() -> None:
    a, b = _groups(5, 12, 30)
    ours = hotelling_permutation(a, b, n_permutations=4999, seed=1)

    z = np.concatenate([a, b])

    def statistic(ia: np.ndarray, ib: np.ndarray) -> float:
        return hotelling_heteroscedastic(moments(z[ia]), moments(z[ib])).statistic

    indices = (np.arange(len(a)), np.arange(len(a), len(z)))
    reference = sps.permutation_test(
        indices,
        statistic,
        vectorized=False,
        n_resamples=1999,
        alternative="greater",
        random_state=2,
    )
    assert ours.statistic == pytest.approx(float(reference.statistic))
    assert abs(ours.p - reference.pvalue) < 0.04
    assert ours.n_permutations == 4999


def test_engine_switches_from_permutation_to_f() -> None:
    a, b = _groups(6, 30, 400)
    assert hotelling_test(a, b).test == "hotelling_t2_permutation"
    a, b = _groups(6, 60, 400)
    assert hotelling_test(a, b).test == "hotelling_t2_f_nel_van_der_merwe"


@pytest.mark.parametrize(("n", "size"), [(30, 10), (300, 10), (10_000, 20)])
def test_random_subsets_are_distinct_and_uniform(n: int, size: int) -> None:
    rng = np.random.default_rng(n)
    subsets = random_subsets(rng, n, size, 3000)
    assert subsets.min() >= 0 and subsets.max() < n
    assert (np.diff(np.sort(subsets, axis=1), axis=1) > 0).all()
    if n <= 300:
        counts = np.bincount(subsets.ravel(), minlength=n)
        assert sps.chisquare(counts).pvalue > 0.001
        pairs = np.bincount((subsets[:, 0] * n + subsets[:, 1]) % 7, minlength=7)
        assert sps.chisquare(pairs).pvalue > 0.001


@pytest.mark.parametrize("sizes", [(60, 80), (200, 5000)])
def test_mann_whitney_matches_scipy_asymptotic(sizes: tuple[int, int]) -> None:
    rng = np.random.default_rng(sizes[0])
    x, y = sample_dyads(rng, sizes[0]), sample_dyads(rng, sizes[1], shift=0.2)
    ours = mann_whitney(x, y)
    reference = sps.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")
    assert ours.statistic == pytest.approx(reference.statistic)
    assert ours.p == pytest.approx(reference.pvalue, rel=1e-9)


def test_mann_whitney_permutation_agrees_with_scipy() -> None:
    rng = np.random.default_rng(8)
    x, y = sample_dyads(rng, 9), sample_dyads(rng, 14, shift=0.8)
    ours = mann_whitney(x, y, n_permutations=9999, seed=3)
    reference = sps.mannwhitneyu(
        x, y, method=sps.PermutationMethod(n_resamples=9999, random_state=4)
    )
    assert abs(ours.p - float(reference.pvalue)) < 0.02


def test_chi_square_matches_scipy() -> None:
    table = np.array([[30, 22, 15, 9], [41, 20, 33, 12]])
    ours = contingency_test(table)
    reference = sps.chi2_contingency(table, correction=False)
    assert ours is not None and ours.test == CHI_SQUARE
    assert ours.statistic == pytest.approx(reference.statistic)
    assert ours.p == pytest.approx(reference.pvalue)
    assert ours.df == (3.0,)


def test_sparse_two_by_two_tests() -> None:
    table = np.array([[2, 8], [7, 4]])
    ours = contingency_test(table)
    assert ours is not None and ours.test == CHI_SQUARE_N_MINUS_1
    n = table.sum()
    assert ours.statistic == pytest.approx(
        sps.chi2_contingency(table, correction=False).statistic * (n - 1) / n
    )
    rare = np.array([[1, 9], [0, 300]])
    result = contingency_test(rare)
    assert result is not None and result.test == FISHER_EXACT_MID_P
    classic = fisher_exact(rare)
    assert classic.p == pytest.approx(sps.fisher_exact(rare).pvalue)
    point = sps.hypergeom.pmf(1, 310, 1, 10)
    assert result.p == pytest.approx(classic.p - point / 2)


def test_sparse_large_table_uses_monte_carlo_close_to_exact() -> None:
    table = np.array([[3, 1, 0, 2], [1, 4, 3, 0]])
    result = contingency_test(table, n_permutations=9999, seed=1)
    assert result is not None and result.test == CHI_SQUARE_MONTE_CARLO
    reference = sps.chi2_contingency(table, correction=False)
    assert result.statistic == pytest.approx(reference.statistic)
    # Reference: shuffle the category labels of the stories themselves, 20,000 times.
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(4), table.sum(axis=0))
    order = np.argsort(rng.random((20_000, labels.size)), axis=1)
    shuffled = labels[order]
    first = np.stack([(shuffled[:, : table[0].sum()] == c).sum(axis=1) for c in range(4)], 1)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    null = ((first - expected[0]) ** 2 / expected[0]).sum(axis=1)
    null += ((table.sum(axis=0) - first - expected[1]) ** 2 / expected[1]).sum(axis=1)
    assert abs(result.p - (null >= reference.statistic - 1e-9).mean()) < 0.02


def test_degenerate_tables_have_no_test() -> None:
    assert contingency_test(np.array([[5, 0], [7, 0]])) is None


def test_adjusted_residuals_are_standard_normal_under_independence() -> None:
    rng = np.random.default_rng(5)
    values = []
    for _ in range(400):
        codes = rng.choice(3, size=600, p=(0.5, 0.3, 0.2))
        table = np.stack(
            [np.bincount(codes[:200], minlength=3), np.bincount(codes[200:], minlength=3)]
        )
        values.append(adjusted_residuals(table)[0])
    assert np.std(values) == pytest.approx(1.0, abs=0.1)


def test_bh_matches_scipy() -> None:
    p = np.array([0.01, 0.04, 0.03, 0.2, 0.5, 0.001])
    assert np.allclose(bh_qvalues(p), sps.false_discovery_control(p))
    with_nan = bh_qvalues([0.01, np.nan, 0.04])
    assert np.isnan(with_nan[1]) and np.allclose(
        with_nan[[0, 2]], sps.false_discovery_control([0.01, 0.04])
    )
