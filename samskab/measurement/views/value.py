"""The value-creation view of a project and the municipality overview."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samskab.measurement.services import computed, log
from samskab.measurement.services.overview import organisation_overview, share_documented
from samskab.measurement.services.progress import STANDING_TEXT
from samskab.measurement.services.value import value_view
from samskab.measurement.views.common import get_project, measurement_context
from samskab.organisations.policy import OrgRequest, Perm, org_view


@require_GET
@org_view(Perm.VIEW_RESULTS)
def value(request: OrgRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    # Computed indicators follow their collection: recompute the stale ones (cheap when none is).
    computed.refresh_project(project_obj)
    lens = "value" if request.GET.get("lens") == "value" else "levels"
    view = value_view(project_obj, lens)
    context = measurement_context(
        request,
        project_obj,
        "value",
        view=view,
        standing_text=STANDING_TEXT,
        timeline=log.timeline(project_obj),
    )
    return render(request, "measurement/value.html", context)


@require_GET
@org_view(Perm.VIEW_RESULTS)
def overview(request: OrgRequest) -> HttpResponse:
    rows = organisation_overview(request.organisation)
    context = {
        "organisation": request.organisation,
        "rows": rows,
        "documented": share_documented(rows),
    }
    return render(request, "measurement/overview.html", context)
