"""Consent is an explicit yes, and each story records the wording it was given under."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.capture.tests.conftest import story_data
from samskab.instruments import services
from samskab.instruments.models import ConsentText, Story


def consent_of(story: Story) -> ConsentText:
    assert story.consent is not None
    return story.consent


def _post(client, collection, **overrides):
    url = reverse("capture:form", kwargs={"slug": collection.slug})
    return client.post(url, story_data(**overrides))


@pytest.mark.django_db
@pytest.mark.parametrize("said", ["0", "nej", "Nej", "no", "false", "off", "", " ", "2", "x"])
def test_a_value_that_is_not_an_explicit_yes_is_not_consent(client, collection, said):
    response = _post(client, collection, consent=said)
    assert response.status_code == 422
    assert not Story.objects.exists()
    html = response.content.decode()
    assert "Sæt flueben for at sige ja" in html
    # What was typed is kept for the second try.
    assert "Vi byggede en bænk sammen med kommunens gartnere." in html


@pytest.mark.django_db
def test_a_missing_consent_is_not_consent(client, collection):
    response = _post(client, collection, consent=None)
    assert response.status_code == 422 and not Story.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("said", ["on", "yes", "ja", "JA", "true"])
def test_an_explicit_yes_is_consent(client, collection, said):
    assert _post(client, collection, consent=said).status_code == 302
    assert consent_of(Story.objects.get()).number == 1


@pytest.mark.django_db
def test_the_checkbox_sends_an_explicit_yes(client, collection):
    html = client.get(reverse("capture:form", kwargs={"slug": collection.slug})).content.decode()
    assert 'type="checkbox" name="consent"' in html and 'value="yes"' in html
    assert 'name="consent_version" value="1"' in html


@pytest.mark.django_db
def test_a_changed_wording_is_a_new_version_and_the_old_one_is_kept(collection):
    first = collection.consent_text
    collection.consent_text = {"da": "Ny tekst om samtykke.", "en": "New consent text."}
    collection.save()
    versions = list(ConsentText.objects.filter(collection=collection).order_by("number"))
    assert [(v.number, v.text) for v in versions] == [(1, first), (2, collection.consent_text)]
    # Saving without a change writes no new version.
    collection.name = "Nyt navn"
    collection.save()
    assert ConsentText.objects.filter(collection=collection).count() == 2


@pytest.mark.django_db
def test_the_story_records_the_wording_the_page_showed(client, collection):
    # The storyteller opened the form under version 1; the facilitator then changed the text.
    collection.consent_text = {"da": "Ændret tekst.", "en": "Changed text."}
    collection.save()
    assert _post(client, collection, consent="on", consent_version="1").status_code == 302
    story = Story.objects.get()
    assert consent_of(story).number == 1
    assert consent_of(story).text["da"].startswith("Jeg giver lov")
    # A new page shows and records the new wording.
    html = client.get(reverse("capture:form", kwargs={"slug": collection.slug})).content.decode()
    assert "Ændret tekst." in html and 'name="consent_version" value="2"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("claimed", ["99", "-1", "²", "abc", "1.5"])
def test_an_unknown_version_number_records_the_current_wording(client, collection, claimed):
    assert _post(client, collection, consent="on", consent_version=claimed).status_code == 302
    assert consent_of(Story.objects.get()).number == 1


@pytest.mark.django_db
def test_another_collections_version_cannot_be_claimed(client, collection, world):
    from samskab.capture.tests.conftest import make_collection

    other = make_collection(world.org_a, consent_text={"da": "Anden.", "en": "Other."})
    other.consent_text = {"da": "Anden, v2.", "en": "Other, v2."}
    other.save()
    # Version 2 exists only in the other collection: this story gets this collection's current.
    assert _post(client, collection, consent="on", consent_version="2").status_code == 302
    story = Story.objects.get()
    assert consent_of(story).collection_id == collection.pk and consent_of(story).number == 1


@pytest.mark.django_db
def test_a_wording_with_stories_cannot_be_deleted_alone_but_goes_with_its_collection(
    client, collection
):
    from django.db.models import RestrictedError

    _post(client, collection, consent="on")
    with pytest.raises(RestrictedError):
        ConsentText.objects.filter(collection=collection).delete()
    collection.delete()
    assert not Story.objects.exists() and not ConsentText.objects.exists()


@pytest.mark.django_db
def test_the_current_wording_is_recorded_even_after_a_bulk_update(collection):
    type(collection).objects.filter(pk=collection.pk).update(consent_text={"da": "Bulk."})
    collection.refresh_from_db()
    assert services.consent_shown(collection, None).text == {"da": "Bulk."}
