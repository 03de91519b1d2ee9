"""Background work of the explorer, run by the django-tasks worker (``manage.py db_worker``).

Tasks take ids and re-fetch the run through its organisation, so a run id alone never reaches
another organisation's rows. They are enqueued in ``transaction.on_commit`` by the services.
"""

from __future__ import annotations

from django_tasks import task

from samskab.explorer.models import ThemeRun
from samskab.explorer.services.query import threshold
from samskab.explorer.services.themes import run_themes


@task()
def find_collection_themes(organisation_id: int, run_id: int) -> None:
    """Find the themes of a queued run with the organisation's k (its threshold today)."""
    run = (
        ThemeRun.objects.filter(organisation_id=organisation_id)
        .select_related("organisation", "collection", "version")
        .get(pk=run_id)
    )
    run_themes(run, threshold(run.organisation))
