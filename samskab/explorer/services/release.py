"""The release of a collection version (`analysis.release`), kept for the next pages.

Every explorer page, export and computed indicator reads the release, never the raw store.
The release depends on the store's change counter, k and the disclosure key, so it is cached
per process under those; a handful of versions fit (a 1e6-story release is a few hundred MB
only when rows were left out; otherwise it shares the store's memory-mapped arrays).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.conf import settings

from samskab.analysis.disclosure import salt_from
from samskab.analysis.release import Release, release
from samskab.analysis.store import ColumnarStore
from samskab.instruments.models import Collection

CACHED = 4
_cache: OrderedDict[tuple[str, int, int, int, int], Release] = OrderedDict()
_lock = threading.Lock()


def collection_salt(collection: Collection) -> int:
    """The cell-key salt of a collection: from DISCLOSURE_KEY, never shown to anyone."""
    return salt_from(settings.DISCLOSURE_KEY, f"collection:{collection.pk}")


def released(collection: Collection, store: ColumnarStore, k: int) -> Release:
    salt = collection_salt(collection)
    cache_key = (store.schema.collection_id, store.schema.version, store.change_counter, k, salt)
    with _lock:
        found = _cache.get(cache_key)
        if found is not None:
            _cache.move_to_end(cache_key)
            return found
    made = release(store, k, salt)
    with _lock:
        _cache[cache_key] = made
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return made


def forget_releases() -> None:
    """Empty the cache (tests: a rolled-back database reuses collection ids and counters)."""
    with _lock:
        _cache.clear()
