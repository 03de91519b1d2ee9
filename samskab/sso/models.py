"""An organisation's identity provider: allauth's ``SocialApp`` plus who it may let in, as what."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.organisations.models import Organisation, Role
from samskab.organisations.scoping import OrgOwned

PROVIDERS = ("openid_connect", "saml")


class Connection(OrgOwned):
    """One identity provider of one organisation.

    Invariant: an identity provider only ever creates or changes memberships of
    ``organisation`` (``services.apply_role``), and reaches an existing account by e-mail only
    when that account belongs to no other organisation (``services.match_by_email``).
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="sso_connections",
        verbose_name=_("organisation"),
    )
    app = models.OneToOneField(
        SocialApp,
        on_delete=models.CASCADE,
        related_name="samskab_connection",
        verbose_name=_("identity provider"),
    )
    email_domains = models.CharField(
        _("e-mail domains"),
        max_length=500,
        help_text=_(
            "The provider may only log in people whose e-mail address ends in one of these "
            "domains, separated by spaces (such as aarby.dk)."
        ),
    )
    email_verified_by_idp = models.BooleanField(
        _("the provider verifies e-mail addresses"),
        default=False,
        help_text=_(
            "Treat every e-mail address the provider sends as verified. Leave off for OpenID "
            "Connect providers that say so per person (the email_verified claim)."
        ),
    )
    role_attribute = models.CharField(
        _("role claim or attribute"),
        max_length=300,
        blank=True,
        help_text=_(
            "The OpenID Connect claim (such as roles or groups) or SAML attribute that holds "
            "the person's roles or job functions."
        ),
    )
    role_map = models.JSONField(
        _("role mapping"),
        default=dict,
        blank=True,
        help_text=_("Which value of the role claim gives which role in Samskab."),
    )
    default_role = models.CharField(
        _("role when none is mapped"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("Leave empty to refuse people whose provider sends no mapped role."),
    )
    remove_access_without_role = models.BooleanField(
        _("remove access when no role is sent"),
        default=True,
        help_text=_(
            "When a member logs in and the provider no longer sends a mapped role, remove their "
            "membership of the organisation."
        ),
    )
    trust_idp_mfa = models.BooleanField(
        _("trust the provider's second factor"),
        default=False,
        help_text=_(
            "When the provider says the person logged in with a second factor (or at NSIS "
            "level Substantial or High), do not ask for Samskab's own."
        ),
    )
    mfa_acr_values = models.CharField(
        _("acr values that mean a second factor"),
        max_length=500,
        blank=True,
        help_text=_(
            "OpenID Connect only: acr values, separated by spaces, that mean a second "
            "factor was used (the amr values mfa, otp, hwk and swk always do)."
        ),
    )

    class Meta:
        verbose_name = _("single sign-on connection")
        verbose_name_plural = _("single sign-on connections")
        ordering = ["app__name"]

    def __str__(self) -> str:
        return f"{self.app.name} ({self.organisation})"

    @property
    def domains(self) -> frozenset[str]:
        return frozenset(d.strip().lstrip("@").lower() for d in self.email_domains.split() if d)

    def clean(self) -> None:
        app = getattr(self, "app", None)
        if app is None:
            return
        if app.provider not in PROVIDERS:
            raise ValidationError(
                _("Single sign-on supports OpenID Connect and SAML providers only."),
                code="unsupported_provider",
            )
        if not app.provider_id:
            # Accounts are keyed by (provider id, subject): two providers sharing one id would
            # let one provider's subject log in as the other's.
            raise ValidationError(
                _("Give the identity provider its own provider ID."), code="no_provider_id"
            )
        unknown = sorted(set(map(str, self.role_map.values())) - set(Role.values))
        if unknown:
            message = _("Map values only to Samskab's roles.")
            raise ValidationError({"role_map": ValidationError(message, code="unknown_role")})
        if not self.domains:
            message = _("Enter at least one e-mail domain.")
            raise ValidationError({"email_domains": ValidationError(message, code="no_domains")})
