"""Permission rows of the value-creation view, the overview, goals and indicators."""

from __future__ import annotations

from samskab.measurement.tests.factories import make_goal, make_indicator, make_measurement


def _none(world, project):
    return {}


def _goal(world, project):
    return {"pk": make_goal(project).pk}


def _goal_for_indicator(world, project):
    return {"goal": make_goal(project).pk}


def _indicator(world, project):
    return {"pk": make_indicator(make_goal(project)).pk}


def _measurement(world, project):
    import datetime

    indicator = make_indicator(make_goal(project))
    measurement = make_measurement(indicator, 30.0, datetime.date(2025, 6, 1))
    return {"pk": indicator.pk, "mpk": measurement.pk}


MATRIX = [
    # url name, method, builder, anna, dina, erik, bo, pia, carl
    ("measurement:overview", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:value", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:goals", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:goal_create", "get", _none, 200, 200, 403, 403, 403, 404),
    ("measurement:goal_create", "post", _none, 422, 422, 403, 403, 403, 404),
    ("measurement:goal", "get", _goal, 200, 200, 200, 200, 403, 404),
    ("measurement:goal_edit", "get", _goal, 200, 200, 403, 403, 403, 404),
    ("measurement:goal_edit", "post", _goal, 422, 422, 403, 403, 403, 404),
    ("measurement:indicator_create", "get", _goal_for_indicator, 200, 200, 403, 403, 403, 404),
    ("measurement:indicator_create", "post", _goal_for_indicator, 422, 422, 403, 403, 403, 404),
    ("measurement:indicator", "get", _indicator, 200, 200, 200, 200, 403, 404),
    ("measurement:indicator_edit", "get", _indicator, 200, 200, 403, 403, 403, 404),
    ("measurement:indicator_edit", "post", _indicator, 422, 422, 403, 403, 403, 404),
    ("measurement:measurement_add", "post", _indicator, 422, 422, 422, 403, 403, 404),
    ("measurement:measurement_delete", "post", _measurement, 302, 302, 302, 403, 403, 404),
    ("measurement:recompute", "post", _indicator, 302, 302, 403, 403, 403, 404),
]
