from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from samskab.organisations import mfa, services
from samskab.organisations.auditing import export as audit_export_files
from samskab.organisations.auditing.filters import AuditFilterForm
from samskab.organisations.auditing.sentences import sentence, value_changes
from samskab.organisations.forms import AddMemberForm, ChangeRoleForm, SecuritySettingsForm
from samskab.organisations.models import AuditAction, AuditEntry, Membership, Role
from samskab.organisations.policy import (
    GRANTS,
    LABELS,
    OrgRequest,
    Perm,
    allows,
    org_view,
    organisation_of,
)
from samskab.organisations.scoping import get_for_org_or_404


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # The user's organisations come from the ``my_memberships`` context (one query).
    return render(request, "organisations/home.html")


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/accessibility.html")


@require_GET
@org_view(Perm.VIEW_ORGANISATION)
def dashboard(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    counts = Membership.objects.for_org(organisation).aggregate(
        total=Count("id"), **{role.value: Count("id", filter=Q(role=role)) for role in Role}
    )
    return render(
        request,
        "organisations/dashboard.html",
        {
            "organisation": organisation,
            "role_counts": [(role.label, counts[role.value]) for role in Role],
            "member_total": counts["total"],
            "can_manage": allows(request.membership, Perm.MANAGE_MEMBERS),  # type: ignore[attr-defined]
            "can_manage_settings": allows(request.membership, Perm.MANAGE_SETTINGS),  # type: ignore[attr-defined]
            "can_see_projects": allows(request.membership, Perm.VIEW_PROJECTS),  # type: ignore[attr-defined]
        },
    )


def _members_page(
    request: HttpRequest, add_form: AddMemberForm | None = None, status: int = 200
) -> HttpResponse:
    organisation = organisation_of(request)
    memberships = (
        Membership.objects.for_org(organisation).select_related("user").order_by("user__email")
    )
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "add_form": add_form or AddMemberForm(),
        "roles": Role.choices,
        "grants": _grant_table(),
    }
    return render(request, "organisations/members.html", context, status=status)


def _grant_table() -> list[tuple[StrOrPromise, list[bool]]]:
    return [(LABELS[perm], [role in GRANTS[perm] for role in Role]) for perm in Perm]


@require_GET
@org_view(Perm.MANAGE_MEMBERS)
def members(request: HttpRequest) -> HttpResponse:
    return _members_page(request)


@require_POST
@org_view(Perm.MANAGE_MEMBERS)
def member_add(request: HttpRequest) -> HttpResponse:
    form = AddMemberForm(request.POST)
    if not form.is_valid():
        return _members_page(request, form, status=422)
    try:
        services.add_member(
            organisation_of(request),
            form.cleaned_data["email"],
            Role(form.cleaned_data["role"]),
            actor=request.user,  # type: ignore[arg-type]
        )
    except services.MembershipError as exc:
        form.add_error("email", str(exc))
        return _members_page(request, form, status=422)
    messages.success(request, _("The member was added."))
    return redirect("organisations:members", org=organisation_of(request).slug)


@require_POST
@org_view(Perm.MANAGE_MEMBERS)
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    membership = get_for_org_or_404(Membership, organisation, pk=pk)
    form = ChangeRoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(membership, Role(form.cleaned_data["role"]), request.user)  # type: ignore[arg-type]
            messages.success(request, _("The role was changed."))
        except services.MembershipError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Choose one of the listed roles."))
    return redirect("organisations:members", org=organisation.slug)


@require_POST
@org_view(Perm.MANAGE_MEMBERS)
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    membership = get_for_org_or_404(Membership, organisation, pk=pk)
    try:
        services.remove_member(membership, request.user)  # type: ignore[arg-type]
        messages.success(request, _("The member was removed."))
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    return redirect("organisations:members", org=organisation.slug)


AUDIT_PAGE_SIZE = 50


def _audit_entries(request: OrgRequest) -> tuple[AuditFilterForm, QuerySet[AuditEntry]]:
    form = AuditFilterForm(request.GET or None, organisation=request.organisation)
    entries = AuditEntry.objects.visible_to(request.organisation).select_related("actor")
    return form, form.apply(entries)


@require_GET
@org_view(Perm.VIEW_AUDIT_LOG)
def audit_log(request: OrgRequest) -> HttpResponse:
    return _audit_page(request, *_audit_entries(request))


def _audit_page(
    request: OrgRequest, form: AuditFilterForm, entries: QuerySet[AuditEntry]
) -> HttpResponse:
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": request.organisation,
        "form": form,
        "page": page,
        "rows": [(entry, sentence(entry), value_changes(entry)) for entry in page],
        "query": query.urlencode(),
    }
    status = 422 if form.errors else 200
    return render(request, "organisations/audit_log.html", context, status=status)


@require_GET
@org_view(Perm.VIEW_AUDIT_LOG)
def audit_export(request: OrgRequest, fmt: str) -> HttpResponseBase:
    if fmt not in audit_export_files.FORMATS:
        raise Http404
    form, entries = _audit_entries(request)
    if form.errors:
        return _audit_page(request, form, entries)
    services.audit(
        request.organisation,
        request.user,
        AuditAction.AUDIT_LOG_EXPORTED,
        format=fmt,
        filter=form.description(),
    )
    name = f"audit-{request.organisation.slug}-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        return audit_export_files.csv_response(entries, name)
    return audit_export_files.xlsx_response(entries, name)


@require_http_methods(["GET", "POST"])
@org_view(Perm.MANAGE_SETTINGS)
def security_settings(request: OrgRequest) -> HttpResponse:
    """The organisation's second-factor requirement (mfa.py enforces it)."""
    organisation = request.organisation
    form = SecuritySettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"require_mfa": organisation.require_mfa},
    )
    if form.is_valid():
        required = form.cleaned_data["require_mfa"]
        if mfa.set_require_mfa(organisation, required):
            messages.success(
                request,
                _("Administrators and facilitators now need a second factor.")
                if required
                else _("A second factor is no longer required."),
            )
        return redirect("organisations:security", org=organisation.slug)
    status = 422 if form.errors else 200
    context = {"organisation": organisation, "form": form}
    return render(request, "organisations/security.html", context, status=status)
