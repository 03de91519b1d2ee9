from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.actors import services, stakeholder_map
from samskab.actors.forms import ActorForm
from samskab.actors.models import Actor
from samskab.actors.overview import participation_rows, phase_columns
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.models import Project
from samskab.projects.views import get_project, project_context


def _actors(request: HttpRequest, project: Project) -> QuerySet[Actor]:
    return (
        Actor.objects.for_org(organisation_of(request))
        .filter(project=project)
        .prefetch_related("involvements")
    )


def _actor(request: HttpRequest, project: Project, pk: int) -> Actor:
    return get_for_org_or_404(Actor, organisation_of(request), pk=pk, project=project)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def actor_list(request: HttpRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    actors = list(_actors(request, project_obj))
    context = project_context(
        request,
        project_obj,
        section="actors",
        actors=actors,
        phases=phase_columns(),
        participation=participation_rows(actors),
    )
    return render(request, "actors/actor_list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def actor_create(request: HttpRequest, project: int) -> HttpResponse:
    return _actor_form(request, get_project(request, project), None)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def actor_edit(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    return _actor_form(request, project_obj, _actor(request, project_obj, pk))


def _actor_form(request: HttpRequest, project: Project, actor: Actor | None) -> HttpResponse:
    # Binding changes the instance; the page keeps showing the saved name.
    actor_name = actor.name if actor else ""
    data = request.POST if request.method == "POST" else None
    form = ActorForm(data, instance=actor, project=project)
    if form.is_bound and form.is_valid():
        saved = services.save_actor(form, project)
        messages.success(request, _("“%(name)s” was saved.") % {"name": saved.name})
        return _to_list(request, project)
    context = project_context(
        request, project, section="actors", form=form, actor=actor, actor_name=actor_name
    )
    return render(request, "actors/actor_form.html", context, status=422 if form.errors else 200)


@require_POST
@org_view(Perm.EDIT_PROJECTS)
def actor_delete(request: HttpRequest, project: int, pk: int) -> HttpResponse:
    project_obj = get_project(request, project)
    actor = _actor(request, project_obj, pk)
    services.delete_actor(actor)
    messages.success(request, _("“%(name)s” was removed from the project.") % {"name": actor.name})
    return _to_list(request, project_obj)


def _to_list(request: HttpRequest, project: Project) -> HttpResponse:
    return redirect("actors:list", org=organisation_of(request).slug, project=project.pk)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def actor_map(request: HttpRequest, project: int) -> HttpResponse:
    project_obj = get_project(request, project)
    actors = Actor.objects.for_org(organisation_of(request)).filter(project=project_obj)
    context = project_context(
        request,
        project_obj,
        section="map",
        chart=stakeholder_map.build(actors),
        frame=stakeholder_map.frame(),
        sectors=stakeholder_map.legend(),
    )
    return render(request, "actors/actor_map.html", context)
