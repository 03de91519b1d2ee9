"""End to end in Chromium: log in at a real identity provider and land in Samskab.

The pages keep their Content-Security-Policy here (a context of our own, without the suite's
``bypass_csp``): the log-in button's form must be allowed to lead to the provider.
"""

from __future__ import annotations

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import User
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.organisations.models import Membership, Role
from samskab.sso.tests.conftest import connect_oidc, saml_accounts
from samskab.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


def test_oidc_log_in_places_the_person_in_the_providers_organisation(
    csp_page, live_server, world, oidc_provider
):
    connect_oidc(world.org_a, oidc_provider.issuer)
    page = csp_page
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_role("button", name=re.compile("Aarby Entra ID")).click()
    page.wait_for_url(oidc_provider.issuer + "/interaction/**")
    page.fill("#login", "mette")
    page.fill("#password", "mette-pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + reverse("home"))
    assert "mette@aarby.dk" in page.content()

    user = User.objects.get(email="mette@aarby.dk")
    assert [(m.organisation, m.role) for m in Membership.objects.filter(user=user)] == [
        (world.org_a, Role.FACILITATOR)
    ]
    assert SocialAccount.objects.get(user=user).uid == "mette"


def test_saml_log_in_and_single_logout(csp_page, live_server, world, saml_idp):
    page = csp_page
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_role("button", name=re.compile("Aarby Adgangsstyring")).click()
    page.wait_for_url(saml_idp.base_url + "/sso/redirect**")
    page.fill("#login", "jens")
    page.fill("#password", "jens-pw")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Continue").click()  # the HTTP-POST binding's form
    page.wait_for_url(live_server.url + reverse("home"))
    assert "jens@aarby.dk" in page.content()
    user = User.objects.get(email="jens@aarby.dk")
    assert [(m.organisation, m.role) for m in Membership.objects.filter(user=user)] == [
        (world.org_a, Role.ADMIN)
    ]

    # Logging out of Samskab logs out at the broker too (signed LogoutRequest and answer).
    page.locator("form[action='%s'] button" % reverse("account_logout")).click()
    page.wait_for_url(live_server.url + "/")
    assert saml_idp.app.logout_requests == [saml_accounts()["jens"].name_id]
    assert "jens@aarby.dk" not in page.content()
    page.goto(live_server.url + reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert "/accounts/login/" in page.url


def test_sso_pages_pass_axe(page, live_server, world):
    connection = connect_oidc(world.org_a, "https://login.example.test/tenant/v2.0")
    page.goto(live_server.url + reverse("account_login"))
    assert not run_axe(page), describe_violations(run_axe(page))
    page.fill("input[name=login]", "anna@example.dk")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action='%s'] button" % reverse("account_login")).click()
    page.wait_for_url(live_server.url + reverse("home"))
    for url in (
        reverse("sso:connections", kwargs={"org": "aarby"}),
        reverse("sso:connection_roles", kwargs={"org": "aarby", "pk": connection.pk}),
    ):
        page.goto(live_server.url + url)
        violations = run_axe(page)
        assert not violations, f"{url}: {describe_violations(violations)}"
    # A rejected mapping keeps what was typed, and still passes.
    page.fill("#id_role_lines", "no equals sign here")
    page.get_by_role("button", name=re.compile("Gem|Save")).click()
    assert page.input_value("#id_role_lines") == "no equals sign here"
    assert not run_axe(page)
