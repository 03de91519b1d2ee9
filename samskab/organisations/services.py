"""Membership changes and the audit log. Views and the API call these; they never write rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import unquote_plus

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from samskab.organisations.auditing import context as auditing_context
from samskab.organisations.models import AuditAction, AuditEntry, Membership, Organisation, Role
from samskab.organisations.tasks import send_invitation

MEMBERSHIP = "organisations.membership"  # the object type of membership entries


class MembershipError(Exception):
    """A membership change that would break a rule; the message is for the person."""


def audit(
    organisation: Organisation | None,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    target: str = "",
    **details: Any,
) -> AuditEntry:
    """Write one audit entry; the only way entries are written.

    ``organisation`` None: an event of the installation, such as a login. ``actor`` None (or
    anonymous): whoever is acting now (``auditing.context``: the request's user, the task's
    requester), else no one, and ``details["via"]`` says how the change came (a visitor
    without an account on the web, the system in a task). ``object_type="app.model"`` names
    the kind of object concerned (the log's filter); every other keyword is kept as a detail.
    """
    object_type = str(details.pop("object_type", ""))
    organisation_id = organisation.pk if organisation is not None else None
    return write_entry(organisation_id, actor, action, target, object_type, details)


def write_entry(
    organisation_id: int | None,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    target: str,
    object_type: str,
    details: dict[str, Any],
) -> AuditEntry:
    user = actor if actor is not None and actor.is_authenticated else None
    if user is None:
        context = auditing_context.current()
        user = context.user() if context is not None else None
        if user is None:
            details = {**details, "via": str(context.via) if context else "system"}
    return AuditEntry.objects.create(
        organisation_id=organisation_id,
        actor=cast(User | None, user),
        actor_label=getattr(user, "email", "") if user is not None else "",
        action=AuditAction(action).value,
        object_type=object_type,
        target=target[:200],
        details=details,
    )


_NOT_FILTERS = ("page", "csrfmiddlewaretoken")


def _filter_text(query: Mapping[str, Any] | None, keep: str = "") -> str:
    """A page's filter as a reader would type it ("level=volunteer&q=park"): the fields whose
    name starts with ``keep``, without the page number or the form's token."""
    if query is None:
        return ""
    pairs = query.lists() if isinstance(query, QueryDict) else query.items()
    kept = QueryDict(mutable=True)
    for name, values in pairs:
        if name.startswith(keep) and name not in _NOT_FILTERS:
            kept.setlist(name, values if isinstance(values, list) else [values])
    return unquote_plus(kept.urlencode())[:500]


def audit_stories_read(
    organisation: Organisation,
    target: str,
    where: str,
    query: Mapping[str, Any] | None,
    shown: int,
    keep: str = "",
    **details: Any,
) -> AuditEntry | None:
    """One entry per page that showed stories to staff (not one per story): where, which
    filter, which page and how many. A page that showed none is not logged."""
    if shown <= 0:
        return None
    page = query.get("page", "1") if query is not None else "1"
    return audit(
        organisation,
        None,
        AuditAction.STORIES_READ,
        target,
        object_type="instruments.collection",
        where=where,
        filter=_filter_text(query, keep),
        page=str(page)[:10],
        shown=shown,
        **details,
    )


def audit_answers_exported(
    organisation: Organisation,
    target: str,
    query: Mapping[str, Any] | None,
    rows: int,
    **details: Any,
) -> AuditEntry:
    return audit(
        organisation,
        None,
        AuditAction.ANSWERS_EXPORTED,
        target,
        object_type="instruments.collection",
        filter=_filter_text(query),
        rows=rows,
        **details,
    )


def _find_or_create_user(email: str) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User(username=email.lower(), email=email.lower())
    user.set_unusable_password()
    user.save()
    return user, True


@transaction.atomic
def add_member(organisation: Organisation, email: str, role: Role, actor: User) -> Membership:
    """Give ``email`` a role in ``organisation``; a new person is invited to set a password."""
    user, created = _find_or_create_user(email)
    if Membership.objects.for_org(organisation).filter(user=user).exists():
        raise MembershipError(_("%(email)s is already a member.") % {"email": email})
    with auditing_context.described_here():
        membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    audit(
        organisation, actor, AuditAction.MEMBER_ADDED, email, object_type=MEMBERSHIP, role=str(role)
    )
    if created:
        transaction.on_commit(lambda: send_invitation.enqueue(user.pk, organisation.pk))
    return membership


def _remaining_admins(membership: Membership) -> int:
    return (
        Membership.objects.for_org(membership.organisation)
        .filter(role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def change_role(membership: Membership, role: Role, actor: User | None) -> Membership:
    if membership.role == Role.ADMIN and role != Role.ADMIN and _remaining_admins(membership) == 0:
        raise MembershipError(_("An organisation must keep at least one administrator."))
    old_role = membership.role
    membership.role = role
    with auditing_context.described_here():
        membership.save(update_fields=["role"])
    audit(
        membership.organisation,
        actor,
        AuditAction.MEMBER_ROLE_CHANGED,
        membership.user.email,
        object_type=MEMBERSHIP,
        old=old_role,
        new=str(role),
    )
    return membership


@transaction.atomic
def remove_member(membership: Membership, actor: User | None) -> None:
    if membership.role == Role.ADMIN and _remaining_admins(membership) == 0:
        raise MembershipError(_("An organisation must keep at least one administrator."))
    audit(
        membership.organisation,
        actor,
        AuditAction.MEMBER_REMOVED,
        membership.user.email,
        object_type=MEMBERSHIP,
        role=membership.role,
    )
    with auditing_context.described_here():
        membership.delete()
