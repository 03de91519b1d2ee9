from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.lib.forms import AccessibleForm
from samskab.organisations.models import Role


class AddMemberForm(AccessibleForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter the new member's e-mail address."),
            "invalid": _("Enter a valid e-mail address, such as name@kommune.dk."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.FACILITATOR,
        error_messages={"invalid_choice": _("Choose one of the listed roles.")},
    )


class ChangeRoleForm(AccessibleForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        error_messages={"invalid_choice": _("Choose one of the listed roles.")},
    )


class SecuritySettingsForm(AccessibleForm):
    require_mfa = forms.BooleanField(
        label=_("Require a second factor of administrators and facilitators"),
        required=False,
        help_text=_(
            "They then log in with a code from an authenticator app or with a security key "
            "after the password, also after single sign-on unless the identity provider "
            "vouches for a second factor. Those without one are asked to set it up first."
        ),
    )


class LoginForm(allauth_forms.LoginForm):  # type: ignore[misc]
    """allauth's log-in form; the "forgot password" link sits below the form, not in help text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
