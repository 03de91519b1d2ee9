"""Tenant scoping: the only door to rows that belong to an organisation.

Every table owned by an organisation has its own ``organisation`` foreign key and a manager built
from ``OrgQuerySet``, so scoping is always one filter, never a join chain. System check
``samskab.E001`` refuses a model that has the key but not the queryset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samskab.organisations.models import Organisation

M = TypeVar("M", bound=models.Model)


class OrgQuerySet(models.QuerySet[M]):
    def for_org(self, organisation: Organisation) -> Self:
        return self.filter(organisation=organisation)


class OrgOwned(models.Model):
    """Base for every table an organisation owns: its own ``organisation`` key and a scoped manager.

    Subclasses may override ``objects`` with an ``OrgQuerySet`` subclass, or the field itself
    (for a related name, or a nullable key for shared rows).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, verbose_name=_("organisation")
    )

    objects = OrgQuerySet.as_manager()

    class Meta:
        abstract = True


def get_for_org_or_404(
    model: type[M], organisation: Organisation, *, defer: tuple[str, ...] = (), **lookup: Any
) -> M:
    """Fetch one row of ``organisation``; another organisation's row looks absent (404).
    ``defer`` leaves large fields unread until used (e.g. stored files)."""
    queryset = model._default_manager.defer(*defer) if defer else model._default_manager.all()
    if not isinstance(queryset, OrgQuerySet):
        raise TypeError(f"{model.__name__} is not organisation-scoped.")
    return cast(M, get_object_or_404(queryset.for_org(organisation), **lookup))
