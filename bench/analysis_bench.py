"""Benchmark of the analysis engine on synthetic stories; prints one JSON object.

    python bench/analysis_bench.py [--n 1000000] [--repeat 25]

Everything runs on one core (BLAS and OpenMP threads are pinned to 1 before NumPy loads).
The query timed is the explorer's hot path: filter (prompt and date range), triad density
with disclosure control, and a two-group comparison (user vs employee) of that triad with
Hotelling T², Aitchison distance and bootstrap interval, zone shares with chi-square and
Cramér's V, and the not-applicable rate. DuckDB (bench-only dependency) computes the same
filtered density in SQL on one thread.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samskab.analysis.builder import build_store, rows_to_chunk  # noqa: E402
from samskab.analysis.compare import CompareOptions  # noqa: E402
from samskab.analysis.filters import Filter, apply_filter  # noqa: E402
from samskab.analysis.report import compare_triad  # noqa: E402
from samskab.analysis.store import ColumnarStore, load_store, save_store  # noqa: E402
from samskab.analysis.summaries import triad_density  # noqa: E402
from samskab.analysis.synthetic import START, Shift, generate_chunks, synthetic_schema  # noqa: E402

SID = "t1"
FILTER = Filter(
    prompts=frozenset({"good_day"}),
    created_from=START + 30 * 86400,
    created_before=START + 330 * 86400,
)
GROUP_A = Filter(levels=frozenset({"user"}))
GROUP_B = Filter(levels=frozenset({"employee"}))


def timed(run: Callable[[], Any], repeat: int) -> dict[str, float]:
    run()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return {"min_ms": round(min(times), 3), "median_ms": round(statistics.median(times), 3)}


def query(store: ColumnarStore) -> tuple[Any, Any]:
    base = apply_filter(store, FILTER)
    density = triad_density(store, SID, base)
    a = base & apply_filter(store, GROUP_A)
    b = base & apply_filter(store, GROUP_B)
    return density, compare_triad(store, SID, a, b, CompareOptions())


def build_rates(n: int, seed: int) -> tuple[ColumnarStore, dict[str, Any]]:
    shift = Shift(level="employee", triad=(0.05, 0.0))
    chunks = list(generate_chunks(n, seed=seed, chunk_size=50_000, shift=shift))
    start = time.perf_counter()
    store = build_store(synthetic_schema(), iter(chunks), change_counter=1)
    columnar = time.perf_counter() - start
    sample = chunks[0]
    names = list(sample)
    rows = [tuple(r) for r in zip(*(sample[k].tolist() for k in names), strict=True)]
    start = time.perf_counter()
    build_store(synthetic_schema(), [rows_to_chunk(names, rows)], change_counter=1)
    tuples = time.perf_counter() - start
    return store, {
        "build_rows_per_s": round(n / columnar),
        "build_s": round(columnar, 3),
        "build_tuple_rows_per_s": round(len(rows) / tuples),
        "tuple_rows_measured": len(rows),
    }


def floors(store: ColumnarStore, repeat: int) -> tuple[dict[str, Any], dict[str, Any]]:
    base = apply_filter(store, FILTER) & (store.state(SID) == 0)
    cells = store.part(SID, "cell")
    filtered = cells[base]
    slots = 2 * store.resolution**2
    pure = timed(lambda: np.bincount(filtered, minlength=slots), repeat)
    with_mask = timed(
        lambda: np.bincount(np.take(cells, np.flatnonzero(base)), minlength=slots), repeat
    )
    return pure, with_mask


def duckdb_density(store: ColumnarStore, repeat: int) -> dict[str, float]:
    import duckdb

    data = {  # noqa: F841 - read by DuckDB's replacement scan below
        "cell": np.asarray(store.part(SID, "cell")),
        "state": np.asarray(store.state(SID)),
        "prompt": np.asarray(store.column("prompt")),
        "created": np.asarray(store.column("created")),
    }
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute("CREATE TABLE stories AS SELECT * FROM data")
    sql = (
        "SELECT cell, count(*) FROM stories WHERE prompt = 0 AND state = 0 "
        "AND created >= ? AND created < ? GROUP BY cell"
    )
    params = [FILTER.created_from, FILTER.created_before]
    return timed(lambda: con.execute(sql, params).fetchnumpy(), repeat)


def cache_times(store: ColumnarStore) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as root:
        start = time.perf_counter()
        save_store(store, Path(root))
        written = time.perf_counter() - start
        start = time.perf_counter()
        loaded = load_store(Path(root), store.schema.collection_id, store.schema.version, 1)
        opened = time.perf_counter() - start
        if loaded is None:
            raise RuntimeError("The cache did not load.")
        mmap_query = timed(lambda: query(loaded), 5)
    return {
        "cache_write_s": round(written, 3),
        "cache_open_ms": round(opened * 1000, 3),
        "query_on_mmap_min_ms": mmap_query["min_ms"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    store, build = build_rates(args.n, args.seed)
    density, comparisons = query(store)
    ours = timed(lambda: query(store), args.repeat)
    density_only = timed(
        lambda: triad_density(store, SID, apply_filter(store, FILTER)), args.repeat
    )
    pure, with_mask = floors(store, args.repeat)
    duck = duckdb_density(store, args.repeat)
    centre = comparisons[0]
    result = {
        "n": args.n,
        "repeat": args.repeat,
        **build,
        "store_mb_per_million": round(store.nbytes / args.n, 2),
        "query_ms": ours,
        "filter_and_density_ms": density_only,
        "floor_bincount_ms": pure,
        "floor_take_and_bincount_ms": with_mask,
        "ratio_to_floor_bincount": round(ours["median_ms"] / pure["median_ms"], 1),
        "ratio_to_floor_take_and_bincount": round(ours["median_ms"] / with_mask["median_ms"], 1),
        "duckdb_filtered_density_ms": duck,
        "ratio_duckdb_to_our_filter_and_density": round(
            duck["median_ms"] / density_only["median_ms"], 2
        ),
        **cache_times(store),
        "density_total": density.total,
        "comparison": {
            "test": centre.test.test,
            "p": centre.test.p,
            "df": centre.test.df,
            "effect": centre.effect.measure,
            "estimate": round(centre.effect.estimate, 4),
            "interval": [round(centre.effect.low, 4), round(centre.effect.high, 4)],
            "magnitude": centre.effect.magnitude,
            "n_a": centre.n_a,
            "n_b": centre.n_b,
        },
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
