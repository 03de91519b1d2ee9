"""Saving and removing key actors together with their involvement per phase."""

from __future__ import annotations

from django.db import transaction

from samskab.actors.forms import ActorForm
from samskab.actors.models import Actor, ActorInvolvement
from samskab.projects.models import Project


@transaction.atomic
def save_actor(form: ActorForm, project: Project) -> Actor:
    """Save a validated actor form for ``project``, with exactly the involvements it chose."""
    actor: Actor = form.save(commit=False)
    actor.organisation = project.organisation
    actor.project = project
    actor.save()
    set_involvements(actor, form.involvement_levels())
    return actor


def set_involvements(actor: Actor, levels: dict[str, str]) -> None:
    """Make the actor's involvements match ``levels`` (phase → level); other phases are removed."""
    ActorInvolvement.objects.filter(actor=actor).exclude(phase__in=levels).delete()
    for phase, level in levels.items():
        ActorInvolvement.objects.update_or_create(
            actor=actor,
            phase=phase,
            defaults={"level": level, "organisation": actor.organisation},
        )


@transaction.atomic
def delete_actor(actor: Actor) -> None:
    actor.delete()
