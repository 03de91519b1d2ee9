"""Helpers shared by the measurement views: the project, its context and the sub-navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.measurement.models import Goal, Indicator
from samskab.organisations.policy import OrgRequest, Perm, can
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.models import Project
from samskab.projects.views import project_context

# The pages of a project's effect measurement, in the order of the sub-navigation.
SUBNAV = [
    ("value", "measurement:value", _("Overview")),
    ("plan", "measurement:plan", _("Measurement plan")),
    ("goals", "measurement:goals", _("Goals and indicators")),
    ("evidence", "measurement:evidence", _("Evidence")),
    ("msc", "measurement:msc_list", _("Most significant change")),
    ("gains", "measurement:gains", _("Unplanned gains")),
    ("learning", "measurement:learning", _("Learning log")),
    ("milestones", "measurement:milestones", _("Milestones")),
]


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data to bind a form to, or None on GET (an empty POST still binds)."""
    return request.POST if request.method == "POST" else None


def get_project(request: OrgRequest, pk: int) -> Project:
    return get_for_org_or_404(Project, request.organisation, pk=pk)


def get_goal(request: OrgRequest, project: Project, pk: int) -> Goal:
    return get_for_org_or_404(Goal, request.organisation, pk=pk, project=project)


def get_indicator(request: OrgRequest, project: Project, pk: int) -> Indicator:
    return get_for_org_or_404(Indicator, request.organisation, pk=pk, project=project)


def to_indicator(request: OrgRequest, indicator: Indicator) -> HttpResponse:
    """Redirect to the indicator's page."""
    return redirect(
        "measurement:indicator",
        org=request.organisation.slug,
        project=indicator.project_id,
        pk=indicator.pk,
    )


def measurement_context(
    request: OrgRequest, project: Project, page: str, **extra: Any
) -> dict[str, Any]:
    """Context of every measurement page: the project's tabs, the sub-navigation, and what the
    member may do (``can_edit``: goals, indicators, plan; ``can_record``: measurements,
    evidence, log; ``can_read_stories``: individual masked stories)."""
    slug = request.organisation.slug
    subnav = [
        {
            "key": key,
            "label": label,
            "url": reverse(name, kwargs={"org": slug, "project": project.pk}),
        }
        for key, name, label in SUBNAV
    ]
    return project_context(
        request,
        project,
        section="value",
        measurement_nav=subnav,
        measurement_page=page,
        can_record=can(request, Perm.RECORD_MEASUREMENTS),
        can_read_stories=can(request, Perm.READ_STORIES),
        **extra,
    )
