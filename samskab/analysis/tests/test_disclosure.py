from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from samskab.analysis.builder import build_store
from samskab.analysis.disclosure import (
    CELL_BELOW_K,
    KEY_RANGE,
    Guard,
    check_k,
    difference_safe,
    key_sum,
    perturb_table,
    perturbation,
    ptable_row,
    record_keys,
    salt_from,
    suppress_cells,
)
from samskab.analysis.filters import Filter, apply_filter
from samskab.analysis.summaries import answer_states, story_list, triad_density
from samskab.analysis.synthetic import generate_chunks, synthetic_schema


def test_k_is_never_below_three() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        check_k(2)
    assert check_k(3) == 3


def test_primary_suppression_hides_small_cells_alone() -> None:
    # No complementary suppression: a large cell is never hidden because a small one exists
    # (the small categories of a version are merged or left out before any table is made).
    table = suppress_cells(np.array([10, 2, 0, 8, 1496]), k=5)
    assert list(table.hidden) == [False, True, False, False, False]
    assert {w.reason for w in table.withheld} == {CELL_BELOW_K}
    assert list(table.shown) == [10, -1, 0, 8, 1496]


def test_record_keys_are_fixed_uniform_and_secret() -> None:
    ids = np.arange(1, 200_001)
    salt = salt_from("secret", "collection:1")
    keys = record_keys(ids, salt)
    assert keys.dtype == np.uint8
    assert np.array_equal(keys, record_keys(ids, salt))  # the same key every time
    counts = np.bincount(keys, minlength=KEY_RANGE)
    # Uniform over 0..255 (a chi-square test a fair die passes 999 times in 1000).
    assert stats.chisquare(counts).pvalue > 0.001
    other = record_keys(ids, salt_from("another secret", "collection:1"))
    assert (other == keys).mean() < 0.01  # another secret, other keys
    assert salt != salt_from("secret", "collection:2")


@pytest.mark.parametrize("k", [3, 5, 10])
def test_ptable_rows_are_unbiased_and_keep_counts_at_or_above_k(k: int) -> None:
    for n in range(k, k + 40):
        steps, probabilities = ptable_row(n, k)
        assert abs(sum(probabilities) - 1) < 1e-12
        assert abs(sum(d * p for d, p in zip(steps, probabilities, strict=True))) < 1e-12
        assert all(n + d >= k for d in steps) and max(abs(d) for d in steps) <= 2
        # The key picks the step with the table's probabilities.
        picked = [perturbation(n, key, k) for key in range(KEY_RANGE)]
        for d, p in zip(steps, probabilities, strict=True):
            assert abs(picked.count(d) / KEY_RANGE - p) <= 1 / KEY_RANGE + 1e-9
    assert ptable_row(k, k) == ((0,), (1.0,))


def test_perturbed_table_hides_zero_and_small_alike() -> None:
    counts = np.array([0, 3, 5, 40, 1496])
    table = perturb_table(counts, np.array([7, 99, 200, 13, 255]), k=5)
    assert list(table.hidden) == [True, True, False, False, False]
    assert table.shown[2] == 5  # k itself gets no noise
    assert abs(int(table.shown[3]) - 40) <= 2 and abs(int(table.shown[4]) - 1496) <= 2
    assert {w.reason for w in table.withheld} == {CELL_BELOW_K}
    assert table.withheld[0].count == 1  # the zero is hidden too, but is not counted as small
    again = perturb_table(counts, np.array([7, 99, 200, 13, 255]), k=5)
    assert np.array_equal(table.shown, again.shown)


def test_guard_counts_a_set_by_its_stories_keys() -> None:
    keys = record_keys(np.arange(1, 1001), 12345)
    guard = Guard(5, keys)
    mask = np.zeros(1000, dtype=bool)
    mask[100:400] = True
    shown = guard.count(mask)
    assert abs(shown - 300) <= 2 and shown == guard.count(mask.copy())
    assert Guard(5).count(mask) == 300
    tiny = np.zeros(1000, dtype=bool)
    tiny[:4] = True
    assert guard.count(tiny) == -1 and Guard(5).count(tiny) == -1
    # Noise does not average away: many views of the same set give one figure.
    assert len({guard.count(mask) for _ in range(20)}) == 1


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


@pytest.mark.parametrize("n", [1, 7, 1000, 100_003])
def test_key_sum_is_the_sum_of_the_selected_keys_modulo_256(n: int) -> None:
    rng = np.random.default_rng(n)
    keys = rng.integers(0, 256, n).astype(np.uint8)
    mask = rng.random(n) < 0.4
    assert key_sum(mask, keys) == int(keys[mask].sum(dtype=np.int64)) % KEY_RANGE
