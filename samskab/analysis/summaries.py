"""What the explorer shows for one filtered set: densities, breakdowns, state counts, stories.

Every output passes disclosure control (`disclosure`) before it leaves the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samskab.analysis.compositions import ilr_inv
from samskab.analysis.density import (
    DEFAULT_MASSES,
    Density,
    bin_counts,
    cell_index,
    contour_levels,
    n_slots,
)
from samskab.analysis.disclosure import (
    DEFAULT_K,
    GROUP_BELOW_K,
    KEY_RANGE,
    Guard,
    SuppressedTable,
    Withheld,
    as_guard,
    check_k,
)
from samskab.analysis.schema import Kind
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray, FloatArray, IntArray
from samskab.analysis.zones import ZONE_CODES

# --- Raw counts of a selection (before disclosure control; the functions below apply it) ---


# Every count function takes `keys`: with the release's record keys (`ckey`) it returns a
# (2, cells) array, each cell's count and its key sum modulo 256 (the cell key of the
# cell-key method), from the same pass.
Keys = npt.NDArray[np.uint8] | None


def _tally(codes: npt.NDArray[np.intp], size: int, rows: BoolArray | None, keys: Keys) -> IntArray:
    """Counts of each code in 0..size-1; with `keys`, the counts and each code's key sum.

    The key sums come from one integer bincount over (code, key) pairs: a float-weighted
    bincount takes twice as long on a million stories.
    """
    if keys is None:
        return np.bincount(codes, minlength=size)[:size].astype(np.int64)
    selected = keys if rows is None else keys[rows]
    pairs = np.bincount(codes * KEY_RANGE + selected, minlength=size * KEY_RANGE)
    per_key = pairs[: size * KEY_RANGE].reshape(size, KEY_RANGE)
    sums = (per_key @ np.arange(KEY_RANGE)) % KEY_RANGE
    return np.stack([per_key.sum(axis=1), sums]).astype(np.int64)


def cell_counts(
    store: ColumnarStore,
    sid: str,
    mask: BoolArray,
    resolution: int | None = None,
    keys: Keys = None,
) -> IntArray:
    """Answered stories in `mask` per density slot of a triad."""
    answered = mask & store.answered(sid)
    res = store.resolution if resolution is None else resolution
    if res == store.resolution:
        cells = np.take(store.part(sid, "cell"), np.flatnonzero(answered))
    else:
        cells = cell_index(store.triad_props(sid)[answered], res)
    if keys is None:
        return bin_counts(cells, res)
    return _tally(cells.astype(np.intp), n_slots(res), answered, keys)


def zone_counts(store: ColumnarStore, sid: str, mask: BoolArray, keys: Keys = None) -> IntArray:
    """Answered stories in `mask` per triad zone (`zones.ZONE_CODES` order)."""
    answered = mask & store.answered(sid)
    zones = store.part(sid, "zone")[answered].astype(np.intp)
    return _tally(zones, len(ZONE_CODES), answered, keys)


def choice_counts(store: ColumnarStore, sid: str, mask: BoolArray, keys: Keys = None) -> IntArray:
    """Answered stories in `mask` per option (a multiple choice: per ticked option)."""
    signifier = store.schema.get(sid)
    answered = mask & store.answered(sid)
    if signifier.kind is Kind.SINGLE:
        codes = store.part(sid, "code")[answered].astype(np.intp)
        return _tally(codes, len(signifier.parts), answered, keys)
    ticks = store.part(sid, "ticks")[answered]
    if keys is None:
        return np.asarray(ticks.sum(axis=0), dtype=np.int64)
    # Each option's key sum: a uint8 product wraps modulo 256 by itself.
    sums = ticks.view(np.uint8).T @ keys[answered]
    return np.stack([ticks.sum(axis=0), sums]).astype(np.int64)


def level_counts(store: ColumnarStore, mask: BoolArray, keys: Keys = None) -> IntArray:
    """Stories in `mask` per level as the tables show them: the levels, then "no level"."""
    size = len(store.schema.levels)
    levels = store.column("level")[mask].astype(np.intp)
    counts = _tally(levels + 1, size + 1, mask, keys)
    return np.concatenate([counts[..., 1:], counts[..., :1]], axis=-1).astype(np.int64)


def band_counts(store: ColumnarStore, sid: str, mask: BoolArray, keys: Keys = None) -> IntArray:
    """Answered stories in `mask` per fifth of a dyad (`zones.BAND_CODES` order)."""
    answered = mask & store.answered(sid)
    return _tally(store.part(sid, "band")[answered].astype(np.intp), 5, answered, keys)


def state_counts(store: ColumnarStore, sid: str, mask: BoolArray, keys: Keys = None) -> IntArray:
    """Answered, not applicable and skipped stories in `mask`."""
    return _tally(store.state(sid)[mask].astype(np.intp), 3, mask, keys)


def protected_table(
    guard: Guard, count: Callable[[Keys], IntArray]
) -> tuple[IntArray, SuppressedTable]:
    """Counts from `count` as `guard` lets them be shown (exact: `count(None)`; perturbed:
    counts and key sums from one `count(keys)`)."""
    if guard.keys is None:
        counts = count(None)
        return counts, guard.table(counts)
    counts, sums = count(guard.keys)
    return counts, guard.table(counts, sums)


def triad_density(
    store: ColumnarStore,
    sid: str,
    mask: BoolArray,
    k: int | Guard = DEFAULT_K,
    resolution: int | None = None,
    masses: tuple[float, ...] = DEFAULT_MASSES,
) -> Density:
    """Binned density of the answered stories in `mask`, cells below k hidden."""
    guard = as_guard(k)
    res = store.resolution if resolution is None else resolution
    counts, table = protected_table(guard, lambda keys: cell_counts(store, sid, mask, res, keys))
    total = int(counts.sum())
    if total < guard.k:
        hidden = np.ones(n_slots(res), dtype=bool)
        return Density(
            res,
            np.full(n_slots(res), -1),
            hidden,
            np.zeros(len(masses), np.int64),
            -1,
            (GROUP_BELOW_K,),
        )
    shown = np.where(table.hidden, 0, table.counts)
    reasons = tuple(sorted({w.reason for w in table.withheld}))
    shown_total = guard.count(mask & store.answered(sid))
    return Density(
        res, table.shown, table.hidden, contour_levels(shown, masses), shown_total, reasons
    )


@dataclass(frozen=True)
class Breakdown:
    """Counts per category (-1 where hidden), the total, and what was withheld."""

    categories: tuple[str, ...]
    counts: IntArray
    total: int
    withheld: tuple[Withheld, ...]


def breakdown(
    counts: IntArray,
    categories: tuple[str, ...],
    k: int | Guard = DEFAULT_K,
    key_sums: IntArray | None = None,
    total: int | None = None,
) -> Breakdown:
    """A table as the guard lets it be shown; `total` is the shown total (perturbed by the
    caller as its own cell), or the exact sum."""
    guard = as_guard(k)
    exact = int(np.asarray(counts).sum())
    if exact < guard.k:
        return Breakdown(
            categories, np.full(len(categories), -1), -1, (Withheld("total", GROUP_BELOW_K),)
        )
    table = guard.table(np.asarray(counts, dtype=np.int64), key_sums)
    return Breakdown(categories, table.shown, exact if total is None else total, table.withheld)


def guarded_breakdown(
    guard: Guard, categories: tuple[str, ...], count: Callable[[Keys], IntArray], total: int
) -> Breakdown:
    """`breakdown` of `count(None)`; perturbed: of the counts and key sums of `count(keys)`."""
    if guard.keys is None:
        return breakdown(count(None), categories, guard)
    counts, sums = count(guard.keys)
    return breakdown(counts, categories, guard, sums, total)


def answer_states(
    store: ColumnarStore, sid: str, mask: BoolArray, k: int | Guard = DEFAULT_K
) -> Breakdown:
    """Answered / not applicable / skipped counts: not-applicable is shown as data."""
    guard = as_guard(k)
    return guarded_breakdown(
        guard,
        ("answered", "not_applicable", "skipped"),
        lambda keys: state_counts(store, sid, mask, keys),
        guard.count(mask),
    )


def choice_breakdown(
    store: ColumnarStore, sid: str, mask: BoolArray, k: int | Guard = DEFAULT_K
) -> Breakdown:
    guard = as_guard(k)
    return guarded_breakdown(
        guard,
        store.schema.get(sid).parts,
        lambda keys: choice_counts(store, sid, mask, keys),
        guard.count(mask & store.answered(sid)),
    )


def triad_centre(
    store: ColumnarStore, sid: str, mask: BoolArray, k: int = DEFAULT_K
) -> FloatArray | None:
    """Closed geometric mean of the answered stories in `mask`; None below k."""
    answered = mask & (store.answered(sid))
    if int(answered.sum()) < check_k(k):
        return None
    return ilr_inv(np.asarray(store.part(sid, "ilr")[answered], dtype=np.float64).mean(axis=0))


def story_list(
    store: ColumnarStore, mask: BoolArray, k: int = DEFAULT_K, limit: int = 50
) -> tuple[np.ndarray, tuple[Withheld, ...]]:
    """Story ids in `mask` (at most `limit`), or none when fewer than k stories match."""
    ids = store.column("story_id")[mask]
    if ids.shape[0] < check_k(k):
        return ids[:0], (Withheld("stories", GROUP_BELOW_K),)
    return ids[:limit], ()
