from __future__ import annotations

import pytest

from samskab.methods.seed import ensure_seeded


@pytest.fixture(autouse=True)
def _shared_methods(request):
    """The seeded shared methods, even after a transactional test elsewhere flushed them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    ensure_seeded()
