"""Effect sizes with intervals and magnitude labels.

Magnitude labels (codes: negligible, small, medium, large) use Cohen's (1988) conventions on
a standardised basis that is reported beside the label:

=====================  ==============================================  ==================
effect                 basis of the label                              small/medium/large
=====================  ==============================================  ==================
triad centre shift     Mahalanobis D between ilr centres (pooled cov)  0.2 / 0.5 / 0.8
dyad / stone position  |rank-biserial r|                               0.1 / 0.3 / 0.5
choice (2 x c table)   Cohen's w, which equals V for two groups        0.1 / 0.3 / 0.5
proportion             |Cohen's h|                                     0.2 / 0.5 / 0.8
=====================  ==============================================  ==================

The triad effect is the Aitchison distance between the two closed geometric means (the
Euclidean distance of the ilr means). Its 95 % interval is a percentile bootstrap: while the
smaller group has at most `BOOTSTRAP_FULL_MAX` stories, stories are resampled; above that the
group means are drawn from their normal sampling distribution N(mean, S / n) (a bootstrap on
the sufficient statistics, justified by the central limit theorem at that size), so the cost
does not grow with the number of stories. Cramér's V gets the noncentral chi-square
interval (see `cramers_v`), which costs microseconds at any size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

from samskab.analysis.stats import Moments, chi_square_statistic, moments
from samskab.analysis.types import AnyArray, FloatArray

N_BOOTSTRAP = 999
BOOTSTRAP_FULL_MAX = 1000
CONFIDENCE = 0.95

THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "mahalanobis_d": (0.2, 0.5, 0.8),
    "rank_biserial": (0.1, 0.3, 0.5),
    "cohens_w": (0.1, 0.3, 0.5),
    "cohens_h": (0.2, 0.5, 0.8),
}
MAGNITUDES = ("negligible", "small", "medium", "large")


@dataclass(frozen=True)
class Effect:
    measure: str
    estimate: float
    low: float
    high: float
    magnitude: str
    magnitude_basis: str
    magnitude_value: float
    confidence: float = CONFIDENCE


def magnitude(basis: str, value: float) -> str:
    small, medium, large = THRESHOLDS[basis]
    size = abs(value)
    return MAGNITUDES[int(size >= small) + int(size >= medium) + int(size >= large)]


def _percentiles(samples: FloatArray) -> tuple[float, float]:
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(low), float(high)


def mahalanobis_d(a: Moments, b: Moments) -> float:
    pooled = ((a.n - 1) * a.cov + (b.n - 1) * b.cov) / (a.n + b.n - 2)
    d = a.mean - b.mean
    spread = float(np.trace(pooled))
    if spread <= 1e-20:  # a standard deviation below 1e-10: rounding noise, not spread
        # No spread in either group: equal centres are no difference, different ones are
        # perfectly separated.
        return 0.0 if bool(np.allclose(d, 0.0)) else float("inf")
    ridge = 1e-12 * spread
    inv = np.linalg.pinv(pooled + ridge * np.eye(len(d)))
    return float(np.sqrt(max(float(d @ inv @ d), 0.0)))


def _bootstrap_means(
    x: AnyArray | None, m: Moments, rng: np.random.Generator, n_boot: int
) -> FloatArray:
    if x is not None and m.n <= BOOTSTRAP_FULL_MAX:
        idx = rng.integers(0, m.n, size=(n_boot, m.n))
        return np.asarray(np.asarray(x, dtype=np.float64)[idx].mean(axis=1), dtype=np.float64)
    return rng.multivariate_normal(m.mean, m.cov / m.n, size=n_boot, method="cholesky")


def centre_distance(
    x: npt.ArrayLike | None,
    y: npt.ArrayLike | None,
    a: Moments | None = None,
    b: Moments | None = None,
    n_boot: int = N_BOOTSTRAP,
    seed: int = 0,
) -> Effect:
    """Aitchison distance between two ilr samples' centres with a bootstrap interval.

    Give the samples, or their `Moments` (then the normal bootstrap is used at every size).
    """
    xa = None if x is None else np.asarray(x)
    xb = None if y is None else np.asarray(y)
    ma = a if a is not None else moments(_required(xa))
    mb = b if b is not None else moments(_required(xb))
    rng = np.random.default_rng(seed)
    diff = _bootstrap_means(xa, ma, rng, n_boot) - _bootstrap_means(xb, mb, rng, n_boot)
    low, high = _percentiles(np.sqrt((diff * diff).sum(axis=1)))
    estimate = float(np.linalg.norm(ma.mean - mb.mean))
    d = mahalanobis_d(ma, mb)
    return Effect(
        "aitchison_distance", estimate, low, high, magnitude("mahalanobis_d", d), "mahalanobis_d", d
    )


def _required(x: AnyArray | None) -> AnyArray:
    if x is None:
        raise ValueError("Give either the sample or its moments.")
    return x


def rank_biserial(u1: float, n1: int, n2: int) -> Effect:
    """r = 2 U1 / (n1 n2) - 1 (positive: the first group tends to be higher).

    Interval from the Hanley–McNeil (1982) standard error of A = U1 / (n1 n2), mapped by
    r = 2A - 1 and clipped to [-1, 1].
    """
    area = u1 / (n1 * n2)
    q1, q2 = area / (2 - area), 2 * area * area / (1 + area)
    var = (area * (1 - area) + (n1 - 1) * (q1 - area**2) + (n2 - 1) * (q2 - area**2)) / (n1 * n2)
    half = float(special.ndtri(0.5 + CONFIDENCE / 2) * np.sqrt(max(var, 0.0)))
    r = 2 * area - 1
    low, high = max(-1.0, r - 2 * half), min(1.0, r + 2 * half)
    return Effect("rank_biserial", r, low, high, magnitude("rank_biserial", r), "rank_biserial", r)


def _noncentrality_bounds(chi2: float, df: float) -> tuple[float, float]:
    """Confidence bounds for the noncentrality of a chi-square statistic (Smithson 2003).

    The bounds are the noncentralities under which the observed statistic sits at the upper
    and lower (1 - CONFIDENCE) / 2 tail; a bound is 0 when even a central chi-square puts
    the statistic beyond that tail.
    """
    tail = (1 - CONFIDENCE) / 2
    central = float(special.chdtr(df, chi2))
    low = float(special.chndtrinc(chi2, df, 1 - tail)) if central > 1 - tail else 0.0
    high = float(special.chndtrinc(chi2, df, tail)) if central > tail else 0.0
    return max(low, 0.0), max(high, 0.0)


def cramers_v(table: npt.ArrayLike) -> Effect:
    """Cramér's V of a 2 x c table with a noncentral chi-square interval.

    V = sqrt(chi2 / (N (min(r, c) - 1))), the interval the same transform of the bounds of
    the noncentrality (Smithson 2003; as the R package effectsize). It is an interval for
    the population V, which the sample V overestimates near zero: when the table fits
    independence unusually well the interval may lie below the sample V (down to [0, 0]).
    Cheap at every size, unlike a bootstrap.
    """
    t = np.asarray(table, dtype=np.int64)
    t = t[:, t.sum(axis=0) > 0]
    if t.shape[1] < 2 or (t.sum(axis=1) == 0).any():
        return Effect("cramers_v", 0.0, 0.0, 0.0, magnitude("cohens_w", 0.0), "cohens_w", 0.0)
    chi2 = chi_square_statistic(t)
    scale = float(t.sum() * (min(t.shape) - 1))
    low, high = _noncentrality_bounds(chi2, float((t.shape[0] - 1) * (t.shape[1] - 1)))
    v = float(np.sqrt(chi2 / scale))
    return Effect(
        "cramers_v",
        v,
        float(np.sqrt(low / scale)),
        min(1.0, float(np.sqrt(high / scale))),
        magnitude("cohens_w", v),
        "cohens_w",
        v,
    )


def _wilson(k: int, n: int) -> tuple[float, float]:
    z = float(special.ndtri(0.5 + CONFIDENCE / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def proportion_difference(k1: int, n1: int, k2: int, n2: int) -> Effect:
    """p1 - p2 with Newcombe's (1998, method 10) hybrid score interval and Cohen's h label."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = _wilson(k1, n1)
    l2, u2 = _wilson(k2, n2)
    d = p1 - p2
    low = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    h = float(2 * np.arcsin(np.sqrt(p1)) - 2 * np.arcsin(np.sqrt(p2)))
    return Effect(
        "proportion_difference", d, float(low), float(high), magnitude("cohens_h", h), "cohens_h", h
    )
