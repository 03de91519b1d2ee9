"""Filters: any combination of criteria, combined with AND, evaluated to a boolean mask.

Within one criterion the listed values are alternatives (OR). Text search runs in the
database; its result comes in as story ids or a mask (`story_ids`, `story_mask`), as does a
theme (`themes.theme_mask`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from samskab.analysis.schema import AnswerState, Kind
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import AnyArray, BoolArray
from samskab.analysis.zones import ZONE_CODES


@dataclass(frozen=True)
class TriadRegion:
    """A region of a triad as bounds on each share (top, left, right), inclusive."""

    lower: tuple[float, float, float] = (0.0, 0.0, 0.0)
    upper: tuple[float, float, float] = (1.0, 1.0, 1.0)


@dataclass(frozen=True, eq=False)
class Filter:
    levels: frozenset[str] | None = None
    prompts: frozenset[str] | None = None
    versions: frozenset[int] | None = None
    created_from: int | None = None
    created_before: int | None = None
    choices: Mapping[str, frozenset[str]] = field(default_factory=dict)
    zones: Mapping[str, frozenset[str]] = field(default_factory=dict)
    regions: Mapping[str, TriadRegion] = field(default_factory=dict)
    cells: Mapping[str, frozenset[int]] = field(default_factory=dict)
    dyad_ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    states: Mapping[str, frozenset[AnswerState]] = field(default_factory=dict)
    story_ids: npt.NDArray[np.int64] | None = None
    story_mask: BoolArray | None = None


def codes_in(codes: AnyArray, wanted: list[int]) -> BoolArray:
    """Whether each small-integer code is one of `wanted` (a lookup table, one pass)."""
    if len(wanted) == 1:
        return np.asarray(codes == wanted[0])
    if codes.dtype in (np.int8, np.int16):
        unsigned = np.uint8 if codes.dtype == np.int8 else np.uint16
        size = 1 << (8 * codes.dtype.itemsize)
        table = np.zeros(size, dtype=bool)
        table[np.asarray(wanted, dtype=np.int64) % size] = True
        return np.asarray(table[codes.view(unsigned)])
    return np.isin(codes, wanted)


def _vocab(vocabulary: tuple[str, ...], values: frozenset[str]) -> list[int]:
    unknown = values - set(vocabulary)
    if unknown:
        raise ValueError(f"Unknown codes: {sorted(unknown)}.")
    return [vocabulary.index(v) for v in values]


def _and(mask: BoolArray, other: BoolArray) -> None:
    np.logical_and(mask, other, out=mask)


def _story_criteria(store: ColumnarStore, f: Filter, mask: BoolArray) -> None:
    schema = store.schema
    if f.levels is not None:
        _and(mask, codes_in(store.column("level"), _vocab(schema.levels, f.levels)))
    if f.prompts is not None:
        _and(mask, codes_in(store.column("prompt"), _vocab(schema.prompts, f.prompts)))
    if f.versions is not None:
        _and(mask, np.isin(store.column("version"), list(f.versions)))
    if f.created_from is not None:
        _and(mask, store.column("created") >= f.created_from)
    if f.created_before is not None:
        _and(mask, store.column("created") < f.created_before)
    if f.story_ids is not None:
        _and(mask, np.isin(store.column("story_id"), f.story_ids))
    if f.story_mask is not None:
        _and(mask, f.story_mask)


def _choice(store: ColumnarStore, sid: str, items: frozenset[str]) -> BoolArray:
    signifier = store.schema.get(sid)
    wanted = _vocab(signifier.parts, items)
    if signifier.kind is Kind.SINGLE:
        return codes_in(store.part(sid, "code"), wanted)
    if signifier.kind is Kind.MULTI:
        return np.asarray(store.part(sid, "ticks")[:, wanted].any(axis=1))
    raise ValueError(f"{sid} is not a choice.")


def _region(store: ColumnarStore, sid: str, region: TriadRegion) -> BoolArray:
    mask: BoolArray = np.asarray(store.answered(sid), dtype=bool)
    for j in range(3):
        share = store.part(sid, f"p{j}")
        if region.lower[j] > 0.0:
            _and(mask, share >= region.lower[j])
        if region.upper[j] < 1.0:
            _and(mask, share <= region.upper[j])
    return mask


def _answered(store: ColumnarStore, sid: str) -> BoolArray:
    return np.asarray(store.answered(sid))


def _signifier_criteria(store: ColumnarStore, f: Filter, mask: BoolArray) -> None:
    for sid, items in f.choices.items():
        _and(mask, _choice(store, sid, items))
    for sid, zones in f.zones.items():
        wanted = [ZONE_CODES.index(z) for z in zones]
        _and(mask, codes_in(store.part(sid, "zone"), wanted))
    for sid, region in f.regions.items():
        _and(mask, _region(store, sid, region))
    for sid, cells in f.cells.items():
        _and(mask, np.isin(store.part(sid, "cell"), list(cells)) & _answered(store, sid))
    for sid, (low, high) in f.dyad_ranges.items():
        x = store.part(sid, "x")
        _and(mask, (x >= low) & (x <= high))
    for sid, states in f.states.items():
        _and(mask, codes_in(store.state(sid), [int(s) for s in states]))


def apply_filter(store: ColumnarStore, f: Filter | None = None) -> BoolArray:
    """Boolean mask of the stories that pass every criterion of `f`."""
    mask = np.ones(store.n, dtype=bool)
    if f is None:
        return mask
    _story_criteria(store, f, mask)
    _signifier_criteria(store, f, mask)
    return mask
