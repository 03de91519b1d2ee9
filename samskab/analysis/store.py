"""The columnar store of one collection version, and its disk cache.

Arrays (one per signifier part) live in `ColumnarStore.arrays` under these keys; `sid` is
the signifier id:

========================  ==========  ==================================================
key                       dtype       meaning
========================  ==========  ==================================================
story_id                  int64       the story's database id
created                   int64       Unix seconds
level, prompt             int8        code into `schema.levels` / `schema.prompts`, -1 none
version                   int16       collection version the story was told under
sid__state                int8        `AnswerState` per story
sid__p0, __p1, __p2       float32     triad proportions (top, left, right); NaN unless answered
sid__ilr                  float32     (n, 2) ilr balances after zero replacement
sid__cell                 uint16      density cell at `resolution`
sid__zone                 int8        zone code (`zones.Zone`), -1 unless answered
sid__x, sid__band         float32/i8  dyad position from the left pole, and its 20-point band
sid__s{j}x, sid__s{j}y    float32     stone j's position; NaN when not placed
sid__code                 int16       single choice: item index, -1 none
sid__ticks                bool        multiple choice: (n, items)
========================  ==========  ==================================================

Disk cache: one directory per (collection id, version, change counter) holding `meta.json`
and one `.npy` per array, loaded with memory mapping. The change counter is bumped by every
insert, withdrawal and import, so a stale counter means a rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from samskab.analysis.density import DEFAULT_RESOLUTION
from samskab.analysis.schema import AnswerState, Schema
from samskab.analysis.types import AnyArray, Float32Array

FORMAT = 1


def key(signifier_id: str, name: str) -> str:
    return f"{signifier_id}__{name}"


@dataclass(frozen=True)
class ColumnarStore:
    schema: Schema
    change_counter: int
    arrays: Mapping[str, AnyArray]
    resolution: int = DEFAULT_RESOLUTION

    @property
    def n(self) -> int:
        return int(self.arrays["story_id"].shape[0])

    @property
    def nbytes(self) -> int:
        return int(sum(a.nbytes for a in self.arrays.values()))

    def column(self, name: str) -> AnyArray:
        return self.arrays[name]

    def part(self, signifier_id: str, name: str) -> AnyArray:
        return self.arrays[key(signifier_id, name)]

    def state(self, signifier_id: str) -> npt.NDArray[np.int8]:
        return np.asarray(self.part(signifier_id, "state"), dtype=np.int8)

    def answered(self, signifier_id: str) -> npt.NDArray[np.bool_]:
        """Which stories answered the signifier.

        Compared with a plain int: an `IntEnum` operand makes NumPy's comparison ten times
        slower.
        """
        return np.asarray(self.state(signifier_id) == int(AnswerState.ANSWERED))

    def triad_props(self, signifier_id: str) -> Float32Array:
        """(n, 3) proportions (a copy; the store keeps one array per corner)."""
        parts = [self.part(signifier_id, f"p{j}") for j in range(3)]
        return np.stack(parts, axis=1).astype(np.float32)

    def triad_ilr(self, signifier_id: str) -> Float32Array:
        return np.asarray(self.part(signifier_id, "ilr"), dtype=np.float32)


def cache_path(root: Path, collection_id: str, version: int, counter: int) -> Path:
    return Path(root) / collection_id / f"v{version}" / f"c{counter}"


def save_store(store: ColumnarStore, root: Path) -> Path:
    """Write the store atomically (temporary directory, then rename)."""
    schema = store.schema
    target = cache_path(root, schema.collection_id, schema.version, store.change_counter)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    for name, array in store.arrays.items():
        np.save(work / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
    meta = {
        "format": FORMAT,
        "schema": schema.to_dict(),
        "change_counter": store.change_counter,
        "resolution": store.resolution,
        "arrays": sorted(store.arrays),
    }
    (work / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    if target.exists():
        shutil.rmtree(work)
        return target
    os.replace(work, target)
    return target


def load_store(
    root: Path, collection_id: str, version: int, counter: int, mmap: bool = True
) -> ColumnarStore | None:
    """The cached store, or None when there is none for this exact change counter."""
    path = cache_path(root, collection_id, version, counter)
    meta_file = path / "meta.json"
    if not meta_file.exists():
        return None
    meta: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        return None
    mode: Any = "r" if mmap else None
    arrays = {
        name: np.load(path / f"{name}.npy", mmap_mode=mode, allow_pickle=False)
        for name in meta["arrays"]
    }
    return ColumnarStore(
        Schema.from_dict(meta["schema"]),
        int(meta["change_counter"]),
        arrays,
        int(meta["resolution"]),
    )


def remove_stale(root: Path, collection_id: str, version: int, keep: int) -> None:
    folder = cache_path(root, collection_id, version, keep).parent
    for child in folder.glob("c*"):
        if child.name != f"c{keep}":
            shutil.rmtree(child, ignore_errors=True)


def cached_store(
    root: Path,
    schema: Schema,
    counter: int,
    build: Callable[[Schema, Iterable[Mapping[str, Any]], int], ColumnarStore],
    chunks: Callable[[], Iterable[Mapping[str, Any]]],
) -> ColumnarStore:
    """Load the store for (collection, version, counter) or build, save and load it."""
    found = load_store(root, schema.collection_id, schema.version, counter)
    if found is not None:
        return found
    store = build(schema, chunks(), counter)
    save_store(store, root)
    remove_stale(root, schema.collection_id, schema.version, counter)
    loaded = load_store(root, schema.collection_id, schema.version, counter)
    return store if loaded is None else loaded
