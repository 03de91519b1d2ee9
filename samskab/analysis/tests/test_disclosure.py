from __future__ import annotations

import numpy as np
import pytest

from samskab.analysis.builder import build_store
from samskab.analysis.disclosure import (
    CELL_BELOW_K,
    COMPLEMENTARY,
    check_k,
    difference_safe,
    suppress_cells,
)
from samskab.analysis.filters import Filter, apply_filter
from samskab.analysis.summaries import answer_states, story_list, triad_density
from samskab.analysis.synthetic import generate_chunks, synthetic_schema


def test_k_is_never_below_three() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        check_k(2)
    assert check_k(3) == 3


def test_primary_and_complementary_suppression() -> None:
    table = suppress_cells(np.array([10, 2, 0, 8, 30]), k=5)
    # The 2 alone would be revealed by total - shown; the next smallest cell joins it.
    assert list(table.hidden) == [False, True, False, True, False]
    assert {w.reason for w in table.withheld} == {CELL_BELOW_K, COMPLEMENTARY}
    assert list(table.shown) == [10, -1, 0, -1, 30]
    assert int(table.counts[table.hidden].sum()) >= 5
    fine = suppress_cells(np.array([3, 3, 9]), k=5)
    assert list(fine.hidden) == [True, True, False] and len(fine.withheld) == 1


def test_difference_guard() -> None:
    assert difference_safe(100, 100) and difference_safe(100, 95)
    assert not difference_safe(100, 97)


def test_density_and_lists_withhold_small_groups() -> None:
    store = build_store(synthetic_schema(), generate_chunks(3000, seed=4), 1)
    mask = apply_filter(store, Filter(levels=frozenset({"organisation"})))
    density = triad_density(store, "t1", mask, k=5)
    shown = density.counts[~density.hidden]
    assert (shown == 0).sum() + (shown >= 5).sum() == shown.size
    hidden_total = int(
        np.bincount(
            store.part("t1", "cell")[mask & (store.state("t1") == 0)], minlength=density.counts.size
        )[density.hidden].sum()
    )
    assert hidden_total == 0 or hidden_total >= 5
    tiny = np.zeros(store.n, dtype=bool)
    tiny[:3] = True
    assert triad_density(store, "t1", tiny).reasons == ("group_below_k",)
    ids, withheld = story_list(store, tiny)
    assert ids.size == 0 and withheld[0].reason == "group_below_k"
    states = answer_states(store, "t1", mask)
    assert states.total == int(mask.sum())
