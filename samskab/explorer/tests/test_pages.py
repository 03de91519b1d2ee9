"""Disclosure on the pages, story lists, observations, CSV and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.explorer.models import Observation
from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee")
    add_stories(collection, 30, level="volunteer_citizen")
    add_stories(collection, 2, level="organisation")
    return collection


def _url(world, collection, name):
    return reverse(f"explorer:{name}", kwargs={"org": world.org_a.slug, "pk": collection.pk})


def test_a_small_level_is_left_out_without_leaking(client, world, collection):
    client.force_login(world.erik)
    body = client.get(_url(world, collection, "dashboard")).content.decode()
    # Organisation (2) is a small group alone: left out of every figure, and the page says so
    # without its number; the large levels are shown in full.
    assert "60 historier i denne version" in body
    assert "De er udeladt af alle tal" in body
    assert ">Organisation<" not in body


def test_a_filter_leaving_out_fewer_than_k_is_refused(client, world, collection):
    add_stories(collection, 3, level="employee", text="En anden fortælling.")
    client.force_login(world.erik)
    url = _url(world, collection, "dashboard")
    body = client.get(url, {"q": "parken"}).content.decode()  # 60 of 63: 3 left out
    assert "Filteret udelader færre end 5 historier" in body
    assert "chart-drivers" not in body


def test_story_list_of_a_small_group_is_refused(client, world, collection):
    client.force_login(world.erik)
    response = client.get(_url(world, collection, "stories"), {"level": "organisation"})
    body = response.content.decode()
    assert response.status_code == 422
    assert "kan ikke vælges" in body
    assert "En historie om parken." not in body


def test_story_list_shows_masked_text_and_answers(
    client, world, collection, django_assert_max_num_queries
):
    client.force_login(world.erik)
    with django_assert_max_num_queries(15):
        # Employees are hidden beside the 2 organisations (see test_hidden.py); volunteers not.
        response = client.get(_url(world, collection, "stories"), {"level": "volunteer_citizen"})
    body = response.content.decode()
    assert "En historie om parken." in body
    assert "regler og procedurer" in body  # a triad answer, compactly


def test_csv_export(client, world, collection):
    client.force_login(world.erik)
    response = client.get(_url(world, collection, "export"), {"level": "volunteer_citizen"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("story_id,created,version,level,prompt,drivers.state")
    assert len(lines) == 31
    assert all(",volunteer_citizen," in line for line in lines[1:])


def test_observation_needs_two_interpretations(client, world, collection):
    client.force_login(world.erik)
    url = _url(world, collection, "observation_create")
    data = {"title": "Regler", "text": "Medarbejderne peger på regler.", "interpretation_1": "A"}
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 422
    assert "Skriv mindst to fortolkninger: tilføj en konkurrerende." in body
    assert "Medarbejderne peger på regler." in body
    data["interpretation_2"] = "B"
    assert client.post(url, data).status_code == 302
    assert Observation.objects.get().interpretations == ["A", "B"]


def test_observation_list_has_no_n_plus_one(
    client, world, collection, django_assert_max_num_queries
):
    client.force_login(world.erik)
    url = _url(world, collection, "observation_create")
    for i in range(5):
        client.post(
            url, {"title": f"V{i}", "text": "T", "interpretation_1": "A", "interpretation_2": "B"}
        )
    with django_assert_max_num_queries(12):
        assert client.get(_url(world, collection, "observations")).status_code == 200
