"""Background work for imports, run by the django-tasks worker (``manage.py db_worker``).

Tasks take ids and re-fetch the job through its organisation, so a job id alone never reaches
another organisation's rows. They are enqueued in ``transaction.on_commit`` by the services.
"""

from __future__ import annotations

from django_tasks import task

from samskab.organisations.auditing.context import acting_as
from samskab.transfers import services
from samskab.transfers.models import ImportJob


def _job(organisation_id: int, job_id: int) -> ImportJob:
    return ImportJob.objects.filter(organisation_id=organisation_id).get(pk=job_id)


@task()
def read_import(organisation_id: int, job_id: int) -> None:
    """Read an uploaded file (untrusted, possibly a decompression bomb) within the limits, then
    check it when no column matching is needed. The web request only stored it."""
    services.run_read(_job(organisation_id, job_id))


@task()
def preview_import(organisation_id: int, job_id: int) -> None:
    """Check every row of a large file and write the report."""
    services.run_preview(_job(organisation_id, job_id))


@task()
def import_stories(organisation_id: int, job_id: int) -> int:
    """Store the valid rows of a confirmed job (all or nothing); returns how many."""
    job = _job(organisation_id, job_id)
    with acting_as(job.created_by):  # the audit log names who started the import
        services.run_import(job)
    return job.inserted
