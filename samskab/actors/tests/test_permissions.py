"""Permission matrix for key actors and the stakeholder map.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B, a stranger to A: 404, never 403 or data). Facilitators and admins edit; analysts
and viewers read; participants see nothing here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.actors.models import Actor
from samskab.actors.tests.factories import make_actor, valid_data
from samskab.testing import MATRIX_PERSONAS, assert_matrix_row, make_project

ACTOR = "actor"  # a kwarg value standing for the pk of an actor in org A's project

MATRIX = [
    # url name, method, extra kwargs, data, anna, dina, erik, bo, pia, carl
    ("actors:list", "get", {}, None, 200, 200, 200, 200, 403, 404),
    ("actors:map", "get", {}, None, 200, 200, 200, 200, 403, 404),
    ("actors:create", "get", {}, None, 200, 200, 403, 403, 403, 404),
    ("actors:create", "post", {}, {}, 422, 422, 403, 403, 403, 404),
    ("actors:edit", "get", {"pk": ACTOR}, None, 200, 200, 403, 403, 403, 404),
    ("actors:edit", "post", {"pk": ACTOR}, valid_data(), 302, 302, 403, 403, 403, 404),
    ("actors:delete", "get", {"pk": ACTOR}, None, 405, 405, 405, 405, 405, 405),
    ("actors:delete", "post", {"pk": ACTOR}, None, 302, 302, 403, 403, 403, 404),
]


@pytest.fixture
def project(world):
    return make_project(world.org_a)


def _url(world, project, url_name, kwargs):
    resolved = {key: make_actor(project=project).pk for key in kwargs}
    return reverse(url_name, kwargs={"org": world.org_a.slug, "project": project.pk, **resolved})


@pytest.mark.parametrize("row", MATRIX, ids=[f"{row[0]}-{row[1]}" for row in MATRIX])
def test_matrix(client, world, project, row):
    url_name, method, kwargs, data, *expected = row
    if url_name == "actors:delete" and method == "post":
        # A successful delete removes the actor, so each persona gets a fresh one.
        for persona, status in zip(MATRIX_PERSONAS, expected, strict=True):
            client.force_login(world.users[persona])
            response = client.post(_url(world, project, url_name, kwargs))
            assert response.status_code == status, persona
        return
    url = _url(world, project, url_name, kwargs)
    assert_matrix_row(client, world, url, method, expected, data)


def test_refused_personas_change_nothing(client, world, project):
    actor = make_actor(project=project, name="Uændret")
    for persona in ("erik", "bo", "pia", "carl"):
        client.force_login(world.users[persona])
        client.post(
            reverse(
                "actors:edit",
                kwargs={"org": world.org_a.slug, "project": project.pk, "pk": actor.pk},
            ),
            valid_data(name="Ændret"),
        )
        client.post(
            reverse(
                "actors:delete",
                kwargs={"org": world.org_a.slug, "project": project.pk, "pk": actor.pk},
            )
        )
    actor.refresh_from_db()
    assert actor.name == "Uændret"
    assert Actor.objects.count() == 1


def test_anonymous_is_sent_to_login(client, world, project):
    for url_name, method, kwargs, _data, *_ in MATRIX:
        response = getattr(client, method)(_url(world, project, url_name, kwargs))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
