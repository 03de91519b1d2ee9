"""`enforce_retention` deletes what is past its period, with every copy, and says what it did."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samskab.explorer.models import ThemeRun
from samskab.explorer.services.store import cache_root, store_for
from samskab.instruments import services
from samskab.instruments.models import Story
from samskab.measurement.models import Evidence
from samskab.measurement.tests.factories import make_evidence
from samskab.organisations.models import AuditAction, AuditEntry
from samskab.playbooks.models import PlaybookQuote
from samskab.playbooks.services import ensure_playbook
from samskab.privacy.retention import enforce
from samskab.privacy.tests.conftest import add_story
from samskab.testing import make_project
from samskab.transfers.models import ImportJob, ImportKind

pytestmark = pytest.mark.django_db

OLD = "En gammel historie om bænken ved søen, som ingen længere må se."


@pytest.fixture
def aged(collection, world):
    """A collection keeping stories 30 days: one story past it, one within, each copied."""
    collection.retention_days = 30
    collection.save()
    old, _ = add_story(collection, OLD, days_ago=40)
    new, _ = add_story(collection, "En ny historie om haven.", days_ago=5)
    project = make_project(world.org_a)
    make_evidence(project, story=old, text="bænken ved søen")
    playbook = ensure_playbook(project, world.dina)
    PlaybookQuote.objects.create(
        organisation=world.org_a, playbook=playbook, story=old, text="bænken ved søen"
    )
    version = services.latest_version(collection.instrument)
    ThemeRun.objects.create(
        organisation=world.org_a,
        collection=collection,
        version=version,
        change_counter=collection.change_counter,
    )
    collection.refresh_from_db()
    store_for(collection, version)  # the explorer's cached column store, on disk
    return old, new


def test_expired_stories_and_every_copy_go(aged, collection):
    old, new = aged
    report = enforce()
    assert report.stories == 1 and report.collections == {collection.pk: 1}
    assert list(Story.objects.values_list("pk", flat=True)) == [new.pk]
    assert not Evidence.objects.filter(text__contains="bænken").exists()
    assert not PlaybookQuote.objects.exists()
    assert not ThemeRun.objects.exists()
    # No cached store built with the old story is left on disk.
    stores = list(cache_root().glob("*/v*/c*"))
    assert stores == [] and report.cache_folders >= 1
    leftovers = b"".join(p.read_bytes() for p in cache_root().rglob("*") if p.is_file())
    assert OLD.encode() not in leftovers


def test_a_rebuilt_store_no_longer_counts_the_story(aged, collection):
    enforce()
    collection.refresh_from_db()
    store = store_for(collection, services.latest_version(collection.instrument))
    assert store.n == 1


def test_what_was_deleted_is_written_to_the_audit_log(aged, collection, world):
    enforce()
    entry = AuditEntry.objects.get(action=AuditAction.RETENTION_ENFORCED)
    assert entry.organisation == world.org_a
    assert entry.details["stories_by_collection"] == {str(collection.pk): 1}
    assert OLD not in json.dumps(entry.details)


def test_nothing_within_its_period_is_touched(collection):
    add_story(collection, "Ny.", days_ago=10)
    report = enforce()
    assert report.stories == 0 and Story.objects.count() == 1
    assert not AuditEntry.objects.filter(action=AuditAction.RETENTION_ENFORCED).exists()


def test_stale_import_jobs_with_unmasked_rows_go(collection, world, settings):
    settings.IMPORT_RETENTION_DAYS = 7
    stale = ImportJob.objects.create(
        organisation=world.org_a,
        collection=collection,
        kind=ImportKind.TABLE,
        file_name="borgere.csv",
        table={"header": ["text"], "rows": [["Mit navn er Jens Hansen"]]},
    )
    fresh = ImportJob.objects.create(
        organisation=world.org_a, collection=collection, kind=ImportKind.TABLE, file_name="ny.csv"
    )
    ImportJob.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=8))
    report = enforce()
    assert report.import_jobs == 1
    assert list(ImportJob.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_stores_of_deleted_collections_are_removed(collection):
    add_story(collection, "Noget.")
    collection.refresh_from_db()
    store_for(collection, services.latest_version(collection.instrument))
    assert any(cache_root().glob(f"{collection.pk}/v*/c*"))
    collection.delete()
    enforce()
    assert not (cache_root() / str(collection.pk)).exists()


def test_the_command_prints_what_it_did(aged):
    out = StringIO()
    call_command("enforce_retention", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["stories"] == 1 and printed["evidence"] == 1
