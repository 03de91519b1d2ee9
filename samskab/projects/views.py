from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.organisations.policy import Perm, allows, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects import registry, services
from samskab.projects.choices import Phase
from samskab.projects.forms import PoliticalGoalForm, ProjectFilterForm, ProjectForm
from samskab.projects.models import PoliticalGoal, Project


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data to bind a form to, or None on GET (an empty POST still binds)."""
    return request.POST if request.method == "POST" else None


def get_project(request: HttpRequest, pk: int) -> Project:
    """The project ``pk`` of the request's organisation (404 for anyone else's)."""
    return get_for_org_or_404(Project, organisation_of(request), pk=pk)


def project_context(
    request: HttpRequest, project: Project, section: str = "", **extra: object
) -> dict[str, object]:
    """Context every project page needs: the project, the tabs, and whether the user may edit.

    ``section`` is the key of the tab the page belongs to ("" for the overview).
    """
    organisation = organisation_of(request)
    return {
        "project": project,
        "organisation": organisation,
        "project_nav": registry.nav(project, organisation.slug),
        "current_section": section,
        "can_edit": allows(request.membership, Perm.EDIT_PROJECTS),  # type: ignore[attr-defined]
        **extra,
    }


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def project_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    form = ProjectFilterForm(request.GET or None, organisation=organisation)
    projects = Project.objects.for_org(organisation).annotate(goal_count=Count("goals"))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            projects = projects.search(data["q"])
        for field in ("theme", "phase", "status"):
            if data[field]:
                projects = projects.filter(**{field: data[field]})
        if data["goal"]:
            projects = projects.filter(goals=data["goal"])
    return render(
        request,
        "projects/project_list.html",
        {
            "organisation": organisation,
            "projects": projects,
            "filter_form": form,
            "can_edit": allows(request.membership, Perm.EDIT_PROJECTS),  # type: ignore[attr-defined]
        },
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def project_create(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    form = ProjectForm(posted(request), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        project = services.save_project(form, organisation, request.user)  # type: ignore[arg-type]
        messages.success(request, _("The project was created."))
        return redirect("projects:detail", org=organisation.slug, pk=project.pk)
    status = 422 if form.errors else 200
    return render(
        request,
        "projects/project_form.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    phases = [
        {"value": phase.value, "label": phase.label, "state": _phase_state(project, index)}
        for index, phase in enumerate(Phase)
    ]
    context = project_context(
        request, project, phases=phases, goals=project.goals.all(), panels=registry.panels(project)
    )
    return render(request, "projects/project_detail.html", context)


def _phase_state(project: Project, index: int) -> str:
    if index < project.phase_index:
        return "done"
    return "current" if index == project.phase_index else "todo"


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    project = get_project(request, pk)
    form = ProjectForm(posted(request), instance=project, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.save_project(form, organisation, request.user)  # type: ignore[arg-type]
        messages.success(request, _("The project was saved."))
        return redirect("projects:detail", org=organisation.slug, pk=project.pk)
    status = 422 if form.errors else 200
    return render(
        request,
        "projects/project_form.html",
        project_context(request, project, form=form),
        status=status,
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def goal_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    goals = PoliticalGoal.objects.for_org(organisation).annotate(project_count=Count("projects"))
    return render(
        request,
        "projects/goal_list.html",
        {
            "organisation": organisation,
            "goals": goals,
            "can_edit": allows(request.membership, Perm.EDIT_PROJECTS),  # type: ignore[attr-defined]
        },
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def goal_create(request: HttpRequest) -> HttpResponse:
    return _goal_form(request, None)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_form(request, get_for_org_or_404(PoliticalGoal, organisation_of(request), pk=pk))


def _goal_form(request: HttpRequest, goal: PoliticalGoal | None) -> HttpResponse:
    organisation = organisation_of(request)
    form = PoliticalGoalForm(posted(request), instance=goal, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.save_goal(form, organisation)
        messages.success(request, _("The goal was saved."))
        return redirect("projects:goals", org=organisation.slug)
    return render(
        request,
        "projects/goal_form.html",
        {"organisation": organisation, "form": form, "goal": goal},
        status=422 if form.errors else 200,
    )
