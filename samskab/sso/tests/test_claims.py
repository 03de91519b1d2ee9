"""Reading what a provider said: roles, e-mail verification and the second factor."""

from __future__ import annotations

import base64

from samskab.sso import claims
from samskab.sso.tests.conftest import privilege_list


def test_privileges_of_an_oiosaml_privilege_list():
    encoded = privilege_list("urn:role:a", "urn:role:b")
    assert claims.privileges(encoded) == ["urn:role:a", "urn:role:b"]
    attributes = {claims.PRIVILEGES_ATTRIBUTE: [encoded]}
    assert claims.saml_roles(attributes, claims.PRIVILEGES_ATTRIBUTE) == {
        "urn:role:a",
        "urn:role:b",
    }


def test_a_broken_privilege_list_gives_no_roles():
    assert claims.privileges("not base64!") == []
    assert claims.privileges(base64.b64encode(b"<unclosed").decode()) == []


def test_plain_saml_role_values():
    attributes = {"http://schemas.microsoft.com/ws/2008/06/identity/claims/role": ["A", "B"]}
    roles = claims.saml_roles(
        attributes, "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
    )
    assert roles == {"A", "B"}


def test_oidc_roles_as_a_list_or_a_space_separated_string():
    assert claims.oidc_roles({"userinfo": {"roles": ["A", "B"]}}, "roles") == {"A", "B"}
    assert claims.oidc_roles({"id_token": {"groups": "A B"}}, "groups") == {"A", "B"}
    assert claims.oidc_roles({"userinfo": {"roles": ["A"]}}, "") == frozenset()


def test_oidc_email_verified_only_when_the_claim_says_so():
    assert claims.oidc_email_verified({"userinfo": {"email_verified": True}})
    assert claims.oidc_email_verified({"id_token": {"email_verified": "true"}})
    assert not claims.oidc_email_verified({"userinfo": {"email_verified": False}})
    assert not claims.oidc_email_verified({"userinfo": {"email": "x@aarby.dk"}})


def test_oidc_second_factor_from_amr_or_a_configured_acr():
    assert claims.oidc_mfa({"id_token": {"amr": ["pwd", "hwk"]}}, [])
    assert not claims.oidc_mfa({"id_token": {"amr": ["pwd"]}}, [])
    assert claims.oidc_mfa({"id_token": {"acr": "urn:mfa"}}, ["urn:mfa"])
    assert not claims.oidc_mfa({"id_token": {"acr": "urn:mfa"}}, [])
    # amr describes the log-in: userinfo cannot claim it.
    assert not claims.oidc_mfa({"userinfo": {"amr": ["mfa"]}}, [])


def test_saml_second_factor_from_the_nsis_level():
    def session(*contexts):
        return {claims.SAML_SESSION: {"authn_contexts": list(contexts)}}

    assert claims.saml_mfa(session(f"{claims.NSIS_LOA}/Substantial"))
    assert claims.saml_mfa(session(f"{claims.NSIS_LOA}/High"))
    assert not claims.saml_mfa(session(f"{claims.NSIS_LOA}/Low"))
    assert not claims.saml_mfa(session("urn:oasis:names:tc:SAML:2.0:ac:classes:Password"))
