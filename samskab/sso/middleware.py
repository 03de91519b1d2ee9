"""Lets Samskab's own forms lead on to an identity provider under the Content-Security-Policy.

Browsers check CSP ``form-action`` on every redirect that follows a form's submission. The
"Log in with …" buttons post to Samskab, which redirects to the provider; the log-out button
posts to Samskab, which (after a SAML log-in) redirects to the provider's single logout. So the
log-in page allows the origins of the connected providers, and every page of a SAML session
allows its provider's logout origin. Nothing else is widened.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

from samskab.sso.logout import SESSION_KEY
from samskab.sso.models import Connection


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def login_origins() -> set[str]:
    origins = set()
    for connection in Connection.objects.select_related("app"):
        config = connection.app.settings
        if connection.app.provider == "saml":
            idp = config.get("idp", {})
            origins.add(origin(idp.get("sso_url") or idp.get("metadata_url") or ""))
        else:
            origins.add(origin(config.get("server_url", "")))
    return origins - {""}


class IdentityProviderFormActionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        origins: set[str] = set()
        match = request.resolver_match
        if match is not None and match.url_name == "account_login":
            origins |= login_origins()
        saml_session = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if saml_session and saml_session.get("slo_origin"):
            origins.add(saml_session["slo_origin"])
        if origins:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *sorted(origins)]
            response._csp_update = update  # type: ignore[attr-defined]
        return response
