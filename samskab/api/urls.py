"""URL patterns of the API. Authentication is per operation (public or session), so the views
are exempt from LoginRequiredMiddleware, which would otherwise redirect API clients to a page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern

from samskab.api.api import api


def api_urls() -> tuple[list[Any], str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
            # Each staff operation calls policy.authorise itself (see OrganisationMiddleware).
            pattern.callback.authorises_per_operation = True  # type: ignore[attr-defined]
    return patterns, app_name, namespace
