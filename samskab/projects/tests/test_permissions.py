from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.projects.models import PoliticalGoal
from samskab.testing import assert_matrix_row, make_project

MATRIX = [
    # url name, method, needs (project|goal), anna, dina, erik, bo, pia, carl
    ("projects:list", "get", None, 200, 200, 200, 200, 403, 404),
    ("projects:create", "get", None, 200, 200, 403, 403, 403, 404),
    ("projects:create", "post", None, 422, 422, 403, 403, 403, 404),
    ("projects:detail", "get", "project", 200, 200, 200, 200, 403, 404),
    ("projects:edit", "get", "project", 200, 200, 403, 403, 403, 404),
    ("projects:edit", "post", "project", 422, 422, 403, 403, 403, 404),
    ("projects:goals", "get", None, 200, 200, 200, 200, 403, 404),
    ("projects:goal_create", "get", None, 200, 200, 403, 403, 403, 404),
    ("projects:goal_edit", "get", "goal", 200, 200, 403, 403, 403, 404),
    ("projects:goal_edit", "post", "goal", 422, 422, 403, 403, 403, 404),
]


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, needs, *expected = row
    kwargs = {"org": world.org_a.slug}
    if needs == "project":
        kwargs["pk"] = make_project(world.org_a).pk
    elif needs == "goal":
        kwargs["pk"] = PoliticalGoal.objects.create(
            organisation=world.org_a, title="Flere aktive borgere", policy="P", owner="O"
        ).pk
    assert_matrix_row(client, world, reverse(url_name, kwargs=kwargs), method, expected)


def test_other_organisations_project_is_404_for_its_neighbour(client, world):
    project_b = make_project(world.org_b)
    client.force_login(world.anna)
    for name in ("projects:detail", "projects:edit"):
        url = reverse(name, kwargs={"org": world.org_a.slug, "pk": project_b.pk})
        assert client.get(url).status_code == 404
