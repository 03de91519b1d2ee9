"""allauth's SAML provider with the OIOSAML 3 profile's security settings always on.

Registered through ``SOCIALACCOUNT_PROVIDERS["saml"]["provider_class"]``; allauth's own SAML
views and URLs serve it. What an organisation's connection cannot weaken: the service provider's
key signs every request and logout message and the metadata, assertions must be signed, SHA-1 is
refused, and log-ins the identity provider starts on its own (no request of ours) are refused.
"""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.providers.saml.provider import SAMLProvider as AllauthSAMLProvider
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from samskab.sso.claims import SAML_SESSION

OIOSAML = "https://data.gov.dk/model/core/eid"

# Always on, whatever the connection's own settings say.
ENFORCED = {
    "strict": True,
    "authn_request_signed": True,
    "logout_request_signed": True,
    "logout_response_signed": True,
    "metadata_signed": True,
    "want_assertion_signed": True,
    "reject_deprecated_algorithm": True,
    "reject_idp_initiated_sso": True,
    "digest_algorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
    "signature_algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
}
# On unless a connection turns them off (some brokers neither sign the response around the
# signed assertion nor encrypt it; OIOSAML 3 brokers do both).
DEFAULTS = {"want_message_signed": True, "want_assertion_encrypted": True}


class SAMLProvider(AllauthSAMLProvider):  # type: ignore[misc]
    package = "allauth.socialaccount.providers.saml"  # allauth's views and URLs
    default_attribute_mapping = {
        # The OIOSAML 3 persistent professional identifier, else the SAML subject-id, else
        # the NameID (allauth's fallback).
        "uid": [
            f"{OIOSAML}/professional/uuid/persistent",
            "urn:oasis:names:tc:SAML:attribute:subject-id",
        ],
        "email": [
            f"{OIOSAML}/email",
            "urn:oid:0.9.2342.19200300.100.1.3",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        ],
        "first_name": [
            f"{OIOSAML}/firstName",
            "urn:oid:2.5.4.42",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        ],
        "last_name": [
            f"{OIOSAML}/lastName",
            "urn:oid:2.5.4.4",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        ],
    }

    def __init__(self, request: HttpRequest, app: Any = None) -> None:
        super().__init__(request, app=app)
        if not settings.SSO_SAML_PRIVATE_KEY or not settings.SSO_SAML_CERTIFICATE:
            raise ImproperlyConfigured(
                "SAML single sign-on needs SSO_SAML_PRIVATE_KEY and SSO_SAML_CERTIFICATE."
            )
        # A copy: the app row itself is never saved with the key in it.
        config = dict(self.app.settings)
        config["advanced"] = {
            **DEFAULTS,
            **config.get("advanced", {}),
            **ENFORCED,
            "private_key": settings.SSO_SAML_PRIVATE_KEY,
            "x509cert": settings.SSO_SAML_CERTIFICATE,
        }
        self.app.settings = config

    def extract_extra_data(self, data: Any) -> dict[str, Any]:
        """The attributes, plus what single logout and the second factor need later."""
        extra: dict[str, Any] = dict(data.get_attributes())
        extra[SAML_SESSION] = {
            "name_id": data.get_nameid(),
            "name_id_format": data.get_nameid_format(),
            "name_id_nq": data.get_nameid_nq(),
            "name_id_spnq": data.get_nameid_spnq(),
            "session_index": data.get_session_index(),
            "authn_contexts": list(data.get_last_authn_contexts()),
        }
        return extra
