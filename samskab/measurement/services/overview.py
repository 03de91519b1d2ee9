"""The project overview panel and the municipality overview of documented value creation."""

from __future__ import annotations

from typing import Any

from samskab.projects.models import Project


def panel(project: Project) -> dict[str, Any]:
    return {}
