"""Indicators computed from the stories of a saved view: per period a value, its n and a 95 %
interval, or a refusal; and a test of the change between two periods.

Every value is on a 0–100 scale (percent, or slider position from the left pole):

==============  ==============================================  ================================
measure         value                                           95 % interval
==============  ==============================================  ================================
zone_share      share of answered triad stories in a zone       Wilson score
choice_share    share of answered stories with a choice item    Wilson score
dyad_median     median slider position                          exact binomial order statistics
triad_centre    one corner's share in the closed geometric      delta method on the logit of
                mean (the compositional centre)                 that share, t quantile
==============  ==============================================  ================================

Assumptions, stated once for all of them: the stories of a period are treated as independent
draws from the period's population of stories (one story per teller and moment). A teller
who tells many stories in a period makes every interval here too narrow; the engine cannot
see tellers. n is the number of stories in the view and the period that answered the
signifier (not applicable and skipped answers are not in it).

Disclosure control (`disclosure`): a period with fewer than k answered stories is withheld
(`group_below_k`) and its n is not given. A share is withheld too when the stories with the
zone or item, or those without it, number 1 to k - 1 (`cell_below_k`): a share and its n
give that count away, and the explorer's tables hide such a cell, so an indicator must not
reveal it either. Medians and centres are statistics of the whole period and need only n >= k.

Periods are half-open ranges [start, end) of Unix seconds and may overlap. Their distinct
bounds cut the time line into segments; each story's segment is found once per set of
periods (`period_index`, a few comparisons of `created` against the bounds, no per-period
copy of the store) and every measure then works on per-segment counts or sums, which add up
to per-period ones. Ten indicators over eight periods on a million stories take well under a
second (bench/measurement_bench.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special
from scipy import stats as sps

from samskab.analysis.compositions import TRIAD_BASIS, clr_inv
from samskab.analysis.disclosure import CELL_BELOW_K, GROUP_BELOW_K, check_k
from samskab.analysis.effects import _wilson, proportion_difference
from samskab.analysis.schema import Kind, Schema
from samskab.analysis.stats import contingency_test, hotelling_test, mann_whitney
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray, FloatArray, IntArray
from samskab.analysis.zones import ZONE_CODES

ZONE_SHARE = "zone_share"
CHOICE_SHARE = "choice_share"
DYAD_MEDIAN = "dyad_median"
TRIAD_CENTRE = "triad_centre"

MEASURE_KINDS: dict[str, tuple[Kind, ...]] = {
    ZONE_SHARE: (Kind.TRIAD,),
    CHOICE_SHARE: (Kind.SINGLE, Kind.MULTI),
    DYAD_MEDIAN: (Kind.DYAD,),
    TRIAD_CENTRE: (Kind.TRIAD,),
}
CORNER_POSITIONS = ("top", "left", "right")  # a triad's parts, in the store's order
CONFIDENCE = 0.95
SCALE = 100.0

# Method codes of `ChangeTest.method` besides the engine's test codes (`stats`).
NO_VARIATION = "no_variation"  # both periods all with or all without the zone or item

Int16Array = npt.NDArray[np.int16]


class IndicatorError(ValueError):
    """An indicator that cannot be computed on this schema (unknown measure, part or kind)."""


@dataclass(frozen=True)
class IndicatorSpec:
    """What to compute: `part` is a zone code (`zones.ZONE_CODES`), a choice item, a triad
    corner (its id, or top / left / right), or empty for a median."""

    measure: str
    signifier_id: str
    part: str = ""


@dataclass(frozen=True)
class PeriodValue:
    """One period's result; when `withheld` holds a reason code, n and the numbers are None."""

    start: int
    end: int
    n: int | None
    value: float | None
    lower: float | None
    upper: float | None
    withheld: str = ""

    @property
    def shown(self) -> bool:
        return not self.withheld


@dataclass(frozen=True)
class ChangeTest:
    """Latest minus baseline on the indicator's scale, its 95 % interval and a two-sided p.

    `method` names the test that gave p (an engine code such as "chi_square" or
    "mann_whitney_u"). The interval, not p, says whether the indicator's value changed: for
    medians and centres the test looks at more than the value does (see `change_test`).
    """

    estimate: float
    lower: float
    upper: float
    p_value: float
    method: str
    n_baseline: int
    n_latest: int

    @property
    def excludes_zero(self) -> bool:
        return self.lower > 0 or self.upper < 0


# --- Definitions --------------------------------------------------------------------------


def part_index(schema: Schema, spec: IndicatorSpec) -> int:
    """The zone code, item index or corner index `spec.part` names (-1 for a median).

    Raises `IndicatorError` for an unknown measure, signifier or part, or a signifier of a
    kind the measure cannot read.
    """
    kinds = MEASURE_KINDS.get(spec.measure)
    if kinds is None:
        raise IndicatorError(f"Unknown measure {spec.measure!r}.")
    try:
        signifier = schema.get(spec.signifier_id)
    except KeyError:
        raise IndicatorError(f"No signifier {spec.signifier_id!r} in the schema.") from None
    if signifier.kind not in kinds:
        raise IndicatorError(f"{spec.measure} cannot read a {signifier.kind} signifier.")
    if spec.measure == DYAD_MEDIAN:
        return -1
    if spec.measure == ZONE_SHARE:
        names: tuple[str, ...] = ZONE_CODES
    elif spec.measure == TRIAD_CENTRE and spec.part in CORNER_POSITIONS:
        names = CORNER_POSITIONS
    else:
        names = signifier.parts
    if spec.part not in names:
        raise IndicatorError(f"{spec.part!r} is not one of {', '.join(names)}.")
    return names.index(spec.part)


# --- Periods ------------------------------------------------------------------------------


def day_start(day: datetime.date) -> int:
    """Unix seconds of midnight UTC starting `day` (as the explorer's date filters)."""
    moment = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
    return int(moment.timestamp())


def to_seconds(periods: Sequence[tuple[datetime.date, datetime.date]]) -> list[tuple[int, int]]:
    """Date ranges with an inclusive last day as half-open ranges of Unix seconds."""
    one_day = datetime.timedelta(days=1)
    return [(day_start(first), day_start(last + one_day)) for first, last in periods]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def calendar_periods(
    months: int, first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """Calendar periods of `months` months (1: months, 3: quarters) from the one holding
    `first` to the one holding `last`, each as (first day, last day)."""
    if months not in (1, 3, 6, 12):
        raise ValueError("Periods are 1, 3, 6 or 12 months long.")
    start = datetime.date(first.year, (first.month - 1) // months * months + 1, 1)
    out: list[tuple[datetime.date, datetime.date]] = []
    while start <= last:
        following = _add_months(start, months)
        out.append((start, following - datetime.timedelta(days=1)))
        start = following
    return out


def month_periods(
    first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    return calendar_periods(1, first, last)


def quarter_periods(
    first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    return calendar_periods(3, first, last)


@dataclass(frozen=True, eq=False)
class PeriodIndex:
    """Each story's segment of the time line cut at the periods' bounds.

    `segment[i]` is the segment of story i, or -1 when the story lies in no period; segment
    j runs from `edges[j]` to `edges[j + 1]`, and period p covers segments
    `spans[p][0] <= j < spans[p][1]`.
    """

    ranges: tuple[tuple[int, int], ...]
    edges: IntArray
    spans: tuple[tuple[int, int], ...]
    segment: Int16Array
    inside: BoolArray

    @property
    def n_segments(self) -> int:
        return max(int(self.edges.shape[0]) - 1, 0)

    def period_sums(self, per_segment: npt.NDArray[np.float64] | IntArray) -> FloatArray:
        """Per period, the sum of a per-segment quantity (rows of a 2-D array)."""
        cumulative = np.concatenate(
            [np.zeros((1, *per_segment.shape[1:])), np.cumsum(per_segment, axis=0)]
        )
        lo = np.array([a for a, _ in self.spans], dtype=np.intp)
        hi = np.array([b for _, b in self.spans], dtype=np.intp)
        return np.asarray(cumulative[hi] - cumulative[lo], dtype=np.float64)


def period_index(created: npt.ArrayLike, ranges: Sequence[tuple[int, int]]) -> PeriodIndex:
    """Find each story's segment once for a set of half-open periods [start, end).

    One comparison of `created` per distinct bound, accumulated in int16: on unsorted
    times this beats `np.searchsorted` and `np.digitize` several times over.
    """
    spans_ok = [(int(a), int(b)) for a, b in ranges]
    if any(a >= b for a, b in spans_ok):
        raise ValueError("Every period must end after it starts.")
    times = np.asarray(created)
    edges = np.unique(np.array([t for pair in spans_ok for t in pair], dtype=np.int64))
    if edges.shape[0] > 30_000:
        raise ValueError("Too many periods.")
    segment = np.full(times.shape[0], -1, dtype=np.int16)
    above = np.empty(times.shape[0], dtype=bool)
    for edge in edges:
        np.greater_equal(times, edge, out=above)
        segment += above
    spans = tuple(
        (int(np.searchsorted(edges, a)), int(np.searchsorted(edges, b))) for a, b in spans_ok
    )
    covered = np.zeros(edges.shape[0] + 1, dtype=bool)  # by segment + 1
    for a, b in spans:
        covered[a + 1 : b + 1] = True
    if not covered[1:-1].all():  # gaps between periods, or the open end after the last
        segment = np.where(covered[segment + 1], segment, np.int16(-1)).astype(np.int16)
    else:
        segment[segment == edges.shape[0] - 1] = -1
    return PeriodIndex(tuple(spans_ok), edges, spans, segment, np.asarray(segment >= 0))


# --- Intervals ----------------------------------------------------------------------------


def wilson_interval(successes: int, n: int) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion, in [0, 1].

    Wilson (1927); Brown, Cai and DasGupta (2001) show it keeps close to nominal coverage
    for small n and for shares near 0 or 1, where the Wald interval fails. It is the
    engine's `effects._wilson`, also used by `proportion_difference`.
    """
    low, high = _wilson(successes, n)
    return max(0.0, float(low)), min(1.0, float(high))


def median_ranks(n: int, confidence: float = CONFIDENCE) -> tuple[int, int] | None:
    """0-based ranks (l, u) of the exact distribution-free interval [x_(l), x_(u)] for a median.

    Why exact order statistics: whatever the distribution, the number of stories below the
    population median is Binomial(n, 1/2), so P(x_(l) <= m <= x_(n-l+1)) >= 1 - 2 P(B <= l-1)
    with no assumption of shape or continuity. Slider answers pile up at the poles and on
    whole points, where normal-theory or bootstrap intervals for a median misbehave; with
    ties the closed interval only covers more. The largest l with 2 P(B <= l - 1) <= 1 -
    confidence is used, so coverage is at least nominal. None when no l works (n <= 5 at
    95 %): then only the whole scale is a 95 % interval.
    """
    tail = (1 - confidence) / 2
    j = int(sps.binom.ppf(tail, n, 0.5))  # smallest j with P(B <= j) >= tail
    lowest = j + 1 if float(special.bdtr(j, n, 0.5)) <= tail else j  # 1-based l
    if lowest < 1:
        return None
    return lowest - 1, n - lowest


def median_interval(values: npt.ArrayLike) -> tuple[float, float, float]:
    """(median, lower, upper) of values in [0, 1]; the interval from `median_ranks`."""
    x = np.asarray(values)
    n = int(x.shape[0])
    ranks = median_ranks(n)
    kth = {(n - 1) // 2, n // 2, *(ranks or ())}
    part = np.partition(x, sorted(kth))
    median = (float(part[(n - 1) // 2]) + float(part[n // 2])) / 2
    if ranks is None:
        return median, 0.0, 1.0
    return median, float(part[ranks[0]]), float(part[ranks[1]])


def _logit_gradient(centre: FloatArray, corner: int) -> FloatArray:
    """Gradient of logit(share of `corner`) with respect to the ilr mean."""
    weights = centre / (1 - centre[corner])
    weights[corner] = 0.0
    d_clr = np.eye(3)[corner] - weights
    return np.asarray(TRIAD_BASIS @ d_clr, dtype=np.float64)


def _share_gradient(centre: FloatArray, corner: int) -> FloatArray:
    """Gradient of the share of `corner` with respect to the ilr mean."""
    d_clr = centre[corner] * (np.eye(3)[corner] - centre)
    return np.asarray(TRIAD_BASIS @ d_clr, dtype=np.float64)


def centre_share_interval(
    mean: FloatArray, cov: FloatArray, n: int, corner: int, confidence: float = CONFIDENCE
) -> tuple[float, float, float]:
    """(share, lower, upper) of one corner in the closed geometric mean, from ilr moments.

    The centre is ilr_inv(mean of the ilr coordinates), the compositional centre (never
    the arithmetic mean of proportions). The sample ilr mean is approximately normal with
    covariance S / n (central limit theorem; ilr coordinates are bounded after the
    engine's zero replacement, so its moments exist). The corner's share is a smooth
    function of it, so the delta method gives its variance; it is applied to the logit of
    the share, where the normal approximation is better and the interval stays inside
    (0, 1), with a t quantile on n - 1 degrees of freedom for small n.

    Chosen over a percentile bootstrap: costs microseconds from per-period sums (a
    bootstrap would resample up to a million stories), has no seed, and its coverage is
    tested on piled-up synthetic triads. Chosen over projecting the engine's Hotelling
    region (`compare.confidence_region`): that region is simultaneous for both
    coordinates, so its shadow on one share covers about 98.6 %, not 95 %.
    """
    centre = clr_inv(mean @ TRIAD_BASIS)
    share = float(centre[corner])
    gradient = _logit_gradient(centre, corner)
    se = float(np.sqrt(max(float(gradient @ cov @ gradient), 0.0) / n))
    t = float(special.stdtrit(n - 1, 0.5 + confidence / 2))
    logit = float(np.log(share / (1 - share)))
    return share, float(special.expit(logit - t * se)), float(special.expit(logit + t * se))


# --- Per-period values --------------------------------------------------------------------


@dataclass(frozen=True)
class _Selection:
    """A signifier's answered stories in the view and in some period, and their segments."""

    rows: IntArray
    segment: Int16Array
    counts: IntArray  # per segment


def _select(store: ColumnarStore, mask: BoolArray, sid: str, index: PeriodIndex) -> _Selection:
    chosen = store.answered(sid)
    np.logical_and(chosen, mask, out=chosen)
    np.logical_and(chosen, index.inside, out=chosen)
    rows = np.flatnonzero(chosen)
    segment = index.segment[rows]
    counts = np.bincount(segment, minlength=index.n_segments)[: index.n_segments]
    return _Selection(rows, segment, counts.astype(np.int64))


def _withheld(index: PeriodIndex, p: int, reason: str) -> PeriodValue:
    start, end = index.ranges[p]
    return PeriodValue(start, end, None, None, None, None, reason)


def _hits(store: ColumnarStore, spec: IndicatorSpec, at: int, rows: IntArray) -> BoolArray:
    """Whether each selected story lies in the zone or has the item."""
    sid = spec.signifier_id
    if spec.measure == ZONE_SHARE:
        return np.asarray(np.take(store.part(sid, "zone"), rows) == at)
    if store.schema.get(sid).kind is Kind.SINGLE:
        return np.asarray(np.take(store.part(sid, "code"), rows) == at)
    return np.asarray(store.part(sid, "ticks")[rows, at], dtype=bool)


def share_value(start: int, end: int, hits: int, n: int, k: int) -> PeriodValue:
    """A share in percent with its Wilson interval, under both disclosure rules."""
    if n < k:
        return PeriodValue(start, end, None, None, None, None, GROUP_BELOW_K)
    if 0 < hits < k or 0 < n - hits < k:
        return PeriodValue(start, end, None, None, None, None, CELL_BELOW_K)
    low, high = wilson_interval(hits, n)
    return PeriodValue(start, end, n, SCALE * hits / n, SCALE * low, SCALE * high)


def _shares(
    store: ColumnarStore, spec: IndicatorSpec, at: int, sel: _Selection, index: PeriodIndex, k: int
) -> list[PeriodValue]:
    hit = _hits(store, spec, at, sel.rows)
    size = index.n_segments
    both = np.bincount(sel.segment.astype(np.intp) * 2 + hit, minlength=2 * size)[: 2 * size]
    per_period = index.period_sums(both.reshape(size, 2))
    return [
        share_value(*index.ranges[p], int(row[1]), int(row[0] + row[1]), k)
        for p, row in enumerate(per_period)
    ]


def _by_segment(sel: _Selection) -> tuple[IntArray, IntArray]:
    """Row order that groups the selection by segment (a stable radix sort of int16), and
    each segment's offset in it."""
    order = np.argsort(sel.segment, kind="stable")
    offsets = np.concatenate([[0], np.cumsum(sel.counts)]).astype(np.int64)
    return np.asarray(order, dtype=np.int64), offsets


def _medians(
    store: ColumnarStore, spec: IndicatorSpec, sel: _Selection, index: PeriodIndex, k: int
) -> list[PeriodValue]:
    order, offsets = _by_segment(sel)
    x = np.take(store.part(spec.signifier_id, "x"), sel.rows[order])
    out = []
    for p, (a, b) in enumerate(index.spans):
        values = x[offsets[a] : offsets[b]]  # a view: periods are runs of segments
        if values.shape[0] < k:
            out.append(_withheld(index, p, GROUP_BELOW_K))
            continue
        median, low, high = median_interval(values)
        start, end = index.ranges[p]
        n = int(values.shape[0])
        out.append(PeriodValue(start, end, n, _points(median), _points(low), _points(high)))
    return out


def _points(share: float) -> float:
    """A float32 position in [0, 1] (or a difference of two) on the 0–100 scale, without
    float32 noise."""
    return round(SCALE * share, 4)


def _moment_sums(
    store: ColumnarStore, sid: str, sel: _Selection, index: PeriodIndex
) -> tuple[FloatArray, FloatArray]:
    """The selection's ilr mean, and per period n and the sums of the ilr coordinates and
    of their cross products taken about that mean (which keeps the covariance free of
    cancellation)."""
    ilr = store.part(sid, "ilr")
    # Column by column: contiguous float64 columns make the means and products fast.
    z = [np.take(ilr[:, j], sel.rows).astype(np.float64) for j in (0, 1)]
    shift = np.array([c.mean() if c.shape[0] else 0.0 for c in z])
    for column, centre in zip(z, shift, strict=True):
        column -= centre
    seg, size = sel.segment, index.n_segments
    columns: list[FloatArray] = [sel.counts.astype(np.float64)]
    for w in (z[0], z[1], z[0] * z[0], z[0] * z[1], z[1] * z[1]):
        columns.append(np.asarray(np.bincount(seg, weights=w, minlength=size)[:size], float))
    return shift, index.period_sums(np.stack(columns, axis=1))


def _centres(
    moments: tuple[FloatArray, FloatArray], corner: int, index: PeriodIndex, k: int
) -> list[PeriodValue]:
    shift, sums = moments
    out = []
    for p, row in enumerate(sums):
        n = int(round(row[0]))
        if n < k:
            out.append(_withheld(index, p, GROUP_BELOW_K))
            continue
        first = row[1:3] / n
        second = np.array([[row[3], row[4]], [row[4], row[5]]])
        cov = (second - n * np.outer(first, first)) / (n - 1)
        share, low, high = centre_share_interval(shift + first, cov, n, corner)
        start, end = index.ranges[p]
        out.append(PeriodValue(start, end, n, SCALE * share, SCALE * low, SCALE * high))
    return out


def compute_many(
    store: ColumnarStore,
    mask: BoolArray,
    specs: Sequence[IndicatorSpec],
    index: PeriodIndex,
    k: int,
) -> list[list[PeriodValue]]:
    """Every indicator in `specs` over the periods of `index`, for the stories in `mask`.

    Indicators on one signifier share its selection. Raises `IndicatorError` for a spec the
    schema cannot answer.
    """
    check_k(k)
    if mask.shape[0] != store.n or index.segment.shape[0] != store.n:
        raise ValueError("The mask and the period index must cover the store's stories.")
    selections: dict[str, _Selection] = {}
    moments: dict[str, tuple[FloatArray, FloatArray]] = {}
    out = []
    for spec in specs:
        at = part_index(store.schema, spec)
        sid = spec.signifier_id
        if sid not in selections:
            selections[sid] = _select(store, mask, sid, index)
        sel = selections[sid]
        if spec.measure == DYAD_MEDIAN:
            out.append(_medians(store, spec, sel, index, k))
        elif spec.measure == TRIAD_CENTRE:
            if sid not in moments:
                moments[sid] = _moment_sums(store, sid, sel, index)
            out.append(_centres(moments[sid], at, index, k))
        else:
            out.append(_shares(store, spec, at, sel, index, k))
    return out


def compute(
    store: ColumnarStore, mask: BoolArray, spec: IndicatorSpec, index: PeriodIndex, k: int
) -> list[PeriodValue]:
    """One indicator over the periods of `index` (see `compute_many`)."""
    return compute_many(store, mask, [spec], index, k)[0]


# --- Change between two periods -----------------------------------------------------------


def share_change(k1: int, n1: int, k2: int, n2: int) -> ChangeTest:
    """Share in the latest period (k2 of n2) minus the baseline's (k1 of n1), in points.

    Interval: Newcombe's (1998, method 10) hybrid score interval from the two Wilson
    intervals (the engine's `proportion_difference`). p: the engine's test of the 2 x 2
    table (Pearson's chi-square, the 'N - 1' chi-square or Fisher's mid-p when sparse),
    calibrated in test_calibration. The two can disagree only at the margin of 5 %.
    """
    effect = proportion_difference(k2, n2, k1, n1)
    test = contingency_test(np.array([[k2, n2 - k2], [k1, n1 - k1]]))
    p, method = (1.0, NO_VARIATION) if test is None else (test.p, test.test)
    return ChangeTest(
        SCALE * effect.estimate, SCALE * effect.low, SCALE * effect.high, p, method, n1, n2
    )


def median_change(baseline: npt.ArrayLike, latest: npt.ArrayLike, seed: int = 0) -> ChangeTest:
    """Median in the latest period minus the baseline's (positions in [0, 1]), in points.

    Interval: MOVER (method of variance estimates recovery; Zou and Donner 2008, the
    generalisation of Newcombe's method for two proportions) built from the two periods'
    exact order-statistic intervals, the ones the periods show (`median_interval`):
    L = d - sqrt((m2 - l2)² + (u1 - m1)²), U = d + sqrt((u2 - m2)² + (m1 - l1)²). It is an
    interval for exactly the difference the indicator shows, and stays valid with ties:
    slider answers on whole points and piled at the poles. In the calibration (tests) it
    claims a change on null data about 2–4 % of the time at 5 %, so it errs on the side of
    not over-claiming. Rejected: the Bonett–Price normal interval claimed about 8 % on
    whole-point sliders (coinciding order statistics make its standard error too small);
    a Hodges–Lehmann interval estimates the median of all pairwise differences, which is
    not the difference of the medians shown when answers pile up; a bootstrap of a median
    costs too much at a hundred thousand stories a period and fails with ties as well.

    p: the engine's two-sided Mann–Whitney U (a permutation p-value for small groups). It
    tests whether one period's positions tend to lie above the other's, which can be true
    while the medians agree; the interval decides whether the indicator changed.
    """
    x = np.asarray(baseline, dtype=np.float64)
    y = np.asarray(latest, dtype=np.float64)
    m1, l1, u1 = median_interval(x)
    m2, l2, u2 = median_interval(y)
    estimate = m2 - m1
    lower = estimate - float(np.hypot(m2 - l2, u1 - m1))
    upper = estimate + float(np.hypot(u2 - m2, m1 - l1))
    test = mann_whitney(y, x, seed=seed)
    return ChangeTest(
        _points(estimate),
        _points(lower),
        _points(upper),
        test.p,
        test.test,
        int(x.shape[0]),
        int(y.shape[0]),
    )


def centre_change(
    baseline: npt.ArrayLike, latest: npt.ArrayLike, corner: int, seed: int = 0
) -> ChangeTest:
    """The corner's share in the latest period's centre minus the baseline's, in points.

    `baseline` and `latest` are (n, 2) ilr coordinates. Interval: the delta method on each
    centre's share (as `centre_share_interval`, on the share's own scale so that the two
    variances add), with a Welch–Satterthwaite t quantile. p: the engine's Hotelling T²
    (`stats.hotelling_test`: permutation for small groups, else Nel–van der Merwe without
    equal covariances), which asks whether the centre moved in any direction; it can
    reject while this corner's share stays put, so the interval decides whether the
    indicator changed.
    """
    groups = [np.asarray(g, dtype=np.float64) for g in (baseline, latest)]
    shares, variances = [], []
    for z in groups:
        n = z.shape[0]
        mean = z.mean(axis=0)
        cov = np.cov(z, rowvar=False) if n > 1 else np.zeros((2, 2))
        centre = clr_inv(mean @ TRIAD_BASIS)
        gradient = _share_gradient(centre, corner)
        shares.append(float(centre[corner]))
        variances.append(max(float(gradient @ cov @ gradient), 0.0) / n)
    estimate = shares[1] - shares[0]
    half = _welch_half_width(variances, [g.shape[0] for g in groups])
    test = hotelling_test(groups[1], groups[0], seed=seed)
    return ChangeTest(
        SCALE * estimate,
        SCALE * (estimate - half),
        SCALE * (estimate + half),
        test.p,
        test.test,
        int(groups[0].shape[0]),
        int(groups[1].shape[0]),
    )


def _welch_half_width(variances: list[float], sizes: list[int]) -> float:
    total = sum(variances)
    if total <= 0:
        return 0.0
    df = total**2 / sum(v * v / (n - 1) for v, n in zip(variances, sizes, strict=True))
    return float(special.stdtrit(df, 0.5 + CONFIDENCE / 2)) * float(np.sqrt(total))


def _period_rows(sel: _Selection, index: PeriodIndex, p: int) -> IntArray:
    a, b = index.spans[p]
    return sel.rows[(sel.segment >= a) & (sel.segment < b)]


def change_test(
    store: ColumnarStore,
    mask: BoolArray,
    spec: IndicatorSpec,
    baseline: tuple[int, int],
    latest: tuple[int, int],
    k: int,
    seed: int = 0,
) -> ChangeTest | None:
    """Test the change of an indicator from the baseline period to the latest one.

    Both are half-open ranges of Unix seconds and must not overlap (the tests assume two
    independent samples). None when either period is withheld (`compute`'s rules): nothing
    is said about a period that is not shown.
    """
    if baseline[0] < latest[1] and latest[0] < baseline[1]:
        raise ValueError("The baseline and the latest period overlap.")
    index = period_index(store.column("created"), [baseline, latest])
    values = compute(store, mask, spec, index, k)
    if not all(v.shown for v in values):
        return None
    at = part_index(store.schema, spec)
    sid = spec.signifier_id
    sel = _select(store, mask, sid, index)
    rows = [_period_rows(sel, index, p) for p in (0, 1)]
    if spec.measure == DYAD_MEDIAN:
        x = store.part(sid, "x")
        return median_change(np.take(x, rows[0]), np.take(x, rows[1]), seed)
    if spec.measure == TRIAD_CENTRE:
        ilr = store.part(sid, "ilr")
        return centre_change(np.take(ilr, rows[0], axis=0), np.take(ilr, rows[1], axis=0), at, seed)
    hits = [int(_hits(store, spec, at, r).sum()) for r in rows]
    return share_change(hits[0], rows[0].shape[0], hits[1], rows[1].shape[0])
