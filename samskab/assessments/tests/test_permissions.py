"""Permission matrix for the self-assessment pages.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B, a stranger to A).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.assessments.tests.factories import make_assessment
from samskab.testing import assert_matrix_row, make_project

MATRIX = [
    # url name, method, needs an assessment, anna, dina, erik, bo, pia, carl
    ("assessments:list", "get", False, 200, 200, 200, 200, 403, 404),
    ("assessments:create", "get", False, 200, 200, 403, 403, 403, 404),
    ("assessments:create", "post", False, 422, 422, 403, 403, 403, 404),
    ("assessments:detail", "get", True, 200, 200, 200, 200, 403, 404),
    ("assessments:edit", "get", True, 200, 200, 403, 403, 403, 404),
    ("assessments:edit", "post", True, 422, 422, 403, 403, 403, 404),
]


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, needs_assessment, *expected = row
    project = make_project(world.org_a)
    kwargs = {"org": world.org_a.slug, "project": project.pk}
    if needs_assessment:
        kwargs["pk"] = make_assessment(world.org_a, project, role_citizens=3).pk
    assert_matrix_row(client, world, reverse(url_name, kwargs=kwargs), method, expected)


def test_another_organisations_assessment_is_404(client, world):
    foreign = make_assessment(world.org_b, role_citizens=2)
    own_project = make_project(world.org_a)
    client.force_login(world.anna)
    for project_pk in (own_project.pk, foreign.project_id):
        for name in ("assessments:detail", "assessments:edit"):
            url = reverse(name, kwargs={"org": "aarby", "project": project_pk, "pk": foreign.pk})
            assert client.get(url).status_code == 404
    url = reverse("assessments:list", kwargs={"org": "aarby", "project": foreign.project_id})
    assert client.get(url).status_code == 404


def test_assessment_of_another_project_is_404(client, world):
    assessment = make_assessment(world.org_a, role_citizens=2)
    other = make_project(world.org_a, title="Andet")
    client.force_login(world.dina)
    url = reverse(
        "assessments:detail", kwargs={"org": "aarby", "project": other.pk, "pk": assessment.pk}
    )
    assert client.get(url).status_code == 404
