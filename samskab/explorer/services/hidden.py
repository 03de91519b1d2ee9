"""A filter must not pick a category that the table it was chosen from hides.

A table hides a cell below k on its own (`analysis.disclosure`, primary suppression); small
categories of the whole version are already merged or left out by the release. A category
can still be below k under the page's other filters (e.g. employees who answered "rarely"):
a filter that picks it would single out fewer than k stories, so the selection is refused as a
whole, on every page (dashboard, SVG, story list, CSV, compare). "The table it was chosen
from" is the table under the page's other filters, without this one, which the reader saw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from samskab.analysis.disclosure import HIDDEN_CATEGORY, Withheld, selects_hidden
from samskab.analysis.filters import Filter, apply_filter
from samskab.analysis.store import ColumnarStore
from samskab.analysis.summaries import cell_counts, choice_counts, level_counts, zone_counts
from samskab.analysis.types import BoolArray
from samskab.analysis.zones import ZONE_CODES
from samskab.explorer.forms import FilterForm
from samskab.explorer.services.query import Scope, to_filter


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
        counts = zone_counts(store, sid, parent(zones=_without(f.zones, sid)))
        if selects_hidden(counts, [ZONE_CODES.index(z) for z in zones], k):
            return True
    for sid, cells in f.cells.items():
        counts = cell_counts(store, sid, parent(cells=_without(f.cells, sid)))
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
