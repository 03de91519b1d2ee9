"""Permission rows of the measurement plan (see test_permissions.py)."""

from __future__ import annotations

from typing import Any


def _none(world, project):
    return {}


def _question(world, project):
    return {"question": "what_change"}


MATRIX: list[tuple[Any, ...]] = [
    # Everyone who reads projects reads the plan; only editors answer (an empty POST is a 422).
    ("measurement:plan", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:plan", "post", _none, 422, 422, 403, 403, 403, 404),
    ("measurement:plan_history", "get", _question, 200, 200, 200, 200, 403, 404),
]
