"""Permission rows of the exports and the measurement import (see test_permissions.py)."""

from __future__ import annotations

from samskab.measurement.tests.factories import make_goal, make_indicator


def _none(world, project):
    return {}


def _indicator(world, project):
    return {"pk": make_indicator(make_goal(project)).pk}


MATRIX = [
    # url name, method, builder, anna, dina, erik, bo, pia, carl
    ("measurement:export_xlsx", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:export_json", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:import", "get", _indicator, 200, 200, 200, 403, 403, 404),
    # An empty upload is re-rendered with the error beside the field.
    ("measurement:import", "post", _indicator, 422, 422, 422, 403, 403, 404),
]
