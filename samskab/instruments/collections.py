"""Collections (campaigns): create, change, close and reopen. Views call these; they never write.

A collection is open while ``opens_at <= now < closes_at`` (or no closing time). Closing sets the
closing time to now; reopening removes it. Stories keep pointing at their collection either way.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.instruments.forms import CollectionForm
from samskab.instruments.models import Collection
from samskab.organisations.models import Organisation


class CollectionError(Exception):
    """A change that does not fit the collection's state; the message is for the person."""


@transaction.atomic
def save_collection(form: CollectionForm, organisation: Organisation) -> Collection:
    collection = form.save(commit=False)
    collection.organisation = organisation
    collection.save()
    return collection


def _locked(collection: Collection) -> Collection:
    return Collection.objects.select_for_update().get(pk=collection.pk)


@transaction.atomic
def close_collection(collection: Collection, now: datetime.datetime | None = None) -> Collection:
    """Stop taking stories now."""
    moment = now or timezone.now()
    locked = _locked(collection)
    if not locked.is_open(moment):
        raise CollectionError(_("The collection is not open, so it cannot be closed."))
    locked.closes_at = moment
    locked.save(update_fields=["closes_at"])
    return locked


@transaction.atomic
def reopen_collection(collection: Collection, now: datetime.datetime | None = None) -> Collection:
    """Take stories again, with no closing time, after the collection was closed."""
    moment = now or timezone.now()
    locked = _locked(collection)
    if locked.closes_at is None or locked.closes_at > moment:
        raise CollectionError(_("The collection has not closed, so it cannot be reopened."))
    locked.closes_at = None
    locked.save(update_fields=["closes_at"])
    return locked
