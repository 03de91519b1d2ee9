"""A refused security token loses nothing typed, in the site's layout and language."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from samskab.capture.tests.conftest import story_data
from samskab.instruments.models import Story

TYPED = "Vi byggede en bænk sammen med kommunens gartnere."


@pytest.mark.django_db
def test_a_stale_form_comes_back_with_the_story_and_a_fresh_token(collection):
    client = Client(enforce_csrf_checks=True)
    url = reverse("capture:form", kwargs={"slug": collection.slug})
    response = client.post(url, story_data(csrfmiddlewaretoken="stale-token-from-hours-ago"))
    assert response.status_code == 403
    html = response.content.decode()
    # Danish, in the site's layout, with the explanation and the story still there.
    assert '<html lang="da">' in html and 'class="capture-form"' in html
    assert "Din historie blev ikke sendt" in html
    assert TYPED in html and "Bænken i parken" in html
    assert "CSRF" not in html and "Forbidden" not in html
    assert not Story.objects.exists()
    # The page carries a fresh token: sending again works.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    again = client.post(url, story_data(csrfmiddlewaretoken=token.group(1)))
    assert again.status_code == 302 and Story.objects.get().text == TYPED


@pytest.mark.django_db
def test_english_when_english_was_chosen(collection):
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    url = reverse("capture:form", kwargs={"slug": collection.slug})
    html = client.post(url, story_data()).content.decode()
    assert '<html lang="en">' in html and "Your story was not sent" in html and TYPED in html


@pytest.mark.django_db
def test_other_forms_show_what_was_typed_but_never_a_password(client, world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"), {"login": "someone@example.dk", "password": "hemmelig-1234"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formularen kunne ikke sendes" in html and '<html lang="da">' in html
    assert "someone@example.dk" in html and "hemmelig-1234" not in html


@pytest.mark.django_db
def test_typed_text_is_escaped_on_the_generic_page(world):
    client = Client(enforce_csrf_checks=True)
    html = client.post(
        reverse("account_login"), {"login": "<script>alert(1)</script>"}
    ).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
