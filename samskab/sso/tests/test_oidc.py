"""OpenID Connect log-ins through Django's test client against the real `oidc-provider`.

The provider runs on loopback (conftest.oidc_server); allauth talks to it over HTTP for the
discovery document, the token (with the PKCE verifier) and userinfo.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import User
from django.urls import reverse

from samskab.organisations.mfa import idp_vouched
from samskab.organisations.models import AuditAction, AuditEntry, Membership, Role
from samskab.sso.tests.conftest import OIDC_PROVIDER_ID, connect_oidc, oidc_log_in

pytestmark = pytest.mark.django_db


def _roles(user):
    return sorted((m.organisation.slug, m.role) for m in Membership.objects.filter(user=user))


def _refusal(response):
    assert response.status_code == 403
    return response.content.decode()


def test_the_authorization_request_uses_pkce(client, world, oidc_server):
    connect_oidc(world.org_a, oidc_server.issuer)
    start = client.post(reverse("openid_connect_login", args=[OIDC_PROVIDER_ID]))
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43  # base64url of a SHA-256 digest
    assert query["response_type"] == ["code"]


def test_a_new_person_gets_the_mapped_role_in_the_providers_organisation_only(
    client, world, oidc_server
):
    connect_oidc(world.org_a, oidc_server.issuer)
    response = oidc_log_in(client, oidc_server.issuer, "mette")
    assert response.status_code == 302
    user = User.objects.get(email="mette@aarby.dk")
    assert _roles(user) == [("aarby", Role.FACILITATOR)]
    assert not user.has_usable_password()
    assert client.session["_auth_user_id"] == str(user.pk)
    entry = AuditEntry.objects.get(target="mette@aarby.dk", action=AuditAction.MEMBER_ADDED)
    assert entry.organisation == world.org_a
    assert entry.details["sso_provider"] == OIDC_PROVIDER_ID


def test_the_providers_second_factor_is_trusted_only_when_configured(client, world, oidc_server):
    connection = connect_oidc(world.org_a, oidc_server.issuer)
    oidc_log_in(client, oidc_server.issuer, "mette")  # amr: pwd, otp
    user = User.objects.get(email="mette@aarby.dk")
    request = type("Request", (), {"session": client.session})()
    assert idp_vouched(request, user)

    client.logout()
    connection.trust_idp_mfa = False
    connection.save()
    oidc_log_in(client, oidc_server.issuer, "mette")
    request = type("Request", (), {"session": client.session})()
    assert not idp_vouched(request, user)


def test_an_account_of_another_organisation_cannot_be_pulled_in(client, world, oidc_server):
    connect_oidc(world.org_a, oidc_server.issuer)
    page = _refusal(oidc_log_in(client, oidc_server.issuer, "carl"))
    assert "carl@example.dk" in page
    assert _roles(world.carl) == [("boegelund", Role.ADMIN)]
    assert not SocialAccount.objects.filter(user=world.carl).exists()
    assert "_auth_user_id" not in client.session


def test_an_unverified_address_is_not_matched_to_an_existing_account(client, world, oidc_server):
    connect_oidc(world.org_a, oidc_server.issuer)
    _refusal(oidc_log_in(client, oidc_server.issuer, "erik-unverified"))
    assert not SocialAccount.objects.exists()
    assert _roles(world.erik) == [("aarby", Role.ANALYST)]
    assert User.objects.filter(email__iexact="erik@example.dk").count() == 1
    assert "_auth_user_id" not in client.session


def test_a_verified_address_links_the_existing_member_and_sets_the_mapped_role(
    client, world, oidc_server
):
    connect_oidc(world.org_a, oidc_server.issuer)
    response = oidc_log_in(client, oidc_server.issuer, "erik")
    assert response.status_code == 302
    assert SocialAccount.objects.get(provider=OIDC_PROVIDER_ID).user == world.erik
    assert _roles(world.erik) == [("aarby", Role.FACILITATOR)]
    assert client.session["_auth_user_id"] == str(world.erik.pk)


def test_someone_without_a_mapped_role_is_refused(client, world, oidc_server):
    connect_oidc(world.org_a, oidc_server.issuer)
    page = _refusal(oidc_log_in(client, oidc_server.issuer, "nils"))
    assert "Aarby Entra ID" in page and "Aarby Kommune" in page
    assert not User.objects.filter(email="nils@aarby.dk").exists()


def test_the_default_role_lets_someone_without_a_mapped_role_in(client, world, oidc_server):
    connect_oidc(world.org_a, oidc_server.issuer, default_role=Role.VIEWER)
    assert oidc_log_in(client, oidc_server.issuer, "nils").status_code == 302
    assert _roles(User.objects.get(email="nils@aarby.dk")) == [("aarby", Role.VIEWER)]


def test_a_domain_the_connection_does_not_allow_is_refused(client, world, oidc_server):
    connect_oidc(world.org_a, oidc_server.issuer)
    _refusal(oidc_log_in(client, oidc_server.issuer, "gorm"))
    assert not User.objects.filter(email="gorm@gmail.example").exists()


def test_access_ends_when_the_provider_stops_sending_a_role(client, world, oidc_server):
    connection = connect_oidc(world.org_a, oidc_server.issuer)
    oidc_log_in(client, oidc_server.issuer, "mette")
    client.logout()
    user = User.objects.get(email="mette@aarby.dk")
    connection.role_map = {"Samskab-Admin": "admin"}  # Samskab-Facilitator no longer mapped
    connection.save()
    _refusal(oidc_log_in(client, oidc_server.issuer, "mette"))
    assert _roles(user) == []
    assert "_auth_user_id" not in client.session


def test_access_stays_when_the_connection_keeps_it(client, world, oidc_server):
    connection = connect_oidc(world.org_a, oidc_server.issuer)
    oidc_log_in(client, oidc_server.issuer, "mette")
    client.logout()
    user = User.objects.get(email="mette@aarby.dk")
    connection.role_map = {}
    connection.remove_access_without_role = False
    connection.save()
    assert oidc_log_in(client, oidc_server.issuer, "mette").status_code == 302
    assert _roles(user) == [("aarby", Role.FACILITATOR)]


def test_a_logged_in_member_cannot_connect_a_provider_account_to_theirs(client, world, oidc_server):
    connect_oidc(world.org_a, oidc_server.issuer)
    client.force_login(world.carl)  # of organisation B, connecting A's provider
    _refusal(oidc_log_in(client, oidc_server.issuer, "mette", process="connect"))
    assert not SocialAccount.objects.exists()
    assert _roles(world.carl) == [("boegelund", Role.ADMIN)]
