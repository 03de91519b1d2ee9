"""The dashboard of one collection version: totals, levels and one chart per signifier."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from samskab.analysis.compare import Comparison
from samskab.analysis.disclosure import (
    DIFFERENCE_BELOW_K,
    GROUP_BELOW_K,
    PERTURBED,
    Withheld,
    difference_safe,
)
from samskab.analysis.release import SMALL
from samskab.analysis.summaries import Keys, guarded_breakdown, level_counts
from samskab.analysis.types import BoolArray, IntArray
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
    """Stories per level; levels below k in the version are not rows of their own."""
    assert scope.store is not None and scope.labels is not None  # noqa: S101
    store, labels, guard = scope.store, scope.labels, scope.guard
    codes = (*scope.schema.levels, "")

    def count(keys: Keys) -> IntArray:
        return level_counts(store, mask, keys)

    table = guarded_breakdown(guard, codes, count, guard.count(mask))
    rows = []
    for code, value in zip(codes, table.counts, strict=True):
        if labels.is_small("level", code) or (code == SMALL and value == 0):
            continue
        label = labels.levels.get(code, "") or "–"
        select = {"level": code} if code and code != SMALL and value > 0 else None
        rows.append(Row(label, count_text(int(value), labels.language, guard), select))
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
    guard = scope.guard
    total, n = scope.store.n, int(mask.sum())
    refused = selection_withheld(total, n, filtered, scope.k) or hidden
    everything = guard.count(np.ones(total, dtype=bool))
    shown_total = everything if everything >= 0 else None
    released = list(scope.release.withheld) if scope.release is not None else []
    if guard.perturbs:
        released.append(Withheld("counts", PERTURBED))
    if refused is not None:
        return Dashboard(shown_total, None, filtered, [*released, refused])
    levels, withheld = level_rows(scope, mask)
    charts = [
        chart_for(scope.store, s, mask, guard, scope.labels, cell_href)
        for s in scope.schema.signifiers
    ]
    shown_n = guard.count(mask)
    return Dashboard(shown_total, shown_n, filtered, released + withheld, levels, charts)


def shown_comparison(
    scope: Scope, c: Comparison, mask_a: BoolArray, mask_b: BoolArray
) -> Comparison:
    """A comparison with its group sizes as the reader may see them (perturbed for viewers).

    The tests and effects are computed from the exact release; only the counts printed beside
    them pass the guard, like every other count.
    """
    guard = scope.guard
    if not guard.perturbs or scope.store is None:
        return c
    answered = scope.store.answered(c.signifier_id)
    return replace(c, n_a=guard.count(mask_a & answered), n_b=guard.count(mask_b & answered))
