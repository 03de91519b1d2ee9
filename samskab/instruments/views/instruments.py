"""Instruments: list, create (blank, sample, file), detail with versions, a version, export."""

from __future__ import annotations

import json
from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.instruments import services
from samskab.instruments.forms import InstrumentCreateForm
from samskab.instruments.models import Instrument, InstrumentVersion
from samskab.instruments.preview import build_preview
from samskab.instruments.views.common import can, ui_language
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.views import posted

EXPORT_TYPES = {
    "yaml": "application/yaml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def instrument_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    latest = InstrumentVersion.objects.filter(instrument=OuterRef("pk")).order_by("-number")
    instruments = (
        Instrument.objects.for_org(organisation)
        .select_related("project")
        .annotate(
            latest_number=Subquery(latest.values("number")[:1]),
            latest_frozen_at=Subquery(latest.values("frozen_at")[:1]),
            collection_count=Count("collections", distinct=True),
        )
    )
    return render(
        request,
        "instruments/instrument_list.html",
        {
            "organisation": organisation,
            "instruments": instruments,
            "can_manage": can(request, Perm.MANAGE_INSTRUMENTS),
        },
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
def instrument_create(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    form = InstrumentCreateForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = request.user
        assert isinstance(user, User)  # noqa: S101  (org_view lets members only)
        instrument = services.create_instrument(
            organisation, data["name"], data["definition"], user, data["project"]
        )
        messages.success(request, _("The instrument was created. Fill in its questions below."))
        return redirect("instruments:edit", org=organisation.slug, pk=instrument.pk)
    return render(
        request,
        "instruments/instrument_create.html",
        {"organisation": organisation, "form": form},
        status=422 if form.errors else 200,
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    instrument = get_for_org_or_404(Instrument, organisation, pk=pk)
    versions = list(instrument.versions.annotate(story_count=Count("stories")).order_by("-number"))
    collections = instrument.collections.annotate(story_count=Count("stories"))
    context = {
        "organisation": organisation,
        "instrument": instrument,
        "versions": versions,
        "latest": versions[0] if versions else None,
        "collections": collections,
        "can_manage": can(request, Perm.MANAGE_INSTRUMENTS),
    }
    return render(request, "instruments/instrument_detail.html", context)


def _version(request: HttpRequest, pk: int, number: int) -> InstrumentVersion:
    instrument = get_for_org_or_404(Instrument, organisation_of(request), pk=pk)
    return get_object_or_404(
        InstrumentVersion.objects.select_related("instrument"), instrument=instrument, number=number
    )


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, number)
    language = ui_language(request, request.GET.get("language"))
    context = {
        "organisation": organisation_of(request),
        "instrument": version.instrument,
        "version": version,
        "preview": build_preview(version.definition, language),
        "can_manage": can(request, Perm.MANAGE_INSTRUMENTS),
    }
    return render(request, "instruments/version_detail.html", context)


def _without_nulls(value: Any) -> Any:
    """Leave out empty optional parts (``intro: null``) so the file reads cleanly."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def export_text(definition: dict[str, Any], kind: str) -> str:
    document = _without_nulls(definition)
    if kind == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


@require_GET
@org_view(Perm.MANAGE_INSTRUMENTS)
def version_export(request: HttpRequest, pk: int, number: int, kind: str) -> HttpResponse:
    if kind not in EXPORT_TYPES:
        raise Http404
    version = _version(request, pk, number)
    response = HttpResponse(export_text(version.definition, kind), content_type=EXPORT_TYPES[kind])
    name = slugify(version.instrument.name) or "instrument"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{number}.{kind}"'
    return response
