"""Small helpers shared by the instrument views."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from samskab.instruments.models import Collection
from samskab.organisations.policy import Perm, allows


def can(request: HttpRequest, perm: Perm) -> bool:
    return allows(request.membership, perm)  # type: ignore[attr-defined]


def ui_language(request: HttpRequest, choice: str | None = None) -> str:
    """``choice`` if it is one of ours, else the page's language (da or en)."""
    if choice in ("da", "en"):
        return choice
    return "en" if (get_language() or "da").startswith("en") else "da"


def collection_state(collection: Collection, now: datetime.datetime | None = None) -> str:
    """ "open", "scheduled" (opens later) or "closed"."""
    moment = now or timezone.now()
    if collection.is_open(moment):
        return "open"
    return "scheduled" if collection.opens_at > moment else "closed"
