"""Staff reading stories is logged: one entry per page shown (with its filter and page), not one
per story; exports too. A page that shows no story writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from samskab.explorer.tests.helpers import add_stories, make_collection
from samskab.instruments.models import Story
from samskab.organisations.auditing.sentences import sentence
from samskab.organisations.models import AuditAction, AuditEntry
from samskab.playbooks.tests.conftest import project_collection
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _analysis_cache(settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path / "analysis-cache"


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee")
    add_stories(collection, 30, level="volunteer_citizen")
    return collection


def _reads():
    return list(AuditEntry.objects.filter(action=AuditAction.STORIES_READ).order_by("id"))


def _url(name, world, collection):
    return reverse(name, kwargs={"org": world.org_a.slug, "pk": collection.pk})


def test_the_explorers_story_list_logs_each_page_with_its_filter(client, world, collection):
    client.force_login(world.erik)
    url = _url("explorer:stories", world, collection)
    client.get(url, {"level": "volunteer_citizen"})
    client.get(url, {"level": "volunteer_citizen", "page": 2})
    first, second = _reads()
    assert (first.actor, first.target, first.organisation) == (world.erik, "Parken", world.org_a)
    assert (first.details["where"], first.details["filter"]) == (
        "explorer",
        "level=volunteer_citizen",
    )
    assert (first.details["page"], first.details["shown"]) == ("1", 25)
    assert (second.details["page"], second.details["shown"]) == ("2", 5)
    with translation.override("en"):
        assert sentence(first) == (
            "erik@example.dk read stories of »Parken« in the explorer's story list "
            "(filter: level=volunteer_citizen)"
        )


def test_a_refused_selection_shows_no_story_and_writes_nothing(client, world, collection):
    add_stories(collection, 2, level="organisation")
    client.force_login(world.erik)
    client.get(_url("explorer:stories", world, collection), {"level": "organisation"})
    assert not _reads()


def test_the_collections_story_list(client, world, collection):
    client.force_login(world.erik)
    client.get(_url("instruments:stories", world, collection), {"level": "employee"})
    [entry] = _reads()
    assert (entry.details["where"], entry.details["filter"]) == ("story_list", "level=employee")
    assert entry.details["shown"] == 30


def test_the_explorers_answer_export(client, world, collection):
    client.force_login(world.erik)
    response = client.get(_url("explorer:export", world, collection), {"q": "parken"})
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.ANSWERS_EXPORTED)
    assert (entry.actor, entry.details["filter"], entry.details["rows"]) == (
        world.erik,
        "q=parken",
        60,
    )


def test_the_playbooks_quote_picker(client, world):
    project = make_project(world.org_a)
    collection = project_collection(project)
    add_stories(collection, 1)
    story = Story.objects.get()
    client.force_login(world.dina)
    url = reverse(
        "playbooks:quote_add",
        kwargs={"org": world.org_a.slug, "project": project.pk, "story": story.pk},
    )
    assert client.get(url).status_code == 200
    [entry] = _reads()
    assert (entry.details["where"], entry.details["story"]) == ("quote", story.pk)
    assert entry.target == project.title


def test_the_most_significant_change_shortlist_picker(client, world):
    project = make_project(world.org_a)
    add_stories(project_collection(project), 3)
    client.force_login(world.dina)
    url = reverse("measurement:msc_create", kwargs={"org": world.org_a.slug, "project": project.pk})
    client.get(url, {"filter-q": "parken", "filter-level": ""})
    [entry] = _reads()
    assert (entry.details["where"], entry.details["filter"], entry.details["shown"]) == (
        "msc",
        "filter-q=parken&filter-level=",
        3,
    )
