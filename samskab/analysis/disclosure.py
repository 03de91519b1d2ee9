"""Disclosure control: nothing about fewer than k stories is shown.

Rules (see docs/analysis.md):

* k defaults to 5, may be raised, and is never below 3 (`MIN_K`).
* A count, bin, statistic or story list over fewer than k stories is withheld.
* Cells of a table or density below k are hidden (primary suppression); if the hidden cells
  together hold fewer than k stories, the total minus the shown cells would reveal them, so
  further cells, smallest first, are hidden until they hold at least k (complementary).
* Two totals shown side by side (a group and the set it was cut from) must not differ by
  1..k-1 stories.
* A category hidden in a table (by primary or complementary suppression) cannot be selected
  by a filter or shown as a group: a complementary cell holds k or more stories, but its count
  would give the small hidden cells away by subtraction (`HIDDEN_CATEGORY`).

Results carry machine-readable reason codes; the UI translates them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samskab.analysis.types import BoolArray, IntArray

DEFAULT_K = 5
MIN_K = 3

GROUP_BELOW_K = "group_below_k"
CELL_BELOW_K = "cell_below_k"
COMPLEMENTARY = "complementary_suppression"
DIFFERENCE_BELOW_K = "difference_below_k"
HIDDEN_CATEGORY = "hidden_category"


def check_k(k: int) -> int:
    if k < MIN_K:
        raise ValueError(f"The disclosure threshold k must be at least {MIN_K}.")
    return k


@dataclass(frozen=True)
class Withheld:
    """What was withheld and why: `item` names the thing (e.g. 'group_a', 'cells')."""

    item: str
    reason: str
    count: int = 1


@dataclass(frozen=True)
class SuppressedTable:
    counts: IntArray
    hidden: BoolArray
    withheld: tuple[Withheld, ...]

    @property
    def shown(self) -> IntArray:
        """Counts with hidden cells as -1."""
        return np.where(self.hidden, -1, self.counts)


def group_shown(n: int, k: int = DEFAULT_K) -> bool:
    return n >= check_k(k)


def suppress_cells(counts: IntArray, k: int = DEFAULT_K) -> SuppressedTable:
    """Hide cells with 0 < count < k, then add complementary cells as needed.

    Zero cells stay visible: that no story lies somewhere reveals nobody.
    """
    check_k(k)
    counts = np.asarray(counts, dtype=np.int64)
    primary = (counts > 0) & (counts < k)
    hidden = primary.copy()
    withheld: list[Withheld] = []
    if primary.any():
        withheld.append(Withheld("cells", CELL_BELOW_K, int(primary.sum())))
    extra = 0
    while 0 < int(counts[hidden].sum()) < k:
        candidates = np.flatnonzero(~hidden & (counts > 0))
        if candidates.size == 0:
            break
        hidden[candidates[np.argmin(counts[candidates])]] = True
        extra += 1
    if extra:
        withheld.append(Withheld("cells", COMPLEMENTARY, extra))
    return SuppressedTable(counts, hidden, tuple(withheld))


def difference_safe(parent: int, child: int, k: int = DEFAULT_K) -> bool:
    """Whether showing both totals keeps their difference at 0 or at least k."""
    gap = parent - child
    return gap == 0 or gap >= check_k(k)


def selects_hidden(counts: IntArray, selected: list[int], k: int = DEFAULT_K) -> bool:
    """Whether any selected category is hidden when the table `counts` is shown."""
    if not selected:
        return False
    return bool(suppress_cells(counts, k).hidden[np.asarray(selected, dtype=np.int64)].any())
