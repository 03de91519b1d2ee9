"""Every organisation route appears in some app's permission matrix.

Each app's ``tests/test_permissions.py`` defines ``MATRIX``: rows whose first item is a URL name.
"""

from __future__ import annotations

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import samskab


def _org_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _org_routes(entry, namespace)
        elif isinstance(entry, URLPattern) and "<slug:org>" in str(entry.pattern):
            yield f"{prefix}{entry.name}"


def _covered():
    covered = set()
    for app in pkgutil.iter_modules(samskab.__path__):
        if not app.ispkg:  # samskab.wsgi, samskab.urls, ...: not apps, and wsgi checks production
            continue
        try:
            module = importlib.import_module(f"samskab.{app.name}.tests.test_permissions")
        except ModuleNotFoundError:
            continue
        covered |= {row[0] for row in module.MATRIX}
    return covered


def test_every_organisation_route_is_in_a_matrix():
    routes = set(_org_routes())
    assert "organisations:dashboard" in routes
    missing = routes - _covered()
    assert not missing, f"Organisation routes without a permission matrix: {sorted(missing)}"
