"""Qualitative evidence: the list with filters, adding a piece, deleting it, and downloads."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.lib.forms import parse_int
from samskab.measurement.forms.evidence import EvidenceFilterForm, EvidenceForm, project_story
from samskab.measurement.models import Attachment, Evidence
from samskab.measurement.services import attachments
from samskab.measurement.services import evidence as services
from samskab.measurement.views.common import get_project, measurement_context
from samskab.organisations.policy import OrgRequest, Perm, can, org_view
from samskab.organisations.scoping import get_for_org_or_404
from samskab.organisations.services import audit_stories_read
from samskab.projects.models import Project

# The download is never shown as a page: no scripts, no styles, no frames, no plugins.
DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'"


def _to_list(request: OrgRequest, project: Project) -> HttpResponse:
    return redirect("measurement:evidence", org=request.organisation.slug, project=project.pk)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def evidence_list(request: OrgRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    filters = EvidenceFilterForm(request.GET or None, project=project_obj)
    may_read = can(request, Perm.READ_STORIES)
    items = [
        services.shown(e, may_read) for e in services.evidence_for(project_obj, **filters.filters())
    ]
    context = measurement_context(
        request, project_obj, "evidence", filters=filters, items=items, filtered=filters.is_bound
    )
    return render(request, "measurement/evidence_list.html", context)


def _initial(request: OrgRequest) -> dict[str, str]:
    """Values from the address: ``?goal=`` (a goal's page) and ``?story=`` (the story list)."""
    initial = {
        name: request.GET[name]
        for name in ("goal", "story")
        if parse_int(request.GET.get(name, "")) is not None
    }
    if "story" in initial:
        initial["kind"] = "story"
    return initial


@require_http_methods(["GET", "POST"])
@org_view(Perm.RECORD_MEASUREMENTS)
def evidence_create(request: OrgRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, project=project_obj)
        if form.is_valid():
            services.add_evidence(project_obj, form.new_evidence(), request.user)
            messages.success(request, _("The evidence was added."))
            return _to_list(request, project_obj)
        story = form.story_obj
    else:
        initial = _initial(request)
        form = EvidenceForm(initial=initial, project=project_obj)
        story = project_story(project_obj, int(initial["story"])) if "story" in initial else None
    shown = story if can(request, Perm.READ_STORIES) else None
    if shown is not None:
        audit_stories_read(
            request.organisation, project_obj.title, "evidence", None, 1, story=shown.pk
        )
    context = measurement_context(request, project_obj, "evidence", form=form, story=shown)
    return render(
        request, "measurement/evidence_form.html", context, status=422 if form.errors else 200
    )


@require_POST
@org_view(Perm.RECORD_MEASUREMENTS)
def evidence_delete(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    evidence = get_for_org_or_404(Evidence, request.organisation, pk=pk, project=project_obj)
    services.delete_evidence(evidence, request.user)
    messages.success(request, _("The evidence was deleted."))
    return _to_list(request, project_obj)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def attachment(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    document = get_for_org_or_404(Attachment, request.organisation, pk=pk, project=project_obj)
    response = HttpResponse(bytes(document.data), content_type=document.content_type)
    response["Content-Disposition"] = attachments.content_disposition(document.name)
    response["Content-Length"] = str(len(response.content))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
