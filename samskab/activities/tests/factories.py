"""Plain typed builders for activity tests (factory_boy's stubs lose the model type)."""

from __future__ import annotations

import datetime
from itertools import count
from typing import Any

from samskab.activities.models import Activity, ActivityKind
from samskab.actors.models import Actor, ActorKind
from samskab.projects.choices import Phase, Sector
from samskab.projects.models import Project

_numbers = count(1)


def make_activity(*, project: Project, **fields: Any) -> Activity:
    values: dict[str, Any] = {
        "kind": ActivityKind.WORKSHOP,
        "phase": Phase.DEFINE,
        "title": f"Workshop {next(_numbers)}",
        "date": datetime.date(2026, 5, 4),
    }
    values.update(fields)
    return Activity.objects.create(
        organisation_id=project.organisation_id, project=project, **values
    )


def make_actor(*, project: Project, **fields: Any) -> Actor:
    values: dict[str, Any] = {
        "name": f"Aktør {next(_numbers)}",
        "kind": ActorKind.ORGANISATION,
        "sector": Sector.PUBLIC,
        "role": "employee",
        "influence": 3,
        "interest": 3,
    }
    values.update(fields)
    return Actor.objects.create(organisation_id=project.organisation_id, project=project, **values)
