"""A filter may not pick a category that the unfiltered table hides (see services/hidden.py)."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from samskab.analysis.density import cell_index
from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db

REFUSED = "picks a category that is hidden in the table"


@pytest.fixture
def collection(world):
    # Organisation (2) is hidden below k; employees (30) are hidden beside it, smallest first,
    # so that 62 - 30 - 30 cannot give the 2 away.
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee")
    add_stories(collection, 30, level="volunteer_citizen")
    add_stories(collection, 2, level="organisation")
    return collection


def _get(client, world, collection, name, data):
    url = reverse(f"explorer:{name}", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    client.force_login(world.erik)
    client.cookies["django_language"] = "en"
    return client.get(url, data)


def test_a_level_hidden_beside_a_small_one_cannot_be_selected(client, world, collection):
    overview = _get(client, world, collection, "dashboard", {}).content.decode()
    assert overview.count(">hidden<") >= 2
    refused = _get(client, world, collection, "dashboard", {"level": "employee"})
    assert REFUSED in refused.content.decode()
    assert refused.context["board"].n is None
    shown = _get(client, world, collection, "dashboard", {"level": "volunteer_citizen"})
    assert shown.context["board"].n == 30 and REFUSED not in shown.content.decode()


@pytest.mark.parametrize("name", ["stories", "export"])
def test_stories_and_csv_of_a_hidden_level_are_refused(client, world, collection, name):
    response = _get(client, world, collection, name, {"level": "employee"})
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not response.get("Content-Disposition")


def test_a_hidden_level_is_not_a_comparison_group(client, world, collection):
    body = _get(
        client,
        world,
        collection,
        "compare",
        {"a-level": "employee", "b-level": "volunteer_citizen"},
    ).content.decode()
    assert REFUSED in body and "centres-drivers" not in body


def test_patterns_leave_out_a_level_hidden_beside_a_small_one(client, world, collection):
    response = _get(client, world, collection, "patterns", {})
    # Users have no stories; organisations are below k; employees are hidden beside them.
    assert set(map(str, response.context["left_out"])) == {"users", "employees", "organisations"}
    assert {str(row["group"]) for row in response.context["rows"]} == {"volunteers and citizens"}


def test_a_density_cell_hidden_beside_a_small_one_cannot_be_selected(client, world):
    collection = make_collection(world.org_a)
    # Three cells: 2 stories (hidden), 6 (hidden beside it, the smallest shown) and 9.
    spots = {2: (0.72, 0.12), 6: (0.12, 0.72), 9: (0.32, 0.32)}
    for count, (top, left) in spots.items():
        add_stories(collection, count, jitter=False, top=top, left=left, right=1 - top - left)
    slot = {
        count: int(cell_index(np.array([[top, left, 1 - top - left]]))[0])
        for count, (top, left) in spots.items()
    }
    for count, allowed in ((6, False), (9, True)):
        response = _get(client, world, collection, "stories", {"cell_drivers": slot[count]})
        body = response.content.decode()
        assert (REFUSED not in body) is allowed, count
        if allowed:
            assert response.context["count"] == 9
    chart = _get(client, world, collection, "dashboard", {}).context["board"].charts[0]
    assert chart.cell_links == 1  # only the cell of 9 is a link
