"""Who may do what: the one place where roles are checked.

Views use the ``org_view`` decorator and the API calls ``authorise``; nothing else compares roles.
The rule everywhere: an organisation you are not a member of looks absent (404); an action your
role does not allow is refused (403).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samskab.organisations.models import Membership, Organisation, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class Perm(enum.StrEnum):
    """Actions on an organisation's data. Add one here, grant it below, test it in a matrix."""

    VIEW_ORGANISATION = "organisation.view"
    MANAGE_MEMBERS = "organisation.manage_members"
    VIEW_AUDIT_LOG = "organisation.view_audit_log"
    MANAGE_SETTINGS = "organisation.manage_settings"
    VIEW_PROJECTS = "projects.view"
    EDIT_PROJECTS = "projects.edit"
    MANAGE_INSTRUMENTS = "instruments.manage"
    READ_STORIES = "stories.read"
    EXPORT_MICRODATA = "stories.export_microdata"
    VIEW_RESULTS = "results.view"
    RECORD_MEASUREMENTS = "measurement.record"
    HANDLE_PERSONAL_DATA = "organisation.personal_data_requests"


_STAFF = {Role.ADMIN, Role.FACILITATOR, Role.ANALYST, Role.VIEWER}

GRANTS: dict[Perm, frozenset[Role]] = {
    Perm.VIEW_ORGANISATION: frozenset(_STAFF),
    Perm.MANAGE_MEMBERS: frozenset({Role.ADMIN}),
    Perm.VIEW_AUDIT_LOG: frozenset({Role.ADMIN}),
    # Organisation-wide settings, such as the explorer's disclosure threshold k.
    Perm.MANAGE_SETTINGS: frozenset({Role.ADMIN}),
    # Projects, key actors, activities, methods, expectation alignment and self-assessments.
    Perm.VIEW_PROJECTS: frozenset(_STAFF),
    Perm.EDIT_PROJECTS: frozenset({Role.ADMIN, Role.FACILITATOR}),
    # Instruments, collections, imports and stories entered for others.
    Perm.MANAGE_INSTRUMENTS: frozenset({Role.ADMIN, Role.FACILITATOR}),
    # Individual stories (always masked) are for those who work with them, not for readers of
    # results: a viewer (commissioning client, politician) sees aggregates only.
    Perm.READ_STORIES: frozenset({Role.ADMIN, Role.FACILITATOR, Role.ANALYST}),
    # Raw exports carry every answer of every story, small groups included (no disclosure
    # control): only for those who run collections, and each one is written to the audit log.
    Perm.EXPORT_MICRODATA: frozenset({Role.ADMIN, Role.FACILITATOR}),
    Perm.VIEW_RESULTS: frozenset(_STAFF),
    # Effect measurement: enter measurements, add evidence, write the learning log and note
    # unplanned gains. Goals, indicators, the plan and milestones need EDIT_PROJECTS.
    Perm.RECORD_MEASUREMENTS: frozenset({Role.ADMIN, Role.FACILITATOR, Role.ANALYST}),
    # Export or erase everything held about one person (a data-subject request).
    Perm.HANDLE_PERSONAL_DATA: frozenset({Role.ADMIN}),
}

# What each permission means, for the role table on the members page.
LABELS: dict[Perm, StrOrPromise] = {
    Perm.VIEW_ORGANISATION: _("See the organisation"),
    Perm.MANAGE_MEMBERS: _("Add and remove members, change roles"),
    Perm.VIEW_AUDIT_LOG: _("Read the audit log"),
    Perm.MANAGE_SETTINGS: _("Change the organisation's settings, such as the smallest group shown"),
    Perm.VIEW_PROJECTS: _("See projects, actors, activities and methods"),
    Perm.EDIT_PROJECTS: _("Create and edit projects, actors, activities and methods"),
    Perm.MANAGE_INSTRUMENTS: _("Design instruments, run collections, import and enter stories"),
    Perm.READ_STORIES: _("Read individual stories (personal data masked)"),
    Perm.EXPORT_MICRODATA: _(
        "Export all answers of all stories as files (personal data masked); every export is logged"
    ),
    Perm.VIEW_RESULTS: _("See analysis results (never groups smaller than the threshold)"),
    Perm.RECORD_MEASUREMENTS: _(
        "Enter measurements, add evidence, write the learning log and note unplanned gains"
    ),
    Perm.HANDLE_PERSONAL_DATA: _(
        "Answer a person's request to see or erase the data held about them"
    ),
}


def allows(membership: Membership | None, perm: Perm) -> bool:
    return membership is not None and Role(membership.role) in GRANTS[perm]


def membership_for(user: User | AnonymousUser, organisation_slug: str) -> Membership:
    """The user's membership of the organisation, or 404 if there is none (or no such org)."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(organisation__slug=organisation_slug, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def authorise(user: User | AnonymousUser, organisation_slug: str, perm: Perm) -> Membership:
    """404 unless a member, 403 unless the member's role grants ``perm``."""
    membership = membership_for(user, organisation_slug)
    if not allows(membership, perm):
        raise PermissionDenied
    return membership


class OrgRequest(HttpRequest):
    """A request under ``/o/<org>/`` after ``org_view``: what the decorator and middleware set.

    Annotate a view's request with it instead of reading attributes with ``type: ignore``.
    """

    user: User
    organisation: Organisation
    membership: Membership


def can(request: OrgRequest, perm: Perm) -> bool:
    """Whether the request's member may ``perm`` (for showing or hiding actions in a page)."""
    return allows(request.membership, perm)


def organisation_of(request: HttpRequest) -> Organisation:
    """The organisation ``org_view`` resolved for this request."""
    return cast(Organisation, request.organisation)  # type: ignore[attr-defined]


V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def org_view(perm: Perm) -> Callable[[V], V]:
    """Decorate a view under ``/o/<org>/``: resolve the organisation and check ``perm``.

    Anonymous visitors never get here (LoginRequiredMiddleware sends them to the login page);
    members get ``request.organisation`` and ``request.membership``. The decorator also records
    ``perm`` on the view so the middleware can refuse organisation routes that forgot it.
    """

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, org: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            membership = authorise(request.user, org, perm)
            request.membership = membership  # type: ignore[attr-defined]
            request.organisation = membership.organisation  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.required_permission = perm  # type: ignore[attr-defined]
        return cast(V, wrapper)

    return decorator
