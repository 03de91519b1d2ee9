"""Goals: the list (process and outcome), one goal with its indicators and evidence, editing."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.measurement.content import GoalKind
from samskab.measurement.forms.goals import GoalForm
from samskab.measurement.models import Goal, Indicator
from samskab.measurement.services import goals as goal_services
from samskab.measurement.services.evidence import evidence_queryset
from samskab.measurement.services.progress import STANDING_TEXT, Progress, progress
from samskab.measurement.views.common import get_goal, get_project, measurement_context, posted
from samskab.organisations.policy import OrgRequest, Perm, org_view

# Measurements come in the model's order: by period.
MEASUREMENTS = "measurements"


def goals_with_progress(goals: list[Goal]) -> list[tuple[Goal, list[Progress]]]:
    return [
        (goal, [progress(i, list(i.measurements.all())) for i in goal.indicators.all()])
        for goal in goals
    ]


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def goal_list(request: OrgRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    goals = list(
        Goal.objects.for_org(request.organisation)
        .filter(project=project_obj)
        .select_related("owner_actor")
        .prefetch_related(
            "political_goals",
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related(MEASUREMENTS)),
        )
    )
    rows = goals_with_progress(goals)
    context = measurement_context(
        request,
        project_obj,
        "goals",
        groups=[(kind.label, [(g, p) for g, p in rows if g.kind == kind]) for kind in GoalKind],
        standing_text=STANDING_TEXT,
    )
    return render(request, "measurement/goal_list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def goal_create(request: OrgRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    form = GoalForm(posted(request), project=project_obj)
    if request.method == "POST" and form.is_valid():
        goal = goal_services.save_goal(form, project_obj, request.user)
        messages.success(request, _("The goal was added. Now give it an indicator."))
        return redirect(
            "measurement:goal", org=request.organisation.slug, project=project_obj.pk, pk=goal.pk
        )
    context = measurement_context(request, project_obj, "goals", form=form)
    return render(
        request, "measurement/goal_form.html", context, status=422 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def goal_edit(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    goal = get_goal(request, project_obj, pk)
    form = GoalForm(posted(request), instance=goal, project=project_obj)
    if request.method == "POST" and form.is_valid():
        goal_services.save_goal(form, project_obj, request.user)
        messages.success(request, _("The goal was saved."))
        return redirect(
            "measurement:goal", org=request.organisation.slug, project=project_obj.pk, pk=goal.pk
        )
    context = measurement_context(request, project_obj, "goals", form=form, goal=goal)
    return render(
        request, "measurement/goal_form.html", context, status=422 if form.errors else 200
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def goal_detail(request: OrgRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    goal = get_goal(request, project_obj, pk)
    indicators = list(goal.indicators.prefetch_related(MEASUREMENTS))
    context = measurement_context(
        request,
        project_obj,
        "goals",
        goal=goal,
        progresses=[progress(i, list(i.measurements.all())) for i in indicators],
        standing_text=STANDING_TEXT,
        revisions=list(goal.revisions.select_related("changed_by")),
        evidence=list(evidence_queryset(project_obj).filter(goal=goal)),
        promoted_from=list(goal.promoted_from.all()),
    )
    return render(request, "measurement/goal_detail.html", context)
