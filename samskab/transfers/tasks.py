"""Background work for imports, run by the django-tasks worker (``manage.py db_worker``).

Tasks take ids and re-fetch the job through its organisation, so a job id alone never reaches
another organisation's rows. They are enqueued in ``transaction.on_commit`` by the services.
"""

from __future__ import annotations

from django_tasks import task

from samskab.transfers import services
from samskab.transfers.models import ImportJob


def _job(organisation_id: int, job_id: int) -> ImportJob:
    return ImportJob.objects.filter(organisation_id=organisation_id).get(pk=job_id)


@task()
def preview_import(organisation_id: int, job_id: int) -> None:
    """Check every row of a large file and write the report."""
    services.run_preview(_job(organisation_id, job_id))


@task()
def import_stories(organisation_id: int, job_id: int) -> int:
    """Store the valid rows of a confirmed job (all or nothing); returns how many."""
    job = _job(organisation_id, job_id)
    services.run_import(job)
    return job.inserted
