"""allauth adapters: single sign-on log-ins go through the rules in ``services``."""

from __future__ import annotations

from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base.constants import AuthProcess
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from samskab.organisations.adapters import AccountAdapter as OrganisationsAccountAdapter
from samskab.organisations.mfa import mark_idp_mfa
from samskab.sso import services
from samskab.sso.claims import Assertion
from samskab.sso.logout import saml_logout_url
from samskab.sso.models import Connection


class AccountAdapter(OrganisationsAccountAdapter):
    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        # Asked before the local session ends: a SAML session also ends at its provider.
        return saml_logout_url(request) or str(super().get_logout_redirect_url(request))


def _assertion(sociallogin: SocialLogin) -> tuple[Connection, Assertion]:
    connection = services.connection_for(sociallogin.account.provider)
    user = sociallogin.user
    email = (user.email if user is not None else "") or ""
    verified = any(
        address.verified and address.email.lower() == email.lower()
        for address in sociallogin.email_addresses
    )
    assertion = services.read_assertion(connection, sociallogin.account.extra_data, email, verified)
    return connection, assertion


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        try:
            self._admit(request, sociallogin)
        except services.SSORefused as exc:
            response = render(request, "sso/refused.html", {"message": str(exc)}, status=403)
            raise ImmediateHttpResponse(response) from exc

    def _admit(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            # No "connect this provider to my account": an account is reached through a
            # provider only by the rules below.
            raise services.SSORefused(
                _("An account is linked to an identity provider only by logging in through it.")
            )
        connection, assertion = _assertion(sociallogin)
        role = services.mapped_role(connection, assertion)
        # This provider's subject, linked before; else an account the e-mail may reach.
        user = sociallogin.user if sociallogin.is_existing else None
        if user is None:
            user = services.match_by_email(connection, assertion)
        if user is not None:
            if services.apply_role(connection, user, role) is None:
                raise services.SSORefused(services.no_role_message(connection))
            if not sociallogin.is_existing:
                sociallogin.connect(request, user)
        elif role is None:
            raise services.SSORefused(services.no_role_message(connection))
        # Otherwise a new person: allauth signs them up, then ``save_user`` gives the role.
        if assertion.mfa:  # only when the connection trusts the provider's second factor
            mark_idp_mfa(request)

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        # Local sign-up stays closed; through single sign-on only those ``_admit`` let pass.
        return True

    @transaction.atomic
    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> User:
        user: User = super().save_user(request, sociallogin, form)
        connection, assertion = _assertion(sociallogin)
        services.check_domain(connection, user.email.lower())  # whatever a form may have changed
        services.apply_role(connection, user, services.mapped_role(connection, assertion))
        return user
