"""Permission matrix of data-subject requests: only an administrator of the organisation.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia
(participant A), carl (admin of B, a stranger to A)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.actors.models import Actor
from samskab.organisations.models import AuditAction, AuditEntry
from samskab.testing import MATRIX_PERSONAS, make_project


def _actor(world):
    project = make_project(world.org_a)
    actor = Actor.objects.create(
        organisation=world.org_a,
        project=project,
        name="Grethe Frivillig",
        kind="person",
        sector="civil_society",
        role="citizen",
        influence=2,
        interest=4,
    )
    return {"kind": "actor", "pk": actor.pk}


MATRIX = [
    # url name, method, builder, anna, dina, erik, bo, pia, carl
    ("privacy:requests", "get", None, 200, 403, 403, 403, 403, 404),
    ("privacy:export", "get", _actor, 200, 403, 403, 403, 403, 404),
    ("privacy:erase", "get", _actor, 200, 403, 403, 403, 403, 404),
    ("privacy:erase", "post", _actor, 422, 403, 403, 403, 403, 404),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, build, *expected = row
    for persona, status in zip(MATRIX_PERSONAS, expected, strict=True):
        kwargs = {"org": world.org_a.slug, **(build(world) if build else {})}
        client.force_login(world.users[persona])
        response = getattr(client, method)(reverse(url_name, kwargs=kwargs), {})
        assert response.status_code == status, (persona, url_name, response.status_code)


@pytest.mark.django_db
def test_another_organisations_person_is_absent_under_ones_own_organisation(client, world):
    """carl, admin of B, asks for A's actor and A's member through B's pages: 404."""
    actor = _actor(world)["pk"]
    client.force_login(world.carl)
    for kind, pk in (("actor", actor), ("member", world.dina.pk)):
        for name in ("privacy:export", "privacy:erase"):
            url = reverse(name, kwargs={"org": world.org_b.slug, "kind": kind, "pk": pk})
            assert client.get(url).status_code == 404, (name, kind)
        erase = reverse("privacy:erase", kwargs={"org": world.org_b.slug, "kind": kind, "pk": pk})
        assert client.post(erase, {"confirm": "yes"}).status_code == 404
    assert Actor.objects.filter(pk=actor).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.PERSON_ERASED).exists()
