"""Two-sample tests on arrays; no I/O and no knowledge of the store.

* Hotelling T² on ilr coordinates: below `PERMUTATION_BELOW` stories in the smaller group a
  permutation p-value; above it the F approximation of Nel and van der Merwe (1986) with
  the degrees of freedom of Krishnamoorthy and Yu (2004), which does not assume equal
  covariances. The permutation test permutes that same studentised statistic, which keeps
  it exact under exchangeability and asymptotically valid when covariances differ (Janssen
  1997). The pooled F test is kept for reference.
* Mann–Whitney U, two-sided, with the tie-corrected normal approximation and continuity
  correction (the same as SciPy's `method="asymptotic"`), or a permutation p-value on the
  rank sum for small groups.
* Contingency tables: Pearson's chi-square without continuity correction. A 2 x 2 table is
  sparse when an expected count is below 5; then, following Campbell (2007), the 'N - 1'
  chi-square (Pearson's statistic times (N - 1) / N) while every expected count is at
  least 1, and Fisher's exact test below that, reported with Lancaster's mid-p (Agresti
  2013, section 3.5): the classical Fisher p-value rejected 1.4 % of such null tables at
  alpha = 0.05 in our calibration, the mid-p 2.8 %. `fisher_exact` gives both. Larger
  sparse tables get a Monte Carlo permutation chi-square (as R's `simulate.p.value`).
* Benjamini–Hochberg q-values.

Permutation p-values are (1 + b) / (1 + B) with b the resamples at least as extreme,
which is a valid (never anti-conservative) p-value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import special
from scipy import stats as sps

from samskab.analysis.types import FloatArray, IntArray

PERMUTATION_BELOW = 50
N_PERMUTATIONS = 999
SPARSE_EXPECTED = 5.0
KEYS_BELOW = 256
FISHER_EXPECTED = 1.0

HOTELLING_PERMUTATION = "hotelling_t2_permutation"
HOTELLING_F_HETEROSCEDASTIC = "hotelling_t2_f_nel_van_der_merwe"
HOTELLING_F_POOLED = "hotelling_t2_f_pooled"
MANN_WHITNEY = "mann_whitney_u"
MANN_WHITNEY_PERMUTATION = "mann_whitney_u_permutation"
CHI_SQUARE = "chi_square"
CHI_SQUARE_MONTE_CARLO = "chi_square_monte_carlo"
CHI_SQUARE_N_MINUS_1 = "chi_square_n_minus_1"
FISHER_EXACT = "fisher_exact"
FISHER_EXACT_MID_P = "fisher_exact_mid_p"


@dataclass(frozen=True)
class TestResult:
    """One test: `df` is empty for permutation and exact tests; `q` is set within a family."""

    __test__ = False  # not a pytest class, despite the name

    test: str
    statistic: float
    df: tuple[float, ...]
    p: float
    n_permutations: int = 0
    q: float | None = None


@dataclass(frozen=True)
class Moments:
    """Sufficient statistics of one group: size, mean and unbiased covariance."""

    n: int
    mean: FloatArray
    cov: FloatArray


def moments(x: npt.ArrayLike) -> Moments:
    """Mean and covariance of the rows of `x`.

    Works column by column with `einsum` dot products: on tall (n, 2) arrays several times
    faster than `np.cov` or a (2, n) @ (n, 2) product, and free of BLAS threads, which
    stall badly on a busy server.
    """
    a = np.asarray(x)
    n, p = a.shape
    columns = [np.array(a[:, j], dtype=np.float64) for j in range(p)]
    mean = np.array([c.mean() for c in columns]) if n else np.zeros(p)
    for c, m in zip(columns, mean, strict=True):
        c -= m
    cov = np.empty((p, p))
    for i in range(p):
        for j in range(i, p):
            cov[i, j] = cov[j, i] = float(np.einsum("i,i->", columns[i], columns[j])) / max(
                n - 1, 1
            )
    return Moments(n, mean, cov)


def _inverse(s: FloatArray) -> FloatArray:
    """Inverse of a covariance, with a tiny ridge so piled (degenerate) data stay finite."""
    ridge = 1e-12 * max(float(np.trace(s)), 1e-300)
    return np.asarray(np.linalg.pinv(s + ridge * np.eye(s.shape[0])), dtype=np.float64)


def hotelling_pooled(a: Moments, b: Moments) -> TestResult:
    """Classical two-sample Hotelling T² with pooled covariance and its exact F (normal data)."""
    p, n = a.mean.shape[0], a.n + b.n
    pooled = ((a.n - 1) * a.cov + (b.n - 1) * b.cov) / (n - 2)
    d = a.mean - b.mean
    t2 = float(a.n * b.n / n * d @ _inverse(pooled) @ d)
    df2 = n - p - 1
    f = (df2 / (p * (n - 2))) * t2
    return TestResult(
        HOTELLING_F_POOLED, t2, (float(p), float(df2)), float(special.fdtrc(p, df2, f))
    )


def hotelling_heteroscedastic(a: Moments, b: Moments) -> TestResult:
    """Nel–van der Merwe T² with Krishnamoorthy–Yu degrees of freedom (unequal covariances)."""
    p = a.mean.shape[0]
    va, vb = a.cov / a.n, b.cov / b.n
    inv = _inverse(va + vb)
    d = a.mean - b.mean
    t2 = float(d @ inv @ d)
    denominator = 0.0
    for v, n in ((va, a.n), (vb, b.n)):
        m = v @ inv
        denominator += (float(np.trace(m @ m)) + float(np.trace(m)) ** 2) / (n - 1)
    nu = (p + p * p) / denominator if denominator > 0 else float(a.n + b.n - 2)
    df2 = nu - p + 1
    f = df2 / (nu * p) * t2
    return TestResult(
        HOTELLING_F_HETEROSCEDASTIC, t2, (float(p), df2), float(special.fdtrc(p, df2, f))
    )


def random_subsets(rng: np.random.Generator, n: int, size: int, count: int) -> IntArray:
    """`count` uniform random subsets of `size` indices out of `n`, as a (count, size) array.

    Up to `KEYS_BELOW` items, the first `size` of a random ordering; above, Floyd's
    algorithm vectorised over the subsets, whose cost grows with count * size**2 and not
    with n, so permuting a small group against a large one stays cheap.
    """
    if n <= KEYS_BELOW:
        keys = rng.random((count, n))
        return np.argpartition(keys, size - 1, axis=1)[:, :size].astype(np.int64)
    chosen = np.empty((count, size), dtype=np.int64)
    for k, j in enumerate(range(n - size, n)):
        draw = rng.integers(0, j + 1, size=count)
        seen = (chosen[:, :k] == draw[:, None]).any(axis=1)
        chosen[:, k] = np.where(seen, j, draw)
    return chosen


def _studentised_t2(sums: FloatArray, squares: FloatArray, n1: int, total: Moments) -> FloatArray:
    """Batched Nel–van der Merwe T² from group-1 sums (B, p) and cross-products (B, p, p)."""
    n = total.n
    full_sum = total.mean * n
    full_sq = total.cov * (n - 1) + n * np.outer(total.mean, total.mean)
    n2 = n - n1
    m1, m2 = sums / n1, (full_sum - sums) / n2
    c1 = (squares - n1 * m1[:, :, None] * m1[:, None, :]) / (n1 - 1)
    c2 = (full_sq - squares - n2 * m2[:, :, None] * m2[:, None, :]) / (n2 - 1)
    s = c1 / n1 + c2 / n2
    ridge = 1e-12 * np.trace(total.cov) + 1e-300
    s = s + ridge * np.eye(s.shape[1])
    d = m1 - m2
    return np.asarray(np.einsum("bi,bi->b", d, np.linalg.solve(s, d[:, :, None])[:, :, 0]))


def hotelling_permutation(
    x: npt.ArrayLike, y: npt.ArrayLike, n_permutations: int = N_PERMUTATIONS, seed: int = 0
) -> TestResult:
    """Permutation p-value of the studentised two-sample T² (seeded, batched)."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if a.shape[0] > b.shape[0]:
        a, b = b, a
    z = np.concatenate([a, b])
    n1 = a.shape[0]
    cross = z[:, :, None] * z[:, None, :]
    rng = np.random.default_rng(seed)
    idx = np.vstack([np.arange(n1)[None, :], random_subsets(rng, z.shape[0], n1, n_permutations)])
    t2 = _studentised_t2(z[idx].sum(axis=1), cross[idx].sum(axis=1), n1, moments(z))
    observed = float(t2[0])
    extreme = int((t2[1:] >= observed * (1 - 1e-9)).sum())
    p = (1 + extreme) / (1 + n_permutations)
    return TestResult(HOTELLING_PERMUTATION, observed, (), p, n_permutations)


def hotelling_test(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    permutation_below: int = PERMUTATION_BELOW,
    n_permutations: int = N_PERMUTATIONS,
    seed: int = 0,
) -> TestResult:
    """The engine's choice: permutation for a small group, else the heteroscedastic F."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if min(a.shape[0], b.shape[0]) < permutation_below:
        return hotelling_permutation(a, b, n_permutations, seed)
    return hotelling_heteroscedastic(moments(a), moments(b))


def _tie_term(ranks_sorted_values: FloatArray) -> float:
    _, counts = np.unique(ranks_sorted_values, return_counts=True)
    return float((counts.astype(np.float64) ** 3 - counts).sum())


def mann_whitney(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    permutation_below: int = PERMUTATION_BELOW,
    n_permutations: int = N_PERMUTATIONS,
    seed: int = 0,
) -> TestResult:
    """Two-sided Mann–Whitney U; `statistic` is U of the first sample."""
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    n1, n2 = a.shape[0], b.shape[0]
    ranks = sps.rankdata(np.concatenate([a, b]))
    u1 = float(ranks[:n1].sum() - n1 * (n1 + 1) / 2.0)
    if min(n1, n2) < permutation_below:
        return _mann_whitney_permutation(ranks, n1, u1, n_permutations, seed)
    n = n1 + n2
    variance = n1 * n2 / 12.0 * ((n + 1) - _tie_term(ranks) / (n * (n - 1)))
    if variance <= 0:
        return TestResult(MANN_WHITNEY, u1, (), 1.0)
    z = (abs(u1 - n1 * n2 / 2.0) - 0.5) / np.sqrt(variance)
    return TestResult(MANN_WHITNEY, u1, (), float(min(1.0, 2.0 * special.ndtr(-max(z, 0.0)))))


def _mann_whitney_permutation(
    ranks: FloatArray, n1: int, u1: float, n_permutations: int, seed: int
) -> TestResult:
    n = ranks.shape[0]
    small = min(n1, n - n1)
    rng = np.random.default_rng(seed)
    sums = ranks[random_subsets(rng, n, small, n_permutations)].sum(axis=1)
    observed = u1 + n1 * (n1 + 1) / 2.0 if small == n1 else ranks.sum() - u1 - n1 * (n1 + 1) / 2.0
    centre = small * (n + 1) / 2.0
    extreme = int((np.abs(sums - centre) >= abs(observed - centre) - 1e-9).sum())
    p = (1 + extreme) / (1 + n_permutations)
    return TestResult(MANN_WHITNEY_PERMUTATION, u1, (), p, n_permutations)


def expected_counts(table: IntArray) -> FloatArray:
    t = np.asarray(table, dtype=np.float64)
    return np.asarray(np.outer(t.sum(axis=1), t.sum(axis=0)) / t.sum(), dtype=np.float64)


def chi_square_statistic(table: npt.ArrayLike) -> float:
    t = np.asarray(table, dtype=np.float64)
    e = expected_counts(np.asarray(table, dtype=np.int64))
    return float(((t - e) ** 2 / e).sum())


def adjusted_residuals(table: npt.ArrayLike) -> FloatArray:
    """Haberman's adjusted standardised residuals (about N(0, 1) under independence)."""
    t = np.asarray(table, dtype=np.float64)
    n = t.sum()
    e = np.outer(t.sum(axis=1), t.sum(axis=0)) / n
    scale = np.sqrt(e * np.outer(1 - t.sum(axis=1) / n, 1 - t.sum(axis=0) / n))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, (t - e) / scale, 0.0)


def contingency_test(
    table: npt.ArrayLike, n_permutations: int = N_PERMUTATIONS, seed: int = 0
) -> TestResult | None:
    """Test of independence for a 2 x c table of counts; None when a margin has one level."""
    t = np.asarray(table, dtype=np.int64)
    t = t[:, t.sum(axis=0) > 0]
    if t.shape[1] < 2 or (t.sum(axis=1) == 0).any():
        return None
    e = expected_counts(t)
    if t.shape == (2, 2) and e.min() < SPARSE_EXPECTED:
        return _sparse_two_by_two(t, float(e.min()))
    if (e < 1).any() or (e < SPARSE_EXPECTED).mean() > 0.2:
        return _chi_square_monte_carlo(t, n_permutations, seed)
    chi2 = chi_square_statistic(t)
    df = float(t.shape[1] - 1)
    return TestResult(CHI_SQUARE, chi2, (df,), float(special.chdtrc(df, chi2)))


def fisher_exact(table: npt.ArrayLike, mid_p: bool = False) -> TestResult:
    """Two-sided Fisher's exact test (tables no more likely than the observed one).

    `statistic` is the sample odds ratio. With `mid_p`, tables exactly as likely as the
    observed one count half.
    """
    t = np.asarray(table, dtype=np.int64)
    row, col, n = int(t[0].sum()), int(t[:, 0].sum()), int(t.sum())
    support = np.arange(max(0, row + col - n), min(row, col) + 1)
    pmf = sps.hypergeom.pmf(support, n, col, row)
    observed = float(sps.hypergeom.pmf(t[0, 0], n, col, row))
    tie = np.abs(pmf - observed) <= observed * 1e-7
    less = (pmf < observed) & ~tie
    p = float(pmf[less].sum() + (0.5 if mid_p else 1.0) * pmf[tie].sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = float(np.divide(t[0, 0] * t[1, 1], t[0, 1] * t[1, 0]))
    return TestResult(FISHER_EXACT_MID_P if mid_p else FISHER_EXACT, odds, (), min(1.0, p))


def _sparse_two_by_two(table: IntArray, smallest_expected: float) -> TestResult:
    if smallest_expected < FISHER_EXPECTED:
        return fisher_exact(table, mid_p=True)
    n = float(table.sum())
    chi2 = chi_square_statistic(table) * (n - 1) / n
    return TestResult(CHI_SQUARE_N_MINUS_1, chi2, (1.0,), float(special.chdtrc(1.0, chi2)))


def _chi_square_monte_carlo(table: IntArray, n_permutations: int, seed: int) -> TestResult:
    """Permutation chi-square: the first row of a permuted table is multivariate
    hypergeometric given the margins, so it is drawn directly."""
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    rng = np.random.default_rng(seed)
    first = rng.multivariate_hypergeometric(cols, int(rows[0]), size=n_permutations)
    expected = expected_counts(table)
    stats = ((first - expected[0]) ** 2 / expected[0]).sum(axis=1)
    stats += ((cols[None, :] - first - expected[1]) ** 2 / expected[1]).sum(axis=1)
    observed = chi_square_statistic(table)
    extreme = int((stats >= observed * (1 - 1e-9)).sum())
    p = (1 + extreme) / (1 + n_permutations)
    return TestResult(CHI_SQUARE_MONTE_CARLO, observed, (), p, n_permutations)


def bh_qvalues(p: npt.ArrayLike) -> FloatArray:
    """Benjamini–Hochberg adjusted p-values (q-values); NaN entries stay NaN, not counted."""
    values = np.asarray(p, dtype=np.float64)
    out = np.full(values.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(values))
    if ok.size == 0:
        return out
    order = ok[np.argsort(values[ok])]
    ranked = values[order] * ok.size / np.arange(1, ok.size + 1)
    out[order] = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    return out


def with_q(results: list[TestResult | None]) -> list[TestResult | None]:
    """The same results with BH q-values over the family of non-missing tests."""
    p = [np.nan if r is None else r.p for r in results]
    q = bh_qvalues(p)
    return [
        None if r is None else replace(r, q=float(qi)) for r, qi in zip(results, q, strict=True)
    ]
