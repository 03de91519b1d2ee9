"""Permission matrix: every organisation route, every role, and a member of another organisation.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B, so a stranger to A). A stranger must get 404, never 403 or data.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PERSONAS = ("anna", "dina", "erik", "bo", "pia", "carl")

MATRIX = [
    # url name, method, extra kwargs, anna, dina, erik, bo, pia, carl
    ("organisations:dashboard", "get", {}, 200, 200, 200, 200, 403, 404),
    ("organisations:members", "get", {}, 200, 403, 403, 403, 403, 404),
    ("organisations:member_add", "post", {}, 422, 403, 403, 403, 403, 404),
    ("organisations:member_role", "post", {"pk": "bo"}, 302, 403, 403, 403, 403, 404),
    ("organisations:member_remove", "post", {"pk": "ulla"}, 302, 403, 403, 403, 403, 404),
    ("organisations:audit_log", "get", {}, 200, 403, 403, 403, 403, 404),
]

COVERED = {row[0] for row in MATRIX}


def _membership_pk(world, name):
    return world.users[name].memberships.get().pk


def _url(world, name, kwargs):
    resolved = {key: _membership_pk(world, value) for key, value in kwargs.items()}
    return reverse(name, kwargs={"org": world.org_a.slug, **resolved})


@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_matrix(client, world, row):
    url_name, method, kwargs, *expected = row
    url = _url(world, url_name, kwargs)
    for persona, status in zip(PERSONAS, expected, strict=True):
        client.force_login(world.users[persona])
        response = getattr(client, method)(url)
        assert response.status_code == status, (persona, url_name)


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


def _org_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _org_routes(entry, namespace)
        elif isinstance(entry, URLPattern) and "<slug:org>" in str(entry.pattern):
            yield f"{prefix}{entry.name}"


def test_every_organisation_route_is_in_a_matrix():
    missing = set(_org_routes()) - COVERED
    assert not missing, f"Organisation routes without a permission matrix: {sorted(missing)}"
