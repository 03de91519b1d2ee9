"""Effect measurement through Django: recomputing computed indicators on a 1,000,000-story
collection, and the value-creation page's server time for a project with 20 indicators.

    SECRET_KEY=x python bench/value_page_bench.py [--n 1000000] [--repeat 15]

The collection's analysis store is built once from the engine's synthetic generator and cached
under the collection's key (as bench/explorer_bench.py does), so the timings start where a
real installation is after its first build. Ten computed indicators (zone shares, a choice
share, slider medians, triad centres) on two saved views, eight periods of six weeks each, and
ten indicators entered by hand with eight measurements each.

* ``recompute_10x8_1e6_warm_s``: ``computed.refresh`` of all ten, forced, store loaded (goal ≤ 1 s).
* ``value_page_warm_ms``: the whole value-creation page through Django's test client, nothing
  stale (goal ≤ 300 ms); ``value_page_after_new_story_ms``: the first page after the
  collection changed, which recomputes every computed indicator inside the request.

Prints one JSON object. Set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")

SIX_WEEKS = datetime.timedelta(days=42)
FIRST = datetime.date(2025, 1, 1)
PERIODS = [
    [
        (FIRST + i * SIX_WEEKS).isoformat(),
        (FIRST + (i + 1) * SIX_WEEKS - datetime.timedelta(days=1)).isoformat(),
    ]
    for i in range(8)
]
# (measure, signifier, part) on the sample instrument's signifiers.
COMPUTED = [
    ("zone_share", "drivers", "top"),
    ("zone_share", "difference", "centre"),
    ("dyad_median", "decided", ""),
    ("dyad_median", "felt", ""),
    ("triad_centre", "drivers", "citizens"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    from django.conf import settings
    from django.test.utils import get_runner

    settings.EXPLORER_CACHE_DIR = Path(tempfile.mkdtemp(prefix="value-bench-"))
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


def _big_collection(world, n: int):
    """A collection whose cached store holds `n` synthetic stories (one real row in the DB)."""
    from samskab.analysis.builder import build_store
    from samskab.analysis.store import save_store
    from samskab.analysis.synthetic import generate_chunks
    from samskab.explorer.services.store import cache_root, schema_for
    from samskab.explorer.tests.helpers import make_collection
    from samskab.instruments.models import Collection, Story
    from samskab.instruments.services import latest_version

    collection = make_collection(world.org_a, name="Stor")
    version = latest_version(collection.instrument)
    Story.objects.create(
        organisation=world.org_a,
        collection=collection,
        version=version,
        prompt="moment",
        text="Syntetisk historie.",
        level="user",
        answers={},
        source="import",
    )
    Collection.objects.filter(pk=collection.pk).update(change_counter=1)
    collection.refresh_from_db()
    schema = schema_for(collection.pk, version.number, version.parsed)
    rename = {"t1": "drivers", "t2": "difference", "d1": "decided", "d2": "felt"}
    parts = {s.id: s.parts for s in schema.signifiers}

    def chunks():
        for chunk in generate_chunks(n, seed=2):
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

    save_store(build_store(schema, chunks(), 1), cache_root())
    return collection


def _project(world, collection):
    from samskab.explorer.models import SavedView
    from samskab.measurement.models import Measurement
    from samskab.measurement.tests.factories import make_goal, make_indicator
    from samskab.testing import make_project

    project = make_project(world.org_a)
    collection.instrument.project = project
    collection.instrument.save()
    views = [
        SavedView.objects.create(organisation=world.org_a, collection=collection, title="Alle"),
        SavedView.objects.create(
            organisation=world.org_a,
            collection=collection,
            title="Medarbejdere og borgere",
            query="level=employee&level=volunteer_citizen",
        ),
    ]
    computed = []
    for g in range(5):
        goal = make_goal(project, title=f"Mål {g}", levels=["user", "employee"])
        for i in range(2):
            measure, sid, part = COMPUTED[(2 * g + i) % len(COMPUTED)]
            computed.append(
                make_indicator(
                    goal,
                    title=f"Beregnet {g}.{i}",
                    source="computed",
                    saved_view=views[i],
                    measure=measure,
                    signifier=sid,
                    part=part,
                    unit="percent" if measure != "dyad_median" else "scale_0_100",
                    baseline_value=None,
                    target_value=None,
                    period_kind="custom",
                    periods=PERIODS,
                )
            )
            manual = make_indicator(goal, title=f"Manuel {g}.{i}", level="employee")
            Measurement.objects.bulk_create(
                Measurement(
                    organisation=world.org_a,
                    indicator=manual,
                    period_start=datetime.date.fromisoformat(a),
                    period_end=datetime.date.fromisoformat(b),
                    value=20 + 2 * k,
                )
                for k, (a, b) in enumerate(PERIODS)
            )
    return project, computed


def _median_ms(times: list[float]) -> tuple[float, float]:
    return round(1000 * min(times), 1), round(1000 * statistics.median(times), 1)


def run(args: argparse.Namespace) -> dict[str, object]:
    from django.db import connection
    from django.test import Client

    from samskab.instruments.models import Collection
    from samskab.measurement.models import Measurement
    from samskab.measurement.services import computed as service
    from samskab.testing import make_world

    world = make_world()
    collection = _big_collection(world, args.n)
    project, indicators = _project(world, collection)
    for indicator in indicators:  # cold: loads the store once
        service.refresh(indicator, force=True)
    recompute = []
    for _ in range(max(3, args.repeat // 3)):
        t0 = time.perf_counter()
        for indicator in indicators:
            service.refresh(indicator, force=True)
        recompute.append(time.perf_counter() - t0)
    shown = Measurement.objects.filter(indicator__in=indicators, value__isnull=False).count()

    client = Client()
    client.force_login(world.bo)  # the commissioning client's role
    url = f"/o/{world.org_a.slug}/projects/{project.pk}/value/"
    if client.get(url).status_code != 200:
        raise RuntimeError("The value page did not render.")
    page = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        page.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise RuntimeError("The value page did not render.")
    # The collection changes: the next page recomputes the ten indicators inside the request.
    # (The store is keyed by the counter; point the new counter at the same cached store.)
    from samskab.explorer.services.store import cache_root

    root = Path(cache_root()) / str(collection.pk)
    for version_dir in root.iterdir():
        (version_dir / "c2").symlink_to(version_dir / "c1", target_is_directory=True)
    Collection.objects.filter(pk=collection.pk).update(change_counter=2)
    t0 = time.perf_counter()
    client.get(url)
    after_change = time.perf_counter() - t0
    return {
        "database": connection.vendor,
        "stories": args.n,
        "computed_indicators": len(indicators),
        "periods": len(PERIODS),
        "computed_values_shown": shown,
        "recompute_10x8_1e6_warm_s_min": round(min(recompute), 3),
        "recompute_10x8_1e6_warm_s_median": round(statistics.median(recompute), 3),
        "recompute_goal_s": 1.0,
        "indicators_on_page": 20,
        "value_page_warm_ms_min": _median_ms(page)[0],
        "value_page_warm_ms_median": _median_ms(page)[1],
        "value_page_goal_ms": 300,
        "value_page_after_collection_change_ms": round(1000 * after_change, 1),
    }


if __name__ == "__main__":
    main()
