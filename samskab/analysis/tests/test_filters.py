from __future__ import annotations

import numpy as np
import pytest

from samskab.analysis.builder import build_store
from samskab.analysis.filters import Filter, TriadRegion, apply_filter, codes_in
from samskab.analysis.schema import AnswerState
from samskab.analysis.store import ColumnarStore
from samskab.analysis.synthetic import START, generate_chunks, synthetic_schema


@pytest.fixture(scope="module")
def store() -> ColumnarStore:
    return build_store(synthetic_schema(), generate_chunks(20_000, seed=11), 1)


def test_codes_in() -> None:
    codes = np.array([-1, 0, 1, 2, 3], dtype=np.int8)
    assert list(codes_in(codes, [1, 3])) == [False, False, True, False, True]
    assert list(codes_in(codes, [-1, 2])) == [True, False, False, True, False]


def test_each_criterion_against_a_direct_computation(store: ColumnarStore) -> None:
    level = store.column("level")
    assert np.array_equal(
        apply_filter(store, Filter(levels=frozenset({"user", "employee"}))), np.isin(level, [0, 1])
    )
    created = store.column("created")
    f = Filter(created_from=START + 100 * 86400, created_before=START + 200 * 86400)
    assert np.array_equal(
        apply_filter(store, f), (created >= f.created_from) & (created < f.created_before)
    )
    zone = apply_filter(store, Filter(zones={"t1": frozenset({"top", "centre"})}))
    assert np.array_equal(zone, np.isin(store.part("t1", "zone"), [0, 6]))
    na = apply_filter(store, Filter(states={"t1": frozenset({AnswerState.NOT_APPLICABLE})}))
    assert np.array_equal(na, store.state("t1") == 1) and na.any()
    dyad = apply_filter(store, Filter(dyad_ranges={"d1": (0.2, 0.4)}))
    x = store.part("d1", "x")
    assert np.array_equal(dyad, (x >= 0.2) & (x <= 0.4))
    multi = apply_filter(store, Filter(choices={"c2": frozenset({"family", "friends"})}))
    assert np.array_equal(multi, store.part("c2", "ticks")[:, 1:3].any(axis=1))
    single = apply_filter(store, Filter(choices={"c1": frozenset({"culture"})}))
    assert np.array_equal(single, store.part("c1", "code") == 1)


def test_region_cells_text_mask_and_combination(store: ColumnarStore) -> None:
    region = TriadRegion(lower=(0.5, 0.0, 0.0))
    top = apply_filter(store, Filter(regions={"t1": region}))
    assert np.array_equal(top, store.part("t1", "p0") >= 0.5)
    ids = store.column("story_id")[::7]
    by_ids = apply_filter(store, Filter(story_ids=ids))
    assert by_ids.sum() == len(ids)
    cell = int(store.part("t1", "cell")[0])
    cells = apply_filter(store, Filter(cells={"t1": frozenset({cell})}))
    assert cells[0] or store.state("t1")[0] != 0
    both = apply_filter(
        store, Filter(regions={"t1": region}, story_ids=ids, prompts=frozenset({"good_day"}))
    )
    assert np.array_equal(both, top & by_ids & (store.column("prompt") == 0))
    assert apply_filter(store, Filter(story_mask=np.zeros(store.n, dtype=bool))).sum() == 0


def test_unknown_codes_are_rejected(store: ColumnarStore) -> None:
    with pytest.raises(ValueError, match="Unknown"):
        apply_filter(store, Filter(levels=frozenset({"mayor"})))
