"""Time and peak memory to refuse the two XLSX bombs of issue 18; prints one JSON object.

    python bench/import_bombs.py [--old] [--repeat 3]

The bombs are those of the report, built as the tests build them
(`samskab/transfers/tests/test_upload_limits.py`): a ~100 KB workbook whose one shared string
(a story's cell) unpacks to 100 MB, and a ~190 KB workbook of 10,000 × 500 cells; and a third,
"limits", the worst that passes the archive limits. Each case runs in a fresh process: the
wall time of the read, the process's peak resident memory (``ru_maxrss``) above its level just
before the read, and, in a second run, the peak of Python's own allocations (``tracemalloc``,
which slows the read down; skipped where that would take minutes).

``--old`` also times the reader before the fix (``tabular.py`` at the commit before issue 18's
work, taken from git), which opened every workbook with openpyxl and kept every cell.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OLD_COMMIT = "8260709"  # the reader before issue 18's limits


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()


def _bomb(name: str) -> bytes:
    from samskab.transfers.tests.test_upload_limits import huge_string_bomb, many_cells_bomb

    if name == "string":
        return huge_string_bomb()
    if name == "cells":
        return many_cells_bomb()
    return _at_the_limits()


def _at_the_limits() -> bytes:
    """The worst a workbook can do within the archive limits: random numbers (so that it packs
    less than 100 times), 2,500 columns of 1,000 rows, about 45 MB unpacked, 2.5 million
    cells. Refused by counting the cells as the worker unpacks the file, before parsing."""
    import random

    from samskab.transfers.tests.test_upload_limits import _workbook

    rng = random.Random(18)  # noqa: S311

    def rows() -> Any:
        yield b'<row r="1">' + b'<c t="inlineStr"><is><t>k</t></is></c>' + b"</row>"
        for r in range(2, 1_000):
            cells = b"".join(b"<c><v>%d</v></c>" % rng.randrange(100) for _ in range(2_500))
            yield b'<row r="%d">%s</row>' % (r, cells)

    return _workbook(rows())


def _reader(which: str) -> Any:
    if which == "new":
        from samskab.transfers import tabular

        return lambda data: tabular.read_xlsx(data, tabular.Limits.from_settings())
    source = subprocess.run(
        ["git", "show", f"{OLD_COMMIT}:samskab/transfers/tabular.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("old_tabular")
    sys.modules["old_tabular"] = module  # dataclasses look their module up
    exec(compile(source, "old_tabular.py", "exec"), module.__dict__)  # noqa: S102  (our file)
    return module.read_xlsx


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(which: str, bomb: str, traced: bool) -> dict[str, Any]:
    """One read in this process: seconds, extra peak RSS (MB), Python peak (MB), outcome."""
    _setup()
    read = _reader(which)
    data = _bomb(bomb)
    before = _maxrss_mb()
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        table = read(data)
        stored = len(json.dumps(table.to_json()))  # what the job would keep
        outcome = f"read: {len(table.rows)} rows, {stored / 2**20:.0f} MB as JSON"
    except ValueError as exc:  # TableError
        outcome = f"refused: {getattr(exc, 'code', type(exc).__name__)}"
    seconds = time.perf_counter() - start
    python_peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else None
    return {
        "packed_kb": round(len(data) / 1024),
        "seconds": round(seconds, 3),
        "extra_peak_rss_mb": round(_maxrss_mb() - before, 1),
        "python_peak_mb": None if python_peak is None else round(python_peak, 1),
        "outcome": outcome,
    }


def _run(which: str, bomb: str, traced: bool) -> dict[str, Any]:
    args = [sys.executable, __file__, "--child", which, bomb] + (["--traced"] if traced else [])
    result = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _seconds(run: dict[str, Any]) -> float:
    return float(run["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", action="store_true", help="also time the reader before the fix")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.traced)))
        return
    report: dict[str, Any] = {}
    cases = [("new", "string"), ("new", "cells"), ("new", "limits")]
    cases += [("old", "string"), ("old", "cells")] if args.old else []
    for which, bomb in cases:
        repeat = args.repeat if which == "new" else 1
        best = min((_run(which, bomb, traced=False) for _ in range(repeat)), key=_seconds)
        # tracemalloc on the old reader of 5 million cells would take many minutes.
        if (which, bomb) != ("old", "cells"):
            best["python_peak_mb"] = _run(which, bomb, traced=True)["python_peak_mb"]
        report[f"{which}/{bomb}"] = best
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
