"""Audit entries for every change to a project's effect measurement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from samskab.organisations.models import AuditAction
from samskab.organisations.services import audit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

VERBS = {
    "created": AuditAction.MEASUREMENT_CREATED,
    "changed": AuditAction.MEASUREMENT_CHANGED,
    "deleted": AuditAction.MEASUREMENT_DELETED,
}


def record(
    actor: User | AnonymousUser | None, verb: str, obj: models.Model, **details: object
) -> None:
    """Write one audit entry for ``obj`` (any organisation-owned measurement row)."""
    organisation = obj.organisation  # type: ignore[attr-defined]
    user = actor if actor is not None and actor.is_authenticated else None
    audit(
        organisation,
        user,
        VERBS[verb],
        str(obj)[:200],
        object_type=obj._meta.label_lower,
        model=obj._meta.model_name,
        id=obj.pk,
        **details,
    )
