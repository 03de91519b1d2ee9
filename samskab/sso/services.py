"""Who an identity provider may log in, and with which role: the rules of single sign-on.

The adapter (``adapters.py``) calls these while allauth processes a log-in; each refusal is an
``SSORefused`` whose message is shown to the person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from samskab.organisations import services as organisation_services
from samskab.organisations.models import AuditAction, Membership, Role
from samskab.sso import claims
from samskab.sso.models import Connection

# Most access first: when several of a person's values are mapped, the first of these wins.
ROLE_ORDER = list(Role)


class SSORefused(Exception):
    """A single sign-on log-in that the rules refuse; the message is for the person."""


def connection_for(provider_id: str) -> Connection:
    """The connection whose app has ``provider_id`` (allauth's ``SocialAccount.provider``)."""
    connections = list(
        Connection.objects.select_related("organisation", "app").filter(
            app__provider_id=provider_id
        )[:2]
    )
    if len(connections) != 1 or not provider_id:
        raise SSORefused(_("This identity provider is not connected to an organisation."))
    return connections[0]


def read_assertion(
    connection: Connection, extra_data: dict[str, Any], email: str, email_verified: bool
) -> claims.Assertion:
    """What the provider said, for ``connection``'s protocol and settings."""
    if connection.app.provider == "saml":
        roles = claims.saml_roles(extra_data, connection.role_attribute)
        mfa = claims.saml_mfa(extra_data)
    else:
        roles = claims.oidc_roles(extra_data, connection.role_attribute)
        mfa = claims.oidc_mfa(extra_data, connection.mfa_acr_values.split())
        email_verified = email_verified or claims.oidc_email_verified(extra_data)
    return claims.Assertion(
        email=email.strip().lower(),
        email_verified=email_verified or connection.email_verified_by_idp,
        roles=roles,
        mfa=mfa and connection.trust_idp_mfa,
    )


def mapped_role(connection: Connection, assertion: claims.Assertion) -> Role | None:
    role_map = connection.role_map
    mapped = {Role(role_map[value]) for value in assertion.roles if value in role_map}
    if mapped:
        return min(mapped, key=ROLE_ORDER.index)
    return Role(connection.default_role) if connection.default_role else None


def check_domain(connection: Connection, email: str) -> None:
    if not email:
        raise SSORefused(_("Your identity provider did not send an e-mail address."))
    if email.rpartition("@")[2] not in connection.domains:
        raise SSORefused(
            _("%(provider)s may not log in people with the e-mail address %(email)s.")
            % {"provider": connection.app.name, "email": email}
        )


def match_by_email(connection: Connection, assertion: claims.Assertion) -> User | None:
    """The existing account the provider's e-mail address leads to, if the rules allow it.

    None when no account has the address (a new person). An account of another organisation,
    an operator's account, or an address the provider has not verified is never reached.
    """
    check_domain(connection, assertion.email)
    users = list(User.objects.filter(email__iexact=assertion.email))
    if not users:
        return None
    taken = _(
        "An account with the e-mail address %(email)s already exists and cannot be reached "
        "through %(provider)s. Log in with your password, or ask your administrator."
    ) % {"email": assertion.email, "provider": connection.app.name}
    if len(users) > 1 or not assertion.email_verified:
        raise SSORefused(taken)
    user = users[0]
    elsewhere = Membership.objects.filter(user=user).exclude(organisation=connection.organisation)
    if user.is_staff or user.is_superuser or not user.is_active or elsewhere.exists():
        raise SSORefused(taken)
    return user


def no_role_message(connection: Connection) -> str:
    return _(
        "%(provider)s did not give you a role in %(organisation)s, so you cannot use Samskab "
        "there. Ask your administrator for access."
    ) % {"provider": connection.app.name, "organisation": connection.organisation.name}


@transaction.atomic
def apply_role(connection: Connection, user: User, role: Role | None) -> Membership | None:
    """Give ``user`` the provider's role in the provider's organisation, and nowhere else.

    None when the person has no access there: no mapped role, and no membership, or one that
    was just removed because the connection removes access without a role.
    """
    organisation = connection.organisation
    membership = Membership.objects.for_org(organisation).filter(user=user).first()
    if role is None:
        if membership is not None and connection.remove_access_without_role:
            _call(organisation_services.remove_member, membership, None)
            return None
        return membership
    if membership is None:
        membership = Membership.objects.create(organisation=organisation, user=user, role=role)
        organisation_services.audit(
            organisation,
            None,
            AuditAction.MEMBER_ADDED,
            user.email,
            role=str(role),
            sso_provider=connection.app.provider_id,
        )
    elif membership.role != role:
        _call(organisation_services.change_role, membership, role, None)
    return membership


def _call(change: Callable[..., Any], *args: Any) -> None:
    # The organisation's own rules (such as keeping one administrator) hold for SSO too.
    try:
        change(*args)
    except organisation_services.MembershipError as exc:
        raise SSORefused(str(exc)) from exc
