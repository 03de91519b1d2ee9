"""The backstop: an organisation route whose view forgot ``org_view`` is refused, never served."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import include, path

from samskab.organisations.policy import Perm, org_view

SECRET = "the organisation's private data"


def forgot_the_policy(request: HttpRequest, org: str) -> HttpResponse:
    return HttpResponse(SECRET)


@org_view(Perm.VIEW_ORGANISATION)
def guarded(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SECRET)


def not_an_organisation_route(request: HttpRequest) -> HttpResponse:
    return HttpResponse("public")


urlpatterns = [
    path("o/<slug:org>/leak/", forgot_the_policy),
    path("o/<slug:org>/guarded/", guarded),
    path("public/", not_an_organisation_route),
    path("", include("samskab.urls")),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_a_view_without_the_policy_is_refused_for_everyone(client, world):
    for user in (world.anna, world.carl):
        client.force_login(user)
        with pytest.raises(ImproperlyConfigured, match="without policy.org_view"):
            client.get(f"/o/{world.org_a.slug}/leak/")


@override_settings(DEBUG=False)
def test_the_refusal_is_a_server_error_not_the_data(world):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(world.carl)
    response = client.get(f"/o/{world.org_a.slug}/leak/")
    assert response.status_code == 500 and SECRET not in response.content.decode()


def test_the_same_view_with_the_policy_serves_members_only(client, world):
    client.force_login(world.carl)
    assert client.get(f"/o/{world.org_a.slug}/guarded/").status_code == 404
    client.force_login(world.anna)
    assert client.get(f"/o/{world.org_a.slug}/guarded/").content.decode() == SECRET


def test_routes_without_an_organisation_are_left_alone(client, world):
    client.force_login(world.anna)
    assert client.get("/public/").content.decode() == "public"
