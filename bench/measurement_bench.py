"""Benchmark of indicators computed from the stories; prints one JSON object.

    python bench/measurement_bench.py [--n 1000000] [--repeat 15]

Ten computed indicators of mixed measures (zone shares, choice shares, slider medians and
triad centres) over eight periods of six weeks, on a synthetic collection of `--n` stories
(`samskab.analysis.synthetic`), read through two saved views (all stories, and two levels).
One timed run is what a recomputation does in the engine once the store is loaded: each
view's filter mask, one period index per set of periods, and every indicator's n, value and
95 % interval per period (`indicators.compute_many`). Warm: the store is in memory and the
code has run once. Goal: at most 1 s for 10 x 8 on a million stories (issue 15).

The value-creation page's server time is benchmarked separately (a `bench_value_page`
function, added with the page); this file times the engine alone, with no Django.

Everything runs on one core (BLAS and OpenMP threads are pinned to 1 before NumPy loads).
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samskab.analysis import indicators as ind  # noqa: E402
from samskab.analysis.builder import build_store  # noqa: E402
from samskab.analysis.filters import Filter, apply_filter  # noqa: E402
from samskab.analysis.store import ColumnarStore  # noqa: E402
from samskab.analysis.synthetic import START, generate_chunks, synthetic_schema  # noqa: E402

SIX_WEEKS = 42 * 86_400
PERIODS = [(START + i * SIX_WEEKS, START + (i + 1) * SIX_WEEKS) for i in range(8)]
Spec = ind.IndicatorSpec
VIEWS: list[tuple[Filter | None, list[ind.IndicatorSpec]]] = [
    (
        None,  # every story
        [
            Spec(ind.ZONE_SHARE, "t1", "top"),
            Spec(ind.CHOICE_SHARE, "c1", "health"),
            Spec(ind.DYAD_MEDIAN, "d1"),
            Spec(ind.TRIAD_CENTRE, "t1", "top"),
            Spec(ind.CHOICE_SHARE, "c2", "family"),
        ],
    ),
    (
        Filter(levels=frozenset({"employee", "volunteer_citizen"})),
        [
            Spec(ind.ZONE_SHARE, "t2", "centre"),
            Spec(ind.DYAD_MEDIAN, "d2"),
            Spec(ind.DYAD_MEDIAN, "d3"),
            Spec(ind.TRIAD_CENTRE, "t2", "left"),
            Spec(ind.TRIAD_CENTRE, "t1", "right"),
        ],
    ),
]
K = 5


def timed(run: Callable[[], Any], repeat: int) -> dict[str, float]:
    run()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return {"min": min(times), "median": statistics.median(times)}


def recompute(store: ColumnarStore) -> list[list[ind.PeriodValue]]:
    """What a recomputation of the ten indicators costs in the engine."""
    out: list[list[ind.PeriodValue]] = []
    for view_filter, specs in VIEWS:
        mask = apply_filter(store, view_filter)
        index = ind.period_index(store.column("created"), PERIODS)
        out.extend(ind.compute_many(store, mask, specs, index, K))
    return out


def change_tests(store: ColumnarStore, repeat: int) -> dict[str, float]:
    """The change test between the first and the last period, per measure (milliseconds)."""
    mask = apply_filter(store, None)
    out = {}
    for spec in VIEWS[0][1][:4]:
        times = timed(
            lambda s=spec: ind.change_test(store, mask, s, PERIODS[0], PERIODS[-1], K), repeat
        )
        out[spec.measure] = round(times["median"] * 1000, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    store = build_store(synthetic_schema(), generate_chunks(args.n, seed=args.seed), 1)
    built = time.perf_counter() - start
    results = recompute(store)
    index = ind.period_index(store.column("created"), PERIODS)
    warm = timed(lambda: recompute(store), args.repeat)
    label = f"indicators_10x8_{args.n:.0e}".replace("+0", "").replace("+", "")
    result = {
        "n": args.n,
        "repeat": args.repeat,
        "store_build_s": round(built, 2),
        f"{label}_warm_s_min": round(warm["min"], 4),
        f"{label}_warm_s_median": round(warm["median"], 4),
        "goal_s": 1.0,
        "period_index_ms_median": round(
            timed(lambda: ind.period_index(store.column("created"), PERIODS), args.repeat)["median"]
            * 1000,
            2,
        ),
        "change_test_ms_median": change_tests(store, max(3, args.repeat // 3)),
        "indicators": len(results),
        "periods": len(index.ranges),
        "withheld_periods": sum(not v.shown for values in results for v in values),
        "first_period_n": [v[0].n for v in results],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
