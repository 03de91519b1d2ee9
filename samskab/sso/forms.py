from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.lib.forms import AccessibleModelForm
from samskab.organisations.models import Role
from samskab.sso.models import Connection


def _role_by_name(name: str) -> Role | None:
    wanted = name.strip().casefold()
    for role in Role:
        if wanted in (role.value, str(role.label).casefold()):
            return role
    return None


def role_lines(role_map: dict[str, str]) -> str:
    return "\n".join(f"{value} = {role}" for value, role in sorted(role_map.items()))


class ConnectionRolesForm(AccessibleModelForm):
    """What an organisation's administrator decides: roles, and whether to trust its MFA.

    Which provider it is and whose e-mail addresses it may vouch for are the operator's (Django
    admin): they decide which accounts the provider can reach at all.
    """

    role_lines = forms.CharField(
        label=_("Role mapping"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One mapping a line: the provider's value, an equals sign, and a Samskab role "
            "(admin, facilitator, analyst, viewer or participant), such as "
            "“Samskab-Facilitator = facilitator”. When several values are mapped, the role "
            "with most access wins."
        ),
        error_messages={"max_length": _("The role mapping is too long.")},
        max_length=20000,
    )

    class Meta:
        model = Connection
        fields = [
            "role_attribute",
            "default_role",
            "remove_access_without_role",
            "trust_idp_mfa",
            "mfa_acr_values",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role_lines"].initial = role_lines(self.instance.role_map)
        self.order_fields(["role_attribute", "role_lines", "default_role"])
        if self.instance.app.provider == "saml":
            del self.fields["mfa_acr_values"]

    def clean_role_lines(self) -> dict[str, str]:
        role_map: dict[str, str] = {}
        for number, line in enumerate(self.cleaned_data["role_lines"].splitlines(), start=1):
            if not line.strip():
                continue
            value, sep, name = line.rpartition("=")
            role = _role_by_name(name) if sep else None
            if not value.strip() or role is None:
                raise forms.ValidationError(
                    _("Line %(number)s is not “value = role” with one of Samskab's roles."),
                    code="bad_line",
                    params={"number": number},
                )
            role_map[value.strip()] = role.value
        return role_map

    def save(self, commit: bool = True) -> Connection:
        self.instance.role_map = self.cleaned_data["role_lines"]
        connection: Connection = super().save(commit=commit)
        return connection
