from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.activities import reports, services
from samskab.activities.forms import ActivityForm, TimelineOptionsForm
from samskab.activities.models import Activity
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.models import Project
from samskab.projects.views import get_project, project_context


def get_activity(request: HttpRequest, project: Project, pk: int) -> Activity:
    """The activity ``pk`` of this project in the request's organisation, or 404."""
    return get_for_org_or_404(Activity, organisation_of(request), project=project, pk=pk)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def activity_list(request: HttpRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    options = TimelineOptionsForm(request.GET or None)
    group, order = options.choice("group"), options.choice("order")
    activities = (
        Activity.objects.for_project(the_project)
        .with_participant_counts()
        .prefetch_related("methods")
        .order_by("date", "id")
    )
    groups = reports.timeline_groups(activities, group, newest=order == "newest")
    context = project_context(
        request,
        the_project,
        section="activities",
        groups=groups,
        group_by=group,
        options=options,
        total=sum(len(g.activities) for g in groups),
    )
    return render(request, "activities/activity_list.html", context)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def activity_detail(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    the_project = get_project(request, project)
    activity = get_activity(request, the_project, pk)
    context = project_context(
        request,
        the_project,
        section="activities",
        activity=activity,
        methods=activity.methods.all(),
        participants=activity.participants.all(),
        attendance=activity.attendance.all(),
    )
    return render(request, "activities/activity_detail.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def activity_create(request: HttpRequest, project: int) -> HttpResponse:
    return _activity_form(request, get_project(request, project), None)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def activity_edit(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    the_project = get_project(request, project)
    return _activity_form(request, the_project, get_activity(request, the_project, pk))


def _activity_form(
    request: HttpRequest, project: Project, activity: Activity | None
) -> HttpResponse:
    organisation = organisation_of(request)
    form = ActivityForm(
        request.POST if request.method == "POST" else None,
        instance=activity,
        project=project,
        organisation=organisation,
    )
    if form.is_bound and form.is_valid():
        saved = services.save_activity(form, project)
        messages.success(request, _("The activity was saved."))
        return redirect("activities:detail", org=organisation.slug, project=project.pk, pk=saved.pk)
    context = project_context(request, project, section="activities", form=form, activity=activity)
    return render(
        request, "activities/activity_form.html", context, status=422 if form.errors else 200
    )


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def activity_delete(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    the_project = get_project(request, project)
    services.delete_activity(get_activity(request, the_project, pk))
    messages.success(request, _("The activity was deleted."))
    return redirect("activities:list", org=organisation_of(request).slug, project=the_project.pk)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def participation(request: HttpRequest, project: int) -> HttpResponse:
    the_project = get_project(request, project)
    context = project_context(
        request,
        the_project,
        section="participation",
        table=reports.participation(the_project),
    )
    return render(request, "activities/participation.html", context)
