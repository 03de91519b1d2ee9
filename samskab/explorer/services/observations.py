"""Saving a view of a collection together with an observation about it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from samskab.explorer.forms import ObservationForm
from samskab.explorer.models import Observation, SavedView
from samskab.instruments.models import Collection


@transaction.atomic
def save_observation(
    collection: Collection, form: ObservationForm, actor: User | None
) -> Observation:
    data = form.cleaned_data
    view = SavedView.objects.create(
        organisation=collection.organisation,
        collection=collection,
        title=data["title"],
        query=data.get("query", ""),
        signifier=data.get("signifier", ""),
        comparison=data.get("comparison", ""),
        created_by=actor,
    )
    return Observation.objects.create(
        organisation=collection.organisation,
        saved_view=view,
        text=data["text"],
        interpretations=form.interpretations(),
        created_by=actor,
    )
