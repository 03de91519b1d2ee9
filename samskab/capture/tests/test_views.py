"""The public form, thank-you page, withdrawal and assisted entry, through the test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.capture import receipts
from samskab.capture.forms import HONEYPOT
from samskab.capture.tests.conftest import story_data
from samskab.instruments.models import Story, StorySource

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (unique-agent-marker-4711)"


def _form_url(collection):
    return reverse("capture:form", kwargs={"slug": collection.slug})


def _send(client, collection, **overrides):
    return client.post(
        _form_url(collection), story_data(**overrides), REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT
    )


def _receipt(client, collection):
    """Follow the redirect to the thank-you page and read the code shown there."""
    response = client.get(reverse("capture:thanks", kwargs={"slug": collection.slug}))
    assert response.status_code == 200
    return response, response.context["code"]


@pytest.mark.django_db
def test_the_empty_form_renders(client, collection):
    response = client.get(_form_url(collection))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fortællinger om samskabelse" in html
    assert collection.consent_text["da"] in html
    assert 'role="slider"' in html and 'type="range"' in html
    assert "Ikke relevant" in html


@pytest.mark.django_db
def test_english_labels_when_english_is_chosen(client, collection):
    client.cookies["django_language"] = "en"
    html = client.get(_form_url(collection)).content.decode()
    assert "Stories of co-creation" in html and "Not applicable" in html


@pytest.mark.django_db
def test_a_story_is_stored_and_acknowledged_with_a_receipt_code(client, collection):
    response = _send(client, collection)
    thanks = reverse("capture:thanks", kwargs={"slug": collection.slug})
    assert response.status_code == 302 and response["Location"] == thanks
    assert "code" not in response["Location"].lower()
    story = Story.objects.get()
    assert story.source == StorySource.PUBLIC
    assert story.language == "da"
    assert story.answers["felt"] == {"state": "skipped"}
    assert story.answers["difference"] == {"state": "na"}
    page, code = _receipt(client, collection)
    assert code and code in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    # Shown once: the cookie is deleted, a reload shows no code.
    again, second = _receipt(client, collection)
    assert second is None and code not in again.content.decode()


@pytest.mark.django_db
def test_nothing_identifying_is_stored(client, collection):
    _send(client, collection)
    row = Story.objects.values().get()
    flat = " ".join(str(value) for value in row.values())
    assert IP not in flat and AGENT not in flat and "unique-agent-marker" not in flat
    names = {field.name for field in Story._meta.get_fields()}
    assert not names & {"ip", "ip_address", "user_agent", "user", "account", "email", "name"}
    # The rate-limit counters (in the shared cache) hold only keyed hashes.
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {settings.CACHE_TABLE}")  # noqa: S608
        keys = " ".join(row[0] for row in cursor.fetchall())
    assert "samskab-capture" in keys and IP not in keys


@pytest.mark.django_db
def test_a_rejected_story_keeps_everything_typed(client, collection):
    response = _send(client, collection, **{"s-drivers-right": "60", "consent": None})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vi byggede en bænk sammen med kommunens gartnere." in html
    assert 'value="volunteer_citizen" id="id_level_2" checked' in html
    assert 'value="rarely"' in html and 'name="s-frequency-choice" value="rarely"' in html
    assert 'name="s-drivers-right" value="60"' in html
    assert 'id="s-drivers-error"' in html and 'aria-invalid="true"' in html
    assert 'id="id_consent_error"' in html
    assert html.count("Fejl:") == 1  # in the title
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_unknown_fields_are_refused_and_nothing_stored(client, collection):
    response = _send(client, collection, smuggled="1")
    assert response.status_code == 422
    assert "smuggled" in response.content.decode()
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_a_closed_collection_says_so_and_refuses_stories(client, closed_collection):
    response = client.get(_form_url(closed_collection))
    assert response.status_code == 200
    assert "lukket" in response.content.decode()
    response = _send(client, closed_collection)
    assert response.status_code == 409
    assert "Vi byggede en bænk" in response.content.decode()  # the text is handed back
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_a_collection_that_has_not_opened_says_when(client, future_collection):
    response = client.get(_form_url(future_collection))
    assert response.status_code == 200
    assert "åbner" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_collection_is_404(client, world):
    assert client.get(reverse("capture:form", kwargs={"slug": "nope"})).status_code == 404


@pytest.mark.django_db
def test_public_pages_show_no_organisation_menu(client, world, collection):
    client.force_login(world.anna)
    html = client.get(_form_url(collection)).content.decode()
    assert reverse("organisations:dashboard", kwargs={"org": "aarby"}) not in html


@pytest.mark.django_db
def test_the_honeypot_looks_like_success_but_stores_nothing(client, collection):
    response = _send(client, collection, **{HONEYPOT: "https://spam.example"})
    assert response.status_code == 302
    assert not Story.objects.exists()
    _page, code = _receipt(client, collection)
    assert code  # a code that matches nothing


@pytest.mark.django_db
def test_the_rate_limit_refuses_with_429_and_keeps_the_story(client, collection, settings):
    settings.CAPTURE_RATE_LIMITS = {"story": "2/minute"}
    assert _send(client, collection).status_code == 302
    assert _send(client, collection).status_code == 302
    response = _send(client, collection, text="Den tredje historie, som venter.")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Den tredje historie, som venter." in response.content.decode()
    assert Story.objects.count() == 2
    # Another client is not affected.
    other = client.post(_form_url(collection), story_data(), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302


@pytest.mark.django_db
def test_withdrawal_deletes_the_story_once(client, collection):
    _send(client, collection)
    _page, code = _receipt(client, collection)
    url = reverse("capture:withdraw")
    assert client.get(url).status_code == 200
    # The code shows the story and the choices; nothing is deleted yet.
    shown = client.post(url, {"code": code.lower().replace("-", " ")})
    assert shown.status_code == 200 and "Vi byggede en bænk" in shown.content.decode()
    assert Story.objects.exists()
    response = client.post(url, {"code": code.lower().replace("-", " "), "action": "delete"})
    assert response.status_code == 200
    assert "slettet" in response.content.decode()
    assert not Story.objects.exists()
    again = client.post(url, {"code": code})
    assert again.status_code == 422
    assert "Ingen historie har denne kvitteringskode" in again.content.decode()


@pytest.mark.django_db
def test_a_malformed_code_gets_a_clear_message(client, world):
    response = client.post(reverse("capture:withdraw"), {"code": "ABC"})
    assert response.status_code == 422
    assert "12 bogstaver og tal" in response.content.decode()


@pytest.mark.django_db
def test_withdrawal_attempts_are_rate_limited(client, world, settings):
    settings.CAPTURE_RATE_LIMITS = {"withdraw": "3/10 minutes"}
    url = reverse("capture:withdraw")
    for _ in range(3):
        assert client.post(url, {"code": "AAAA-BBBB-CCCC"}).status_code == 422
    response = client.post(url, {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 600
    assert "AAAA-BBBB-CCCC" in response.content.decode()


def _assisted_url(collection):
    return reverse(
        "capture:assisted", kwargs={"org": collection.organisation.slug, "pk": collection.pk}
    )


@pytest.mark.django_db
def test_assisted_entry_marks_the_source_and_shows_the_code(client, world, collection):
    client.force_login(world.dina)
    url = _assisted_url(collection)
    response = client.post(url, story_data())
    assert response.status_code == 302 and response["Location"] == url
    story = Story.objects.get()
    assert story.source == StorySource.ASSISTED
    page = client.get(url)
    code = page.context["saved_code"]
    assert code and code in page.content.decode()
    assert receipts.COOKIE in page.cookies and page.cookies[receipts.COOKIE].value == ""
    assert client.get(url).context["saved_code"] is None


@pytest.mark.django_db
def test_assisted_entry_works_after_the_collection_closed(client, world, closed_collection):
    client.force_login(world.anna)
    response = client.post(_assisted_url(closed_collection), story_data())
    assert response.status_code == 302
    assert Story.objects.get().source == StorySource.ASSISTED


@pytest.mark.django_db
def test_assisted_entry_of_another_organisations_collection_is_404(client, world):
    from samskab.capture.tests.conftest import make_collection

    foreign = make_collection(world.org_b)
    client.force_login(world.anna)
    url = reverse("capture:assisted", kwargs={"org": "aarby", "pk": foreign.pk})
    assert client.get(url).status_code == 404
