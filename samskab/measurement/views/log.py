"""Placeholder: to be written."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from samskab.organisations.policy import Perm, org_view


@org_view(Perm.VIEW_PROJECTS)
def gain_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def gain_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def gain_promote(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def learning_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def learning_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def milestone_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def milestone_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def milestone_reached(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
