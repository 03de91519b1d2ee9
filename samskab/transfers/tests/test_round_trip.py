"""Export a collection from organisation A, import it into B: every answer, NA and skip returns."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.instruments.models import Story, StorySource
from samskab.transfers.models import ImportJob, ImportStatus
from samskab.transfers.tests.helpers import add_story, make_collection

ANSWERED = {
    "drivers": {"value": [0.2, 0.5, 0.3]},
    "difference": {"value": [1, 0, 0]},
    "decided": {"value": 0.0},
    "felt": {"value": 0.8125},
    "actors": {"value": {"citizens": {"x": 0.1, "y": 0.9}, "staff": {"x": 1, "y": 0}}},
    "frequency": {"value": "sometimes"},
    "feelings": {"value": ["glad", "hopeful", "proud"]},
    "lesson": {"value": "Spørg borgerne først, også når det haster."},
}
NOT_APPLICABLE = {key: {"na": True} for key in ANSWERED}


def _stories(collection):
    add_story(collection, prompt="friend", title="Plantedagen", level="employee", answers=ANSWERED)
    add_story(collection, title="", level="user", answers=NOT_APPLICABLE)
    add_story(collection, level="volunteer_citizen", answers={})  # every question skipped
    mixed = {
        "drivers": {"na": True},
        "difference": {"value": [1 / 3, 1 / 3, 1 / 3]},
        "felt": {"value": 1},
        "actors": {"value": {"politicians": {"x": 0.5, "y": 0.25}}},
        "feelings": {"na": True},
        "frequency": {"value": "first"},
        "text": None,
    }
    mixed.pop("text")
    add_story(collection, text="Ring til Jens på 12345678.", level="organisation", answers=mixed)


def _content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_round_trip_to_another_organisation(
    client, world, immediate_tasks, django_capture_on_commit_callbacks
):
    source = make_collection(world.org_a)
    _stories(source)
    client.force_login(world.dina)  # a facilitator may export
    kwargs = {"org": world.org_a.slug, "pk": source.pk}
    data = _content(client.get(reverse("transfers:export", kwargs={**kwargs, "fmt": "raw"})))
    definition = client.get(reverse("transfers:export", kwargs={**kwargs, "fmt": "definition"}))
    assert data.startswith("\ufeff".encode()) and b"12345678" not in data  # masked text only

    client.force_login(world.carl)
    with django_capture_on_commit_callbacks(execute=True):  # the worker reads and checks
        response = client.post(
            reverse("transfers:sensemaker", kwargs={"org": world.org_b.slug}),
            {
                "name": "Fra Aarby",
                "definition": SimpleUploadedFile("definition.json", definition.content),
                "data_file": SimpleUploadedFile("data.csv", data),
            },
        )
    job = ImportJob.objects.get(organisation=world.org_b)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert job.status == ImportStatus.PREVIEWED, job.report
    assert (job.valid_rows, job.rejected_rows) == (4, 0), job.report
    assert job.report["framework"]["used_extension"] is True
    page = client.get(reverse("transfers:job", kwargs={"org": world.org_b.slug, "pk": job.pk}))
    assert "Importér de 4 gyldige rækker" in page.content.decode()
    assert 'value="employee" selected' in page.content.decode()  # level items pre-matched
    levels = {
        f"item_{level}": level
        for level in ("user", "employee", "volunteer_citizen", "organisation")
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("transfers:confirm", kwargs={"org": world.org_b.slug, "pk": job.pk}),
            {"level_list": "samskab_level", **levels},
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.inserted == 4 and job.table == {}
    _compare(source, job.collection)


def _same(value, expected, key):
    if isinstance(expected, dict):  # stones: {stone: [x, y]}
        assert value.keys() == expected.keys(), key
        for stone, position in expected.items():
            assert value[stone] == pytest.approx(position), key
    elif isinstance(expected, list) and expected and isinstance(expected[0], str):
        assert value == expected, key
    else:
        assert value == pytest.approx(expected), key


def _compare(source, copy):
    assert copy.organisation != source.organisation
    assert copy.instrument.versions.get().parsed == source.instrument.versions.get().parsed
    assert copy.closes_at is not None and not copy.is_open()
    assert copy.consent_text == {
        "da": "Importeret fra SenseMaker",
        "en": "Imported from SenseMaker",
    }
    assert copy.change_counter == 4 and copy.instrument.versions.get().is_frozen
    originals = sorted(source.stories.all(), key=lambda s: s.created_at)
    copies = sorted(copy.stories.all(), key=lambda s: s.created_at)
    assert len(copies) == len(originals) == 4
    for original, imported in zip(originals, copies, strict=True):
        assert imported.source == StorySource.IMPORT and imported.external_id
        for field in ("prompt", "title", "text", "level", "language"):
            assert getattr(imported, field) == getattr(original, field), field
        assert abs((imported.created_at - original.created_at).total_seconds()) < 0.001
        assert imported.answers.keys() == original.answers.keys()
        for key, answer in original.answers.items():
            assert imported.answers[key]["state"] == answer["state"], key
            _same(imported.answers[key].get("value"), answer.get("value"), key)
    states = {a["state"] for s in copies for a in s.answers.values()}
    assert states == {"answered", "na", "skipped"}


@pytest.mark.django_db
def test_importing_the_export_again_adds_nothing(
    client, world, immediate_tasks, django_capture_on_commit_callbacks
):
    collection = make_collection(world.org_a)
    _stories(collection)
    client.force_login(world.anna)
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    data = _content(client.get(reverse("transfers:export", kwargs={**kwargs, "fmt": "raw"})))
    # Our own export into a collection: the layout is recognised, no mapping needed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("transfers:upload", kwargs=kwargs), {"file": SimpleUploadedFile("a.csv", data)}
        )
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.PREVIEWED and job.options["layout"] == "sensemaker"
    assert (job.valid_rows, job.known_rows, job.new_rows) == (4, 0, 4), job.report
    # Our stories have no external id yet, so the first import copies them once …
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("transfers:confirm", kwargs={"org": world.org_a.slug, "pk": job.pk}))
    assert Story.objects.filter(collection=collection).count() == 8
    # … and the same file again adds nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("transfers:upload", kwargs=kwargs), {"file": SimpleUploadedFile("a.csv", data)}
        )
    again = ImportJob.objects.exclude(pk=job.pk).get()
    assert (again.valid_rows, again.known_rows, again.new_rows) == (4, 4, 0)
    response = client.post(
        reverse("transfers:confirm", kwargs={"org": world.org_a.slug, "pk": again.pk})
    )
    assert response.status_code == 302
    assert Story.objects.filter(collection=collection).count() == 8


@pytest.mark.django_db
def test_tidy_exports(client, world):
    collection = make_collection(world.org_a)
    _stories(collection)
    client.force_login(world.anna)
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    tidy = _content(client.get(reverse("transfers:export", kwargs={**kwargs, "fmt": "tidy"})))
    lines = tidy.decode("utf-8-sig").splitlines()
    assert lines[0] == '"story_id","signifier_id","part_id","value"'
    assert any('"drivers","citizens","0.2"' in line for line in lines)
    assert any('"decided","NA","1"' in line for line in lines)
    assert any('"feelings","hopeful","1"' in line for line in lines)
    response = client.get(reverse("transfers:export", kwargs={**kwargs, "fmt": "xlsx"}))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(_content(response)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("story_id", "signifier_id", "part_id", "value")
    assert len(rows) == len(lines)
    assert (
        client.get(reverse("transfers:export", kwargs={**kwargs, "fmt": "pdf"})).status_code == 404
    )
    document = json.loads(
        client.get(reverse("transfers:export", kwargs={**kwargs, "fmt": "definition"})).content
    )
    assert document["signifiers"][0]["fragment"] is True
