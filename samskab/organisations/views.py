from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_stubs_ext import StrOrPromise

from samskab.organisations import services
from samskab.organisations.forms import AddMemberForm, ChangeRoleForm
from samskab.organisations.models import AuditEntry, Membership, Role
from samskab.organisations.policy import GRANTS, LABELS, Perm, allows, org_view, organisation_of
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


@require_GET
@org_view(Perm.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request)
    entries = AuditEntry.objects.for_org(organisation).select_related("actor")[:200]
    return render(
        request, "organisations/audit_log.html", {"organisation": organisation, "entries": entries}
    )
