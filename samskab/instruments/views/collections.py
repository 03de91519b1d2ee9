"""Collections: list, create, edit, the page with the public link and QR code, print, close."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.instruments import collections as service
from samskab.instruments.forms import CollectionForm
from samskab.instruments.models import Collection, StorySource
from samskab.instruments.services import latest_version
from samskab.instruments.views.common import can, collection_state
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.projects.views import posted


def public_path(collection: Collection) -> str:
    """The storytellers' address of the collection (the capture app's form)."""
    try:
        return reverse("capture:form", kwargs={"slug": collection.slug})
    except NoReverseMatch:  # until the capture app defines its route
        return f"/c/{collection.slug}/"


def qr_svg(url: str, label: str) -> SafeString:
    """The QR code of ``url`` as inline SVG markup, named for screen readers by ``label``."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=4, border=4, omitsize=True, title=label, svgclass="qr-code", lineclass="qr-modules"
    )
    # Escaped by segno (title) and by us (the attribute); the rest is segno's own markup.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S308


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def collection_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    collections = (
        Collection.objects.for_org(organisation)
        .select_related("instrument")
        .annotate(story_count=Count("stories"))
    )
    now = timezone.now()
    return render(
        request,
        "instruments/collection_list.html",
        {
            "organisation": organisation,
            "rows": [(c, collection_state(c, now)) for c in collections],
            "can_manage": can(request, Perm.MANAGE_INSTRUMENTS),
        },
    )


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
def collection_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_INSTRUMENTS)
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, get_for_org_or_404(Collection, organisation_of(request), pk=pk))


def _form_page(request: HttpRequest, collection: Collection | None) -> HttpResponse:
    organisation = organisation_of(request)
    form = CollectionForm(
        posted(request),
        instance=collection,
        organisation=organisation,
        initial={"instrument": request.GET.get("instrument")} if collection is None else None,
    )
    if request.method == "POST" and form.is_valid():
        saved = service.save_collection(form, organisation)
        messages.success(request, _("The collection was saved."))
        return redirect("instruments:collection_detail", org=organisation.slug, pk=saved.pk)
    return render(
        request,
        "instruments/collection_form.html",
        {"organisation": organisation, "form": form, "collection": collection},
        status=422 if form.errors else 200,
    )


def _collection(request: HttpRequest, pk: int) -> Collection:
    return get_for_org_or_404(Collection, organisation_of(request), pk=pk)


def _collection_context(request: HttpRequest, collection: Collection) -> dict[str, object]:
    url = request.build_absolute_uri(public_path(collection))
    label = _("QR code for the link %(url)s") % {"url": url}
    return {
        "organisation": organisation_of(request),
        "collection": collection,
        "instrument": collection.instrument,
        "public_url": url,
        "qr_code": qr_svg(url, label),
        "title": latest_version(collection.instrument).definition.get("title", {}),
        "state": collection_state(collection),
    }


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(request, pk)
    counts = dict(collection.stories.order_by().values_list("source").annotate(count=Count("id")))
    context = _collection_context(request, collection)
    context.update(
        sources=[(label, counts.get(value, 0)) for value, label in StorySource.choices],
        story_count=sum(counts.values()),
        can_manage=can(request, Perm.MANAGE_INSTRUMENTS),
        can_read_stories=can(request, Perm.READ_STORIES),
        can_export=can(request, Perm.EXPORT_MICRODATA),
    )
    return render(request, "instruments/collection_detail.html", context)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def collection_print(request: HttpRequest, pk: int) -> HttpResponse:
    context = _collection_context(request, _collection(request, pk))
    return render(request, "instruments/collection_print.html", context)


@require_POST
@org_view(Perm.MANAGE_INSTRUMENTS)
def collection_close(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(request, pk)
    try:
        service.close_collection(collection)
        messages.success(request, _("The collection was closed; it takes no more stories."))
    except service.CollectionError as exc:
        messages.error(request, str(exc))
    return redirect("instruments:collection_detail", org=organisation_of(request).slug, pk=pk)


@require_POST
@org_view(Perm.MANAGE_INSTRUMENTS)
def collection_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection(request, pk)
    try:
        service.reopen_collection(collection)
        messages.success(request, _("The collection was reopened; it takes stories again."))
    except service.CollectionError as exc:
        messages.error(request, str(exc))
    return redirect("instruments:collection_detail", org=organisation_of(request).slug, pk=pk)
