from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.activities.models import Activity
from samskab.methods import services
from samskab.methods.forms import MethodFilterForm, MethodForm
from samskab.methods.models import Method, MethodCategory
from samskab.organisations.models import Organisation
from samskab.organisations.policy import Perm, allows, org_view, organisation_of

CATEGORY_ORDER = [category.value for category in MethodCategory]


def get_method(organisation: Organisation, pk: int) -> Method:
    """A method the organisation may read (its own or a shared one); 404 for anyone else's."""
    return get_object_or_404(Method.objects.available_to(organisation), pk=pk)


def get_own_method(organisation: Organisation, pk: int) -> Method:
    """A method the organisation may change: 404 if foreign, 403 if shared."""
    method = get_method(organisation, pk)
    if method.is_shared:
        raise PermissionDenied
    return method


def _can_edit(request: HttpRequest) -> bool:
    return allows(request.membership, Perm.EDIT_PROJECTS)  # type: ignore[attr-defined]


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def method_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    form = MethodFilterForm(request.GET or None)
    methods = Method.objects.available_to(organisation).annotate(
        use_count=Count("activities", filter=Q(activities__organisation=organisation))
    )
    if form.is_valid():
        if form.cleaned_data["q"]:
            methods = methods.search(form.cleaned_data["q"])
        if form.cleaned_data["category"]:
            methods = methods.filter(category=form.cleaned_data["category"])
    ordered = sorted(methods, key=lambda m: (CATEGORY_ORDER.index(m.category), m.display_name))
    groups = [
        {"label": MethodCategory(key).label, "key": key, "methods": list(items)}
        for key, items in groupby(ordered, key=lambda m: m.category)
    ]
    context = {
        "organisation": organisation,
        "filter_form": form,
        "groups": groups,
        "total": len(ordered),
        "can_edit": _can_edit(request),
    }
    return render(request, "methods/method_list.html", context)


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def method_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    method = get_method(organisation, pk)
    # Only this organisation's activities: a shared method's uses elsewhere stay private.
    uses = (
        Activity.objects.for_org(organisation)
        .filter(methods=method)
        .select_related("project")
        .order_by("-date", "-id")
    )
    context = {
        "organisation": organisation,
        "method": method,
        "uses": uses,
        "can_edit": _can_edit(request) and not method.is_shared,
    }
    return render(request, "methods/method_detail.html", context)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def method_create(request: HttpRequest) -> HttpResponse:
    return _method_form(request, None)


@require_http_methods(["GET", "POST"])
@org_view(Perm.EDIT_PROJECTS)
def method_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _method_form(request, get_own_method(organisation_of(request), pk))


def _method_form(request: HttpRequest, method: Method | None) -> HttpResponse:
    organisation = organisation_of(request)
    data = request.POST if request.method == "POST" else None
    form = MethodForm(data, instance=method, organisation=organisation)
    if form.is_bound and form.is_valid():
        saved = services.save_method(form, organisation)
        messages.success(request, _("The method was saved."))
        return redirect("methods:detail", org=organisation.slug, pk=saved.pk)
    return render(
        request,
        "methods/method_form.html",
        {"organisation": organisation, "form": form, "method": method},
        status=422 if form.errors else 200,
    )
