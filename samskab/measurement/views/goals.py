"""Placeholder: to be written."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from samskab.organisations.policy import Perm, org_view


@org_view(Perm.VIEW_PROJECTS)
def goal_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def goal_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def goal_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def goal_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
