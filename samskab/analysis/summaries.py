"""What the explorer shows for one filtered set: densities, breakdowns, state counts, stories.

Every output passes disclosure control (`disclosure`) before it leaves the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
    Withheld,
    check_k,
    suppress_cells,
)
from samskab.analysis.schema import Kind
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray, FloatArray, IntArray
from samskab.analysis.zones import ZONE_CODES

# --- Raw counts of a selection (before disclosure control; the functions below apply it) ---


def cell_counts(
    store: ColumnarStore, sid: str, mask: BoolArray, resolution: int | None = None
) -> IntArray:
    """Answered stories in `mask` per density slot of a triad."""
    answered = mask & store.answered(sid)
    res = store.resolution if resolution is None else resolution
    if res == store.resolution:
        cells = np.take(store.part(sid, "cell"), np.flatnonzero(answered))
    else:
        cells = cell_index(store.triad_props(sid)[answered], res)
    return bin_counts(cells, res)


def zone_counts(store: ColumnarStore, sid: str, mask: BoolArray) -> IntArray:
    """Answered stories in `mask` per triad zone (`zones.ZONE_CODES` order)."""
    zones = store.part(sid, "zone")[mask & store.answered(sid)].astype(np.intp)
    return np.bincount(zones, minlength=len(ZONE_CODES))[: len(ZONE_CODES)].astype(np.int64)


def choice_counts(store: ColumnarStore, sid: str, mask: BoolArray) -> IntArray:
    """Answered stories in `mask` per option (a multiple choice: per ticked option)."""
    signifier = store.schema.get(sid)
    answered = mask & store.answered(sid)
    if signifier.kind is Kind.SINGLE:
        codes = store.part(sid, "code")[answered].astype(np.intp)
        return np.bincount(codes, minlength=len(signifier.parts)).astype(np.int64)
    return np.asarray(store.part(sid, "ticks")[answered].sum(axis=0), dtype=np.int64)


def level_counts(store: ColumnarStore, mask: BoolArray) -> IntArray:
    """Stories in `mask` per level as the tables show them: the levels, then "no level"."""
    size = len(store.schema.levels)
    levels = store.column("level")[mask].astype(np.intp)
    counts = np.bincount(levels + 1, minlength=size + 1)[: size + 1]
    return np.concatenate([counts[1:], counts[:1]]).astype(np.int64)


def triad_density(
    store: ColumnarStore,
    sid: str,
    mask: BoolArray,
    k: int = DEFAULT_K,
    resolution: int | None = None,
    masses: tuple[float, ...] = DEFAULT_MASSES,
) -> Density:
    """Binned density of the answered stories in `mask`, cells below k hidden."""
    check_k(k)
    res = store.resolution if resolution is None else resolution
    counts = cell_counts(store, sid, mask, res)
    total = int(counts.sum())
    if total < k:
        hidden = np.ones(n_slots(res), dtype=bool)
        return Density(
            res,
            np.full(n_slots(res), -1),
            hidden,
            np.zeros(len(masses), np.int64),
            -1,
            (GROUP_BELOW_K,),
        )
    table = suppress_cells(counts, k)
    shown = np.where(table.hidden, 0, counts)
    reasons = tuple(sorted({w.reason for w in table.withheld}))
    return Density(res, table.shown, table.hidden, contour_levels(shown, masses), total, reasons)


@dataclass(frozen=True)
class Breakdown:
    """Counts per category (-1 where hidden), the total, and what was withheld."""

    categories: tuple[str, ...]
    counts: IntArray
    total: int
    withheld: tuple[Withheld, ...]


def breakdown(counts: IntArray, categories: tuple[str, ...], k: int = DEFAULT_K) -> Breakdown:
    total = int(np.asarray(counts).sum())
    if total < check_k(k):
        return Breakdown(
            categories, np.full(len(categories), -1), -1, (Withheld("total", GROUP_BELOW_K),)
        )
    table = suppress_cells(np.asarray(counts, dtype=np.int64), k)
    return Breakdown(categories, table.shown, total, table.withheld)


def answer_states(store: ColumnarStore, sid: str, mask: BoolArray, k: int = DEFAULT_K) -> Breakdown:
    """Answered / not applicable / skipped counts: not-applicable is shown as data."""
    state = store.state(sid)
    # Vector ANDs and counts beat boolean indexing of the states (no copy of the selection).
    counts = np.array([np.count_nonzero(mask & (state == code)) for code in range(3)])
    return breakdown(counts, ("answered", "not_applicable", "skipped"), k)


def choice_breakdown(
    store: ColumnarStore, sid: str, mask: BoolArray, k: int = DEFAULT_K
) -> Breakdown:
    return breakdown(choice_counts(store, sid, mask), store.schema.get(sid).parts, k)


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
