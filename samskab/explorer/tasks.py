"""Background work of the explorer, run by the django-tasks worker (``manage.py db_worker``).

Tasks take ids and re-fetch the run through its organisation, so a run id alone never reaches
another organisation's rows. They are enqueued in ``transaction.on_commit`` by the services.
"""

from __future__ import annotations

from django_tasks import task

from samskab.explorer.models import ThemeRun
from samskab.explorer.services.query import threshold
from samskab.explorer.services.themes import run_themes
from samskab.organisations.auditing.context import acting_as


@task()
def find_collection_themes(organisation_id: int, run_id: int) -> None:
    """Find the themes of a queued run with the organisation's k (its threshold today)."""
    run = (
        ThemeRun.objects.filter(organisation_id=organisation_id)
        .select_related("organisation", "collection", "version")
        .get(pk=run_id)
    )
    with acting_as(run.created_by):  # the audit log names who asked for the themes
        run_themes(run, threshold(run.organisation))


@task()
def build_analysis_store(organisation_id: int, build_id: int) -> None:
    """Build a large version's analysis store (see services/builds.py)."""
    from samskab.explorer.models import StoreBuild
    from samskab.explorer.services.builds import run_build

    build = (
        StoreBuild.objects.filter(organisation_id=organisation_id)
        .select_related("collection__organisation", "version")
        .get(pk=build_id)
    )
    run_build(build)
