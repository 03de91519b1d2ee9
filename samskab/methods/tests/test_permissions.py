"""Permission matrix for the methods library.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B). Shared (seeded) methods are readable by all staff and editable by nobody.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.methods.models import Method
from samskab.methods.tests.factories import make_method
from samskab.testing import assert_matrix_row

MATRIX = [
    # url name, method, kwargs, anna, dina, erik, bo, pia, carl
    ("methods:list", "get", {}, 200, 200, 200, 200, 403, 404),
    ("methods:detail", "get", {"pk": "own"}, 200, 200, 200, 200, 403, 404),
    ("methods:detail", "get", {"pk": "shared"}, 200, 200, 200, 200, 403, 404),
    ("methods:create", "get", {}, 200, 200, 403, 403, 403, 404),
    ("methods:create", "post", {}, 422, 422, 403, 403, 403, 404),
    ("methods:edit", "get", {"pk": "own"}, 200, 200, 403, 403, 403, 404),
    ("methods:edit", "post", {"pk": "own"}, 422, 422, 403, 403, 403, 404),
    ("methods:edit", "get", {"pk": "shared"}, 403, 403, 403, 403, 403, 404),
    ("methods:edit", "post", {"pk": "shared"}, 403, 403, 403, 403, 403, 404),
]


@pytest.fixture
def methods(world):
    return {
        "own": make_method(organisation=world.org_a),
        "shared": Method.objects.shared().first(),
    }


def _url(world, methods, name, kwargs):
    resolved = {key: methods[value].pk for key, value in kwargs.items()}
    return reverse(name, kwargs={"org": world.org_a.slug, **resolved})


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in MATRIX])
def test_matrix(client, world, methods, row):
    url_name, method, kwargs, *expected = row
    assert_matrix_row(client, world, _url(world, methods, url_name, kwargs), method, expected)


def test_anonymous_is_sent_to_login(client, world, methods):
    for url_name, method, kwargs, *_ in MATRIX:
        response = getattr(client, method)(_url(world, methods, url_name, kwargs))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_another_organisations_method_is_404(client, world):
    """Carl's method belongs to B: from A it looks absent, for reading and for editing."""
    foreign = make_method(organisation=world.org_b)
    client.force_login(world.anna)
    for name in ("methods:detail", "methods:edit"):
        url = reverse(name, kwargs={"org": world.org_a.slug, "pk": foreign.pk})
        assert client.get(url).status_code == 404
    url = reverse("methods:edit", kwargs={"org": world.org_a.slug, "pk": foreign.pk})
    assert client.post(url, {"name": "Overtaget"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name != "Overtaget"
