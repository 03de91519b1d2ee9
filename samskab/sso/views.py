"""The organisation's single sign-on page: what to tell the provider, and how roles map."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.organisations.policy import OrgRequest, Perm, org_view
from samskab.organisations.scoping import get_for_org_or_404
from samskab.sso.forms import ConnectionRolesForm
from samskab.sso.models import Connection


def _endpoints(request: OrgRequest, connection: Connection) -> list[tuple[str, str]]:
    """The addresses the identity provider's administrator registers for Samskab."""
    app = connection.app
    if app.provider == "saml":
        slug = {"organization_slug": app.client_id}
        metadata = request.build_absolute_uri(reverse("saml_metadata", kwargs=slug))
        return [
            (_("Metadata (and entity ID)"), metadata),
            (
                _("Assertion consumer service"),
                request.build_absolute_uri(reverse("saml_acs", kwargs=slug)),
            ),
            (
                _("Single logout service"),
                request.build_absolute_uri(reverse("saml_sls", kwargs=slug)),
            ),
        ]
    callback = reverse("openid_connect_callback", kwargs={"provider_id": app.provider_id})
    return [(_("Redirect URI"), request.build_absolute_uri(callback))]


@require_GET
@org_view(Perm.MANAGE_SETTINGS)
def connections(request: OrgRequest) -> HttpResponse:
    organisation = request.organisation
    rows = [
        (connection, _endpoints(request, connection))
        for connection in Connection.objects.for_org(organisation).select_related("app")
    ]
    return render(
        request, "sso/connections.html", {"organisation": organisation, "connections": rows}
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_SETTINGS)
def connection_roles(request: OrgRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    connection = get_for_org_or_404(Connection, organisation, pk=pk)
    form = ConnectionRolesForm(request.POST or None, instance=connection)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The single sign-on settings were saved."))
            return redirect("sso:connections", org=organisation.slug)
        status = 422
    else:
        status = 200
    context = {"organisation": organisation, "connection": connection, "form": form}
    return render(request, "sso/connection_roles.html", context, status=status)
