"""Helpers shared by the explorer's pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from samskab.explorer.forms import FilterForm
from samskab.explorer.services.disclosure import withheld_texts
from samskab.explorer.services.query import Scope, scope_for
from samskab.instruments.models import Collection
from samskab.instruments.views.common import can, ui_language
from samskab.organisations.policy import Perm, organisation_of
from samskab.organisations.scoping import get_for_org_or_404


def collection_scope(request: HttpRequest, pk: int) -> Scope:
    """The collection's scope for this reader: exact figures only for readers of stories."""
    collection = get_for_org_or_404(Collection, organisation_of(request), pk=pk)
    exact = can(request, Perm.READ_STORIES)
    return scope_for(collection, request.GET, ui_language(request), exact=exact)


def url(request: HttpRequest, name: str, scope: Scope, query: str = "") -> str:
    path = reverse(
        f"explorer:{name}", kwargs={"org": organisation_of(request).slug, "pk": scope.collection.pk}
    )
    return f"{path}?{query}" if query else path


def with_params(base: QueryDict, params: dict[str, str], drop: tuple[str, ...] = ()) -> str:
    """The query string of `base` with `params` set (replacing) and `drop` removed."""
    query = base.copy()
    for name in (*drop, "page"):
        query.pop(name, None)
    for name, value in params.items():
        query.setlist(name, [value])
    return query.urlencode()


def base_context(request: HttpRequest, scope: Scope, page: str) -> dict[str, Any]:
    version = scope.version.number if scope.version else None
    return {
        "organisation": organisation_of(request),
        "collection": scope.collection,
        "scope": scope,
        "k": scope.k,
        "version": version,
        "several_versions": len(scope.versions) > 1,
        "page_name": page,
        "can_read_stories": can(request, Perm.READ_STORIES),
        "can_change_k": can(request, Perm.MANAGE_SETTINGS),
        "build_status_url": url(
            request,
            "build_status",
            scope,
            urlencode({"v": version or "", "next": request.get_full_path()}),
        ),
        "urls": {
            name: url(request, name, scope, f"v={version}" if version else "")
            for name in ("dashboard", "compare", "patterns", "themes", "observations")
        },
    }


def notes(withheld: Any, k: int) -> list[str]:
    """Distinct sentences for what was withheld, in order."""
    seen: list[str] = []
    for text in withheld_texts(tuple(withheld), k):
        if text not in seen:
            seen.append(text)
    return seen


def form_problems(form: FilterForm) -> list[str]:
    """A wrong filter selects nothing (it would otherwise select every story): its errors."""
    if form.is_valid():
        return []
    return [str(error) for errors in form.errors.values() for error in errors]
