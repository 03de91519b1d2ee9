"""The receipt cookie is Secure in production, behind a proxy or not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.capture.receipts import COOKIE
from samskab.capture.tests.conftest import story_data


def _cookie(response):
    return response.cookies[COOKIE]


@pytest.mark.django_db
def test_secure_even_when_the_proxy_header_is_not_trusted(client, collection, settings):
    # Production (DEBUG off): secure cookies, whatever the request looks like to Django.
    settings.SESSION_COOKIE_SECURE = True
    url = reverse("capture:form", kwargs={"slug": collection.slug})
    response = client.post(url, story_data())
    assert response.status_code == 302 and _cookie(response)["secure"]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_https_is_recognised(client, collection, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = reverse("capture:form", kwargs={"slug": collection.slug})
    response = client.post(url, story_data(), HTTP_X_FORWARDED_PROTO="https")
    assert _cookie(response)["secure"]
    plain = client.post(url, story_data(title="Anden"), HTTP_X_FORWARDED_PROTO="http")
    assert not _cookie(plain)["secure"]
