from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from samskab.analysis.builder import StoreBuildError, build_store, rows_to_chunk
from samskab.analysis.schema import AnswerState, Kind, Schema, Signifier
from samskab.analysis.store import cached_store, load_store, save_store
from samskab.analysis.synthetic import generate_chunks, synthetic_schema

SCHEMA = Schema(
    "lab1",
    2,
    (
        Signifier("t", Kind.TRIAD, ("top", "left", "right")),
        Signifier("d", Kind.DYAD, ("l", "r")),
        Signifier("s", Kind.STONES, ("a", "b")),
        Signifier("c", Kind.SINGLE, ("x", "y")),
        Signifier("m", Kind.MULTI, ("p", "q", "r")),
        Signifier("text", Kind.FREETEXT),
    ),
    levels=("user", "employee"),
    prompts=("p1",),
)
COLUMNS = [
    "story_id",
    "created",
    "level",
    "prompt",
    "t:top",
    "t:left",
    "t:right",
    "t:state",
    "d:x",
    "d:state",
    "s:a:x",
    "s:a:y",
    "c",
    "m:p",
    "m:q",
    "text",
]
ROWS = [
    (1, 100, "user", "p1", 0.5, 0.3, 0.2, "answered", 0.25, None, 0.1, 0.9, "x", 1, None, "Hej"),
    (
        2,
        200,
        "employee",
        None,
        None,
        None,
        None,
        "not_applicable",
        None,
        "not_applicable",
        None,
        None,
        None,
        None,
        None,
        "",
    ),
    (3, 300, None, "p1", -0.0009, 0.5009, 0.5, None, 1.0, None, None, None, "y", 0, 1, None),
    (4, 400, "user", "p1", None, None, None, None, None, None, None, None, None, None, None, "x"),
]


def _store() -> object:
    return build_store(
        SCHEMA, [rows_to_chunk(COLUMNS, ROWS[:2]), rows_to_chunk(COLUMNS, ROWS[2:])], 7
    )


def test_builder_keeps_three_answer_states_apart() -> None:
    store = build_store(
        SCHEMA, [rows_to_chunk(COLUMNS, ROWS[:2]), rows_to_chunk(COLUMNS, ROWS[2:])], 7
    )
    assert store.n == 4 and store.change_counter == 7
    answered, na, skipped = AnswerState.ANSWERED, AnswerState.NOT_APPLICABLE, AnswerState.SKIPPED
    assert list(store.state("t")) == [answered, na, answered, skipped]
    assert list(store.state("d")) == [answered, na, answered, skipped]
    assert list(store.state("s")) == [answered, skipped, skipped, skipped]
    assert list(store.state("m")) == [answered, skipped, answered, skipped]
    assert list(store.state("text")) == [answered, skipped, skipped, answered]
    assert list(store.column("level")) == [0, 1, -1, 0]
    assert list(store.part("c", "code")) == [0, -1, 1, -1]
    props = store.triad_props("t")
    assert np.allclose(props[2], [0.0, 0.5009 / 1.0009, 0.5 / 1.0009], atol=1e-6)
    assert np.isnan(props[1]).all() and np.isnan(store.part("d", "x")[1])
    assert store.part("t", "zone")[0] == 6 and store.part("t", "zone")[1] == -1
    assert list(store.part("m", "ticks")[2]) == [False, True, False]


def test_builder_rejects_inconsistent_triads() -> None:
    bad = [(1, 100, "user", "p1", 0.5, 0.5, 0.5, "answered")]
    with pytest.raises(StoreBuildError, match="stories 1"):
        build_store(SCHEMA, [rows_to_chunk(COLUMNS[:8], bad)], 1)


def test_builder_rejects_answered_state_without_values() -> None:
    bad = [(1, 100, None, None, None, None, None, "answered")]
    with pytest.raises(StoreBuildError, match="lack values"):
        build_store(SCHEMA, [rows_to_chunk(COLUMNS[:8], bad)], 1)


def test_string_and_integer_codes_agree() -> None:
    chunk = next(generate_chunks(500, seed=2))
    as_strings = dict(chunk)
    as_strings["level"] = np.array(synthetic_schema().levels)[chunk["level"]]
    a = build_store(synthetic_schema(), [chunk], 1)
    b = build_store(synthetic_schema(), [as_strings], 1)
    assert np.array_equal(a.column("level"), b.column("level"))


def test_cache_round_trip_memory_mapped_and_stale_counter_rebuilds(tmp_path: Path) -> None:
    schema = synthetic_schema("coll-1", 3)
    calls: list[int] = []

    def chunks() -> list[dict[str, np.ndarray]]:
        calls.append(1)
        return list(generate_chunks(2000, seed=len(calls), chunk_size=700))

    first = cached_store(tmp_path, schema, 5, build_store, chunks)
    again = cached_store(tmp_path, schema, 5, build_store, chunks)
    assert len(calls) == 1
    assert isinstance(again.column("story_id"), np.memmap)
    for name, array in first.arrays.items():
        assert np.array_equal(array, again.arrays[name], equal_nan=True), name
    newer = cached_store(tmp_path, schema, 6, build_store, chunks)
    assert len(calls) == 2 and newer.change_counter == 6
    assert load_store(tmp_path, "coll-1", 3, 5) is None
    assert save_store(newer, tmp_path).name == "c6"


def test_memory_per_story_is_small() -> None:
    store = build_store(synthetic_schema(), generate_chunks(10_000, seed=1), 1)
    assert store.nbytes / store.n < 200
