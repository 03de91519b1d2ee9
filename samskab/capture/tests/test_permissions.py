"""Permission matrix for the capture app's organisation routes (assisted entry).

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B, a stranger to A). The public routes (/c/<slug>/, /tilbagetraek/) have no
organisation and are tested in test_views.py.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.capture.tests.conftest import make_collection
from samskab.testing import assert_matrix_row

MATRIX = [
    # url name, method, anna, dina, erik, bo, pia, carl
    ("capture:assisted", "get", 200, 200, 403, 403, 403, 404),
    ("capture:assisted", "post", 422, 422, 403, 403, 403, 404),  # an empty story is refused
]


@pytest.mark.parametrize("row", MATRIX, ids=[f"{row[0]}-{row[1]}" for row in MATRIX])
def test_matrix(client, world, row):
    url_name, method, *expected = row
    collection = make_collection(world.org_a)
    url = reverse(url_name, kwargs={"org": world.org_a.slug, "pk": collection.pk})
    assert_matrix_row(client, world, url, method, expected)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, world):
    collection = make_collection(world.org_a)
    url = reverse("capture:assisted", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
