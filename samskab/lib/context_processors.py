"""Context for every page: site name, accessibility statement link, the user's organisations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject


def accessibility_statement_url(request: HttpRequest) -> str:
    """The organisation's own statement when the page belongs to one, else the site's.

    Danish law requires every page to link to the statement; the built-in page is the last
    resort so the link is never missing.
    """
    organisation = getattr(request, "organisation", None)
    if organisation is not None and organisation.accessibility_statement_url:
        return str(organisation.accessibility_statement_url)
    return settings.ACCESSIBILITY_STATEMENT_URL or reverse("accessibility")


def _memberships(request: HttpRequest) -> list[Any]:
    # The second-factor middleware may have loaded them already for this request.
    from samskab.organisations.mfa import memberships_of

    return list(memberships_of(request))


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "accessibility_statement_url": SimpleLazyObject(
            lambda: accessibility_statement_url(request)
        ),
        # Evaluated only by templates that show the menu (one query, not one per link).
        "my_memberships": SimpleLazyObject(lambda: _memberships(request)),
    }
