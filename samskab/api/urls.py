"""URL patterns of the API. Authentication is per operation (public or session), so the views
are exempt from LoginRequiredMiddleware, which would otherwise redirect API clients to a page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _

from samskab.api.api import api
from samskab.api.errors import error_body


@login_not_required
def unknown(request: HttpRequest) -> HttpResponse:
    """Any other address under the API: a JSON 404 in the API's error shape, not a page."""
    body = error_body("not_found", _("There is nothing at this address."))
    return api.create_response(request, body, status=404)


def api_urls() -> tuple[list[Any], str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
            # Each staff operation calls policy.authorise itself (see OrganisationMiddleware).
            pattern.callback.authorises_per_operation = True  # type: ignore[attr-defined]
    return [*patterns, re_path(r"", unknown, name="unknown")], app_name, namespace
