"""Who may explore: aggregates for every staff role (viewers included), individual stories and
their CSV for admins, facilitators and analysts, observations written by the same. Another
organisation's collection looks absent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.explorer.tests.helpers import add_stories, make_collection
from samskab.testing import assert_matrix_row

pytestmark = pytest.mark.django_db

MATRIX = [
    # url name, method, query, anna, dina, erik, bo, pia, carl
    ("explorer:dashboard", "get", {}, 200, 200, 200, 200, 403, 404),
    ("explorer:chart_svg", "get", {"sig": "drivers"}, 200, 200, 200, 200, 403, 404),
    (
        "explorer:compare",
        "get",
        {"a-level": "employee", "b-level": "user"},
        200,
        200,
        200,
        200,
        403,
        404,
    ),
    ("explorer:patterns", "get", {}, 200, 200, 200, 200, 403, 404),
    # The progress of a background store build; with none busy it sends back to the dashboard.
    ("explorer:build_status", "get", {}, 302, 302, 302, 302, 403, 404),
    # Themes: seen with the results; finding them reads every story's text (a valid run is
    # started in test_themes.py: here it would make the next persona's run "busy").
    ("explorer:themes", "get", {}, 200, 200, 200, 200, 403, 404),
    ("explorer:theme_run", "post", {"n_themes": "1"}, 422, 422, 422, 403, 403, 404),
    ("explorer:stories", "get", {}, 200, 200, 200, 403, 403, 404),
    ("explorer:export", "get", {}, 200, 200, 200, 403, 403, 404),
    ("explorer:observations", "get", {}, 200, 200, 200, 200, 403, 404),
    ("explorer:observation_create", "get", {}, 200, 200, 200, 403, 403, 404),
    ("explorer:observation_create", "post", {}, 422, 422, 422, 403, 403, 404),
    # The organisation's disclosure threshold: administrators only.
    ("explorer:threshold", "get", {}, 200, 403, 403, 403, 403, 404),
    ("explorer:threshold", "post", {"min_group": "2"}, 422, 403, 403, 403, 403, 404),
    ("explorer:threshold", "post", {"min_group": "6"}, 302, 403, 403, 403, 403, 404),
]

# Routes of the organisation rather than of one collection.
ORGANISATION_ROUTES = {"explorer:threshold"}


@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, query, *expected = row
    collection = make_collection(world.org_a)
    add_stories(collection, 6, level="employee")
    add_stories(collection, 6, level="user")
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    if url_name in ORGANISATION_ROUTES:
        del kwargs["pk"]
    url = reverse(url_name, kwargs=kwargs)
    assert_matrix_row(client, world, url, method, expected, data=query)


def test_another_organisations_collection_is_404(client, world):
    collection_b = make_collection(world.org_b)
    add_stories(collection_b, 6)
    client.force_login(world.anna)
    url = reverse("explorer:dashboard", kwargs={"org": world.org_a.slug, "pk": collection_b.pk})
    assert client.get(url).status_code == 404
