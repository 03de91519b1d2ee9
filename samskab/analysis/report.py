"""Compare two groups (two filters) on every signifier, with BH q-values across the report."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from samskab.analysis.compare import (
    CompareOptions,
    Comparison,
    compare_centres,
    compare_not_applicable,
    compare_positions,
    compare_table,
    withheld_groups,
)
from samskab.analysis.disclosure import Withheld
from samskab.analysis.schema import AnswerState, Kind, Signifier
from samskab.analysis.stats import with_q
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray, FloatArray, IntArray
from samskab.analysis.zones import BAND_CODES, ZONE_CODES

OVERLAP = "groups_overlap"
# Plain ints: NumPy compares arrays with an IntEnum operand ten times slower.
ANSWERED = int(AnswerState.ANSWERED)
NOT_APPLICABLE = int(AnswerState.NOT_APPLICABLE)


@dataclass(frozen=True)
class ComparisonReport:
    n_a: int
    n_b: int
    comparisons: tuple[Comparison, ...]
    withheld: tuple[Withheld, ...] = ()


Group = npt.NDArray[np.bool_] | IntArray


@dataclass(frozen=True)
class Rows:
    """One group's stories for one signifier: indices of the answered ones, state counts."""

    answered: IntArray
    states: IntArray


def indices(group: Group) -> IntArray:
    """Row indices of a group given as a boolean mask or as indices."""
    if group.dtype == np.bool_:
        return np.flatnonzero(group)
    return np.asarray(group, dtype=np.int64)


def rows(store: ColumnarStore, sid: str, group: Group) -> Rows:
    state = store.state(sid)
    if group.dtype == np.bool_:
        # Masks: three vector ANDs and one flatnonzero beat gathering the states by index.
        answered = np.flatnonzero(group & (state == ANSWERED))
        na = int(np.count_nonzero(group & (state == NOT_APPLICABLE)))
        skipped = int(np.count_nonzero(group)) - answered.shape[0] - na
        return Rows(answered, np.array([answered.shape[0], na, skipped], dtype=np.int64))
    idx = np.asarray(group, dtype=np.int64)
    states = np.take(state, idx)
    counts = np.bincount(states.astype(np.intp), minlength=3)[:3].astype(np.int64)
    return Rows(idx[states == ANSWERED], counts)


def _values(array: np.ndarray, idx: IntArray) -> FloatArray:
    """Rows of `array` at `idx` as float64 (np.take on indices beats boolean indexing)."""
    return np.asarray(np.take(array, idx, axis=0), dtype=np.float64)


def _rows_of(array: np.ndarray, idx: IntArray) -> np.ndarray:
    """Rows at `idx` in the stored precision; `moments` converts column by column."""
    return np.take(array, idx, axis=0)


def _codes_table(codes: np.ndarray, a: IntArray, b: IntArray, size: int) -> IntArray:
    counted = [
        np.bincount(np.take(codes, i).astype(np.intp), minlength=size)[:size] for i in (a, b)
    ]
    return np.stack(counted).astype(np.int64)


def compare_triad(
    store: ColumnarStore, sid: str, group_a: Group, group_b: Group, options: CompareOptions
) -> list[Comparison]:
    """Centre (Hotelling T², Aitchison distance), zone shares and not-applicable rate."""
    a, b = rows(store, sid, group_a), rows(store, sid, group_b)
    ilr = store.part(sid, "ilr")
    zones = _codes_table(store.part(sid, "zone"), a.answered, b.answered, len(ZONE_CODES))
    return [
        compare_centres(_rows_of(ilr, a.answered), _rows_of(ilr, b.answered), sid, options),
        compare_table(zones, ZONE_CODES, sid, "zones", options),
        compare_not_applicable(a.states, b.states, sid, options),
    ]


def compare_dyad(
    store: ColumnarStore, sid: str, group_a: Group, group_b: Group, options: CompareOptions
) -> list[Comparison]:
    """Position (Mann–Whitney U, rank-biserial r), band table and not-applicable rate."""
    a, b = rows(store, sid, group_a), rows(store, sid, group_b)
    x = store.part(sid, "x")
    position = compare_positions(
        _values(x, a.answered), _values(x, b.answered), sid, "position", options
    )
    bands = _codes_table(store.part(sid, "band"), a.answered, b.answered, len(BAND_CODES))
    table = compare_table(bands, BAND_CODES, sid, "bands", options, with_effect=False).table
    return [
        replace(position, table=table),
        compare_not_applicable(a.states, b.states, sid, options),
    ]


def compare_stones(
    store: ColumnarStore,
    signifier: Signifier,
    group_a: Group,
    group_b: Group,
    options: CompareOptions,
) -> list[Comparison]:
    """Mann–Whitney U per stone and axis over the stories that placed that stone."""
    a, b = rows(store, signifier.id, group_a), rows(store, signifier.id, group_b)
    out = []
    for j, stone in enumerate(signifier.parts):
        for axis in ("x", "y"):
            column = store.part(signifier.id, f"s{j}{axis}")
            x_a, x_b = _values(column, a.answered), _values(column, b.answered)
            out.append(
                compare_positions(
                    x_a[~np.isnan(x_a)],
                    x_b[~np.isnan(x_b)],
                    signifier.id,
                    f"stone_{axis}",
                    options,
                    part=stone,
                )
            )
    out.append(compare_not_applicable(a.states, b.states, signifier.id, options))
    return out


def compare_choice(
    store: ColumnarStore,
    signifier: Signifier,
    group_a: Group,
    group_b: Group,
    options: CompareOptions,
) -> list[Comparison]:
    """Single choice: one 2 x items table. Multiple choice: one 2 x 2 table per item."""
    sid = signifier.id
    a, b = rows(store, sid, group_a), rows(store, sid, group_b)
    out = []
    if signifier.kind is Kind.SINGLE:
        table = _codes_table(store.part(sid, "code"), a.answered, b.answered, len(signifier.parts))
        out.append(compare_table(table, signifier.parts, sid, "choice", options))
    else:
        ticks = store.part(sid, "ticks")
        for j, item in enumerate(signifier.parts):
            table = _codes_table(ticks[:, j], a.answered, b.answered, 2)[:, ::-1]
            out.append(compare_table(table, ("ticked", "not_ticked"), sid, "item", options, item))
    out.append(compare_not_applicable(a.states, b.states, sid, options))
    return out


def compare_signifier(
    store: ColumnarStore,
    signifier: Signifier,
    group_a: Group,
    group_b: Group,
    options: CompareOptions,
) -> list[Comparison]:
    sid = signifier.id
    if signifier.kind is Kind.TRIAD:
        return compare_triad(store, sid, group_a, group_b, options)
    if signifier.kind is Kind.DYAD:
        return compare_dyad(store, sid, group_a, group_b, options)
    if signifier.kind is Kind.STONES:
        return compare_stones(store, signifier, group_a, group_b, options)
    if signifier.kind in (Kind.SINGLE, Kind.MULTI):
        return compare_choice(store, signifier, group_a, group_b, options)
    a, b = rows(store, sid, group_a), rows(store, sid, group_b)
    return [compare_not_applicable(a.states, b.states, sid, options)]


def compare_groups(
    store: ColumnarStore,
    mask_a: BoolArray,
    mask_b: BoolArray,
    options: CompareOptions | None = None,
    signifiers: tuple[str, ...] | None = None,
) -> ComparisonReport:
    """Every comparison between two disjoint groups, with q-values over all tests shown."""
    opts = options or CompareOptions()
    n_a, n_b = int(mask_a.sum()), int(mask_b.sum())
    if (mask_a & mask_b).any():
        raise ValueError("The two groups share stories; compare disjoint groups.")
    withheld = withheld_groups(n_a, n_b, opts.k)
    if withheld:
        return ComparisonReport(n_a, n_b, (), withheld)
    chosen = [store.schema.get(s) for s in signifiers] if signifiers else store.schema.signifiers
    found: list[Comparison] = []
    idx_a, idx_b = indices(mask_a), indices(mask_b)
    for signifier in chosen:
        found.extend(compare_signifier(store, signifier, idx_a, idx_b, opts))
    tests = with_q([c.test for c in found])
    return ComparisonReport(
        n_a, n_b, tuple(replace(c, test=t) for c, t in zip(found, tests, strict=True))
    )


def before_after(store: ColumnarStore, base: BoolArray, cut: int) -> tuple[BoolArray, BoolArray]:
    """Split `base` at Unix time `cut`: (before, on or after)."""
    created = store.column("created")
    return base & (created < cut), base & (created >= cut)
