"""A storyteller sees, downloads and deletes their story by receipt code; nothing remains."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from samskab.explorer.models import ThemeRun
from samskab.explorer.services.store import cache_root, store_for
from samskab.instruments import services
from samskab.instruments.models import Story
from samskab.measurement.tests.factories import make_evidence
from samskab.organisations.models import AuditAction, AuditEntry
from samskab.playbooks.models import PlaybookQuote
from samskab.playbooks.services import ensure_playbook
from samskab.privacy.tests.conftest import add_story
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

MARK = "Zebrafinkehuset ved Østre Anlæg var mit frirum"
URL = "capture:withdraw"


def _everything_stored(exclude: tuple[type[models.Model], ...] = ()) -> str:
    """Every text and JSON value of every row of every table, as one string."""
    parts = []
    for model in apps.get_models():
        if model in exclude:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                parts.append(json.dumps(row, ensure_ascii=False, default=str))
    return "\n".join(parts)


def test_the_code_shows_the_story_as_stored(client, collection):
    story, code = add_story(collection, MARK + ", sagde Jens Hansen.")
    response = client.post(reverse(URL), {"code": code})
    html = response.content.decode()
    assert response.status_code == 200 and MARK in html
    assert "Jens Hansen" not in html  # the masked text, as analysts see it
    assert collection.consent_text["da"] in html
    assert Story.objects.filter(pk=story.pk).exists()


def test_the_download_holds_everything_stored_and_nothing_about_the_device(client, collection):
    story, code = add_story(collection, MARK)
    response = client.post(
        reverse(URL), {"code": code, "action": "download"}, REMOTE_ADDR="203.0.113.5"
    )
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    record = json.loads(response.content)
    assert record["text"] == MARK and record["collection"] == collection.name
    assert record["consent"]["version"] == 1
    assert record["consent"]["text"] == collection.consent_text
    assert "203.0.113.5" not in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.STORY_COPIED_BY_STORYTELLER)
    assert entry.details["story"] == story.pk and MARK not in json.dumps(entry.details)


def test_deleting_leaves_no_trace(client, collection, world, django_capture_on_commit_callbacks):
    story, code = add_story(collection, MARK)
    add_story(collection, "En anden historie bliver.")
    project = make_project(world.org_a)
    make_evidence(project, story=story, text=MARK)
    PlaybookQuote.objects.create(
        organisation=world.org_a,
        playbook=ensure_playbook(project, world.dina),
        story=story,
        text=MARK,
    )
    version = services.latest_version(collection.instrument)
    ThemeRun.objects.create(
        organisation=world.org_a, collection=collection, version=version, themes=[MARK]
    )
    collection.refresh_from_db()
    store_for(collection, version)
    # The column store holds the story's answers (not its text): it must go too.
    stores_before = set(cache_root().glob("*/v*/c*"))
    assert MARK in _everything_stored() and stores_before

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(URL), {"code": code, "action": "delete"})
    assert response.status_code == 200 and "slettet" in response.content.decode()
    assert MARK not in _everything_stored()
    assert not stores_before & set(cache_root().glob("*/v*/c*"))
    assert Story.objects.count() == 1
    # The audit log says a story went, not what it said.
    entry = AuditEntry.objects.get(action=AuditAction.STORY_ERASED_BY_STORYTELLER)
    assert entry.details["story"] == story.pk
    # An export made afterwards does not have it either.
    dina = client.__class__()
    dina.force_login(world.dina)
    export = dina.get(
        reverse(
            "transfers:export",
            kwargs={"org": world.org_a.slug, "pk": collection.pk, "fmt": "tidy"},
        )
    )
    assert export.status_code == 200
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert MARK.encode() not in body


def test_an_unknown_code_deletes_nothing(client, collection):
    add_story(collection, MARK)
    response = client.post(reverse(URL), {"code": "AAAA-BBBB-CCCC", "action": "delete"})
    assert response.status_code == 422 and Story.objects.count() == 1


def test_a_published_playbook_quoting_the_story_is_named_for_its_owner(client, collection, world):
    from samskab.playbooks.models import BuildStatus, PlaybookVersion, Visibility

    story, code = add_story(collection, MARK)
    project = make_project(world.org_a)
    playbook = ensure_playbook(project, world.dina)
    PlaybookQuote.objects.create(
        organisation=world.org_a, playbook=playbook, story=story, text=MARK
    )
    version = PlaybookVersion.objects.create(
        organisation=world.org_a,
        playbook=playbook,
        number=1,
        published=True,
        visibility=Visibility.ORGANISATION,
        status=BuildStatus.READY,
        document={"sections": [{"blocks": [{"quote": MARK}]}]},
    )
    client.post(reverse(URL), {"code": code, "action": "delete"})
    entry = AuditEntry.objects.get(action=AuditAction.STORY_ERASED_BY_STORYTELLER)
    assert entry.details["quoted_in_published_playbooks"] == [version.pk]
