"""The compare page draws both groups' triad centres and confidence regions in one triangle."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 40, level="employee", top=0.6, left=0.2, right=0.2)
    add_stories(collection, 40, level="user", top=0.2, left=0.5, right=0.3)
    return collection


def _compare(client, world, collection, a, b, **extra):
    url = reverse("explorer:compare", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    client.force_login(world.bo)
    data = {"a-level": a, "b-level": b, "a-name": "Ansatte", "b-name": "Brugere", **extra}
    return client.get(url, data)


def test_both_centres_and_regions_are_drawn_with_a_table(client, world, collection):
    body = _compare(client, world, collection, "employee", "user").content.decode()
    figure = body[body.index('id="centres-drivers"') : body.index("</svg>", body.index("centres-"))]
    assert "<circle" in figure and "<rect" in figure  # a circle for A, a square for B
    assert 'stroke-dasharray="6 4"' in figure  # B's region is dashed, not only another colour
    regions = re.findall(r'<polygon points="([^"]+)" fill="[^"]+" fill-opacity="0.15"', figure)
    assert len(regions) == 2 and all(len(r.split()) == 72 for r in regions)
    table = body[body.index('id="centres-drivers"') :]
    # bo is a viewer: the group sizes are perturbed (cell-key, at most 2 away).
    # Employees lean to the top corner (about 60 %), users do not.
    row_a = re.search(
        r"<th scope=\"row\">Ansatte</th><td class=\"number\">(?:38|39|40|41|42)</td>"
        r"<td class=\"number\">(\d+) %</td>",
        table,
    )
    row_b = re.search(
        r"<th scope=\"row\">Brugere</th><td class=\"number\">(?:38|39|40|41|42)</td>"
        r"<td class=\"number\">(\d+) %</td>",
        table,
    )
    assert row_a and row_b
    assert int(row_a.group(1)) > 50 > 30 > int(row_b.group(1))


def test_no_centres_for_a_group_below_k(client, world, collection):
    # No user story is told in 2030: group B is empty.
    response = _compare(
        client, world, collection, "employee", "user", **{"b-date_from": "2030-01-01"}
    )
    body = response.content.decode()
    assert "centres-drivers" not in body
    assert "færre end 5 historier" in body
