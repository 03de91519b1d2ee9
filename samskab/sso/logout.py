"""SAML single logout started by Samskab: the provider is told when a person logs out here.

At log-in ``signals`` keeps the assertion's NameID and SessionIndex in the session; at log-out
``AccountAdapter.get_logout_redirect_url`` (asked before the session ends) turns them into a
signed LogoutRequest for the provider's single logout endpoint. The provider answers at
allauth's ``saml_sls`` view, which checks the answer's signature.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.saml.utils import build_auth
from django.http import HttpRequest
from django.shortcuts import resolve_url
from onelogin.saml2.errors import OneLogin_Saml2_Error

logger = logging.getLogger(__name__)

SESSION_KEY = "sso_saml_logout"


def remember_saml_session(request: HttpRequest, app: SocialApp, session: dict[str, Any]) -> None:
    provider = get_adapter().get_provider(request, "saml", client_id=app.client_id)
    slo_url = build_auth(request, provider).get_slo_url() or ""
    parts = urlsplit(slo_url)
    request.session[SESSION_KEY] = {
        "client_id": app.client_id,
        # For the CSP of this session's pages (see ``middleware``).
        "slo_origin": f"{parts.scheme}://{parts.netloc}" if slo_url else "",
        **session,
    }


def saml_logout_url(request: HttpRequest) -> str:
    """The provider's single logout address with a signed LogoutRequest, or "" if none."""
    session = request.session.get(SESSION_KEY)
    if not session:
        return ""
    try:
        provider = get_adapter().get_provider(request, "saml", client_id=session["client_id"])
    except SocialApp.DoesNotExist:
        return ""
    auth = build_auth(request, provider)
    if not auth.get_slo_url():
        return ""
    try:
        return str(
            auth.logout(
                return_to=request.build_absolute_uri(
                    resolve_url(account_settings.LOGOUT_REDIRECT_URL)
                ),
                name_id=session.get("name_id"),
                session_index=session.get("session_index"),
                nq=session.get("name_id_nq"),
                name_id_format=session.get("name_id_format"),
                spnq=session.get("name_id_spnq"),
            )
        )
    except OneLogin_Saml2_Error:
        logger.exception("Could not build a SAML LogoutRequest; logging out locally only.")
        return ""
