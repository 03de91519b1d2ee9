"""A large version's analysis store is built in the background, with progress.

Up to `EXPLORER_INLINE_BUILD_MAX` stories (default 50,000, a few seconds) the store is built
in the page request; above, the page starts a `StoreBuild` in the django-tasks worker and shows
its progress until the store is cached. After that first build, new and withdrawn stories only
update the cached store (`store.cached_or_updated`), which is quick at any size.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samskab.analysis.builder import build_store
from samskab.analysis.store import ColumnarStore, remove_stale, save_store
from samskab.explorer.models import BUILDS_BUSY, BuildStatus, StoreBuild
from samskab.explorer.services.store import (
    cache_root,
    cached_or_updated,
    schema_for,
    store_for,
    story_chunks,
    version_stories,
)
from samskab.instruments.models import Collection, InstrumentVersion

INLINE_BUILD_MAX = 50_000
ABANDONED_AFTER = datetime.timedelta(hours=6)  # far beyond a build of a million stories


def inline_build_max() -> int:
    return int(getattr(settings, "EXPLORER_INLINE_BUILD_MAX", INLINE_BUILD_MAX))


def ready_store(collection: Collection, version: InstrumentVersion) -> ColumnarStore | StoreBuild:
    """The version's store, or the background build that is preparing it."""
    found = cached_or_updated(collection, version)
    if found is not None:
        return found
    if version_stories(collection, version).count() <= inline_build_max():
        return store_for(collection, version)
    return start_build(collection, version)


def builds_of(collection: Collection, version: InstrumentVersion) -> Any:
    return StoreBuild.objects.for_org(collection.organisation).filter(
        collection=collection, version=version
    )


def start_build(collection: Collection, version: InstrumentVersion) -> StoreBuild:
    """The busy build of the version, or a new one handed to the worker on commit."""
    from samskab.explorer.tasks import build_analysis_store

    with transaction.atomic():
        builds = builds_of(collection, version)
        now = timezone.now()
        # A worker killed mid-build never finishes it: give up on it, so a new one can start.
        builds.filter(status__in=BUILDS_BUSY, created_at__lt=now - ABANDONED_AFTER).update(
            status=BuildStatus.FAILED, finished_at=now
        )
        busy: StoreBuild | None = builds.filter(status__in=BUILDS_BUSY).first()
        if busy is not None:
            return busy
        build = StoreBuild.objects.create(
            organisation=collection.organisation,
            collection=collection,
            version=version,
            change_counter=collection.change_counter,
        )
        organisation_id, build_id = build.organisation_id, build.pk
        transaction.on_commit(lambda: build_analysis_store.enqueue(organisation_id, build_id))
    return build


def run_build(build: StoreBuild) -> None:
    """Build and cache the store (in the worker), reporting the rows read as it goes."""
    collection, version = build.collection, build.version
    rows = StoreBuild.objects.filter(pk=build.pk)
    try:
        counter = int(
            Collection.objects.filter(pk=collection.pk)
            .values_list("change_counter", flat=True)
            .get()
        )
        schema = schema_for(collection.pk, version.number, version.parsed)
        total = version_stories(collection, version).count()
        rows.update(status=BuildStatus.RUNNING, rows_total=total, change_counter=counter)

        def tracked() -> Iterator[dict[str, Any]]:
            done = 0
            for chunk in story_chunks(collection, version, schema):
                done += len(chunk["story_id"])
                rows.update(rows_done=done)
                yield chunk

        # Stories told while this runs may already be in it: the next page view then finds
        # nothing to append for them, so the store stays right.
        store = build_store(schema, tracked(), counter)
        save_store(store, cache_root())
        remove_stale(cache_root(), schema.collection_id, schema.version, counter)
        rows.update(status=BuildStatus.DONE, rows_done=store.n, finished_at=timezone.now())
    except Exception:
        rows.update(status=BuildStatus.FAILED, finished_at=timezone.now())
        raise
