"""The key-actors card on a project's overview page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from samskab.actors.models import Actor
from samskab.projects.choices import Sector
from samskab.projects.models import Project


def actors_panel(project: Project) -> dict[str, Any]:
    """How many actors the project has, in total and per sector (one query)."""
    counts = dict(
        Actor.objects.filter(organisation_id=project.organisation_id, project=project)
        .values_list("sector")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_sector = [
        {"value": sector.value, "label": sector.label, "count": counts[sector.value]}
        for sector in Sector
        if counts.get(sector.value)
    ]
    return {"count": sum(counts.values()), "by_sector": by_sector}
