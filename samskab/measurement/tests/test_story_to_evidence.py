"""From the explorer's story list to evidence: a story an analyst reads can become evidence of
the project's effect in one click, with the story already chosen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.explorer.tests.helpers import add_stories, make_collection
from samskab.instruments.models import Story
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


def _collection(world, with_project=True):
    collection = make_collection(world.org_a)
    project = make_project(world.org_a)
    if with_project:
        collection.instrument.project = project
        collection.instrument.save()
    add_stories(collection, 12)
    return collection, project


def _stories_url(collection):
    return reverse("explorer:stories", kwargs={"org": "aarby", "pk": collection.pk})


def test_an_analyst_can_take_a_story_to_evidence(client, world):
    collection, project = _collection(world)
    client.force_login(world.erik)
    page = client.get(_stories_url(collection)).content.decode()
    story = Story.objects.filter(collection=collection).order_by("-created_at", "-id").first()
    assert story is not None
    target = reverse("measurement:evidence_create", kwargs={"org": "aarby", "project": project.pk})
    assert f'href="{target}?story={story.pk}"' in page
    form = client.get(f"{target}?story={story.pk}").context["form"]
    assert str(form["story"].value()) == str(story.pk)


def test_no_link_without_a_project(client, world):
    collection, _project = _collection(world, with_project=False)
    client.force_login(world.erik)
    page = client.get(_stories_url(collection)).content.decode()
    assert "/value/evidence/new/" not in page
