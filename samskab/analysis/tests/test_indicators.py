"""Indicators from the stories: exact values, disclosure per period, interval coverage and the
calibration of the change test.

Coverage and calibration are simulated with fixed seeds. Tolerances are binomial: with S
simulations a rate's standard error is sqrt(q (1 - q) / S), and a correct method lands
within 3.5 of them with probability > 99.9 %, so a failure means a wrong interval or test,
not bad luck.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from scipy import special
from scipy import stats as sps

from samskab.analysis import indicators as ind
from samskab.analysis.builder import build_store
from samskab.analysis.compositions import (
    TRIAD_BASIS,
    clr_inv,
    geometric_centre,
    ilr_inv,
    multiplicative_replacement,
    triad_ilr,
)
from samskab.analysis.disclosure import CELL_BELOW_K, GROUP_BELOW_K
from samskab.analysis.schema import AnswerState, Kind, Schema, Signifier
from samskab.analysis.store import ColumnarStore, key
from samskab.analysis.synthetic import sample_choices, sample_dyads, sample_triads
from samskab.analysis.zones import ZONE_CODES, triad_zones

JAN = ind.day_start(datetime.date(2025, 1, 1))
FEB = ind.day_start(datetime.date(2025, 2, 1))
MAR = ind.day_start(datetime.date(2025, 3, 1))
APR = ind.day_start(datetime.date(2025, 4, 1))
DAY = 86_400

SCHEMA = Schema(
    "ind",
    1,
    (
        Signifier("t", Kind.TRIAD, ("t_top", "t_left", "t_right")),
        Signifier("d", Kind.DYAD, ("d_left", "d_right")),
        Signifier("c", Kind.SINGLE, ("a", "b", "c")),
        Signifier("m", Kind.MULTI, ("x", "y")),
    ),
    ("user", "employee"),
    ("p",),
)

# Period January: six answered stories and one that answered nothing (not applicable).
JANUARY = [
    ((0.70, 0.20, 0.10), 0.10, "a", ("x",)),
    ((0.80, 0.10, 0.10), 0.20, "a", ("x", "y")),
    ((0.10, 0.70, 0.20), 0.30, "b", ("x",)),
    ((0.30, 0.30, 0.40), 0.40, "a", ("y",)),
    ((0.65, 0.30, 0.05), 0.50, "c", ("y",)),
    ((0.20, 0.20, 0.60), 0.90, "b", ("y",)),
]
# Period February: five answered stories, two of them in the top zone.
FEBRUARY = [
    ((0.90, 0.05, 0.05), 0.60, "a", ("x",)),
    ((0.70, 0.10, 0.20), 0.70, "a", ("x",)),
    ((0.20, 0.60, 0.20), 0.80, "b", ("y",)),
    ((0.10, 0.10, 0.80), 0.80, "b", ("y",)),
    ((0.40, 0.40, 0.20), 1.00, "c", ("y",)),
]


def _row(i: int, created: int, answer: tuple[Any, ...] | None) -> dict[str, Any]:
    row: dict[str, Any]
    if answer is None:
        row = {"story_id": i, "created": created}
        for sid in ("t", "d", "c", "m"):
            row[f"{sid}:state"] = "not_applicable"
        return row
    props, x, choice, ticks = answer
    row = {"story_id": i, "created": created, "d:x": x, "c": choice}
    row.update({f"t:{p}": v for p, v in zip(("t_top", "t_left", "t_right"), props, strict=True)})
    row.update({f"m:{item}": item in ticks for item in ("x", "y")})
    return row


@pytest.fixture(scope="module")
def hand() -> ColumnarStore:
    rows = [_row(i, JAN + i * DAY, a) for i, a in enumerate(JANUARY, start=1)]
    rows.append(_row(7, JAN + 20 * DAY, None))
    rows += [_row(10 + i, FEB + i * DAY, a) for i, a in enumerate(FEBRUARY)]
    rows.append(_row(20, MAR + DAY, JANUARY[0]))  # in no period
    columns = sorted({name for row in rows for name in row})
    chunk = {name: [row.get(name) for row in rows] for name in columns}
    return build_store(SCHEMA, [chunk], change_counter=1)


def _run(store: ColumnarStore, spec: ind.IndicatorSpec, k: int = 3) -> list[ind.PeriodValue]:
    index = ind.period_index(store.column("created"), [(JAN, FEB), (FEB, MAR)])
    return ind.compute(store, np.ones(store.n, dtype=bool), spec, index, k)


def _numbers(value: ind.PeriodValue) -> tuple[float, float, float]:
    """(value, lower, upper) of a shown period."""
    assert value.value is not None and value.lower is not None and value.upper is not None
    return value.value, value.lower, value.upper


def _covers(value: ind.PeriodValue, target: float) -> bool:
    _value, lower, upper = _numbers(value)
    return lower <= target <= upper


def _wilson_by_hand(hits: int, n: int) -> tuple[float, float]:
    z = float(special.ndtri(0.975))
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


# --- Exact values -------------------------------------------------------------------------


def test_zone_share_counts_answered_triads_in_the_zone(hand: ColumnarStore) -> None:
    january, february = _run(hand, ind.IndicatorSpec(ind.ZONE_SHARE, "t", "top"))
    assert january.n == 6  # the not-applicable story and the March story are not counted
    assert january.value == pytest.approx(50.0)
    low, high = _wilson_by_hand(3, 6)
    assert (january.lower, january.upper) == pytest.approx((100 * low, 100 * high))
    # February: 2 of 5 in the top zone, a cell below k = 3, so it is withheld.
    assert february.withheld == CELL_BELOW_K
    assert february.n is None and february.value is None and february.lower is None


def test_choice_shares_single_and_multiple(hand: ColumnarStore) -> None:
    single = _run(hand, ind.IndicatorSpec(ind.CHOICE_SHARE, "c", "a"))[0]
    multi = _run(hand, ind.IndicatorSpec(ind.CHOICE_SHARE, "m", "x"))[0]
    assert single.n == 6 and single.value == pytest.approx(50.0)
    assert multi.n == 6 and multi.value == pytest.approx(50.0)
    # "y" is ticked in 4 of 6: the 2 without it are a cell below k = 3.
    assert _run(hand, ind.IndicatorSpec(ind.CHOICE_SHARE, "m", "y"))[0].withheld == CELL_BELOW_K


def test_dyad_median_and_its_order_statistic_interval(hand: ColumnarStore) -> None:
    january, february = _run(hand, ind.IndicatorSpec(ind.DYAD_MEDIAN, "d"))
    # n = 6: the median is (30 + 40) / 2; the 95 % interval is [x_(1), x_(6)] (96.9 %).
    assert (january.n, january.value, january.lower, january.upper) == (6, 35.0, 10.0, 90.0)
    # n = 5: no order statistics reach 95 %, so the interval is the whole scale.
    assert (february.n, february.value, february.lower, february.upper) == (5, 80.0, 0.0, 100.0)


def test_triad_centre_is_the_closed_geometric_mean_not_the_arithmetic_one(
    hand: ColumnarStore,
) -> None:
    props = np.array([a[0] for a in JANUARY])
    centre = geometric_centre(multiplicative_replacement(props))
    values = []
    for corner, part in enumerate(("t_top", "left", "t_right")):
        value, lower, upper = _numbers(
            _run(hand, ind.IndicatorSpec(ind.TRIAD_CENTRE, "t", part))[0]
        )
        assert value == pytest.approx(100 * centre[corner], abs=1e-4)
        assert lower < value < upper
        values.append(value)
    assert sum(values) == pytest.approx(100.0)
    assert np.abs(np.array(values) - 100 * props.mean(axis=0)).max() > 2.0


def test_centre_interval_is_the_delta_method_on_the_logit_by_numerical_gradient() -> None:
    z = triad_ilr(sample_triads(np.random.default_rng(4), 60))
    mean, cov, n = z.mean(axis=0), np.cov(z, rowvar=False), z.shape[0]

    def logit(m: np.ndarray) -> float:
        share = clr_inv(m @ TRIAD_BASIS)[2]
        return float(np.log(share / (1 - share)))

    eps = 1e-6
    gradient = np.array(
        [(logit(mean + eps * e) - logit(mean - eps * e)) / (2 * eps) for e in np.eye(2)]
    )
    half = sps.t.ppf(0.975, n - 1) * np.sqrt(gradient @ cov @ gradient / n)
    share, low, high = ind.centre_share_interval(mean, cov, n, 2)
    assert share == pytest.approx(ilr_inv(mean)[2])
    assert low == pytest.approx(special.expit(logit(mean) - half), abs=1e-7)
    assert high == pytest.approx(special.expit(logit(mean) + half), abs=1e-7)


def test_wilson_interval_matches_the_formula_and_stays_in_range() -> None:
    for hits, n in [(3, 6), (0, 10), (10, 10), (37, 120)]:
        assert ind.wilson_interval(hits, n) == pytest.approx(
            tuple(np.clip(_wilson_by_hand(hits, n), 0, 1))
        )
    assert ind.wilson_interval(0, 10)[0] == 0.0


def test_median_ranks_are_the_widest_safe_order_statistics() -> None:
    for n in range(1, 80):
        safe = [j for j in range(1, n + 1) if 2 * sps.binom.cdf(j - 1, n, 0.5) <= 0.05]
        expected = None if not safe else (max(safe) - 1, n - max(safe))
        assert ind.median_ranks(n) == expected, n
    assert ind.median_ranks(5) is None and ind.median_ranks(6) == (0, 5)


def test_unknown_parts_and_wrong_kinds_are_refused() -> None:
    cases = [
        ind.IndicatorSpec("mean", "d"),
        ind.IndicatorSpec(ind.ZONE_SHARE, "nope", "top"),
        ind.IndicatorSpec(ind.ZONE_SHARE, "d", "top"),
        ind.IndicatorSpec(ind.ZONE_SHARE, "t", "t_top"),
        ind.IndicatorSpec(ind.CHOICE_SHARE, "c", "z"),
        ind.IndicatorSpec(ind.TRIAD_CENTRE, "t", "centre"),
        ind.IndicatorSpec(ind.DYAD_MEDIAN, "t"),
    ]
    for spec in cases:
        with pytest.raises(ind.IndicatorError):
            ind.part_index(SCHEMA, spec)
    assert ind.part_index(SCHEMA, ind.IndicatorSpec(ind.ZONE_SHARE, "t", "centre")) == 6
    assert ind.part_index(SCHEMA, ind.IndicatorSpec(ind.TRIAD_CENTRE, "t", "t_right")) == 2
    assert ind.part_index(SCHEMA, ind.IndicatorSpec(ind.TRIAD_CENTRE, "t", "left")) == 1


# --- Disclosure ---------------------------------------------------------------------------


def test_period_below_k_is_withheld_without_its_n_at_the_boundary(hand: ColumnarStore) -> None:
    spec = ind.IndicatorSpec(ind.DYAD_MEDIAN, "d")
    at_k = _run(hand, spec, k=6)
    assert at_k[0].shown and at_k[0].n == 6
    assert at_k[1].withheld == GROUP_BELOW_K  # 5 = k - 1
    below = _run(hand, spec, k=7)[0]
    assert (below.n, below.value, below.lower, below.upper) == (None, None, None, None)
    assert below.withheld == GROUP_BELOW_K
    for measure, part in [(ind.ZONE_SHARE, "top"), (ind.TRIAD_CENTRE, "top")]:
        assert _run(hand, ind.IndicatorSpec(measure, "t", part), k=7)[0].withheld == GROUP_BELOW_K


def test_share_cells_below_k_are_withheld_but_zero_is_shown(hand: ColumnarStore) -> None:
    # January: 3 of 6 in top, shown at k = 3, withheld at k = 4 (3 with and 3 without).
    assert _run(hand, ind.IndicatorSpec(ind.ZONE_SHARE, "t", "top"), k=3)[0].shown
    spec = ind.IndicatorSpec(ind.ZONE_SHARE, "t", "top")
    assert _run(hand, spec, k=4)[0].withheld == CELL_BELOW_K
    # No story in the zone "between top and left": a share of 0 reveals nobody.
    empty = _run(hand, ind.IndicatorSpec(ind.ZONE_SHARE, "t", "top_left"))[0]
    assert (empty.n, empty.value, empty.lower) == (6, 0.0, 0.0)
    assert empty.upper == pytest.approx(100 * _wilson_by_hand(0, 6)[1])
    # One story in the left zone: withheld.
    assert _run(hand, ind.IndicatorSpec(ind.ZONE_SHARE, "t", "left"))[0].withheld == CELL_BELOW_K


def test_hits_and_misses_both_need_k() -> None:
    assert ind.share_value(0, 1, 8, 10, 3).withheld == CELL_BELOW_K  # 2 stories without
    assert ind.share_value(0, 1, 7, 10, 3).shown
    assert ind.share_value(0, 1, 10, 10, 3).value == 100.0


# --- Periods ------------------------------------------------------------------------------


def test_period_index_handles_overlaps_gaps_and_open_ends() -> None:
    rng = np.random.default_rng(8)
    created = rng.integers(-5, 60, size=2000)
    ranges = [(0, 10), (5, 20), (30, 40), (38, 39), (45, 60)]
    index = ind.period_index(created, ranges)
    for (a, b), (lo, hi) in zip(ranges, index.spans, strict=True):
        by_segment = (index.segment >= lo) & (index.segment < hi)
        assert np.array_equal(by_segment, (created >= a) & (created < b))
    assert np.array_equal(
        index.inside, np.any([(created >= a) & (created < b) for a, b in ranges], 0)
    )
    with pytest.raises(ValueError):
        ind.period_index(created, [(5, 5)])


def test_calendar_periods_and_seconds() -> None:
    d = datetime.date
    assert ind.month_periods(d(2024, 1, 15), d(2024, 3, 2)) == [
        (d(2024, 1, 1), d(2024, 1, 31)),
        (d(2024, 2, 1), d(2024, 2, 29)),
        (d(2024, 3, 1), d(2024, 3, 31)),
    ]
    assert ind.quarter_periods(d(2025, 2, 10), d(2025, 12, 31)) == [
        (d(2025, 1, 1), d(2025, 3, 31)),
        (d(2025, 4, 1), d(2025, 6, 30)),
        (d(2025, 7, 1), d(2025, 9, 30)),
        (d(2025, 10, 1), d(2025, 12, 31)),
    ]
    assert ind.month_periods(d(2025, 3, 1), d(2025, 2, 1)) == []
    assert ind.to_seconds([(d(2025, 1, 1), d(2025, 1, 31))]) == [(JAN, FEB)]


# --- Coverage (simulated) -----------------------------------------------------------------


def _se(q: float, sims: int) -> float:
    return float(np.sqrt(q * (1 - q) / sims))


def _periods_store(
    arrays: dict[str, np.ndarray], sims: int, n: int
) -> tuple[ColumnarStore, ind.PeriodIndex]:
    """A store whose stories form `sims` periods of `n` stories each: one simulated sample a
    period, so one `compute` call gives every simulation's interval."""
    created = np.repeat(np.arange(sims, dtype=np.int64) * 10, n)
    base = {"story_id": np.arange(1, sims * n + 1, dtype=np.int64), "created": created}
    store = ColumnarStore(SCHEMA, 1, {**base, **arrays})
    index = ind.period_index(created, [(10 * i, 10 * i + 10) for i in range(sims)])
    return store, index


def _answered(size: int) -> np.ndarray:
    return np.full(size, int(AnswerState.ANSWERED), dtype=np.int8)


def _exact_wilson_coverage(n: int, p: float) -> float:
    hits = np.arange(n + 1)
    covers = [ind.wilson_interval(int(h), n) for h in hits]
    inside = np.array([low <= p <= high for low, high in covers])
    return float(sps.binom.pmf(hits, n, p)[inside].sum())


def test_wilson_share_interval_covers_about_95_percent() -> None:
    sims, rng, rates = 2000, np.random.default_rng(2026), []
    for n, p in [(100, 0.5), (200, 0.1), (80, 0.4), (150, 0.15)]:
        codes = np.where(rng.random(sims * n) < p, 0, 1).astype(np.int16)  # item "a" is 0
        arrays = {key("c", "state"): _answered(sims * n), key("c", "code"): codes}
        store, index = _periods_store(arrays, sims, n)
        values = ind.compute(
            store, np.ones(store.n, bool), ind.IndicatorSpec(ind.CHOICE_SHARE, "c", "a"), index, 5
        )
        assert all(v.shown for v in values)
        rate = float(np.mean([_covers(v, 100 * p) for v in values]))
        exact = _exact_wilson_coverage(n, p)
        # The pipeline gives Wilson's exact coverage, and Wilson's oscillates near 95 %.
        assert abs(rate - exact) <= 3.5 * _se(exact, sims), (n, p, rate, exact)
        assert abs(exact - 0.95) <= 0.015, (n, p, exact)
        rates.append(rate)
    assert abs(np.mean(rates) - 0.95) <= 3.5 * _se(0.95, sims * len(rates)) + 0.005


def _median_coverage(x: np.ndarray, sims: int, n: int, truth: float) -> float:
    arrays = {key("d", "state"): _answered(sims * n), key("d", "x"): x.astype(np.float32)}
    store, index = _periods_store(arrays, sims, n)
    values = ind.compute(
        store, np.ones(store.n, bool), ind.IndicatorSpec(ind.DYAD_MEDIAN, "d"), index, 5
    )
    target = round(100 * truth, 4)
    return float(np.mean([_covers(v, target) for v in values]))


def test_median_interval_covers_at_least_95_percent() -> None:
    sims, rng = 2000, np.random.default_rng(7)
    truth = float(sps.beta(2, 5).median())
    for n in (20, 100):
        ranks = ind.median_ranks(n)
        assert ranks is not None
        nominal = 1 - 2 * sps.binom.cdf(ranks[0], n, 0.5)
        assert nominal >= 0.95
        rate = _median_coverage(rng.beta(2, 5, sims * n), sims, n, truth)
        assert rate >= nominal - 3.5 * _se(nominal, sims), (n, rate, nominal)
        assert rate <= nominal + 3.5 * _se(nominal, sims), (n, rate, nominal)
    # Sliders piled at the poles and rounded to whole points: still at least 95 %.
    population = sample_dyads(np.random.default_rng(5), 2_000_000, "mixed")
    truth = float(np.median(population))
    assert np.mean(population <= truth) >= 0.5 and np.mean(population >= truth) >= 0.5
    for n in (20, 100):
        rate = _median_coverage(sample_dyads(rng, sims * n, "mixed"), sims, n, truth)
        assert rate >= 0.95 - 3.5 * _se(0.95, sims), (n, rate)


def test_triad_centre_interval_covers_about_95_percent() -> None:
    """Piled-up triads (corners, edges, a cluster, uniform answers): the delta method on the
    logit of a corner's share, at small and large n."""
    truth = ilr_inv(triad_ilr(sample_triads(np.random.default_rng(99), 2_000_000)).mean(axis=0))
    sims, rng = 1000, np.random.default_rng(11)
    for n in (10, 40, 300):
        z = triad_ilr(sample_triads(rng, sims * n)).astype(np.float32)
        arrays = {key("t", "state"): _answered(sims * n), key("t", "ilr"): z}
        store, index = _periods_store(arrays, sims, n)
        for corner, part in enumerate(ind.CORNER_POSITIONS):
            spec = ind.IndicatorSpec(ind.TRIAD_CENTRE, "t", part)
            values = ind.compute(store, np.ones(store.n, bool), spec, index, 5)
            target = 100 * truth[corner]
            rate = float(np.mean([_covers(v, target) for v in values]))
            assert abs(rate - 0.95) <= 3.5 * _se(0.95, sims), (n, part, rate)


# --- The change test ----------------------------------------------------------------------

Draw = Callable[[np.random.Generator, int, int], ind.ChangeTest]
CALIBRATION_SETS = 1000


def _null_rates(draw: Draw, seed: int) -> tuple[float, float]:
    """(share of p <= 0.05, share of intervals excluding 0) on null data, with group sizes
    drawn log-uniformly from 10 to 2,000."""
    rng = np.random.default_rng(seed)
    rejected = claimed = 0
    for _ in range(CALIBRATION_SETS):
        n1, n2 = (int(v) for v in np.exp(rng.uniform(np.log(10), np.log(2001), size=2)))
        result = draw(rng, n1, n2)
        rejected += result.p_value <= 0.05
        claimed += result.excludes_zero
    return rejected / CALIBRATION_SETS, claimed / CALIBRATION_SETS


LOW, HIGH = 0.03, 0.07  # 5 % plus or minus 2.9 standard errors at 1,000 sets


def test_share_change_is_calibrated_under_the_null() -> None:
    def draw(rng: np.random.Generator, n1: int, n2: int) -> ind.ChangeTest:
        p = float(rng.choice([0.1, 0.3, 0.5]))
        return ind.share_change(int(rng.binomial(n1, p)), n1, int(rng.binomial(n2, p)), n2)

    rejected, claimed = _null_rates(draw, 1)
    assert LOW <= rejected <= HIGH and LOW <= claimed <= HIGH, (rejected, claimed)


def test_median_change_is_calibrated_and_never_over_claims() -> None:
    for scenario, seed in (("smooth", 2), ("mixed", 3)):

        def draw(
            rng: np.random.Generator, n1: int, n2: int, scenario: str = scenario
        ) -> ind.ChangeTest:
            return ind.median_change(
                sample_dyads(rng, n1, scenario), sample_dyads(rng, n2, scenario)
            )

        rejected, claimed = _null_rates(draw, seed)
        assert LOW <= rejected <= HIGH, (scenario, rejected)
        # Conservative by construction (exact per-period intervals), but not useless.
        assert 0.005 <= claimed <= HIGH, (scenario, claimed)


def test_centre_change_is_calibrated_under_the_null() -> None:
    def draw(rng: np.random.Generator, n1: int, n2: int) -> ind.ChangeTest:
        corner = int(rng.integers(3))
        x, y = (triad_ilr(sample_triads(rng, n)) for n in (n1, n2))
        return ind.centre_change(x, y, corner)

    rejected, claimed = _null_rates(draw, 4)
    assert LOW <= rejected <= HIGH and LOW <= claimed <= HIGH, (rejected, claimed)


def _two_period_store(shifted: bool, n: int = 600, seed: int = 12) -> ColumnarStore:
    """Baseline stories in January, latest in February; `shifted` plants a change."""
    rng = np.random.default_rng(seed)
    size = 2 * n
    props = np.vstack(
        [sample_triads(rng, n), sample_triads(rng, n, shift=(0.5, 0.0) if shifted else (0, 0))]
    )
    x = np.concatenate(
        [sample_dyads(rng, n, "smooth"), sample_dyads(rng, n, "smooth", 0.6 * shifted)]
    )
    codes = np.concatenate([sample_choices(rng, n), sample_choices(rng, n, 1.0 * shifted)])
    created = np.concatenate([np.full(n, JAN + DAY), np.full(n, FEB + DAY)])
    arrays = {
        "story_id": np.arange(1, size + 1, dtype=np.int64),
        "created": created.astype(np.int64),
        key("t", "state"): _answered(size),
        key("t", "zone"): triad_zones(props),
        key("t", "ilr"): triad_ilr(props).astype(np.float32),
        key("d", "state"): _answered(size),
        key("d", "x"): x.astype(np.float32),
        key("c", "state"): _answered(size),
        key("c", "code"): codes,
    }
    return ColumnarStore(SCHEMA, 1, arrays)


SPECS = [
    ind.IndicatorSpec(ind.ZONE_SHARE, "t", "top"),
    ind.IndicatorSpec(ind.CHOICE_SHARE, "c", "a"),
    ind.IndicatorSpec(ind.DYAD_MEDIAN, "d"),
    ind.IndicatorSpec(ind.TRIAD_CENTRE, "t", "top"),
]


def test_change_test_detects_a_planted_shift_in_every_measure() -> None:
    store = _two_period_store(shifted=True)
    mask = np.ones(store.n, dtype=bool)
    for spec in SPECS:
        result = ind.change_test(store, mask, spec, (JAN, FEB), (FEB, MAR), k=5)
        assert result is not None
        assert (result.n_baseline, result.n_latest) == (600, 600)
        assert result.p_value < 0.001, spec
        assert result.lower > 0, spec  # every planted shift raises the indicator
        index = ind.period_index(store.column("created"), [(JAN, FEB), (FEB, MAR)])
        first, last = ind.compute(store, mask, spec, index, 5)
        assert first.value is not None and last.value is not None
        assert result.estimate == pytest.approx(last.value - first.value, abs=1e-3)


def test_change_test_without_a_shift_claims_nothing_here() -> None:
    store = _two_period_store(shifted=False)
    for spec in SPECS:
        result = ind.change_test(store, np.ones(store.n, bool), spec, (JAN, FEB), (FEB, MAR), 5)
        assert result is not None and not result.excludes_zero, spec


def test_change_test_is_none_when_a_period_is_withheld_and_refuses_overlap(
    hand: ColumnarStore,
) -> None:
    mask = np.ones(hand.n, dtype=bool)
    spec = ind.IndicatorSpec(ind.DYAD_MEDIAN, "d")
    assert ind.change_test(hand, mask, spec, (JAN, FEB), (FEB, MAR), k=6) is None
    shown = ind.change_test(hand, mask, spec, (JAN, FEB), (FEB, MAR), k=5)
    assert shown is not None and (shown.n_baseline, shown.n_latest) == (6, 5)
    assert shown.estimate == pytest.approx(80.0 - 35.0)
    with pytest.raises(ValueError):
        ind.change_test(hand, mask, spec, (JAN, MAR), (FEB, APR), k=5)


def test_zone_codes_are_the_engine_order() -> None:
    assert ZONE_CODES[0] == "top" and "centre" in ZONE_CODES
