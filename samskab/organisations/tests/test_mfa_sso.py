"""The contract with single sign-on: ``mark_idp_mfa`` in the provider's callback request.

allauth logs a single sign-on user in by recording a ``socialaccount`` authentication step and
then running its log-in stages (``socialaccount/internal/flows/login.py``: ``_login``). These
tests run those same two steps, with and without the mark the SSO adapter sets in
``pre_social_login`` when the identity provider asserted a second factor.
"""

from __future__ import annotations

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from allauth.core import context
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from samskab.organisations.mfa import mark_idp_mfa, mfa_satisfied
from samskab.testing import PASSWORD


@pytest.fixture
def dina(world):
    world.org_a.require_mfa = True
    world.org_a.save()
    TOTP.activate(world.dina, generate_totp_secret())
    return world.dina


def _callback(rf, session):
    request = rf.get("/accounts/sso/callback/")
    request.session = session
    request.user = AnonymousUser()
    request._messages = default_storage(request)
    return request


def _sso_log_in(request, user, *, vouched):
    with context.request_context(request):
        if vouched:
            mark_idp_mfa(request)  # the SSO adapter, in pre_social_login
        record_authentication(request, user, "socialaccount", provider="oidc", uid="u-1")
        return perform_login(request, user, redirect_url="/o/aarby/")


def test_a_vouched_log_in_skips_allauths_second_factor_and_counts(rf, dina):
    request = _callback(rf, SessionStore())
    response = _sso_log_in(request, dina, vouched=True)
    assert response["Location"] == "/o/aarby/"
    assert request.user == dina
    assert mfa_satisfied(request)


def test_without_the_mark_allauth_asks_for_the_second_factor(rf, dina):
    request = _callback(rf, SessionStore())
    response = _sso_log_in(request, dina, vouched=False)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not request.user.is_authenticated


def test_a_mark_from_an_abandoned_attempt_does_not_carry_over(rf, dina):
    session = SessionStore()
    abandoned = _callback(rf, session)
    mark_idp_mfa(abandoned)  # e.g. the adapter refused the person after reading the assertion
    later = _callback(rf, session)
    response = _sso_log_in(later, dina, vouched=False)
    assert response["Location"] == reverse("mfa_authenticate")


def test_the_mark_belongs_to_the_user_it_was_given_for(client, rf, world, dina):
    """Dina's vouched SSO log-in stops half-way (say, at another log-in stage) and she walks
    away; Anna then logs in with her password in the same browser, whose session is kept."""
    session = SessionStore()
    request = _callback(rf, session)
    with context.request_context(request):
        mark_idp_mfa(request)
        record_authentication(request, dina, "socialaccount", provider="oidc", uid="u-1")
    session.save()
    client.cookies["sessionid"] = session.session_key
    client.post(reverse("account_login"), {"login": "anna@example.dk", "password": PASSWORD})
    response = client.get(reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert response["Location"] == reverse("mfa_index")


def test_a_vouched_log_in_needs_no_factor_of_our_own(client, rf, world):
    """Anna has no authenticator here: her identity provider's second factor is enough."""
    world.org_a.require_mfa = True
    world.org_a.save()
    session = SessionStore()
    _sso_log_in(_callback(rf, session), world.anna, vouched=True)
    session.save()
    client.cookies["sessionid"] = session.session_key
    dashboard = reverse("organisations:dashboard", kwargs={"org": "aarby"})
    assert client.get(dashboard).status_code == 200
