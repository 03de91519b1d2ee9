"""The polled progress of a large version's store being built in the background."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRefresh

from samskab.explorer.services.builds import builds_of
from samskab.explorer.services.query import chosen_version
from samskab.explorer.services.store import versions_with_stories
from samskab.instruments.models import Collection
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404


@require_GET
@org_view(Perm.VIEW_RESULTS)
def build_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial while a build is busy; when it is not, the page loads whole."""
    collection = get_for_org_or_404(Collection, organisation_of(request), pk=pk)
    version = chosen_version(versions_with_stories(collection), request.GET.get("v"))
    build = builds_of(collection, version).first() if version is not None else None
    page = request.GET.get("next", "")
    if build is None or not build.is_busy:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponseClientRefresh()
        # Only the explorer's own pages of this collection (the partial links back to them).
        base = request.path.rsplit("preparing/", 1)[0]
        return HttpResponseRedirect(page if page.startswith(base) else base)
    context = {"build": build, "build_status_url": request.get_full_path()}
    return render(request, "explorer/partials/_building.html", context)
