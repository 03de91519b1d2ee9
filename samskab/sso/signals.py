"""After a SAML log-in: keep what single logout needs in the session."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import user_logged_in
from allauth.socialaccount.models import SocialLogin
from django.dispatch import receiver
from django.http import HttpRequest

from samskab.sso import services
from samskab.sso.claims import SAML_SESSION
from samskab.sso.logout import remember_saml_session


@receiver(user_logged_in, dispatch_uid="samskab.sso.after_login")
def after_login(
    sender: Any, request: HttpRequest, sociallogin: SocialLogin | None = None, **kwargs: Any
) -> None:
    if sociallogin is None:
        return
    connection = services.connection_for(sociallogin.account.provider)
    if connection.app.provider == "saml":
        session = sociallogin.account.extra_data.get(SAML_SESSION) or {}
        remember_saml_session(request, connection.app, session)
