"""Collections: the form and its rules, the public link with its QR code, print, close, reopen."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.instruments.models import Collection, StorySource
from samskab.instruments.tests.test_views_support import (
    make_collection,
    make_instrument,
    make_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dina(client, world):
    client.force_login(world.dina)
    return client


@pytest.fixture
def instrument(world):
    return make_instrument(world)


def _url(name, **kwargs):
    return reverse(f"instruments:{name}", kwargs={"org": "aarby", **kwargs})


def _valid(instrument, **extra):
    data = {
        "instrument": instrument.pk,
        "name": "Sommer i parken",
        "opens_at": "2026-06-01T09:00",
        "closes_at": "2026-08-31T18:00",
        "consent_da": "Jeg giver samtykke.",
        "consent_en": "I consent.",
        "retention_days": "730",
    }
    data.update(extra)
    return data


def test_create_a_collection(dina, world, instrument):
    response = dina.post(_url("collection_create"), _valid(instrument))
    collection = Collection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("collection_detail", pk=collection.pk)
    assert collection.organisation == world.org_a
    assert collection.consent_text == {"da": "Jeg giver samtykke.", "en": "I consent."}
    assert collection.retention_days == 730
    assert len(collection.slug) >= 20
    assert timezone.localtime(collection.opens_at).hour == 9  # read in Copenhagen time


def test_instrument_is_preselected_from_the_address(dina, instrument):
    content = dina.get(_url("collection_create") + f"?instrument={instrument.pk}").content.decode()
    assert f'<option value="{instrument.pk}" selected>' in content


def test_closing_must_come_after_opening(dina, instrument):
    response = dina.post(
        _url("collection_create"), _valid(instrument, closes_at="2026-05-01T09:00")
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert "Lukketidspunktet skal ligge efter åbningstidspunktet." in content
    assert 'value="2026-05-01T09:00"' in content  # nothing typed is lost
    assert not Collection.objects.exists()


def test_consent_is_required_in_both_languages(dina, instrument):
    response = dina.post(
        _url("collection_create"), _valid(instrument, consent_da="", consent_en="")
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert (
        "Skriv samtykketeksten på dansk." in content
        and "Skriv samtykketeksten på engelsk." in content
    )


@pytest.mark.parametrize("days", ["0", "3651", "mange"])
def test_retention_is_between_one_day_and_ten_years(dina, instrument, days):
    response = dina.post(_url("collection_create"), _valid(instrument, retention_days=days))
    assert response.status_code == 422
    assert not Collection.objects.exists()


def test_keeping_raw_text_needs_a_reason(dina, instrument):
    response = dina.post(_url("collection_create"), _valid(instrument, keep_raw_text="on"))
    assert response.status_code == 422
    assert "Skriv, hvorfor den umaskerede tekst skal gemmes" in response.content.decode()
    response = dina.post(
        _url("collection_create"),
        _valid(
            instrument, keep_raw_text="on", keep_raw_text_reason="Forskningsprojekt med samtykke."
        ),
    )
    assert response.status_code == 302
    assert Collection.objects.get().keep_raw_text_reason == "Forskningsprojekt med samtykke."


def test_an_instrument_of_another_organisation_cannot_be_chosen(dina, world):
    foreign = make_instrument(world, org=world.org_b)
    response = dina.post(_url("collection_create"), _valid(foreign))
    assert response.status_code == 422
    assert not Collection.objects.exists()


def test_edit_keeps_consent_and_locks_the_instrument_once_stories_exist(dina, world, instrument):
    collection = make_collection(instrument)
    make_story(collection)
    other = make_instrument(world, name="Andet")
    page = dina.get(_url("collection_edit", pk=collection.pk)).content.decode()
    assert (
        "Jeg siger ja." in page and "disabled" in page.split('name="instrument"')[1].split(">")[0]
    )
    data = _valid(other, closes_at="", name="Omdøbt")
    response = dina.post(_url("collection_edit", pk=collection.pk), data)
    assert response.status_code == 302
    collection.refresh_from_db()
    assert collection.name == "Omdøbt" and collection.instrument == instrument
    assert collection.closes_at is None


def test_detail_shows_link_qr_code_and_counts_per_source(dina, instrument):
    collection = make_collection(instrument)
    make_story(collection)
    make_story(collection, source=StorySource.ASSISTED)
    make_story(collection, source=StorySource.ASSISTED)
    response = dina.get(_url("collection_detail", pk=collection.pk))
    content = response.content.decode()
    link = f"http://testserver/c/{collection.slug}/"
    assert link in content
    assert '<svg role="img" aria-label="QR-kode til linket ' + link in content
    assert "<title>QR-kode til linket" in content
    assert "3 historier" in content
    assert '<td>Indtastet af en facilitator</td><td class="number">2</td>' in content
    assert _url("stories", pk=collection.pk) in content
    assert "Luk nu" in content


def test_viewer_sees_the_collection_but_no_actions_and_no_story_link(client, world, instrument):
    collection = make_collection(instrument)
    client.force_login(world.bo)
    content = client.get(_url("collection_detail", pk=collection.pk)).content.decode()
    assert "Luk nu" not in content and _url("stories", pk=collection.pk) not in content


def test_print_view_has_title_qr_and_link(dina, instrument):
    collection = make_collection(instrument)
    content = dina.get(_url("collection_print", pk=collection.pk)).content.decode()
    assert '<h1 lang="da">Fortællinger om samskabelse</h1>' in content
    assert 'class="qr qr-print"><svg role="img"' in content
    assert f"/c/{collection.slug}/</strong>" in content


def test_close_then_reopen(dina, instrument):
    collection = make_collection(instrument)
    response = dina.post(_url("collection_close", pk=collection.pk))
    assert response.status_code == 302
    collection.refresh_from_db()
    assert collection.closes_at is not None and not collection.is_open()
    assert "Genåbn" in dina.get(response["Location"]).content.decode()
    dina.post(_url("collection_reopen", pk=collection.pk))
    collection.refresh_from_db()
    assert collection.closes_at is None and collection.is_open()


def test_closing_a_collection_that_has_not_opened_is_refused(dina, instrument):
    collection = make_collection(instrument, opens_at=timezone.now() + datetime.timedelta(days=3))
    response = dina.post(_url("collection_close", pk=collection.pk), follow=True)
    assert "Indsamlingen er ikke åben og kan derfor ikke lukkes." in response.content.decode()
    collection.refresh_from_db()
    assert collection.closes_at is None


def test_close_and_reopen_need_post(dina, instrument):
    collection = make_collection(instrument)
    assert dina.get(_url("collection_close", pk=collection.pk)).status_code == 405


def test_collection_list_without_n_plus_one(dina, world, instrument, django_assert_max_num_queries):
    for number in range(6):
        make_story(make_collection(instrument, name=f"Runde {number}"))
    make_collection(make_instrument(world, org=world.org_b), name="Fremmed")
    with django_assert_max_num_queries(7):
        content = dina.get(_url("collections")).content.decode()
    assert "Runde 5" in content and "Fremmed" not in content
