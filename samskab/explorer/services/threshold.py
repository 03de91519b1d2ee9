"""Changing an organisation's disclosure threshold k, with an audit entry."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from samskab.analysis.disclosure import check_k
from samskab.explorer.models import ExplorerSettings
from samskab.explorer.services.query import threshold
from samskab.organisations.models import AuditAction, Organisation
from samskab.organisations.services import audit


@transaction.atomic
def change_threshold(organisation: Organisation, k: int, actor: User) -> bool:
    """Set the organisation's k; True if it changed (only a change is saved and audited).

    The analysis cache does not depend on k, so the new value applies from the next page shown.
    """
    check_k(k)
    old = threshold(organisation)
    if k == old:
        return False
    ExplorerSettings.objects.update_or_create(organisation=organisation, defaults={"min_group": k})
    audit(
        organisation,
        actor,
        AuditAction.EXPLORER_THRESHOLD_CHANGED,
        f"k: {old} → {k}",
        object_type="explorer.explorersettings",
        old=old,
        new=k,
    )
    return True
