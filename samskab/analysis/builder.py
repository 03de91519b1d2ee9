"""Build a `ColumnarStore` in one streaming pass over row chunks.

A chunk is a mapping from column name to a sequence (list or array) of equal length, such as
a server-side cursor's `fetchmany()` turned into columns by `rows_to_chunk`. Columns:

* `story_id` (int), `created` (Unix seconds), `version` (int, default the schema's),
  `level` and `prompt` (a code from the schema, or its index; None for none);
* `<sid>:state`: "answered", "not_applicable", "skipped" (or 0, 1, 2). Where it is
  missing or None, a signifier counts as answered where values are present, else skipped;
* triad `<sid>:<corner id>` proportions; dyad `<sid>:x`; stones `<sid>:<stone id>:x` and
  `:y`; single choice `<sid>` (item code or None); multiple choice `<sid>:<item code>`
  (truthy when ticked); free text has only a state.

Each chunk is converted and its derived columns (ilr, density cell, zone, band) computed
before the next is read, so memory holds the finished columns plus one chunk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from samskab.analysis.compositions import clean, triad_ilr
from samskab.analysis.density import DEFAULT_RESOLUTION, cell_index
from samskab.analysis.schema import STATE_CODES, AnswerState, Kind, Schema, Signifier
from samskab.analysis.store import ColumnarStore, key
from samskab.analysis.types import AnyArray, BoolArray
from samskab.analysis.zones import dyad_bands, triad_zones

ANSWERED = int(AnswerState.ANSWERED)

Chunk = Mapping[str, Any]


class StoreBuildError(ValueError):
    """Rows that cannot be stored (e.g. a triad whose proportions do not sum to one)."""


def rows_to_chunk(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Turn cursor rows (tuples in `columns` order) into a column chunk."""
    if not rows:
        return {name: [] for name in columns}
    return {
        name: list(values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)
    }


def encode(values: Any, vocabulary: Sequence[str], dtype: npt.DTypeLike) -> AnyArray:
    """Codes into `vocabulary` (-1 for None or unknown); integer input is taken as codes."""
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        return array.astype(dtype)
    if array.dtype.kind == "U" and array.size:
        uniques, inverse = np.unique(array, return_inverse=True)
        lookup = {code: i for i, code in enumerate(vocabulary)}
        mapped = np.array([lookup.get(str(u), -1) for u in uniques], dtype=dtype)
        return mapped[inverse.ravel()]
    lookup_any: dict[Any, int] = {code: i for i, code in enumerate(vocabulary)}
    return np.fromiter(
        (lookup_any.get(v, -1) for v in array.ravel()), dtype=dtype, count=array.size
    )


def _floats(chunk: Chunk, name: str, n: int) -> npt.NDArray[np.float64]:
    if name not in chunk:
        return np.full(n, np.nan)
    return np.asarray(chunk[name], dtype=np.float64).reshape(n)


def _parse_states(raw: AnyArray) -> npt.NDArray[np.int8]:
    """State codes; -1 where the state is not given (None or blank)."""
    if raw.dtype.kind in "iu":
        return raw.astype(np.int8)
    return np.fromiter(
        (STATE_CODES[str(v)] if v else -1 for v in raw.ravel()), dtype=np.int8, count=raw.size
    )


def _states(chunk: Chunk, signifier: Signifier, present: BoolArray) -> npt.NDArray[np.int8]:
    """Given states; where none is given, answered if values are present, else skipped."""
    inferred = np.where(present, AnswerState.ANSWERED, AnswerState.SKIPPED).astype(np.int8)
    name = f"{signifier.id}:state"
    if name not in chunk:
        return inferred
    states = _parse_states(np.asarray(chunk[name]))
    states = np.where(states < 0, inferred, states).astype(np.int8)
    missing = (states == ANSWERED) & ~present
    if missing.any():
        raise StoreBuildError(f"{int(missing.sum())} answered rows of {signifier.id} lack values.")
    return states


def _reject(signifier: Signifier, bad: BoolArray, ids: AnyArray) -> None:
    if bad.any():
        shown = ", ".join(str(i) for i in ids[bad][:5])
        raise StoreBuildError(f"Inconsistent {signifier.id} answers in stories {shown}.")


def _triad(chunk: Chunk, s: Signifier, n: int, ids: AnyArray, res: int) -> dict[str, AnyArray]:
    raw = np.stack([_floats(chunk, f"{s.id}:{part}", n) for part in s.parts], axis=1)
    present = np.asarray(~np.isnan(raw).any(axis=1), dtype=bool)
    state = _states(chunk, s, present)
    answered = state == ANSWERED
    props = np.full((n, 3), np.nan)
    props[answered] = clean(raw[answered])
    _reject(s, answered & np.isnan(props).any(axis=1), ids)
    ilr = np.full((n, 2), np.nan, dtype=np.float32)
    ilr[answered] = triad_ilr(props[answered])
    out: dict[str, AnyArray] = {
        key(s.id, f"p{j}"): props[:, j].astype(np.float32) for j in range(3)
    }
    out[key(s.id, "ilr")] = ilr
    out[key(s.id, "cell")] = cell_index(props, res)
    out[key(s.id, "zone")] = triad_zones(props)
    out[key(s.id, "state")] = state
    return out


def _dyad(chunk: Chunk, s: Signifier, n: int, ids: AnyArray) -> dict[str, AnyArray]:
    x = _floats(chunk, f"{s.id}:x", n)
    state = _states(chunk, s, ~np.isnan(x))
    answered = state == ANSWERED
    _reject(s, answered & ((x < -0.01) | (x > 1.01)), ids)
    x = np.where(answered, np.clip(x, 0.0, 1.0), np.nan)
    return {
        key(s.id, "x"): x.astype(np.float32),
        key(s.id, "band"): dyad_bands(x),
        key(s.id, "state"): state,
    }


def _stones(chunk: Chunk, s: Signifier, n: int) -> dict[str, AnyArray]:
    out: dict[str, AnyArray] = {}
    placed = np.zeros(n, dtype=bool)
    for j, stone in enumerate(s.parts):
        x = np.clip(_floats(chunk, f"{s.id}:{stone}:x", n), 0.0, 1.0)
        y = np.clip(_floats(chunk, f"{s.id}:{stone}:y", n), 0.0, 1.0)
        y[np.isnan(x)] = np.nan
        x[np.isnan(y)] = np.nan
        placed |= ~np.isnan(x)
        out[key(s.id, f"s{j}x")] = x.astype(np.float32)
        out[key(s.id, f"s{j}y")] = y.astype(np.float32)
    state = _states(chunk, s, placed)
    not_answered = state != ANSWERED
    for name in list(out):
        out[name][not_answered] = np.nan
    out[key(s.id, "state")] = state
    return out


def _single(chunk: Chunk, s: Signifier, n: int) -> dict[str, AnyArray]:
    codes = encode(chunk.get(s.id, [None] * n), s.parts, np.int16).reshape(n)
    state = _states(chunk, s, codes >= 0)
    codes[state != ANSWERED] = -1
    return {key(s.id, "code"): codes, key(s.id, "state"): state}


def _truthy(column: Any) -> BoolArray:
    array = np.asarray(column)
    if array.dtype.kind in "biuf":
        return np.asarray(np.nan_to_num(array.astype(np.float64)) != 0)
    return np.asarray([bool(v) for v in array.ravel()], dtype=bool)


def _multi(chunk: Chunk, s: Signifier, n: int) -> dict[str, AnyArray]:
    ticks = np.zeros((n, len(s.parts)), dtype=bool)
    for j, item in enumerate(s.parts):
        column = chunk.get(f"{s.id}:{item}")
        if column is not None:
            ticks[:, j] = _truthy(column)
    state = _states(chunk, s, np.asarray(ticks.any(axis=1), dtype=bool))
    ticks[state != ANSWERED] = False
    return {key(s.id, "ticks"): ticks, key(s.id, "state"): state}


def _freetext(chunk: Chunk, s: Signifier, n: int) -> dict[str, AnyArray]:
    text = chunk.get(s.id, [None] * n)
    present = np.asarray([bool(t) for t in text], dtype=bool).reshape(n)
    return {key(s.id, "state"): _states(chunk, s, present)}


def convert_chunk(schema: Schema, chunk: Chunk, resolution: int) -> dict[str, AnyArray]:
    """One chunk's store columns."""
    ids = np.asarray(chunk["story_id"], dtype=np.int64)
    n = ids.shape[0]
    out: dict[str, AnyArray] = {
        "story_id": ids,
        "created": np.asarray(chunk["created"], dtype=np.int64).reshape(n),
        "version": np.asarray(chunk.get("version", [schema.version] * n), dtype=np.int16),
        "level": encode(chunk.get("level", [None] * n), schema.levels, np.int8).reshape(n),
        "prompt": encode(chunk.get("prompt", [None] * n), schema.prompts, np.int8).reshape(n),
    }
    for s in schema.signifiers:
        out.update(_signifier_columns(chunk, s, n, ids, resolution))
    return out


def _signifier_columns(
    chunk: Chunk, s: Signifier, n: int, ids: AnyArray, resolution: int
) -> dict[str, AnyArray]:
    if s.kind is Kind.TRIAD:
        return _triad(chunk, s, n, ids, resolution)
    if s.kind is Kind.DYAD:
        return _dyad(chunk, s, n, ids)
    if s.kind is Kind.STONES:
        return _stones(chunk, s, n)
    if s.kind is Kind.SINGLE:
        return _single(chunk, s, n)
    if s.kind is Kind.MULTI:
        return _multi(chunk, s, n)
    return _freetext(chunk, s, n)


class StoreBuilder:
    """Accumulates converted chunks; `finish` concatenates them into a store."""

    def __init__(self, schema: Schema, resolution: int = DEFAULT_RESOLUTION) -> None:
        self.schema = schema
        self.resolution = resolution
        self._parts: dict[str, list[AnyArray]] = {}
        self.rows = 0

    def add(self, chunk: Chunk) -> None:
        converted = convert_chunk(self.schema, chunk, self.resolution)
        for name, array in converted.items():
            self._parts.setdefault(name, []).append(array)
        self.rows += int(converted["story_id"].shape[0])

    def finish(self, change_counter: int) -> ColumnarStore:
        if not self._parts:
            self.add(rows_to_chunk(["story_id", "created"], []))
        arrays = {name: np.concatenate(parts) for name, parts in self._parts.items()}
        self._parts = {}
        return ColumnarStore(self.schema, change_counter, arrays, self.resolution)


def build_store(
    schema: Schema,
    chunks: Iterable[Chunk],
    change_counter: int,
    resolution: int = DEFAULT_RESOLUTION,
) -> ColumnarStore:
    """Build the store in one pass over `chunks`."""
    builder = StoreBuilder(schema, resolution)
    for chunk in chunks:
        builder.add(chunk)
    return builder.finish(change_counter)
