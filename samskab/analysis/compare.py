"""Comparisons between two groups of stories (two filters), per signifier.

Each `Comparison` carries what a plain-language sentence needs and no more: the test's name,
statistic, degrees of freedom, p and (within a report) the Benjamini–Hochberg q; the effect
with its interval and magnitude label; the sizes of both groups; and what was withheld
under disclosure control, with reason codes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import special

from samskab.analysis.compositions import ilr_inv
from samskab.analysis.disclosure import (
    DEFAULT_K,
    GROUP_BELOW_K,
    Withheld,
    check_k,
    suppress_cells,
)
from samskab.analysis.effects import (
    N_BOOTSTRAP,
    Effect,
    centre_distance,
    cramers_v,
    proportion_difference,
    rank_biserial,
)
from samskab.analysis.schema import AnswerState
from samskab.analysis.stats import (
    N_PERMUTATIONS,
    PERMUTATION_BELOW,
    Moments,
    TestResult,
    adjusted_residuals,
    contingency_test,
    hotelling_heteroscedastic,
    hotelling_permutation,
    mann_whitney,
    moments,
)
from samskab.analysis.types import AnyArray, FloatArray, IntArray

ELLIPSE_POINTS = 72


@dataclass(frozen=True)
class CompareOptions:
    k: int = DEFAULT_K
    permutation_below: int = PERMUTATION_BELOW
    n_permutations: int = N_PERMUTATIONS
    n_bootstrap: int = N_BOOTSTRAP
    confidence: float = 0.95
    seed: int = 0


@dataclass(frozen=True)
class Table:
    """A 2 x c table for display: counts (-1 where hidden) and adjusted residuals (NaN)."""

    categories: tuple[str, ...]
    counts: IntArray
    residuals: FloatArray


@dataclass(frozen=True)
class Centre:
    """A group's closed geometric mean and its confidence region, both as compositions."""

    centre: FloatArray
    region: FloatArray


@dataclass(frozen=True)
class Comparison:
    signifier_id: str
    aspect: str
    n_a: int
    n_b: int
    test: TestResult | None = None
    effect: Effect | None = None
    withheld: tuple[Withheld, ...] = ()
    part: str | None = None
    table: Table | None = None
    centres: tuple[Centre, Centre] | None = None


def withheld_groups(n_a: int, n_b: int, k: int) -> tuple[Withheld, ...]:
    out = []
    for name, n in (("group_a", n_a), ("group_b", n_b)):
        if n < check_k(k):
            out.append(Withheld(name, GROUP_BELOW_K))
    return tuple(out)


def confidence_region(m: Moments, confidence: float = 0.95) -> FloatArray:
    """Hotelling confidence ellipse of the ilr mean, drawn back as compositions (m, 3)."""
    p = m.mean.shape[0]
    if m.n <= p:
        return np.empty((0, p + 1))
    c = p * (m.n - 1) / (m.n - p) * float(special.fdtri(p, m.n - p, confidence))
    vals, vecs = np.linalg.eigh(m.cov)
    root = vecs @ np.diag(np.sqrt(np.clip(vals, 0.0, None)))
    angles = np.linspace(0.0, 2 * np.pi, ELLIPSE_POINTS, endpoint=False)
    circle = np.stack([np.cos(angles), np.sin(angles)])
    return ilr_inv((m.mean[:, None] + np.sqrt(c / m.n) * root @ circle).T)


def _centre(m: Moments, confidence: float) -> Centre:
    return Centre(ilr_inv(m.mean), confidence_region(m, confidence))


def display_table(table: IntArray, categories: tuple[str, ...], k: int) -> Table:
    """Hide cells below k row by row (each group's total is shown)."""
    counts = np.asarray(table, dtype=np.int64)
    hidden = np.stack([suppress_cells(row, k).hidden for row in counts])
    residuals = adjusted_residuals(counts) if counts.sum() else np.zeros(counts.shape)
    return Table(categories, np.where(hidden, -1, counts), np.where(hidden, np.nan, residuals))


def table_withheld(table: Table) -> tuple[Withheld, ...]:
    hidden = int((table.counts < 0).sum())
    return (Withheld("cells", "cell_below_k", hidden),) if hidden else ()


def compare_centres(
    x_a: AnyArray, x_b: AnyArray, signifier_id: str, options: CompareOptions
) -> Comparison:
    """Hotelling T² and the Aitchison distance between the closed geometric means.

    `x_a` and `x_b` are ilr coordinates (float32 from the store is fine).
    """
    n_a, n_b = x_a.shape[0], x_b.shape[0]
    withheld = withheld_groups(n_a, n_b, options.k)
    if withheld:
        return Comparison(signifier_id, "centre", n_a, n_b, withheld=withheld)
    m_a, m_b = moments(x_a), moments(x_b)
    if min(n_a, n_b) < options.permutation_below:
        test = hotelling_permutation(x_a, x_b, options.n_permutations, options.seed)
    else:
        test = hotelling_heteroscedastic(m_a, m_b)
    effect = centre_distance(x_a, x_b, m_a, m_b, options.n_bootstrap, options.seed)
    centres = (_centre(m_a, options.confidence), _centre(m_b, options.confidence))
    return Comparison(signifier_id, "centre", n_a, n_b, test, effect, centres=centres)


def compare_table(
    table: IntArray,
    categories: tuple[str, ...],
    signifier_id: str,
    aspect: str,
    options: CompareOptions,
    part: str | None = None,
    with_effect: bool = True,
) -> Comparison:
    """Chi-square / Fisher / Monte Carlo test and (optionally) Cramér's V of a 2 x c table."""
    n_a, n_b = (int(v) for v in table.sum(axis=1))
    withheld = withheld_groups(n_a, n_b, options.k)
    if withheld:
        return Comparison(signifier_id, aspect, n_a, n_b, withheld=withheld, part=part)
    shown = display_table(table, categories, options.k)
    test = contingency_test(table, options.n_permutations, options.seed)
    effect = None
    if test is not None and with_effect:
        effect = cramers_v(table)
    return Comparison(
        signifier_id, aspect, n_a, n_b, test, effect, table_withheld(shown), part, shown
    )


def compare_not_applicable(
    counts_a: IntArray, counts_b: IntArray, signifier_id: str, options: CompareOptions
) -> Comparison:
    """Not-applicable rate among stories that answered or chose not applicable.

    `counts_a` and `counts_b` are each group's stories per `AnswerState`.
    """
    counts = np.stack([counts_a, counts_b])
    table = counts[:, [AnswerState.NOT_APPLICABLE, AnswerState.ANSWERED]]
    result = compare_table(
        table,
        ("not_applicable", "answered"),
        signifier_id,
        "not_applicable",
        options,
        with_effect=False,
    )
    if result.test is None:
        return result
    effect = proportion_difference(
        int(table[0, 0]), int(table[0].sum()), int(table[1, 0]), int(table[1].sum())
    )
    return replace(result, effect=effect)


def compare_positions(
    x_a: FloatArray,
    x_b: FloatArray,
    signifier_id: str,
    aspect: str,
    options: CompareOptions,
    part: str | None = None,
) -> Comparison:
    """Two-sided Mann–Whitney U with the rank-biserial correlation."""
    n_a, n_b = x_a.shape[0], x_b.shape[0]
    withheld = withheld_groups(n_a, n_b, options.k)
    if withheld:
        return Comparison(signifier_id, aspect, n_a, n_b, withheld=withheld, part=part)
    test = mann_whitney(x_a, x_b, options.permutation_below, options.n_permutations, options.seed)
    effect = rank_biserial(test.statistic, n_a, n_b)
    return Comparison(signifier_id, aspect, n_a, n_b, test, effect, part=part)
