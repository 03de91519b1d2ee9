"""Explorer benchmark: store build from the database (rows/s) and the warm dashboard.

    SECRET_KEY=x python bench/explorer_bench.py --db-rows 200000 --n 1000000

Stories are inserted through the ORM in bulk (answer values from the engine's synthetic
generator); the 1e6 store for the dashboard is built directly from the generator and cached
under the collection's key, then the dashboard is timed through Django's test client.
Prints one JSON object. Set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db-rows", type=int, default=200_000)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    from django.conf import settings
    from django.test.utils import get_runner

    settings.EXPLORER_CACHE_DIR = Path(tempfile.mkdtemp(prefix="explorer-bench-"))
    # Timed with DEBUG off as in production, but without collectstatic's manifest (as the tests).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        print(json.dumps(run(args), indent=1))
    finally:
        runner.teardown_databases(old)


def _insert(collection, version, n: int) -> float:
    import datetime

    import numpy as np

    from samskab.analysis.synthetic import generate_chunks
    from samskab.instruments.models import Story

    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    t0 = time.perf_counter()
    for chunk in generate_chunks(n, seed=1, chunk_size=10_000):
        rows = []
        for i in range(len(chunk["story_id"])):
            p = [float(chunk[f"t1:t1_{c}"][i]) for c in ("top", "left", "right")]
            q = [float(chunk[f"t2:t2_{c}"][i]) for c in ("top", "left", "right")]
            x = float(chunk["d1:x"][i])
            answers = {
                "drivers": {"state": "answered", "value": p}
                if not np.isnan(p[0])
                else {"state": "na"},
                "difference": {"state": "answered", "value": q}
                if not np.isnan(q[0])
                else {"state": "skipped"},
                "decided": {"state": "answered", "value": x}
                if not np.isnan(x)
                else {"state": "na"},
            }
            rows.append(
                Story(
                    organisation=collection.organisation,
                    collection=collection,
                    version=version,
                    prompt="moment",
                    text="Syntetisk historie.",
                    level=("user", "employee", "volunteer_citizen", "organisation")[
                        int(chunk["level"][i])
                    ],
                    answers=answers,
                    source="import",
                    created_at=start
                    + datetime.timedelta(seconds=int(chunk["created"][i]) - 1_735_689_600),
                )
            )
        Story.objects.bulk_create(rows, batch_size=5000)
    return time.perf_counter() - t0


def run(args: argparse.Namespace) -> dict[str, object]:
    from django.db import connection
    from django.test import Client

    from samskab.analysis.builder import build_store
    from samskab.analysis.store import save_store
    from samskab.analysis.synthetic import generate_chunks
    from samskab.explorer.services.store import cache_root, schema_for, store_for
    from samskab.explorer.tests.helpers import make_collection
    from samskab.instruments.models import Collection
    from samskab.instruments.services import latest_version
    from samskab.testing import make_world

    world = make_world()
    collection = make_collection(world.org_a)
    version = latest_version(collection.instrument)
    insert_s = _insert(collection, version, args.db_rows)
    Collection.objects.filter(pk=collection.pk).update(change_counter=args.db_rows)
    collection.refresh_from_db()
    t0 = time.perf_counter()
    store = store_for(collection, version)
    build_s = time.perf_counter() - t0
    # One more story: the cached store is updated (the new story appended), not rebuilt.
    _insert(collection, version, 1)
    Collection.objects.filter(pk=collection.pk).update(change_counter=args.db_rows + 1)
    collection.refresh_from_db()
    t0 = time.perf_counter()
    updated = store_for(collection, version)
    update_s = time.perf_counter() - t0
    if updated.n != store.n + 1:
        raise RuntimeError("The update did not append the new story.")

    # The 1e6 store from the generator, renamed to the sample instrument's signifiers.
    big = make_collection(world.org_a, name="Stor")
    big_version = latest_version(big.instrument)
    _insert(big, big_version, 1)  # the version must have a story to be listed
    Collection.objects.filter(pk=big.pk).update(change_counter=1)
    big.refresh_from_db()
    schema = schema_for(big.pk, big_version.number, big_version.parsed)
    rename = {"t1": "drivers", "t2": "difference", "d1": "decided", "d2": "felt"}
    parts = {s.id: s.parts for s in schema.signifiers}

    def chunks():
        for chunk in generate_chunks(args.n, seed=2):
            out = {k: v for k, v in chunk.items() if ":" not in k}
            for key, values in chunk.items():
                sid, _, part = key.partition(":")
                if sid in rename and part:
                    new = rename[sid]
                    if part in ("state", "x"):
                        out[f"{new}:{part}"] = values
                    else:
                        idx = ("top", "left", "right").index(part.rsplit("_", 1)[1])
                        out[f"{new}:{parts[new][idx]}"] = values
            yield out

    t0 = time.perf_counter()
    save_store(build_store(schema, chunks(), 1), cache_root())
    big_build_s = time.perf_counter() - t0
    client = Client()
    client.force_login(world.erik)
    url = f"/o/{world.org_a.slug}/collections/{big.pk}/explore/"
    times = _dashboard_times(client, url, args.repeat)
    # The viewer's dashboard: the same page with perturbed counts (cell-key method).
    client.force_login(world.bo)
    viewer_times = _dashboard_times(client, url, args.repeat)
    release_s, release_small_s = _release_times(schema, cache_root())
    return {
        "database": connection.vendor,
        "db_rows": args.db_rows,
        "orm_bulk_insert_rows_per_s": round(args.db_rows / insert_s),
        "store_build_from_db_s": round(build_s, 3),
        "store_build_from_db_rows_per_s": round(store.n / build_s),
        "store_update_after_one_new_story_s": round(update_s, 3),
        "dashboard_stories": args.n,
        "store_build_from_generator_s": round(big_build_s, 2),
        "dashboard_warm_ms_min": round(1000 * min(times), 1),
        "dashboard_warm_ms_median": round(1000 * statistics.median(times), 1),
        "viewer_dashboard_warm_ms_median": round(1000 * statistics.median(viewer_times), 1),
        "release_nothing_small_s": round(release_s, 3),
        "release_with_a_small_level_left_out_s": round(release_small_s, 3),
        "goal_ms": 300,
    }


def _dashboard_times(client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        if response.status_code != 200 or b"chart-drivers" not in response.content:
            raise RuntimeError("The dashboard did not render the charts.")
    return times


def _release_times(schema, root) -> tuple[float, float]:
    """The release of the 1e6 store (cold, no cache): as it is, and with 4 stories planted in
    a level of their own (they are left out, so every column is copied without them)."""
    from samskab.analysis.release import release
    from samskab.analysis.store import ColumnarStore, load_store

    store = load_store(root, schema.collection_id, schema.version, 1)
    t0 = time.perf_counter()
    release(store, 5, salt=1)
    plain_s = time.perf_counter() - t0
    level = np.array(store.column("level"), copy=True)
    level[level == 3] = 1  # no organisation ...
    level[:4] = 3  # ... but four
    arrays = {**store.arrays, "level": level}
    planted = ColumnarStore(store.schema, store.change_counter, arrays, store.resolution)
    t0 = time.perf_counter()
    out = release(planted, 5, salt=1)
    small_s = time.perf_counter() - t0
    if out.left_out != 4:
        raise RuntimeError("The planted small level was not left out.")
    return plain_s, small_s


if __name__ == "__main__":
    main()
