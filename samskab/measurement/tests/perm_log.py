"""Permission rows of unplanned gains, the learning log and milestones (see
test_permissions.py)."""

from __future__ import annotations

from typing import Any

from samskab.measurement.tests.factories import make_gain, make_milestone


def _none(world, project):
    return {}


def _gain(world, project):
    return {"pk": make_gain(project).pk}


def _milestone(world, project):
    return {"pk": make_milestone(project).pk}


MATRIX: list[tuple[Any, ...]] = [
    # Unplanned gains: analysts note them; promoting one to a goal edits the project.
    ("measurement:gains", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:gain_create", "get", _none, 200, 200, 200, 403, 403, 404),
    ("measurement:gain_create", "post", _none, 422, 422, 422, 403, 403, 404),
    # The first promotion creates the goal, the second finds it: both redirect.
    ("measurement:gain_promote", "post", _gain, 302, 302, 403, 403, 403, 404),
    ("measurement:gain_promote", "get", _gain, 405, 405, 405, 405, 405, 405),
    # The learning log.
    ("measurement:learning", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:learning_create", "get", _none, 200, 200, 200, 403, 403, 404),
    ("measurement:learning_create", "post", _none, 422, 422, 422, 403, 403, 404),
    # Milestones belong to the plan: editors only.
    ("measurement:milestones", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:milestone_create", "get", _none, 200, 200, 403, 403, 403, 404),
    ("measurement:milestone_create", "post", _none, 422, 422, 403, 403, 403, 404),
    ("measurement:milestone_reached", "post", _milestone, 302, 302, 403, 403, 403, 404),
]
