"""The playbook's panel on the project overview: the newest published version, if any."""

from __future__ import annotations

from typing import Any

from samskab.playbooks.models import Playbook, PlaybookVersion
from samskab.projects.models import Project


def panel(project: Project) -> dict[str, Any]:
    playbook = Playbook.objects.for_org(project.organisation).filter(project=project).first()
    latest = None
    if playbook is not None:
        latest = (
            PlaybookVersion.objects.for_org(project.organisation)
            .filter(playbook=playbook, published=True)
            .defer("html", "pdf", "docx", "document", "draft")
            .order_by("-number")
            .first()
        )
    return {"playbook": playbook, "latest": latest}
