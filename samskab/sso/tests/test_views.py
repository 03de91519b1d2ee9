"""The organisation's single sign-on pages, and the log-in page's buttons."""

from __future__ import annotations

import time

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.organisations import mfa
from samskab.organisations.models import Role
from samskab.sso.models import Connection
from samskab.sso.tests.conftest import connect_oidc, connect_saml

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.test/tenant/v2.0"


def test_the_administrator_maps_roles(client, world):
    connection = connect_oidc(world.org_a, ISSUER)
    client.force_login(world.anna)
    url = reverse("sso:connection_roles", kwargs={"org": "aarby", "pk": connection.pk})
    response = client.post(
        url,
        {
            "role_attribute": "groups",
            "role_lines": "Samskab Læsere = viewer\n\nSamskab-Fac = Facilitator\n",
            "default_role": "",
            "remove_access_without_role": "on",
            "mfa_acr_values": "urn:example:mfa",
        },
    )
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.role_attribute == "groups"
    assert connection.role_map == {"Samskab Læsere": "viewer", "Samskab-Fac": "facilitator"}
    assert not connection.trust_idp_mfa
    assert connection.mfa_acr_values == "urn:example:mfa"


def test_a_line_that_is_not_a_mapping_is_shown_with_its_number(client, world):
    connection = connect_oidc(world.org_a, ISSUER)
    client.force_login(world.anna)
    url = reverse("sso:connection_roles", kwargs={"org": "aarby", "pk": connection.pk})
    response = client.post(url, {"role_lines": "A = viewer\nB = superuser"})
    assert response.status_code == 422
    assert response.context["form"].errors.as_data()["role_lines"][0].params == {"number": 2}
    connection.refresh_from_db()
    assert "A" not in connection.role_map


def test_the_page_shows_what_to_register_at_the_broker(client, world):
    connect_saml(world.org_a, "https://broker.test", "CERT")
    client.force_login(world.anna)
    page = client.get(reverse("sso:connections", kwargs={"org": "aarby"})).content.decode()
    assert "http://testserver/accounts/saml/aarby-broker/metadata/" in page
    assert "http://testserver/accounts/saml/aarby-broker/acs/" in page
    assert "http://testserver/accounts/saml/aarby-broker/sls/" in page


def test_the_log_in_page_offers_each_connection(client, world):
    connect_oidc(world.org_a, ISSUER)
    connect_saml(world.org_b, "https://broker.test", "CERT")
    response = client.get(reverse("account_login"))
    page = response.content.decode()
    assert 'action="/accounts/oidc/aarby-entra/login/"' in page
    assert 'action="/accounts/saml/aarby-broker/login/"' in page
    # The buttons' forms lead to the providers: the CSP lets them (and nothing else) through.
    csp = response["Content-Security-Policy"]
    form_action = next(d for d in csp.split(";") if d.strip().startswith("form-action"))
    assert "https://login.example.test" in form_action and "https://broker.test" in form_action


def test_other_pages_do_not_widen_form_action(client, world):
    connect_oidc(world.org_a, ISSUER)
    response = client.get(reverse("accessibility"))
    assert "login.example.test" not in response["Content-Security-Policy"]


def test_a_connection_needs_its_own_provider_id_and_known_roles(world):
    app = SocialApp.objects.create(provider="openid_connect", name="X", client_id="x")
    connection = Connection(organisation=world.org_a, app=app, email_domains="aarby.dk")
    with pytest.raises(ValidationError) as error:
        connection.full_clean()
    assert error.value.error_dict["__all__"][0].code == "no_provider_id"
    app.provider_id = "x"
    connection.role_map = {"Chefer": "superuser"}
    with pytest.raises(ValidationError) as error:
        connection.full_clean()
    assert error.value.error_dict["role_map"][0].code == "unknown_role"
    connection.role_map = {"Chefer": Role.ADMIN.value}
    connection.full_clean()


def test_the_operator_connects_a_provider_in_the_django_admin(client, world):
    operator = world.anna
    operator.is_staff = operator.is_superuser = True
    operator.save()
    client.force_login(operator)
    session = client.session  # the operator gave a second factor (the admin requires one)
    session[mfa.SESSION_KEY] = {"user": str(operator.pk), "passed_at": time.time()}
    session.save()
    connection = connect_oidc(world.org_a, ISSUER)
    response = client.get(reverse("admin:socialaccount_socialapp_change", args=[connection.app.pk]))
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.model is Connection
    assert 'name="samskab_connection-0-email_domains"' in response.content.decode()


def test_the_log_in_page_works_while_the_saml_key_is_missing(client, world, settings):
    settings.SSO_SAML_PRIVATE_KEY = settings.SSO_SAML_CERTIFICATE = ""
    connect_saml(world.org_a, "https://broker.test", "CERT")
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert 'action="/accounts/saml/aarby-broker/login/"' in response.content.decode()
