"""Permission matrix of the single sign-on pages (see samskab/testing.py for the columns)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.sso.tests.conftest import connect_oidc
from samskab.testing import assert_matrix_row

MATRIX = [
    # url name, method, anna, dina, erik, bo, pia, carl
    ("sso:connections", "get", 200, 403, 403, 403, 403, 404),
    ("sso:connection_roles", "get", 200, 403, 403, 403, 403, 404),
    ("sso:connection_roles", "post", 422, 403, 403, 403, 403, 404),
]


def _url(name, organisation, connection):
    kwargs = {"org": organisation.slug}
    if name == "sso:connection_roles":
        kwargs["pk"] = connection.pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    name, method, *expected = row
    connection = connect_oidc(world.org_a, "https://login.example.test/tenant/v2.0")
    data = {"role_lines": "not a mapping"}
    assert_matrix_row(client, world, _url(name, world.org_a, connection), method, expected, data)


@pytest.mark.django_db
def test_another_organisations_connection_is_404(client, world):
    connection = connect_oidc(world.org_b, "https://login.example.test/tenant/v2.0")
    client.force_login(world.anna)  # admin of A
    url = reverse("sso:connection_roles", kwargs={"org": world.org_a.slug, "pk": connection.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"role_lines": "x = admin"}).status_code == 404
    connection.refresh_from_db()
    assert connection.role_map == {"Samskab-Facilitator": "facilitator", "Samskab-Admin": "admin"}
    # And A's page does not list B's connection.
    page = client.get(reverse("sso:connections", kwargs={"org": world.org_a.slug}))
    assert "Aarby Entra ID" not in page.content.decode()
