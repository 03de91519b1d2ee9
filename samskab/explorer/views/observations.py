"""Saved views with observations: the list, and writing a new one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.explorer.forms import ObservationForm
from samskab.explorer.models import Observation, SavedView
from samskab.explorer.services.observations import save_observation
from samskab.explorer.views.common import base_context, collection_scope, url
from samskab.organisations.policy import Perm, org_view
from samskab.projects.views import posted


@require_GET
@org_view(Perm.VIEW_RESULTS)
def observation_list(request: HttpRequest, pk: int) -> HttpResponse:
    scope = collection_scope(request, pk)
    context = base_context(request, scope, "observations")
    views = (
        SavedView.objects.for_org(scope.collection.organisation)
        .filter(collection=scope.collection)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("observations", Observation.objects.select_related("created_by"))
        )
    )
    context["views"] = [
        (
            view,
            url(
                request,
                "compare" if view.comparison else "dashboard",
                scope,
                view.comparison or view.query,
            ),
        )
        for view in views
    ]
    return render(request, "explorer/observations.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.READ_STORIES)
def observation_create(request: HttpRequest, pk: int) -> HttpResponse:
    scope = collection_scope(request, pk)
    initial = {
        "query": request.GET.get("query", "") or _query_without(request, "comparison"),
        "signifier": request.GET.get("sig", ""),
        "comparison": request.GET.get("comparison", ""),
    }
    form = ObservationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        user = request.user if isinstance(request.user, User) else None
        save_observation(scope.collection, form, user)
        messages.success(request, _("The view and your observation were saved."))
        return redirect(url(request, "observations", scope))
    context = base_context(request, scope, "observations")
    context["form"] = form
    return render(
        request, "explorer/observation_form.html", context, status=422 if form.errors else 200
    )


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
