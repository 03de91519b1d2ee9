"""The second factor: who must use one, whether this session passed one, and the enforcement.

Who must: staff users on the Django admin, always; members with an administrator or facilitator
role in an organisation that turned ``require_mfa`` on, on every page. Until they have an
authenticator (an app code or a security key) they can only set one up; a session that logged in
without a second factor (started before the factor existed, or by single sign-on without one) must
confirm one before it goes on.

Whether this session passed: allauth records every authentication step in the session
(``get_authentication_records``); an ``mfa`` step means the second factor was given, at log-in or
on allauth's "confirm access" pages. Two more ways are recorded here, bound to the user:

* ``mark_idp_mfa(request)``: the single sign-on adapter calls it in the provider's callback
  request, before allauth logs the user in (``SocialAccountAdapter.pre_social_login``), when the
  identity provider asserted a second factor. The mark lives on that request only and is written
  to the session when allauth records the social log-in of the same request, so an abandoned
  attempt cannot vouch for a later log-in. allauth's own second-factor step is then skipped
  (``AuthenticateStage``).
* setting up the first authenticator: the person just proved they hold it.

Removing the last authenticator withdraws what this session passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from allauth.account.authentication import get_authentication_records
from allauth.account.signals import authentication_step_completed
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from samskab.organisations.models import Membership, Organisation, Role

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

SESSION_KEY = "samskab_mfa"
_IDP_MARK = "_samskab_idp_mfa"
_MEMBERSHIPS = "_samskab_memberships"
FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
ROLES_THAT_NEED_MFA = (Role.ADMIN, Role.FACILITATOR)

# Pages open to someone who must use a second factor but has not: leaving, the language, the
# accessibility statement; while no authenticator exists, setting one up (allauth asks for the
# password again first); once one exists, confirming it.
ALWAYS_OPEN = frozenset({"account_logout", "admin:logout", "set_language", "accessibility"})
OPEN_FOR_SETUP = frozenset(
    {"mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "account_reauthenticate"}
)
OPEN_FOR_CONFIRMATION = frozenset({"mfa_reauthenticate", "mfa_reauthenticate_webauthn"})


# --- This session's second factor ---------------------------------------------------------------


def mark_idp_mfa(request: HttpRequest) -> None:
    """The identity provider of this log-in vouched for a second factor (see module docstring)."""
    setattr(request, _IDP_MARK, True)


def mfa_satisfied(request: HttpRequest) -> bool:
    """Whether the logged-in user gave a second factor in this session (or their IdP did)."""
    user = request.user
    if not user.is_authenticated:
        return False
    passed = [
        float(record["at"])
        for record in get_authentication_records(request, user)
        if record.get("method") == "mfa"
    ]
    state = _state(request, user)
    if state.get("passed_at") is not None:
        passed.append(float(state["passed_at"]))
    if not passed:
        return False
    removed = state.get("factors_removed_at")
    return removed is None or max(passed) > float(removed)


def idp_vouched(request: HttpRequest, user: AbstractBaseUser | None) -> bool:
    return user is not None and _state(request, user).get("via") == "idp"


def _state(request: HttpRequest, user: AbstractBaseUser) -> dict[str, Any]:
    state = request.session.get(SESSION_KEY)
    if isinstance(state, dict) and state.get("user") == str(user.pk):
        return state
    return {}


def _remember(request: HttpRequest, user: AbstractBaseUser, **changes: Any) -> None:
    request.session[SESSION_KEY] = {**_state(request, user), "user": str(user.pk), **changes}


def has_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(Authenticator.objects.filter(user_id=user.pk, type__in=FACTORS).exists())


@receiver(authentication_step_completed, dispatch_uid="samskab_mfa_idp")
def _bind_idp_mark(
    sender: object, request: HttpRequest, user: AbstractBaseUser, method: str, **kwargs: Any
) -> None:
    if method == "socialaccount" and getattr(request, _IDP_MARK, False):
        _remember(request, user, passed_at=time.time(), via="idp")


@receiver(authenticator_added, dispatch_uid="samskab_mfa_setup")
def _first_factor_passes(
    sender: object, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
) -> None:
    # Only the first one: adding a second factor must not stand in for confirming the first.
    if Authenticator.objects.filter(user_id=user.pk, type__in=FACTORS).count() == 1:
        _remember(request, user, passed_at=time.time(), via="setup")


@receiver(authenticator_removed, dispatch_uid="samskab_mfa_removed")
def _last_factor_removed(
    sender: object, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
) -> None:
    if not has_factor(user):
        _remember(request, user, factors_removed_at=time.time())


class AuthenticateStage(AllauthAuthenticateStage):  # type: ignore[misc]
    """allauth's second-factor step at log-in, skipped when the identity provider vouched."""

    def _should_handle(self, request: HttpRequest) -> bool:
        if idp_vouched(request, self.login.user):
            return False
        return bool(super()._should_handle(request))


# --- Who must use one -------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """Why this request needs a second factor, in words for the person."""

    reason: str


def requirement(request: HttpRequest, view_name: str = "") -> Requirement | None:
    """Why this user must have passed a second factor for this page, or None if they need not.

    A staff user meets the admin's rule on the admin and on allauth's second-factor pages: the
    admin sends them there, and a session that has not passed the factor it has must not remove
    it and set up its own instead. An organisation's rule holds everywhere.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    for_admin = Requirement(_("The administration site always requires a second factor."))
    if user.is_staff and request.path.startswith(reverse("admin:index")):
        return for_admin
    organisation = organisation_requiring_mfa(request)
    if organisation is not None:
        return Requirement(
            _("%(organisation)s requires a second factor of administrators and facilitators.")
            % {"organisation": organisation.name}
        )
    if user.is_staff and (view_name.startswith("mfa_") or view_name in OPEN_FOR_SETUP):
        return for_admin
    return None


def organisation_requiring_mfa(request: HttpRequest) -> Organisation | None:
    """The first organisation (by name) where the user's role needs a second factor."""
    for membership in memberships_of(request):
        if membership.role in ROLES_THAT_NEED_MFA and membership.organisation.require_mfa:
            return membership.organisation
    return None


def memberships_of(request: HttpRequest) -> list[Membership]:
    """The logged-in user's memberships with their organisations, by name: one query a request,
    shared with the menu (``samskab.lib.context_processors``)."""
    user = request.user
    if not user.is_authenticated:
        return []
    cached = getattr(request, _MEMBERSHIPS, None)
    if cached is not None and cached[0] == user.pk:
        return cast(list[Membership], cached[1])
    memberships = list(
        Membership.objects.filter(user_id=user.pk)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    setattr(request, _MEMBERSHIPS, (user.pk, memberships))
    return memberships


# --- Enforcement --------------------------------------------------------------------------------


class MFARequiredMiddleware:
    """Sends those who must use a second factor to set one up, or to confirm it, before any page.

    Sets ``request.mfa_requirement`` (a ``Requirement`` or None) for the setup and confirmation
    pages, which explain why they are shown. API requests get a JSON 403 instead of a redirect.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.mfa_requirement = None  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if view_name in ALWAYS_OPEN or mfa_satisfied(request):
            return None
        needed = requirement(request, view_name)
        if needed is None:
            return None
        request.mfa_requirement = needed  # type: ignore[attr-defined]
        factor = has_factor(request.user)
        if view_name in (OPEN_FOR_CONFIRMATION if factor else OPEN_FOR_SETUP):
            return None
        return _refuse(request, needed, factor)


def _refuse(request: HttpRequest, needed: Requirement, factor: bool) -> HttpResponse:
    if request.path.startswith("/api/"):
        then = (
            _("Confirm your second factor in the browser, then try again.")
            if factor
            else _("Set up a second factor in the browser, then try again.")
        )
        return JsonResponse({"detail": f"{needed.reason} {then}"}, status=403)
    if factor:
        uses_app = Authenticator.objects.filter(
            user_id=request.user.pk, type=Authenticator.Type.TOTP
        ).exists()
        target = reverse("mfa_reauthenticate" if uses_app else "mfa_reauthenticate_webauthn")
        target += "?" + urlencode({"next": request.get_full_path()})
    else:
        target = reverse("mfa_index")
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return HttpResponseRedirect(target)


# --- The organisation's setting --------------------------------------------------------------


def set_require_mfa(organisation: Organisation, required: bool) -> bool:
    """Turn the requirement on or off; True if it changed.

    The audit log records the change with the old and new value (the organisation's row is
    followed by ``auditing/changes.py``, which knows who is acting).
    """
    if organisation.require_mfa == required:
        return False
    organisation.require_mfa = required
    organisation.save(update_fields=["require_mfa"])
    return True
