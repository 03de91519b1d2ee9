"""Permission matrix of effect measurement: every route × persona.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant
A), carl (admin of B, a stranger to A). Each part of the app contributes its rows from
``tests/perm_<part>.py``: ``(url name, method, kwargs builder, anna, dina, erik, bo, pia, carl)``;
a builder takes ``(world, project)`` and returns the URL's kwargs besides ``org`` and
``project``.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.measurement.tests import (
    perm_core,
    perm_evidence,
    perm_exports,
    perm_log,
    perm_msc,
    perm_plan,
)
from samskab.testing import MATRIX_PERSONAS, make_project

PARTS = [perm_core, perm_plan, perm_evidence, perm_msc, perm_log, perm_exports]
MATRIX = [row for part in PARTS for row in part.MATRIX]


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, build, *expected = row
    project = make_project(world.org_a)
    for persona, status in zip(MATRIX_PERSONAS, expected, strict=True):
        # Built again for each persona: a delete by one must not turn the next one's into a 404.
        if url_name == "measurement:overview":
            kwargs = {"org": world.org_a.slug}
        else:
            kwargs = {"org": world.org_a.slug, "project": project.pk, **build(world, project)}
        client.force_login(world.users[persona])
        response = getattr(client, method)(reverse(url_name, kwargs=kwargs), {})
        assert response.status_code == status, (persona, url_name, response.status_code)
