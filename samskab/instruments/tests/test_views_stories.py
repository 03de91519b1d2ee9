"""Reading stories: masked text only, scoped to the organisation, filtered, paginated.

Every group here holds k = 5 stories or more; smaller ones are tested in test_story_disclosure.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.instruments import services
from samskab.instruments.models import StorySource
from samskab.instruments.samples import sample_definition
from samskab.instruments.tests.test_views_support import (
    make_collection,
    make_instrument,
    make_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world):
    return make_collection(make_instrument(world))


def make_stories(collection, count=5, **fields):
    return [make_story(collection, **fields) for _ in range(count)]


def _url(collection, query=""):
    return reverse("instruments:stories", kwargs={"org": "aarby", "pk": collection.pk}) + query


def test_only_masked_text_is_shown(client, world, collection):
    make_stories(
        collection,
        text="Jeg talte med [navn] om bænken.",
        text_raw="Jeg talte med Jens Hansen om bænken.",
    )
    client.force_login(world.erik)
    content = client.get(_url(collection)).content.decode()
    assert "Jeg talte med [navn] om bænken." in content
    assert "Jens Hansen" not in content


def test_story_shows_version_prompt_level_date_and_source(client, world, collection):
    make_stories(collection, source=StorySource.ASSISTED, level="employee", prompt="friend")
    client.force_login(world.erik)
    content = client.get(_url(collection)).content.decode()
    assert "version 1" in content
    assert "Forestil dig, at en ven spørger" in content
    assert "Medarbejder" in content and "Indtastet af en facilitator" in content


def test_stories_of_another_collection_or_organisation_are_never_listed(client, world, collection):
    make_stories(collection, title="Vores egen")
    make_stories(make_collection(collection.instrument, name="Anden"), title="Anden indsamling")
    foreign = make_collection(make_instrument(world, org=world.org_b))
    make_stories(foreign, title="Bøgelunds historie")
    client.force_login(world.anna)
    content = client.get(_url(collection)).content.decode()
    assert "Vores egen" in content
    assert "Anden indsamling" not in content and "Bøgelunds historie" not in content
    url = reverse("instruments:stories", kwargs={"org": "aarby", "pk": foreign.pk})
    assert client.get(url).status_code == 404


def test_viewers_may_not_read_stories(client, world, collection):
    make_story(collection)
    client.force_login(world.bo)
    assert client.get(_url(collection)).status_code == 403


def test_filters_by_source_and_level(client, world, collection):
    make_stories(collection, title="Offentlig bruger", source=StorySource.PUBLIC, level="user")
    make_stories(collection, title="Assisteret bruger", source=StorySource.ASSISTED, level="user")
    make_stories(
        collection, title="Assisteret medarbejder", source=StorySource.ASSISTED, level="employee"
    )
    client.force_login(world.dina)
    content = client.get(_url(collection, "?source=assisted&level=user")).content.decode()
    assert "Assisteret bruger" in content
    assert "Offentlig bruger" not in content and "Assisteret medarbejder" not in content
    assert client.get(_url(collection, "?source=nonsense")).status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        content = client.get(url).content.decode()
    return len(context), content


def test_fifty_per_page_without_n_plus_one(client, world, collection):
    services.save_definition(collection.instrument, sample_definition())  # still v1 (unfrozen)
    make_stories(collection, title="Historie")
    client.force_login(world.erik)
    few, content = _queries(client, _url(collection))
    assert content.count('class="story card"') == 5
    make_stories(collection, 55, title="Historie")
    many, first = _queries(client, _url(collection))
    assert many == few  # 5 or 50 stories on the page: the same queries
    assert first.count('class="story card"') == 50
    assert "Side 1 af 2" in first and "?page=2" in first
    second = client.get(_url(collection, "?page=2")).content.decode()
    assert second.count('class="story card"') == 10
