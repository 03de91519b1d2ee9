"""Permission matrix for activities and the participation view.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B). Delete runs against a fresh activity per persona, since a success removes it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.activities.models import Activity
from samskab.activities.tests.factories import make_activity
from samskab.testing import MATRIX_PERSONAS, assert_matrix_row, make_project

MATRIX = [
    # url name, method, kwargs, anna, dina, erik, bo, pia, carl
    ("activities:list", "get", {}, 200, 200, 200, 200, 403, 404),
    ("activities:participation", "get", {}, 200, 200, 200, 200, 403, 404),
    ("activities:detail", "get", {"pk": True}, 200, 200, 200, 200, 403, 404),
    ("activities:create", "get", {}, 200, 200, 403, 403, 403, 404),
    ("activities:create", "post", {}, 422, 422, 403, 403, 403, 404),
    ("activities:edit", "get", {"pk": True}, 200, 200, 403, 403, 403, 404),
    ("activities:edit", "post", {"pk": True}, 422, 422, 403, 403, 403, 404),
    ("activities:delete", "post", {"pk": True}, 302, 302, 403, 403, 403, 404),
]


@pytest.fixture
def project(world):
    return make_project(world.org_a)


def _url(world, project, name, kwargs):
    extra = {"pk": make_activity(project=project).pk} if kwargs else {}
    return reverse(name, kwargs={"org": world.org_a.slug, "project": project.pk, **extra})


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, project, row):
    url_name, method, kwargs, *expected = row
    if url_name != "activities:delete":
        assert_matrix_row(client, world, _url(world, project, url_name, kwargs), method, expected)
        return
    for persona, status in zip(MATRIX_PERSONAS, expected, strict=True):
        client.force_login(world.users[persona])
        response = client.post(_url(world, project, url_name, kwargs))
        assert response.status_code == status, persona


def test_anonymous_is_sent_to_login(client, world, project):
    for url_name, method, kwargs, *_ in MATRIX:
        response = getattr(client, method)(_url(world, project, url_name, kwargs))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_refused_delete_keeps_the_activity(client, world, project):
    activity = make_activity(project=project)
    client.force_login(world.bo)
    url = reverse(
        "activities:delete", kwargs={"org": "aarby", "project": project.pk, "pk": activity.pk}
    )
    assert client.post(url).status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_another_organisations_project_and_activity_are_404(client, world):
    """An activity in B's project looks absent from A, even to A's admin."""
    foreign = make_activity(project=make_project(world.org_b))
    client.force_login(world.anna)
    for name in ("activities:list", "activities:participation", "activities:create"):
        url = reverse(name, kwargs={"org": "aarby", "project": foreign.project_id})
        assert client.get(url).status_code == 404
    for name in ("activities:detail", "activities:edit"):
        url = reverse(
            name, kwargs={"org": "aarby", "project": foreign.project_id, "pk": foreign.pk}
        )
        assert client.get(url).status_code == 404
    url = reverse(
        "activities:delete",
        kwargs={"org": "aarby", "project": foreign.project_id, "pk": foreign.pk},
    )
    assert client.post(url).status_code == 404
    assert Activity.objects.filter(pk=foreign.pk).exists()


def test_activity_of_another_project_is_404(client, world, project):
    """The project in the address must own the activity."""
    other = make_activity(project=make_project(world.org_a, title="Et andet projekt"))
    client.force_login(world.anna)
    url = reverse(
        "activities:detail", kwargs={"org": "aarby", "project": project.pk, "pk": other.pk}
    )
    assert client.get(url).status_code == 404
