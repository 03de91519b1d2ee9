"""Sections of a project page, contributed by other apps.

Actors, activities, alignment and self-assessment each register a tab (and optionally a panel on
the project's overview) from their ``AppConfig.ready``; the projects app never imports them, so
each app can be built, tested and removed on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from samskab.projects.models import Project


@dataclass(frozen=True)
class ProjectSection:
    key: str
    label: str | _StrPromise
    url_name: str  # takes the kwargs ``org`` and ``project``
    order: int
    # Context for ``panel_template`` on the project overview, or None for no panel.
    panel: Callable[[Project], dict[str, Any]] | None = None
    panel_template: str = ""


SECTIONS: dict[str, ProjectSection] = {}


def register(section: ProjectSection) -> None:
    SECTIONS[section.key] = section


def sections() -> list[ProjectSection]:
    return sorted(SECTIONS.values(), key=lambda section: section.order)


def nav(project: Project, org_slug: str) -> list[dict[str, Any]]:
    return [
        {
            "key": section.key,
            "label": section.label,
            "url": reverse(section.url_name, kwargs={"org": org_slug, "project": project.pk}),
        }
        for section in sections()
    ]


def panels(project: Project) -> list[dict[str, Any]]:
    return [
        {"template": section.panel_template, "label": section.label, **section.panel(project)}
        for section in sections()
        if section.panel is not None
    ]
