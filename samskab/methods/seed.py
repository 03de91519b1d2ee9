"""Re-apply the shared methods seeded by migration 0002.

Transactional tests (and ``flush``) empty every table, including rows that data migrations
created; tests and demo loading call ``ensure_seeded`` to get the shared library back. The texts
stay frozen in the migration, the single place they are defined.
"""

from __future__ import annotations

import importlib

from django.apps import apps

from samskab.methods.models import Method


def ensure_seeded() -> None:
    if Method.objects.shared().exists():
        return
    migration = importlib.import_module("samskab.methods.migrations.0002_seed_methods")
    migration.seed(apps, None)
