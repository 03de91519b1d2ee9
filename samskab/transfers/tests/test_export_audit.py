"""Raw exports are full microdata: admins and facilitators only, and every file is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.organisations.models import AuditAction, AuditEntry
from samskab.transfers.tests.helpers import add_story, make_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    for level in ("user", "user", "employee"):
        add_story(collection, level=level)
    return collection


def _export(client, collection, fmt, org="aarby"):
    url = reverse("transfers:export", kwargs={"org": org, "pk": collection.pk, "fmt": fmt})
    response = client.get(url + "?version=1")
    if response.streaming:
        b"".join(response.streaming_content)  # the file is written, as a browser would read it
    return response


def _logged():
    return AuditEntry.objects.filter(action=AuditAction.STORIES_EXPORTED)


def test_an_analyst_may_not_export_and_nothing_is_logged(client, world, collection):
    client.force_login(world.erik)
    assert _export(client, collection, "raw").status_code == 403
    page = reverse("transfers:export_page", kwargs={"org": "aarby", "pk": collection.pk})
    assert client.get(page).status_code == 403
    assert not _logged().exists()


def test_a_facilitators_export_is_logged_with_who_what_and_how_many(client, world, collection):
    client.force_login(world.dina)
    response = _export(client, collection, "raw")
    assert response.status_code == 200
    entry = _logged().get()
    assert entry.organisation == world.org_a and entry.actor == world.dina
    assert entry.target == collection.name
    assert entry.details == {
        "collection": collection.pk,
        "version": 1,
        "format": "raw",
        "stories": 3,
    }


@pytest.mark.parametrize("fmt", ["tidy", "xlsx"])
def test_every_file_of_stories_is_logged(client, world, collection, fmt):
    client.force_login(world.anna)
    assert _export(client, collection, fmt).status_code == 200
    assert list(_logged().values_list("details__format", "details__stories")) == [(fmt, 3)]


def test_the_definition_holds_no_stories_and_is_not_logged(client, world, collection):
    client.force_login(world.dina)
    assert _export(client, collection, "definition").status_code == 200
    assert not _logged().exists()


def test_another_organisation_gets_404_and_nothing_is_logged(client, world, collection):
    client.force_login(world.carl)
    assert _export(client, collection, "raw").status_code == 404
    assert _export(client, collection, "raw", org=world.org_b.slug).status_code == 404
    assert not _logged().exists()


def test_the_audit_log_shows_the_export(client, world, collection):
    client.force_login(world.dina)
    _export(client, collection, "raw")
    client.force_login(world.anna)
    content = client.get(reverse("organisations:audit_log", kwargs={"org": "aarby"})).content
    text = content.decode()
    assert "dina@" in text and collection.name in text
    assert "version 1, raw, 3" in text


@pytest.mark.parametrize(
    ("persona", "shown"), [("anna", True), ("dina", True), ("erik", False), ("bo", False)]
)
def test_the_export_link_is_shown_only_to_those_who_may_export(
    client, world, collection, persona, shown
):
    client.force_login(world.users[persona])
    url = reverse("instruments:collection_detail", kwargs={"org": "aarby", "pk": collection.pk})
    content = client.get(url).content.decode()
    export_url = reverse("transfers:export_page", kwargs={"org": "aarby", "pk": collection.pk})
    assert (export_url in content) is shown
