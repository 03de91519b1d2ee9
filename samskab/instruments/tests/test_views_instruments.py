"""Instrument list, creation (blank, sample, file), detail, versions and export."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.instruments import services
from samskab.instruments.definition import parse
from samskab.instruments.models import Instrument
from samskab.instruments.samples import SAMPLE, sample_definition
from samskab.instruments.tests.test_views_support import make_collection, make_instrument
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def dina(client, world):
    client.force_login(world.dina)
    return client


def _url(name, **kwargs):
    return reverse(f"instruments:{name}", kwargs={"org": "aarby", **kwargs})


def test_list_shows_project_version_state_and_collections(
    dina, world, django_assert_max_num_queries
):
    project = make_project(world.org_a)
    for number in range(5):
        instrument = make_instrument(world, name=f"Instrument {number}")
        instrument.project = project
        instrument.save()
        make_collection(instrument)
    frozen = Instrument.objects.get(name="Instrument 0")
    services.latest_version(frozen).__class__.objects.filter(instrument=frozen).update(
        frozen_at="2026-01-01T10:00:00Z"
    )
    services.save_definition(frozen, sample_definition())  # version 2, editable
    make_instrument(world, org=world.org_b, name="Bøgelunds eget")
    with django_assert_max_num_queries(8):
        response = dina.get(_url("list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Instrument 4" in content and project.title in content
    assert "Version 2" in content
    assert "Bøgelunds eget" not in content


def test_create_blank_instrument_has_one_prompt(dina, world):
    project = make_project(world.org_a)
    response = dina.post(_url("create"), {"name": "Nyt", "start": "blank", "project": project.pk})
    instrument = Instrument.objects.get(name="Nyt")
    assert response.status_code == 302
    assert response["Location"] == _url("edit", pk=instrument.pk)
    assert instrument.organisation == world.org_a and instrument.project == project
    definition = services.latest_version(instrument).parsed
    assert len(definition.prompts) == 1 and definition.signifiers == []
    assert definition.title.da == "Nyt"
    assert definition.prompts[0].text.da != definition.prompts[0].text.en  # both languages


def test_create_from_sample(dina, world):
    dina.post(_url("create"), {"name": "Fra eksemplet", "start": "sample"})
    instrument = Instrument.objects.get(name="Fra eksemplet")
    assert services.latest_version(instrument).parsed == parse(SAMPLE)


def test_project_of_another_organisation_is_refused(dina, world):
    foreign = make_project(world.org_b)
    response = dina.post(_url("create"), {"name": "X", "start": "blank", "project": foreign.pk})
    assert response.status_code == 422
    assert not Instrument.objects.exists()


def _upload(content, name="instrument.yaml"):
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


def test_create_from_yaml_file(dina, world):
    text = yaml.safe_dump(SAMPLE, allow_unicode=True)
    response = dina.post(
        _url("create"), {"name": "Importeret", "start": "file", "file": _upload(text)}
    )
    assert response.status_code == 302
    assert services.latest_version(Instrument.objects.get()).parsed == parse(SAMPLE)


def test_create_from_json_file(dina, world):
    upload = _upload(json.dumps(SAMPLE), "instrument.json")
    dina.post(_url("create"), {"name": "Importeret", "start": "file", "file": upload})
    assert services.latest_version(Instrument.objects.get()).parsed == parse(SAMPLE)


def test_file_is_required_when_importing(dina):
    response = dina.post(_url("create"), {"name": "X", "start": "file"})
    assert response.status_code == 422
    assert "Vælg en fil" in response.content.decode()


def test_invalid_yaml_is_explained_with_its_line(dina):
    response = dina.post(
        _url("create"),
        {"name": "X", "start": "file", "file": _upload("title: [unclosed\nprompts: x")},
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert "ikke gyldig YAML" in content and "linje" in content
    assert not Instrument.objects.exists()


def test_schema_problems_are_listed_with_their_place(dina):
    broken = json.loads(json.dumps(SAMPLE))
    broken["signifiers"][0]["corners"][1]["label"]["da"] = ""
    broken["signifiers"][2]["type"] = "slider"
    broken["colour"] = "blue"
    response = dina.post(
        _url("create"), {"name": "X", "start": "file", "file": _upload(yaml.safe_dump(broken))}
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert (
        "signifikatorer › 1 (drivers) › hjørner › 2 (staff) › etiket › Dansk: Skal udfyldes."
        in content
    )
    assert "“slider” er ikke en signifikatortype" in content
    assert "“colour” er ikke en del af instrumentformatet" in content
    assert re.search(r'aria-describedby="[^"]*\bid_file_error\b', content)


def test_not_a_mapping_and_binary_files_are_refused(dina):
    for content in (b"- just\n- a list\n", b"\xff\xfe\x00binary"):
        response = dina.post(
            _url("create"), {"name": "X", "start": "file", "file": _upload(content)}
        )
        assert response.status_code == 422
    assert not Instrument.objects.exists()


def test_empty_post_is_a_form_with_errors(dina):
    assert dina.post(_url("create")).status_code == 422


def test_detail_lists_versions_with_story_counts_and_collections(dina, world):
    instrument = make_instrument(world)
    collection = make_collection(instrument, name="Sommer")
    version = services.latest_version(instrument)
    version.frozen_at = "2026-02-03T10:00:00Z"
    version.save()
    services.save_definition(instrument, sample_definition())
    response = dina.get(_url("detail", pk=instrument.pk))
    content = response.content.decode()
    assert "Sommer" in content
    assert _url("collection_detail", pk=collection.pk) in content
    assert "Frosset 3. februar 2026" in content
    assert "Kan redigeres (ingen historier endnu)" in content
    assert _url("export", pk=instrument.pk, number=1, kind="yaml") in content


def test_viewer_reads_a_version_but_cannot_export(client, world):
    instrument = make_instrument(world)
    client.force_login(world.bo)
    response = client.get(_url("version", pk=instrument.pk, number=1))
    assert response.status_code == 200
    assert "Fortællinger om samskabelse" in response.content.decode()
    assert "export" not in response.content.decode()
    english = client.get(_url("version", pk=instrument.pk, number=1) + "?language=en")
    assert "Stories of co-creation" in english.content.decode()


def test_unknown_version_and_format_are_404(dina, world):
    instrument = make_instrument(world)
    assert dina.get(_url("version", pk=instrument.pk, number=9)).status_code == 404
    assert dina.get(_url("export", pk=instrument.pk, number=1, kind="xml")).status_code == 404


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_export_then_import_reproduces_the_definition(dina, world, kind):
    instrument = make_instrument(world)
    response = dina.get(_url("export", pk=instrument.pk, number=1, kind=kind))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="parkhistorier-v1.{kind}"'
    text = response.content.decode()
    assert "null" not in text  # empty optional parts are left out
    upload = _upload(text, f"parkhistorier-v1.{kind}")
    dina.post(_url("create"), {"name": "Kopi", "start": "file", "file": upload})
    copy = Instrument.objects.get(name="Kopi")
    assert (
        services.latest_version(copy).definition == services.latest_version(instrument).definition
    )
