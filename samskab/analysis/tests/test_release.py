"""The release: small categories merged or left out before anything is counted."""

from __future__ import annotations

import numpy as np
import pytest

from samskab.analysis.builder import build_store
from samskab.analysis.filters import Filter, apply_filter
from samskab.analysis.release import SMALL, release
from samskab.analysis.summaries import choice_counts, level_counts
from samskab.analysis.synthetic import LEVELS, generate_chunks, synthetic_schema


def _store(plant):
    chunk = next(generate_chunks(3000, seed=11, chunk_size=3000))
    chunk["level"] = np.where(chunk["level"] == 3, 1, chunk["level"]).astype(np.int8)  # no org
    chunk["c1"] = np.where(chunk["c1"] == 4, 0, chunk["c1"]).astype(np.int16)  # no "other"
    chunk["c2:volunteers"] = np.zeros(3000, dtype=bool)
    plant(chunk)
    return build_store(synthetic_schema(), iter([chunk]), 1)


def _organisation(count):
    def plant(chunk):
        chunk["level"][:count] = LEVELS.index("organisation")

    return plant


def test_a_small_level_alone_is_left_out_of_everything():
    store = _store(_organisation(4))
    out = release(store, 5, salt=1)
    assert out.left_out == 4 and out.store.n == 2996
    assert out.small("level") == frozenset({"organisation"})
    assert not out.merged("level")
    planted = set(store.column("story_id")[:4].tolist())
    assert planted.isdisjoint(out.store.column("story_id").tolist())
    # No filter finds them; the level table has no organisation row with stories.
    everything = np.ones(out.store.n, dtype=bool)
    assert level_counts(out.store, everything)[LEVELS.index("organisation")] == 0
    only = apply_filter(out.store, Filter(levels=frozenset({"organisation"})))
    assert not only.any()
    # Large levels are untouched.
    employees = apply_filter(store, Filter(levels=frozenset({"employee"})))
    assert level_counts(out.store, everything)[1] == int(employees.sum())
    assert out.store.column("ckey").shape == (2996,)


def test_small_levels_together_are_merged_not_hidden():
    def plant(chunk):
        chunk["level"][:3] = LEVELS.index("organisation")
        chunk["level"][3:6] = LEVELS.index("volunteer_citizen")
        chunk["level"][6:] = np.where(chunk["level"][6:] == 2, 0, chunk["level"][6:])

    store = _store(plant)
    out = release(store, 5, salt=1)
    assert out.left_out == 0 and out.merged("level")
    assert out.small("level") == frozenset({"organisation", "volunteer_citizen"})
    assert out.store.schema.levels[-1] == SMALL
    counts = level_counts(out.store, np.ones(out.store.n, dtype=bool))
    assert counts[len(out.store.schema.levels) - 1] == 6  # "small groups together"
    assert counts[LEVELS.index("organisation")] == 0


def test_small_options_are_merged_or_their_stories_left_out():
    def plant(chunk):
        chunk["c1"][10:12] = 4  # "other" twice: alone below k
        chunk["c2:volunteers"][20:26] = True  # six ticks: a category of its own (k = 5)
        chunk["c2:friends"] = np.zeros(3000, dtype=bool)
        chunk["c2:friends"][30:33] = True  # three ticks: small; with nothing else, left out
        chunk["c1"][10:12] = 4  # (answered: the generator leaves 3 % without a choice)

    store = _store(plant)
    out = release(store, 5, salt=1)
    assert out.small("c1") == frozenset({"other"}) and not out.merged("c1")
    assert out.small("c2") == frozenset({"friends"})
    assert out.left_out == 5
    every = np.ones(out.store.n, dtype=bool)
    assert choice_counts(out.store, "c1", every)[4] == 0
    assert choice_counts(out.store, "c2", every)[4] == 6


def test_left_out_stories_can_make_another_category_small():
    def plant(chunk):
        chunk["level"][:4] = LEVELS.index("organisation")
        chunk["c1"][:4] = 4  # their option: 4 stories, and 3 more elsewhere
        chunk["c1"][100:103] = 4

    store = _store(plant)
    out = release(store, 5, salt=1)
    # Round 1: organisation (4) is left out; "other" held 7. Round 2: "other" holds 3 → out.
    assert out.small("level") == frozenset({"organisation"})
    assert "other" in out.small("c1")
    assert out.left_out == 7
    assert choice_counts(out.store, "c1", np.ones(out.store.n, dtype=bool))[4] == 0


def test_nothing_small_keeps_the_store_as_it_is():
    store = _store(lambda chunk: None)
    out = release(store, 5, salt=1)
    assert out.left_out == 0 and out.recodings == ()
    assert out.store.column("story_id") is store.column("story_id")


def test_every_count_function_gives_each_cells_key_sum():
    """With the release's keys, a count function returns each cell's key sum modulo 256, the
    same as summing the keys of the cell's stories one by one."""
    from samskab.analysis.summaries import (
        band_counts,
        cell_counts,
        state_counts,
        zone_counts,
    )

    out = release(_store(lambda chunk: None), 5, salt=7).store
    keys = out.column("ckey")
    rng = np.random.default_rng(5)
    mask = rng.random(out.n) < 0.6

    def naive(codes, rows, size):
        return [int(keys[rows & (codes == c)].sum()) % 256 for c in range(size)]

    answered = mask & out.answered("t1")

    def both(keyed, plain):
        assert list(keyed[0]) == list(plain)  # the same counts as without keys
        return list(keyed[1])

    def check(function, *args, codes, rows, size):
        assert both(function(*args, keys), function(*args)) == naive(codes, rows, size)

    answered = mask & out.answered("t1")
    check(zone_counts, out, "t1", mask, codes=out.part("t1", "zone"), rows=answered, size=7)
    cells = cell_counts(out, "t1", mask)
    keyed = both(cell_counts(out, "t1", mask, keys=keys), cells)
    assert keyed == naive(out.part("t1", "cell").astype(int), answered, cells.size)
    dyad = mask & out.answered("d1")
    check(band_counts, out, "d1", mask, codes=out.part("d1", "band"), rows=dyad, size=5)
    check(state_counts, out, "d2", mask, codes=out.state("d2"), rows=mask, size=3)
    single = mask & out.answered("c1")
    check(choice_counts, out, "c1", mask, codes=out.part("c1", "code"), rows=single, size=5)
    multi = mask & out.answered("c2")
    ticks = out.part("c2", "ticks")
    expected = [int(keys[multi & ticks[:, j]].sum()) % 256 for j in range(ticks.shape[1])]
    assert both(choice_counts(out, "c2", mask, keys), choice_counts(out, "c2", mask)) == expected
    levels = both(level_counts(out, mask, keys), level_counts(out, mask))
    assert levels[:4] == naive(out.column("level"), mask, 4)


@pytest.mark.parametrize("seed", range(6))
def test_the_store_release_and_the_count_table_release_agree(seed):
    """The explorer (a store) and the story list (a count table) apply one rule: fed the same
    stories' level and prompt, they leave out and merge the same categories."""
    from samskab.analysis.release import release_counts

    rng = np.random.default_rng(seed)

    def plant(chunk):
        # A few levels and prompts made small at random, sometimes enough to merge.
        n = chunk["level"].shape[0]
        chunk["level"] = rng.choice(3, size=n, p=(0.6, 0.399, 0.001)).astype(np.int8)
        chunk["level"][: rng.integers(0, 8)] = 3
        chunk["prompt"] = np.where(rng.random(n) < 0.002, 1, 0).astype(np.int8)
        chunk["c1"] = np.zeros(n, dtype=np.int16)  # choices large: only level and prompt vary
        for item in ("alone", "family", "friends", "colleagues", "volunteers"):
            chunk[f"c2:{item}"] = np.ones(n, dtype=bool)

    store = _store(plant)
    out = release(store, 5, salt=1)
    schema = store.schema
    cells: dict[tuple[str, ...], int] = {}
    for level, prompt in zip(store.column("level"), store.column("prompt"), strict=True):
        key = (
            schema.levels[level] if level >= 0 else "",
            schema.prompts[prompt] if prompt >= 0 else "",
        )
        cells[key] = cells.get(key, 0) + 1
    table = release_counts(cells, ("level", "prompt"), 5)
    assert table.total == out.store.n
    for attribute in ("level", "prompt"):
        assert table.small.get(attribute, frozenset()) == out.small(attribute), attribute
        assert bool(table.merged(attribute)) == out.merged(attribute), attribute
