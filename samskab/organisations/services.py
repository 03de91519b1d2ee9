"""Membership changes and the audit log. Views and the API call these; they never write rows."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from samskab.organisations.models import AuditAction, AuditEntry, Membership, Organisation, Role
from samskab.organisations.tasks import send_invitation


class MembershipError(Exception):
    """A membership change that would break a rule; the message is for the person."""


def audit(
    organisation: Organisation,
    actor: User | None,
    action: AuditAction,
    target: str = "",
    **details: Any,
) -> AuditEntry:
    return AuditEntry.objects.create(
        organisation=organisation, actor=actor, action=action, target=target, details=details
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
    membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    audit(organisation, actor, AuditAction.MEMBER_ADDED, email, role=str(role))
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
def change_role(membership: Membership, role: Role, actor: User) -> Membership:
    if membership.role == Role.ADMIN and role != Role.ADMIN and _remaining_admins(membership) == 0:
        raise MembershipError(_("An organisation must keep at least one administrator."))
    old_role = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit(
        membership.organisation,
        actor,
        AuditAction.MEMBER_ROLE_CHANGED,
        membership.user.email,
        old=old_role,
        new=str(role),
    )
    return membership


@transaction.atomic
def remove_member(membership: Membership, actor: User) -> None:
    if membership.role == Role.ADMIN and _remaining_admins(membership) == 0:
        raise MembershipError(_("An organisation must keep at least one administrator."))
    audit(membership.organisation, actor, AuditAction.MEMBER_REMOVED, membership.user.email)
    membership.delete()
