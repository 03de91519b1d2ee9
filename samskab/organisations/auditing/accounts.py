"""Account events: logins, refused logins, logouts, passwords and second factors.

An account belongs to the installation, not to one organisation: these entries have no
organisation, and an organisation's administrator sees those of the organisation's members
(``AuditQuerySet.visible_to``). The entry's actor is the account concerned, also for a refused
login (someone tried that account). A refused login for an address that has no account is kept
without the address: people mistype their password into the e-mail field.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from samskab.organisations.auditing import context
from samskab.organisations.models import AuditAction

USER = "auth.user"
# allauth keeps how the person authenticated in the session (password, mfa, socialaccount, ...).
_METHODS_KEY = "account_authentication_methods"


def _record(user: AbstractBaseUser | None, action: AuditAction, **details: Any) -> None:
    # Outside a request or task (the test client's force_login, the shell): nothing to log.
    if context.for_signals() is None:
        return
    from samskab.organisations.services import audit

    label = getattr(user, "email", "") if user is not None else ""
    audit(None, user, action, label, object_type=USER, **details)


def _methods(request: HttpRequest | None) -> list[str]:
    session = getattr(request, "session", None)
    records = session.get(_METHODS_KEY, []) if session is not None else []
    return sorted({str(r.get("method")) for r in records if isinstance(r, dict)})


def logged_in(sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kw: Any) -> None:
    _record(user, AuditAction.LOGIN, methods=_methods(request))


def logged_out(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser | None, **kw: Any
) -> None:
    if user is not None:
        _record(user, AuditAction.LOGOUT)


def login_failed(sender: Any, credentials: dict[str, Any], **kw: Any) -> None:
    name = str(credentials.get("email") or credentials.get("username") or "").strip()
    model = get_user_model()
    user = None
    if name:
        user = (
            model._default_manager.filter(email__iexact=name).first()
            or model._default_manager.filter(username=name).first()
        )
    _record(user, AuditAction.LOGIN_FAILED, account_known=user is not None)


def _account_event(action: AuditAction) -> Any:
    def receiver(sender: Any, user: AbstractBaseUser, **kw: Any) -> None:
        authenticator = kw.get("authenticator")
        kind = {"type": str(authenticator.type)} if authenticator is not None else {}
        _record(user, action, **kind)

    return receiver


_RECEIVERS = [
    (auth_signals.user_logged_in, logged_in),
    (auth_signals.user_logged_out, logged_out),
    (auth_signals.user_login_failed, login_failed),
    (account_signals.password_changed, _account_event(AuditAction.PASSWORD_CHANGED)),
    (account_signals.password_set, _account_event(AuditAction.PASSWORD_CHANGED)),
    (account_signals.password_reset, _account_event(AuditAction.PASSWORD_RESET)),
    (mfa_signals.authenticator_added, _account_event(AuditAction.MFA_ADDED)),
    (mfa_signals.authenticator_removed, _account_event(AuditAction.MFA_REMOVED)),
    (mfa_signals.authenticator_reset, _account_event(AuditAction.MFA_RESET)),
    (mfa_signals.authentication_failed, _account_event(AuditAction.MFA_FAILED)),
]


def connect() -> None:
    for index, (signal, receiver) in enumerate(_RECEIVERS):
        signal.connect(receiver, dispatch_uid=f"samskab-audit-account-{index}", weak=False)
