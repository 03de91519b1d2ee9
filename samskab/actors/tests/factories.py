"""Plain typed builders for actor tests (factory_boy's stubs lose the model type)."""

from __future__ import annotations

from itertools import count
from typing import Any

from samskab.actors.models import Actor, ActorInvolvement, ActorKind, InvolvementLevel
from samskab.projects.choices import ActorRole, Phase, Sector
from samskab.projects.models import Project

_numbers = count(1)


def make_actor(*, project: Project, **fields: Any) -> Actor:
    values: dict[str, Any] = {
        "name": f"Aktør {next(_numbers)}",
        "kind": ActorKind.ORGANISATION,
        "role": ActorRole.ASSOCIATION,
        "sector": Sector.CIVIL_SOCIETY,
        "influence": 3,
        "interest": 4,
    }
    values.update(fields)
    return Actor.objects.create(organisation_id=project.organisation_id, project=project, **values)


def make_involvement(
    *, actor: Actor, phase: str = Phase.DEFINE, level: str = InvolvementLevel.CO_CREATING
) -> ActorInvolvement:
    return ActorInvolvement.objects.create(
        organisation_id=actor.organisation_id, actor=actor, phase=phase, level=level
    )


def valid_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Holdleder for gartnerne",
        "kind": "person",
        "role": "employee",
        "sector": "",
        "influence": "4",
        "interest": "4",
        "user": "",
        "notes": "",
        **{f"phase_{phase.value}": "" for phase in Phase},
    }
    data.update(overrides)
    return data
