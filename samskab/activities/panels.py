"""The activities panel on a project's overview page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samskab.activities.models import Activity
from samskab.projects.models import Project


def activities_panel(project: Project) -> dict[str, Any]:
    """The number of activities, the next upcoming one and the latest one held."""
    activities = Activity.objects.for_project(project)
    today = timezone.localdate()
    return {
        "count": activities.count(),
        "upcoming": activities.filter(date__gte=today).order_by("date", "id").first(),
        "latest": activities.filter(date__lt=today).order_by("-date", "-id").first(),
    }
