"""Placeholder: to be written."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from samskab.organisations.policy import Perm, org_view


@org_view(Perm.VIEW_PROJECTS)
def round_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def round_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def round_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def choose(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def close(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def reopen(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


from django.contrib.auth.decorators import login_not_required  # noqa: E402


@login_not_required
def public_choose(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@login_not_required
def public_thanks(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
