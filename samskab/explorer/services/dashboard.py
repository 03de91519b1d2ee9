"""The dashboard of one collection version: totals, levels and one chart per signifier."""

from __future__ import annotations

from dataclasses import dataclass, field

from samskab.analysis.disclosure import (
    DIFFERENCE_BELOW_K,
    GROUP_BELOW_K,
    Withheld,
    difference_safe,
)
from samskab.analysis.summaries import breakdown, level_counts
from samskab.analysis.types import BoolArray
from samskab.explorer.services.charts import CellHref, Chart, Row, chart_for, count_text
from samskab.explorer.services.query import Scope


@dataclass
class Dashboard:
    total: int | None  # None when below k
    n: int | None  # the filtered stories, None when withheld
    filtered: bool
    withheld: list[Withheld] = field(default_factory=list)
    levels: list[Row] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


def selection_withheld(total: int, n: int, filtered: bool, k: int) -> Withheld | None:
    """Why a filtered selection cannot be shown at all, if it cannot."""
    if total < k or n < k:
        return Withheld("stories", GROUP_BELOW_K)
    if filtered and not difference_safe(total, n, k):
        return Withheld("stories", DIFFERENCE_BELOW_K)
    return None


def level_rows(scope: Scope, mask: BoolArray) -> tuple[list[Row], list[Withheld]]:
    assert scope.store is not None and scope.labels is not None  # noqa: S101
    codes = (*scope.schema.levels, "")
    table = breakdown(level_counts(scope.store, mask), codes, scope.k)
    rows = []
    for code, value in zip(codes, table.counts, strict=True):
        label = scope.labels.levels.get(code, "") or "–"
        select = {"level": code} if code and value > 0 else None
        rows.append(Row(label, count_text(int(value), scope.labels.language), select))
    return rows, list(table.withheld)


def build_dashboard(
    scope: Scope,
    mask: BoolArray,
    filtered: bool,
    cell_href: CellHref | None = None,
    hidden: Withheld | None = None,
) -> Dashboard:
    """The dashboard of `mask`; `hidden` refuses a selection that picks a hidden category."""
    assert scope.store is not None and scope.labels is not None  # noqa: S101
    total, n = scope.store.n, int(mask.sum())
    refused = selection_withheld(total, n, filtered, scope.k) or hidden
    shown_total = total if total >= scope.k else None
    if refused is not None:
        return Dashboard(shown_total, None, filtered, [refused])
    levels, withheld = level_rows(scope, mask)
    charts = [
        chart_for(scope.store, s, mask, scope.k, scope.labels, cell_href)
        for s in scope.schema.signifiers
    ]
    return Dashboard(shown_total, n, filtered, withheld, levels, charts)
