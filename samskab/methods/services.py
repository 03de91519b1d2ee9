"""Creating and changing an organisation's own methods (shared methods are never changed)."""

from __future__ import annotations

from django.db import transaction

from samskab.methods.forms import MethodForm
from samskab.methods.models import Method
from samskab.organisations.models import Organisation


class MethodError(Exception):
    pass


@transaction.atomic
def save_method(form: MethodForm, organisation: Organisation) -> Method:
    """Save a validated method form as one of ``organisation``'s own methods."""
    method: Method = form.save(commit=False)
    if method.pk and method.organisation_id != organisation.pk:
        # Views only hand us the organisation's own methods; this guards the invariant.
        raise MethodError("Only an organisation's own methods can be changed.")
    method.organisation = organisation
    method.save()
    return method
