"""``{% sso_buttons %}``: one "Log in with …" button per identity provider, on the log-in page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from samskab.sso.models import Connection

register = template.Library()


def login_url(connection: Connection) -> str:
    app = connection.app
    if app.provider == "saml":
        return reverse("saml_login", kwargs={"organization_slug": app.client_id})
    return reverse("openid_connect_login", kwargs={"provider_id": app.provider_id})


@register.inclusion_tag("sso/partials/_login_buttons.html", takes_context=True)
def sso_buttons(context: template.Context) -> dict[str, Any]:
    connections = Connection.objects.select_related("app", "organisation").order_by(
        "organisation__name", "app__name"
    )
    return {
        "buttons": [(connection, login_url(connection)) for connection in connections],
        "csrf_token": context.get("csrf_token"),
        "redirect_field": context.get("redirect_field"),
    }
