"""System check samskab.E001: an organisation-owned model must be scoped.

A model with a foreign key called ``organisation`` but a default manager that is not built from
``OrgQuerySet`` could be queried without the tenant filter by accident; refuse to start.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import checks

from samskab.organisations.scoping import OrgQuerySet


@checks.register(checks.Tags.models)
def check_org_models_are_scoped(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for model in apps.get_models():
        if not model.__module__.startswith("samskab."):
            continue
        field_names = {field.name for field in model._meta.fields}
        if "organisation" not in field_names:
            continue
        if not isinstance(model._default_manager.all(), OrgQuerySet):
            errors.append(
                checks.Error(
                    f"{model.__name__} has an organisation key but no OrgQuerySet manager.",
                    hint="Set objects = OrgQuerySet.as_manager() (or a subclass).",
                    obj=model,
                    id="samskab.E001",
                )
            )
    return errors
