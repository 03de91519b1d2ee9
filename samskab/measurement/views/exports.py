"""Placeholder: to be written."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from samskab.organisations.policy import Perm, org_view


@org_view(Perm.VIEW_PROJECTS)
def export_xlsx(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


@org_view(Perm.VIEW_PROJECTS)
def export_json(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
