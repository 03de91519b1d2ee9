from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from samskab.analysis.builder import build_store
from samskab.analysis.compare import CompareOptions, confidence_region
from samskab.analysis.compositions import ilr
from samskab.analysis.effects import centre_distance, cramers_v, magnitude, rank_biserial
from samskab.analysis.filters import Filter, apply_filter
from samskab.analysis.report import before_after, compare_groups
from samskab.analysis.stats import moments
from samskab.analysis.store import ColumnarStore
from samskab.analysis.synthetic import START, Shift, generate_chunks, synthetic_schema


@pytest.fixture(scope="module")
def store() -> ColumnarStore:
    shift = Shift(level="employee", triad=(0.6, 0.0), dyad=0.8, choice=0.8, not_applicable=0.1)
    return build_store(synthetic_schema(), generate_chunks(8000, seed=5, shift=shift), 1)


def _groups(store: ColumnarStore) -> tuple[np.ndarray, np.ndarray]:
    return (
        apply_filter(store, Filter(levels=frozenset({"employee"}))),
        apply_filter(store, Filter(levels=frozenset({"user"}))),
    )


def test_report_finds_planted_shifts_and_carries_what_the_ui_needs(store: ColumnarStore) -> None:
    a, b = _groups(store)
    report = compare_groups(store, a, b)
    found = {(c.signifier_id, c.aspect, c.part): c for c in report.comparisons}
    for key in [
        ("t1", "centre", None),
        ("d1", "position", None),
        ("c1", "choice", None),
        ("t1", "not_applicable", None),
    ]:
        comparison = found[key]
        assert comparison.test is not None and comparison.test.q is not None
        assert comparison.test.q < 0.05, key
        assert comparison.effect is not None
        assert comparison.effect.low <= comparison.effect.estimate <= comparison.effect.high
        assert comparison.effect.magnitude in ("negligible", "small", "medium", "large")
        assert comparison.n_a > 0 and comparison.n_b > 0
    centre = found[("t1", "centre", None)]
    assert centre.centres is not None and centre.centres[0].region.shape == (72, 3)
    assert found[("t1", "zones", None)].table is not None
    other = found[("t2", "centre", None)].test
    assert other is not None and other.q is not None and other.q > 0.05
    tests = [c.test for c in report.comparisons if c.test is not None]
    assert all(t.q is not None and t.q >= t.p for t in tests)


def test_small_groups_are_withheld_with_reason_codes(store: ColumnarStore) -> None:
    a = np.zeros(store.n, dtype=bool)
    a[:4] = True
    b = ~a
    report = compare_groups(store, a, b)
    assert report.comparisons == () and report.withheld[0].reason == "group_below_k"
    a[:8] = True
    report = compare_groups(store, a, ~a, CompareOptions(k=10))
    assert report.withheld[0].item == "group_a"


def test_overlapping_groups_are_refused(store: ColumnarStore) -> None:
    mask = np.ones(store.n, dtype=bool)
    with pytest.raises(ValueError, match="disjoint"):
        compare_groups(store, mask, mask)


def test_before_after_split_uses_the_permutation_test_for_small_groups(
    store: ColumnarStore,
) -> None:
    base = apply_filter(
        store, Filter(levels=frozenset({"organisation"}), created_from=START + 300 * 86400)
    )
    before, after = before_after(store, base, START + 340 * 86400)
    report = compare_groups(store, before, after, signifiers=("t1",))
    centre = report.comparisons[0]
    assert centre.test is not None and centre.test.test == "hotelling_t2_permutation"
    assert centre.test.n_permutations >= 999


def test_confidence_region_covers_the_true_centre_about_95_percent() -> None:
    rng = np.random.default_rng(0)
    truth = np.array([0.5, 0.2])
    inside = 0
    for _ in range(400):
        x = rng.multivariate_normal(truth, [[0.5, 0.1], [0.1, 0.3]], size=40)
        m = moments(x)
        d = m.mean - truth
        t2 = m.n * d @ np.linalg.solve(m.cov, d)
        inside += t2 <= 2 * 39 / 38 * sps.f.ppf(0.95, 2, 38)
        assert confidence_region(m).shape == (72, 3)
    assert 0.92 <= inside / 400 <= 0.98
    region = confidence_region(moments(rng.multivariate_normal(truth, np.eye(2) * 0.1, size=50)))
    assert np.allclose(region.sum(axis=1), 1)
    assert np.allclose(ilr(region).mean(axis=0), truth, atol=0.15)


def test_bootstrap_interval_covers_a_true_distance() -> None:
    rng = np.random.default_rng(1)
    covered = 0
    for i in range(100):
        n = 200 if i % 2 else 3000
        a = rng.normal([0.3, 0.0], 1.0, size=(n, 2))
        b = rng.normal([0.0, 0.0], 1.0, size=(n, 2))
        effect = centre_distance(a, b, seed=i)
        covered += effect.low <= 0.3 <= effect.high
    assert covered >= 88


def _population_v(rows: np.ndarray, shares: np.ndarray) -> float:
    """Cramér's V of a 2 x c population: row shares `rows`, category shares per row `shares`."""
    joint = rows[:, None] * shares
    expected = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return float(np.sqrt(((joint - expected) ** 2 / expected).sum()))


@pytest.mark.parametrize("n", [200, 2000, 200_000])
def test_cramers_v_interval_covers_the_population_value(n: int) -> None:
    rng = np.random.default_rng(n)
    shares = np.array([[0.4, 0.3, 0.2, 0.1], [0.3, 0.3, 0.25, 0.15]])
    truth = _population_v(np.array([0.5, 0.5]), shares)
    covered = 0
    for _ in range(400):
        table = np.stack([rng.multinomial(n // 2, p) for p in shares])
        effect = cramers_v(table)
        assert 0.0 <= effect.low <= effect.high <= 1.0
        covered += effect.low <= truth <= effect.high
    assert 0.92 <= covered / 400 <= 0.98


def test_cramers_v_of_a_perfect_and_an_empty_association() -> None:
    perfect = cramers_v(np.array([[50, 0], [0, 50]]))
    assert perfect.estimate == pytest.approx(1.0) and perfect.high == pytest.approx(1.0)
    assert perfect.low > 0.8
    none = cramers_v(np.array([[50, 50], [50, 50]]))
    assert none.estimate == 0.0 and none.low == 0.0
    single = cramers_v(np.array([[5, 0], [7, 0]]))
    assert single.estimate == 0.0 and single.high == 0.0


def test_effect_labels_and_rank_biserial() -> None:
    assert magnitude("mahalanobis_d", 0.1) == "negligible"
    assert magnitude("rank_biserial", -0.35) == "medium"
    assert magnitude("cohens_h", 0.9) == "large"
    effect = rank_biserial(u1=75.0, n1=10, n2=10)
    assert effect.estimate == pytest.approx(0.5) and effect.low < 0.5 < effect.high


def test_every_signifier_kind_is_compared() -> None:
    from samskab.analysis.builder import rows_to_chunk
    from samskab.analysis.schema import Kind, Schema, Signifier

    schema = Schema(
        "kinds",
        1,
        (
            Signifier("s", Kind.STONES, ("a",)),
            Signifier("f", Kind.FREETEXT),
            Signifier("m", Kind.MULTI, ("p", "q")),
        ),
    )
    rng = np.random.default_rng(0)
    rows = [
        (i, i, float(rng.random()), float(rng.random()), "x" if i % 3 else "", i % 2, i % 5 == 0)
        for i in range(60)
    ]
    names = ["story_id", "created", "s:a:x", "s:a:y", "f", "m:p", "m:q"]
    store = build_store(schema, [rows_to_chunk(names, rows)], 1)
    a = np.arange(60) < 30
    report = compare_groups(store, a, ~a)
    aspects = sorted({(c.signifier_id, c.aspect) for c in report.comparisons})
    assert aspects == [
        ("f", "not_applicable"),
        ("m", "item"),
        ("m", "not_applicable"),
        ("s", "not_applicable"),
        ("s", "stone_x"),
        ("s", "stone_y"),
    ]


def test_mahalanobis_d_without_spread_is_defined() -> None:
    import numpy as np

    from samskab.analysis.effects import mahalanobis_d
    from samskab.analysis.stats import moments

    same = np.tile([[0.1, 0.2]], (10, 1))
    assert mahalanobis_d(moments(same), moments(same)) == 0.0
    assert mahalanobis_d(moments(same), moments(same + 0.5)) == float("inf")
