"""Placeholder: to be written."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from samskab.organisations.policy import Perm, org_view


@org_view(Perm.VIEW_PROJECTS)
def indicator_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def indicator_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def indicator_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def measurement_add(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def measurement_delete(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def recompute(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
