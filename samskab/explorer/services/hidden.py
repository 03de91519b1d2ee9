"""A filter must not pick a category that the unfiltered table hides.

Tables hide cells below k and then, smallest first, complementary cells of k or more stories
so that the small ones cannot be worked out from the total (`analysis.disclosure`). A filter
that selects a complementary cell would show its count on its own and give the small cells
away by subtraction, so a selection that picks any hidden level, zone, density cell or choice
is refused as a whole. "Unfiltered" means: under the page's other filters, without this one,
which is the table the person saw when choosing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from samskab.analysis.density import bin_counts
from samskab.analysis.disclosure import HIDDEN_CATEGORY, Withheld, selects_hidden
from samskab.analysis.filters import Filter, apply_filter
from samskab.analysis.schema import Kind
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray, IntArray
from samskab.analysis.zones import ZONE_CODES
from samskab.explorer.forms import FilterForm
from samskab.explorer.services.query import Scope, to_filter


def level_counts(store: ColumnarStore, mask: BoolArray) -> IntArray:
    """Stories per level as the dashboard's table shows them: the levels, then "no level"."""
    size = len(store.schema.levels)
    levels = store.column("level")[mask].astype(np.intp)
    counts = np.bincount(levels + 1, minlength=size + 1)[: size + 1]
    return np.concatenate([counts[1:], counts[:1]]).astype(np.int64)


def choice_counts(store: ColumnarStore, sid: str, mask: BoolArray) -> IntArray:
    signifier = store.schema.get(sid)
    answered = mask & store.answered(sid)
    if signifier.kind is Kind.SINGLE:
        codes = store.part(sid, "code")[answered].astype(np.intp)
        return np.bincount(codes, minlength=len(signifier.parts)).astype(np.int64)
    return np.asarray(store.part(sid, "ticks")[answered].sum(axis=0), dtype=np.int64)


def _without(criteria: Mapping[str, Any], sid: str) -> dict[str, Any]:
    return {key: value for key, value in criteria.items() if key != sid}


def _picks_hidden(store: ColumnarStore, f: Filter, k: int) -> bool:
    def parent(**changes: Any) -> BoolArray:
        return apply_filter(store, replace(f, **changes))

    schema = store.schema
    if f.levels:
        wanted = [schema.levels.index(v) for v in f.levels]
        if selects_hidden(level_counts(store, parent(levels=None)), wanted, k):
            return True
    for sid, zones in f.zones.items():
        mask = parent(zones=_without(f.zones, sid)) & store.answered(sid)
        counts = np.bincount(store.part(sid, "zone")[mask].astype(np.intp), minlength=7)[:7]
        if selects_hidden(counts, [ZONE_CODES.index(z) for z in zones], k):
            return True
    for sid, cells in f.cells.items():
        mask = parent(cells=_without(f.cells, sid)) & store.answered(sid)
        counts = bin_counts(
            np.take(store.part(sid, "cell"), np.flatnonzero(mask)), store.resolution
        )
        if selects_hidden(counts, [c for c in cells if c < counts.shape[0]], k):
            return True
    for sid, items in f.choices.items():
        counts = choice_counts(store, sid, parent(choices=_without(f.choices, sid)))
        parts = schema.get(sid).parts
        if selects_hidden(counts, [parts.index(i) for i in items], k):
            return True
    return False


def hidden_selection(scope: Scope, form: FilterForm) -> Withheld | None:
    """Why the form's selection is refused for picking a hidden category, if it is."""
    if scope.store is None or not form.is_valid():
        return None
    if _picks_hidden(scope.store, to_filter(scope, form), scope.k):
        return Withheld("stories", HIDDEN_CATEGORY)
    return None
