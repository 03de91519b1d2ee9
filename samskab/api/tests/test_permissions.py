"""The staff API follows the same rule as the pages: 404 for strangers, 403 without the role."""

from __future__ import annotations

import json

import pytest

from samskab.instruments import services
from samskab.instruments.samples import sample_definition
from samskab.measurement.tests.factories import make_goal, make_indicator
from samskab.testing import MATRIX_PERSONAS, assert_matrix_row, make_project

MATRIX = [
    # path (org filled in), method, anna, dina, erik, bo, pia, carl
    ("/api/v1/orgs/{org}/instruments", "get", 200, 200, 200, 200, 403, 404),
    ("/api/v1/orgs/{org}/instruments/{pk}", "get", 200, 200, 200, 200, 403, 404),
    ("/api/v1/orgs/{org}/projects/{project}/goals", "get", 200, 200, 200, 200, 403, 404),
    ("/api/v1/orgs/{org}/projects/{project}/indicators", "get", 200, 200, 200, 200, 403, 404),
    ("/api/v1/orgs/{org}/indicators/{indicator}/measurements", "get", 200, 200, 200, 200, 403, 404),
    # Posted with a valid JSON body (a new period per persona), see _post_json.
    (
        "/api/v1/orgs/{org}/indicators/{indicator}/measurements",
        "post",
        201,
        201,
        201,
        403,
        403,
        404,
    ),
]


def _post_json(client, world, url, expected):
    for month, (persona, status) in enumerate(zip(MATRIX_PERSONAS, expected, strict=True), 1):
        client.force_login(world.users[persona])
        body: dict[str, object] = {
            "period_start": f"2025-{month:02d}-01",
            "period_end": f"2025-{month:02d}-28",
            "value": 30,
        }
        response = client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code == status, (persona, url, response.status_code)


@pytest.mark.parametrize("row", MATRIX, ids=[r[0] for r in MATRIX])
def test_matrix(client, world, row):
    path, method, *expected = row
    instrument = services.create_instrument(world.org_a, "Park", sample_definition(), None)
    project = make_project(world.org_a)
    indicator = make_indicator(make_goal(project))
    url = path.format(
        org=world.org_a.slug, pk=instrument.pk, project=project.pk, indicator=indicator.pk
    )
    if method == "post":
        _post_json(client, world, url, expected)
    else:
        assert_matrix_row(client, world, url, method, expected)


def test_anonymous_gets_401_not_a_login_page(client, world):
    response = client.get(f"/api/v1/orgs/{world.org_a.slug}/instruments")
    assert response.status_code == 401


def test_another_organisations_instrument_is_404(client, world):
    foreign = services.create_instrument(world.org_b, "B", sample_definition(), None)
    client.force_login(world.anna)
    response = client.get(f"/api/v1/orgs/{world.org_a.slug}/instruments/{foreign.pk}")
    assert response.status_code == 404


def test_list_and_detail(client, world, django_assert_max_num_queries):
    instrument = services.create_instrument(world.org_a, "Park", sample_definition(), None)
    client.force_login(world.erik)
    with django_assert_max_num_queries(6):
        listing = client.get(f"/api/v1/orgs/{world.org_a.slug}/instruments").json()
    assert listing == [
        {"id": instrument.pk, "name": "Park", "project_id": None, "latest_version": 1}
    ]
    detail = client.get(f"/api/v1/orgs/{world.org_a.slug}/instruments/{instrument.pk}").json()
    assert detail["versions"] == [{"number": 1, "frozen": False, "story_count": 0}]
    assert detail["definition"]["format"] == "samskab-instrument/1"
