"""Small groups are never shown and never hide large ones (services/hidden.py, the release)."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from samskab.analysis.density import cell_index
from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db

REFUSED = "in the table it was chosen from"
SMALL = "cannot be chosen: groups with fewer stories than the threshold"


@pytest.fixture
def collection(world):
    # Organisation (2) is a small group, alone: its stories are left out of the release.
    # Employees and volunteers (30 each) must stay fully usable beside it.
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


def test_a_large_level_beside_a_small_one_is_shown_and_selectable(client, world, collection):
    overview = _get(client, world, collection, "dashboard", {})
    rows = {row.label: row.value for row, _href in overview.context["level_links"]}
    assert rows["Employee"] == "30" and rows["Volunteer or citizen"] == "30"
    assert "Organisation" not in rows and "hidden" not in rows.values()
    assert overview.context["board"].total == 60  # the two left-out stories are in no figure
    shown = _get(client, world, collection, "dashboard", {"level": "employee"})
    assert shown.context["board"].n == 30 and REFUSED not in shown.content.decode()


def test_a_small_level_is_not_a_filter(client, world, collection):
    response = _get(client, world, collection, "dashboard", {"level": "organisation"})
    assert response.status_code == 422
    assert SMALL in response.content.decode()
    assert response.context["board"].n == 60  # the filter was not applied
    levels = dict(response.context["form"].fields["level"].choices)
    assert "organisation" not in levels


@pytest.mark.parametrize("name", ["stories", "export"])
def test_stories_and_csv_of_a_large_level_beside_a_small_one(client, world, collection, name):
    response = _get(client, world, collection, name, {"level": "employee"})
    assert response.status_code == 200
    if name == "stories":
        assert response.context["count"] == 30
    else:
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert len(lines) == 31 and not any(",organisation," in line for line in lines)


def test_the_small_group_is_in_no_story_list_or_export(client, world, collection):
    listed = _get(client, world, collection, "stories", {})
    assert listed.context["count"] == 60
    lines = b"".join(_get(client, world, collection, "export", {}).streaming_content)
    assert b",organisation," not in lines and lines.decode().count("\n") == 61


def test_two_large_levels_compare_beside_a_small_one(client, world, collection):
    body = _get(
        client,
        world,
        collection,
        "compare",
        {"a-level": "employee", "b-level": "volunteer_citizen"},
    ).content.decode()
    assert REFUSED not in body and "centres-drivers" in body


def test_patterns_include_every_large_level_and_never_name_the_small_one(client, world, collection):
    response = _get(client, world, collection, "patterns", {})
    # Users have no stories at all (named as left out); organisations are not named.
    assert set(map(str, response.context["left_out"])) == {"users"}
    groups = {str(row["group"]) for row in response.context["rows"]}
    assert groups == {"employees", "volunteers and citizens"}
    assert "rganisation" not in response.content.decode().split("<main", 1)[1]


def test_a_density_cell_below_k_cannot_be_selected_and_hides_no_other(client, world):
    collection = make_collection(world.org_a)
    # Three cells: 2 stories (hidden), 6 and 9 (both shown: no complementary suppression).
    spots = {2: (0.72, 0.12), 6: (0.12, 0.72), 9: (0.32, 0.32)}
    for count, (top, left) in spots.items():
        add_stories(collection, count, jitter=False, top=top, left=left, right=1 - top - left)
    slot = {
        count: int(cell_index(np.array([[top, left, 1 - top - left]]))[0])
        for count, (top, left) in spots.items()
    }
    for count in (2, 6, 9):
        response = _get(client, world, collection, "stories", {"cell_drivers": slot[count]})
        if count == 2:
            assert not response.context["rows"]
        else:
            assert response.context["count"] == count
    chart = _get(client, world, collection, "dashboard", {}).context["board"].charts[0]
    assert chart.cell_links == 2  # the cells of 6 and 9 are links; the hidden one is not


def test_a_chart_download_with_a_refused_filter_is_refused_not_unfiltered(
    client, world, collection
):
    response = _get(
        client, world, collection, "chart_svg", {"sig": "drivers", "level": "organisation"}
    )
    assert response.status_code == 422
    assert SMALL in response.content.decode()
    client.force_login(world.bo)  # a viewer's exact range is refused the same way
    url = reverse("explorer:chart_svg", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    assert client.get(url, {"sig": "decided", "min_decided": "33"}).status_code == 422
    assert client.get(url, {"sig": "decided", "min_decided": "20"}).status_code == 200
