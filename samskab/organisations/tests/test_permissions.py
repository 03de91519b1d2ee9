"""Permission matrix: every organisation route, every role, and a member of another organisation.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B, so a stranger to A). A stranger must get 404, never 403 or data.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.testing import assert_matrix_row

MATRIX = [
    # url name, method, extra kwargs, anna, dina, erik, bo, pia, carl
    ("organisations:dashboard", "get", {}, 200, 200, 200, 200, 403, 404),
    ("organisations:members", "get", {}, 200, 403, 403, 403, 403, 404),
    ("organisations:member_add", "post", {}, 422, 403, 403, 403, 403, 404),
    ("organisations:member_role", "post", {"pk": "bo"}, 302, 403, 403, 403, 403, 404),
    ("organisations:member_remove", "post", {"pk": "ulla"}, 302, 403, 403, 403, 403, 404),
    ("organisations:audit_log", "get", {}, 200, 403, 403, 403, 403, 404),
    ("organisations:audit_export", "get", {"fmt": "csv"}, 200, 403, 403, 403, 403, 404),
    ("organisations:audit_export", "get", {"fmt": "xlsx"}, 200, 403, 403, 403, 403, 404),
    ("organisations:security", "get", {}, 200, 403, 403, 403, 403, 404),
    ("organisations:security", "post", {}, 302, 403, 403, 403, 403, 404),
]


def _membership_pk(world, name):
    return world.users[name].memberships.get().pk


def _url(world, name, kwargs):
    resolved = {
        key: _membership_pk(world, value) if key == "pk" else value for key, value in kwargs.items()
    }
    return reverse(name, kwargs={"org": world.org_a.slug, **resolved})


@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_matrix(client, world, row):
    url_name, method, kwargs, *expected = row
    assert_matrix_row(client, world, _url(world, url_name, kwargs), method, expected)


def test_anonymous_is_sent_to_login(client, world):
    for url_name, method, kwargs, *_ in MATRIX:
        response = getattr(client, method)(_url(world, url_name, kwargs))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_unknown_organisation_is_404_even_for_admins(client, world):
    client.force_login(world.anna)
    assert client.get(reverse("organisations:dashboard", kwargs={"org": "nope"})).status_code == 404


def test_foreign_membership_id_is_404(client, world):
    """Anna administers A; Carl's membership belongs to B and must look absent from A."""
    client.force_login(world.anna)
    url = reverse(
        "organisations:member_remove",
        kwargs={"org": world.org_a.slug, "pk": _membership_pk(world, "carl")},
    )
    assert client.post(url).status_code == 404
    assert world.carl.memberships.exists()
