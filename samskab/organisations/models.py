from __future__ import annotations

from typing import Any, Self

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
    """What an audit entry records. ``AuditEntry.action`` holds the value as plain text.

    The field deliberately has no ``choices``: every new action would otherwise need a migration
    of the append-only table (the choices live only in Python, which is where entries are
    written: ``services.audit`` takes an ``AuditAction``, never a string). A value that is no
    longer listed here still shows, as its code.
    """

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
    # Every other table of every app: see auditing/changes.py.
    RECORD_CREATED = "record.created", _("Created")
    RECORD_CHANGED = "record.changed", _("Changed")
    RECORD_DELETED = "record.deleted", _("Deleted")
    # Staff reading stories: one entry per page shown or file downloaded, with its filter.
    STORIES_READ = "stories.read", _("Stories read")
    ANSWERS_EXPORTED = "stories.answers_exported", _("Answers exported as a table")
    AUDIT_LOG_EXPORTED = "audit.exported", _("Audit log exported")
    IMPORT_STARTED = "import.started", _("Import started")
    IMPORT_FINISHED = "import.finished", _("Import finished")
    IMPORT_FAILED = "import.failed", _("Import failed")
    IMPORT_CANCELLED = "import.cancelled", _("Import cancelled")
    # Accounts belong to the installation, not to one organisation (``organisation`` is empty).
    LOGIN = "account.login", _("Logged in")
    LOGIN_FAILED = "account.login_failed", _("Login refused")
    LOGOUT = "account.logout", _("Logged out")
    PASSWORD_CHANGED = "account.password_changed", _("Password changed")
    PASSWORD_RESET = "account.password_reset", _("Password reset")
    MFA_ADDED = "account.mfa_added", _("Second factor added")
    MFA_REMOVED = "account.mfa_removed", _("Second factor removed")
    MFA_RESET = "account.mfa_reset", _("Recovery codes renewed")
    MFA_FAILED = "account.mfa_failed", _("Second factor refused")
    # Retention and data-subject requests (samskab/privacy).
    RETENTION_ENFORCED = "privacy.retention", _("Retention period enforced")
    STORY_ERASED_BY_STORYTELLER = "privacy.story_erased", _("Story deleted by its storyteller")
    STORY_COPIED_BY_STORYTELLER = "privacy.story_copied", _("Story downloaded by its storyteller")
    PERSON_EXPORTED = "privacy.person_exported", _("Data about a person exported")
    PERSON_ERASED = "privacy.person_erased", _("Data about a person erased")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    accessibility_statement_url = models.URLField(
        _("accessibility statement"),
        blank=True,
        help_text=_("Address of the organisation's accessibility statement, if it has its own."),
    )
    require_mfa = models.BooleanField(
        _("require a second factor"),
        default=False,
        help_text=_(
            "Administrators and facilitators must log in with a second factor (an app code or "
            "a security key), also after single sign-on unless the identity provider vouches "
            "for one."
        ),
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


class AuditQuerySet(OrgQuerySet["AuditEntry"]):
    """Entries can be added and read, never changed or removed (see ``AuditEntry``)."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError

    def visible_to(self, organisation: Organisation) -> Self:
        """The organisation's own entries and the account events (logins, second factor) of
        its present members: accounts belong to the installation, not to one organisation."""
        members = Membership.objects.for_org(organisation).values("user_id")
        return self.filter(
            models.Q(organisation=organisation)
            | models.Q(organisation__isnull=True, actor_id__in=members)
        )


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""

    def __init__(self) -> None:
        super().__init__("The audit log is append-only: entries cannot be changed or deleted.")


class AuditEntry(models.Model):
    """Who did what, when. Written only by ``services.audit`` (and ``auditing``, which calls it).

    Append-only: a database trigger refuses UPDATE, DELETE (and, on PostgreSQL, TRUNCATE) on the
    table (``auditing/guard.py``, migration 0009), and the model and its queryset refuse too. So
    nothing may ever need to update or delete a row: the organisation and the actor are kept as
    plain ids without a database constraint (``db_constraint=False``, ``DO_NOTHING``), and
    deleting an organisation or a user leaves its entries as they were. ``actor_label`` keeps
    the actor's e-mail address as it was at the time.

    On SQLite, a migration that alters this table rebuilds it and drops its triggers: such a
    migration must call ``guard.install`` again (the trigger tests run after all migrations).
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("organisation"),
        help_text=_("Empty for account events (logins), which belong to no one organisation."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor's e-mail address"), max_length=254, blank=True)
    # Plain text, checked in Python (see AuditAction for why there are no choices here).
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(
        _("kind of object"), max_length=100, blank=True, help_text="app_label.model_name"
    )
    target = models.CharField(_("target"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_org_newest_first")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError

    @property
    def action_label(self) -> str:
        """The action's name in the reader's language (its code if no longer known)."""
        if self.action in AuditAction.values:
            return str(AuditAction(self.action).label)
        return self.action
