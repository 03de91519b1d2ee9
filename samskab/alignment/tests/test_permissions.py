"""Permission matrix for the staff pages of expectation alignment.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B, a stranger to A). Participants reach alignment only through the public link.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.alignment.tests.factories import make_round
from samskab.testing import assert_matrix_row, make_project

MATRIX = [
    # url name, method, needs a round, anna, dina, erik, bo, pia, carl
    ("alignment:list", "get", False, 200, 200, 200, 200, 403, 404),
    ("alignment:create", "get", False, 200, 200, 403, 403, 403, 404),
    ("alignment:create", "post", False, 422, 422, 403, 403, 403, 404),
    ("alignment:results", "get", True, 200, 200, 200, 200, 403, 404),
    ("alignment:respond", "get", True, 200, 200, 403, 403, 403, 404),
    ("alignment:respond", "post", True, 422, 422, 403, 403, 403, 404),
    ("alignment:close", "post", True, 302, 302, 403, 403, 403, 404),
    ("alignment:open", "post", True, 302, 302, 403, 403, 403, 404),
]


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, needs_round, *expected = row
    project = make_project(world.org_a)
    kwargs = {"org": world.org_a.slug, "project": project.pk}
    if needs_round:
        kwargs["pk"] = make_round(world.org_a, project).pk
    assert_matrix_row(client, world, reverse(url_name, kwargs=kwargs), method, expected)


def test_anonymous_staff_pages_send_to_login(client, world):
    alignment_round = make_round(world.org_a)
    url = reverse(
        "alignment:results",
        kwargs={"org": "aarby", "project": alignment_round.project_id, "pk": alignment_round.pk},
    )
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_another_organisations_round_is_404(client, world):
    """Anna administers A; a round of B's project must look absent, even under A's own project."""
    foreign = make_round(world.org_b)
    own_project = make_project(world.org_a)
    client.force_login(world.anna)
    for project_pk in (own_project.pk, foreign.project_id):
        for name in ("alignment:results", "alignment:respond"):
            url = reverse(name, kwargs={"org": "aarby", "project": project_pk, "pk": foreign.pk})
            assert client.get(url).status_code == 404
        url = reverse(
            "alignment:close", kwargs={"org": "aarby", "project": project_pk, "pk": foreign.pk}
        )
        assert client.post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_open


def test_round_of_another_project_in_the_same_organisation_is_404(client, world):
    alignment_round = make_round(world.org_a)
    other_project = make_project(world.org_a, title="Et andet projekt")
    client.force_login(world.dina)
    url = reverse(
        "alignment:results",
        kwargs={"org": "aarby", "project": other_project.pk, "pk": alignment_round.pk},
    )
    assert client.get(url).status_code == 404
