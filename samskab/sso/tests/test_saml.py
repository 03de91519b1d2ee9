"""SAML through Django's test client against pysaml2's identity provider, in-process.

The identity provider signs, encrypts and checks signatures itself (pysaml2 with xmlsec1); only
the HTTP between it and the browser is replaced by passing the binding's query or form along.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from cryptography import x509
from django.contrib.auth.models import User
from django.urls import reverse
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from samskab.organisations.mfa import idp_vouched
from samskab.organisations.models import Membership, Role
from samskab.sso.logout import SESSION_KEY
from samskab.sso.tests.conftest import (
    IDP_BASE,
    SAML_PROVIDER_ID,
    SP_HOST,
    make_keypair,
    saml_accounts,
    saml_log_in,
)
from samskab.sso.tests.providers.saml_idp import make_idp, query_of

pytestmark = pytest.mark.django_db

NS = {
    "md": "urn:oasis:names:tc:SAML:2.0:metadata",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
}
SP = f"http://{SP_HOST}/accounts/saml/{SAML_PROVIDER_ID}"
JENS = saml_accounts()["jens"]


def _session_request(client):
    return type("Request", (), {"session": client.session})()


def _path(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_log_in_with_a_signed_and_encrypted_assertion(sp_client, world, broker):
    response = saml_log_in(sp_client, broker, "jens", "jens-pw")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = User.objects.get(email="jens@aarby.dk")
    assert (user.first_name, user.last_name) == ("Jens", "Kofoed")
    assert [(m.organisation, m.role) for m in Membership.objects.filter(user=user)] == [
        (world.org_a, Role.ADMIN)
    ]
    # Keyed by the OIOSAML persistent identifier, under this connection's own provider id.
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == (SAML_PROVIDER_ID, JENS.name_id)
    # NSIS Substantial: the broker vouched for a second factor, and the connection trusts it.
    assert idp_vouched(_session_request(sp_client), user)
    assert sp_client.session[SESSION_KEY]["name_id"] == JENS.name_id


def test_nsis_low_does_not_count_as_a_second_factor(sp_client, world, broker):
    broker.accounts["jens"].loa = "Low"
    saml_log_in(sp_client, broker, "jens", "jens-pw")
    user = User.objects.get(email="jens@aarby.dk")
    assert sp_client.session["_auth_user_id"] == str(user.pk)
    assert not idp_vouched(_session_request(sp_client), user)


def test_an_unencrypted_assertion_is_refused_unless_the_connection_allows_it(
    sp_client, world, broker
):
    broker.encrypt_assertion = False
    response = saml_log_in(sp_client, broker, "jens", "jens-pw")
    assert response.status_code != 302
    assert not User.objects.filter(email="jens@aarby.dk").exists()

    app = SocialApp.objects.get(provider_id=SAML_PROVIDER_ID)
    app.settings = {**app.settings, "advanced": {"want_assertion_encrypted": False}}
    app.save()
    assert saml_log_in(sp_client, broker, "jens", "jens-pw").status_code == 302


def test_a_response_signed_with_another_key_is_refused(sp_client, world, broker, tmp_path):
    impostor_keys = make_keypair("impostor")
    key_file, cert_file = impostor_keys.write(tmp_path, "impostor")
    metadata = sp_client.get(f"{urlsplit(SP).path}/metadata/").content.decode()
    impostor = make_idp(IDP_BASE, key_file, cert_file, metadata, saml_accounts())
    start = sp_client.post(reverse("saml_login", args=[SAML_PROVIDER_ID]))
    key = impostor.receive_authn_request(query_of(start["Location"]))
    post = impostor.authenticate(key, "jens", "jens-pw")
    finish = sp_client.get(sp_client.post(urlsplit(post.url).path, post.fields)["Location"])
    assert finish.status_code != 302
    assert not User.objects.filter(email="jens@aarby.dk").exists()


def test_a_log_in_the_identity_provider_starts_on_its_own_is_refused(sp_client, world, broker):
    post = broker.respond(JENS, f"{SP}/metadata/", f"{SP}/acs/", in_response_to=None)
    finish = sp_client.get(sp_client.post(urlsplit(post.url).path, post.fields)["Location"])
    assert finish.status_code != 302
    assert "_auth_user_id" not in sp_client.session


def test_metadata_at_a_stable_url_is_signed_and_carries_the_signing_certificate(
    sp_client, world, broker, sp_keypair
):
    response = sp_client.get(f"/accounts/saml/{SAML_PROVIDER_ID}/metadata/")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own metadata)
    assert root.get("entityID") == f"{SP}/metadata/"
    sp = root.findall("md:SPSSODescriptor", NS)[0]
    assert sp.get("AuthnRequestsSigned") == "true"
    assert sp.get("WantAssertionsSigned") == "true"
    ours = x509.load_pem_x509_certificate(sp_keypair.cert_pem.encode())
    for use in ("signing", "encryption"):
        text = sp.findall(f"md:KeyDescriptor[@use='{use}']//ds:X509Certificate", NS)[0].text or ""
        published = x509.load_der_x509_certificate(OneLogin_Saml2_Utils.b64decode(text))
        assert published == ours
    acs = sp.findall("md:AssertionConsumerService", NS)[0]
    assert acs.get("Location") == f"{SP}/acs/"
    assert sp.findall("md:SingleLogoutService", NS)[0].get("Location") == f"{SP}/sls/"
    # The metadata's own signature verifies with our certificate.
    assert OneLogin_Saml2_Utils.validate_metadata_sign(
        response.content, sp_keypair.cert_pem, raise_exceptions=True
    )


def test_logging_out_here_logs_out_at_the_broker(sp_client, world, broker):
    saml_log_in(sp_client, broker, "jens", "jens-pw")
    logout = sp_client.post(reverse("account_logout"))
    assert logout["Location"].startswith(f"{IDP_BASE}/slo/redirect?SAMLRequest=")
    assert "Signature=" in logout["Location"]
    assert "_auth_user_id" not in sp_client.session
    # The broker checks the request's signature, ends its session and answers (signed).
    answer = broker.receive_logout_request(query_of(logout["Location"]))
    assert broker.logout_requests == [JENS.name_id]
    assert answer.startswith(f"{SP}/sls/")
    done = sp_client.get(_path(answer))
    assert done.status_code == 302 and urlsplit(done["Location"]).path == "/"


def test_the_broker_logging_out_ends_the_session_here(sp_client, world, broker):
    saml_log_in(sp_client, broker, "jens", "jens-pw")
    assert "_auth_user_id" in sp_client.session
    request = broker.start_logout(JENS.name_id)
    assert request.startswith(f"{SP}/sls/?SAMLRequest=")
    answer = sp_client.get(_path(request))
    assert "_auth_user_id" not in sp_client.session
    assert answer["Location"].startswith(f"{IDP_BASE}/slo/redirect?SAMLResponse=")
    broker.receive_logout_response(query_of(answer["Location"]))
    assert broker.logout_responses == ["urn:oasis:names:tc:SAML:2.0:status:Success"]


def test_an_unsigned_logout_request_is_refused(sp_client, world, broker):
    saml_log_in(sp_client, broker, "jens", "jens-pw")
    request = broker.start_logout(JENS.name_id)
    unsigned = {k: v for k, v in query_of(request).items() if k not in ("Signature", "SigAlg")}
    response = sp_client.get(f"/accounts/saml/{SAML_PROVIDER_ID}/sls/", unsigned)
    assert response.status_code == 400
    assert "_auth_user_id" in sp_client.session


@pytest.mark.parametrize(("loa", "dashboard"), [("Substantial", 200), ("High", 200), ("Low", 302)])
def test_an_organisation_requiring_a_second_factor_accepts_the_brokers(
    sp_client, world, broker, loa, dashboard
):
    world.org_a.require_mfa = True
    world.org_a.save()
    broker.accounts["jens"].loa = loa
    saml_log_in(sp_client, broker, "jens", "jens-pw")
    response = sp_client.get(reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert response.status_code == dashboard
    if dashboard == 302:  # Low: set up Samskab's own second factor first
        assert response["Location"] == reverse("mfa_index")


def test_the_brokers_second_factor_counts_only_when_the_connection_trusts_it(
    sp_client, world, broker
):
    world.org_a.require_mfa = True
    world.org_a.save()
    world.org_a.sso_connections.update(trust_idp_mfa=False)
    saml_log_in(sp_client, broker, "jens", "jens-pw")
    response = sp_client.get(reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert response.status_code == 302
