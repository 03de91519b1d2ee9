"""What an identity provider said about a person, read from allauth's ``extra_data``.

Plain functions over dictionaries: OpenID Connect keeps ``{"userinfo": ..., "id_token": ...}``,
SAML the assertion's attributes (name → list of values) plus what ``providers.SAMLProvider``
keeps from the assertion itself under ``SAML_SESSION``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

SAML_SESSION = "samskab:saml"

# OpenID Connect: amr values (RFC 8176) that mean more than one factor.
MFA_AMR = frozenset({"mfa", "otp", "hwk", "swk"})
# OIOSAML 3: the NSIS assurance levels that require two factors.
NSIS_LOA = "https://data.gov.dk/concept/core/nsis/loa"
NSIS_MFA_LEVELS = frozenset({f"{NSIS_LOA}/Substantial", f"{NSIS_LOA}/High"})
# OIOSAML 3: roles and job functions arrive as a base64-encoded privilege list (OIO Basic
# Privilege Profile); each <Privilege> is one value.
PRIVILEGES_ATTRIBUTE = "https://data.gov.dk/model/core/eid/privilegesIntermediate"


@dataclass(frozen=True)
class Assertion:
    email: str
    email_verified: bool
    roles: frozenset[str]
    mfa: bool


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list | tuple):
        return [str(item) for item in raw if isinstance(item, str | int)]
    return []


def oidc_claims(extra_data: dict[str, Any]) -> dict[str, Any]:
    """The ID token's claims overlaid with userinfo's (userinfo is the fuller of the two)."""
    id_token = extra_data.get("id_token") or {}
    userinfo = extra_data.get("userinfo") or {}
    return {**id_token, **userinfo}


def oidc_mfa(extra_data: dict[str, Any], acr_values: Iterable[str]) -> bool:
    # amr and acr describe the authentication event, so they are read from the ID token only.
    id_token = extra_data.get("id_token") or {}
    amr = set(_values(id_token.get("amr")))
    acr = id_token.get("acr")
    return bool(amr & MFA_AMR) or (isinstance(acr, str) and acr in set(acr_values))


def oidc_roles(extra_data: dict[str, Any], claim: str) -> frozenset[str]:
    if not claim:
        return frozenset()
    raw = oidc_claims(extra_data).get(claim)
    if isinstance(raw, str):
        return frozenset(raw.split())
    return frozenset(_values(raw))


def oidc_email_verified(extra_data: dict[str, Any]) -> bool:
    verified = oidc_claims(extra_data).get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.lower() == "true")


def privileges(encoded: str) -> list[str]:
    """The privileges of an OIOSAML privilege list (base64 of ``<bpp:PrivilegeList>``)."""
    try:
        xml = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return []
    try:
        # The standard library's parser fetches no external entities; the list comes from a
        # signed assertion, decoded only after the signature was checked.
        root = ElementTree.fromstring(xml)  # noqa: S314
    except ElementTree.ParseError:
        return []
    return [
        (element.text or "").strip()
        for element in root.findall(".//{*}Privilege")
        if (element.text or "").strip()
    ]


def saml_roles(attributes: dict[str, Any], attribute: str) -> frozenset[str]:
    if not attribute:
        return frozenset()
    values = _values(attributes.get(attribute))
    if attribute == PRIVILEGES_ATTRIBUTE:
        return frozenset(p for value in values for p in privileges(value))
    return frozenset(values)


def saml_mfa(attributes: dict[str, Any]) -> bool:
    # The AuthnContextClassRef of the (signed) assertion's AuthnStatement.
    session = attributes.get(SAML_SESSION) or {}
    return bool(set(_values(session.get("authn_contexts"))) & NSIS_MFA_LEVELS)
