from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.organisations.scoping import OrgQuerySet


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Company")
    VOLUNTEER_ORGANISATION = "volunteer_organisation", _("Volunteer organisation")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


class Role(models.TextChoices):
    """A member's role in one organisation. What each role may do lives in ``policy.py``."""

    ADMIN = "admin", _("Administrator")
    FACILITATOR = "facilitator", _("Facilitator")
    ANALYST = "analyst", _("Analyst")
    VIEWER = "viewer", _("Viewer (reads results)")
    PARTICIPANT = "participant", _("Participant")


class AuditAction(models.TextChoices):
    MEMBER_ADDED = "member.added", _("Member added")
    MEMBER_ROLE_CHANGED = "member.role_changed", _("Role changed")
    MEMBER_REMOVED = "member.removed", _("Member removed")
    PROJECT_CREATED = "project.created", _("Project created")
    PROJECT_CHANGED = "project.changed", _("Project changed")
    EXPLORER_THRESHOLD_CHANGED = "explorer.threshold_changed", _("Smallest group shown changed")
    MEASUREMENT_CREATED = "measurement.created", _("Effect measurement: added")
    MEASUREMENT_CHANGED = "measurement.changed", _("Effect measurement: changed")
    MEASUREMENT_DELETED = "measurement.deleted", _("Effect measurement: deleted")
    STORIES_EXPORTED = "stories.exported", _("Stories exported as microdata")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    accessibility_statement_url = models.URLField(
        _("accessibility statement"),
        blank=True,
        help_text=_("Address of the organisation's accessibility statement, if it has its own."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_one_per_user_and_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class AuditEntry(models.Model):
    """Who did what to an organisation's data. Written only by ``services.audit``."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="audit_entries",
        verbose_name=_("organisation"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=60, choices=AuditAction.choices)
    target = models.CharField(_("target"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target}"
