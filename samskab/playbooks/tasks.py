"""Background work for playbooks, run by the django-tasks worker (``manage.py db_worker``).

The task takes ids and re-fetches the version through its organisation; `services` enqueues it
in ``transaction.on_commit``.
"""

from __future__ import annotations

from django_tasks import task

from samskab.organisations.auditing.context import acting_as
from samskab.playbooks import services
from samskab.playbooks.models import PlaybookVersion


@task()
def build_playbook(organisation_id: int, version_id: int) -> None:
    """Assemble a playbook version and render its web page, PDF and Word document."""
    version = (
        PlaybookVersion.objects.filter(organisation_id=organisation_id)
        .select_related("playbook__project__organisation")
        .get(pk=version_id)
    )
    with acting_as(version.requested_by):  # the audit log names who asked for the build
        services.run_build(version)
