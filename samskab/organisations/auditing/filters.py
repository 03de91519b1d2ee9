"""The audit log's filters: kind of event, who, kind of object, dates and text."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisations.auditing.policies import Mode, policy_for
from samskab.organisations.models import AuditAction, AuditEntry, Membership, Organisation

SYSTEM = "system"  # the actor choice for entries without an account (the system, visitors)


class Kind(models.TextChoices):
    CHANGES = "changes", _("Changes to data")
    DELETIONS = "deletions", _("Deletions")
    ACCESS = "access", _("Reading stories and exports")
    MEMBERS = "members", _("Members and roles")
    SETTINGS = "settings", _("Settings")
    ACCOUNTS = "accounts", _("Logins and accounts")
    IMPORTS = "imports", _("Imports")
    PRIVACY = "privacy", _("Retention and requests from the people concerned")


SETTINGS_TYPES = ("organisations.organisation", "playbooks.branding", "explorer.explorersettings")

KINDS: dict[Kind, Q] = {
    Kind.CHANGES: Q(action__startswith="record.")
    | Q(action__startswith="project.")
    | Q(action__startswith="measurement.")
    | Q(action=AuditAction.EXPLORER_THRESHOLD_CHANGED),
    Kind.DELETIONS: Q(
        action__in=[
            AuditAction.RECORD_DELETED,
            AuditAction.MEASUREMENT_DELETED,
            AuditAction.MEMBER_REMOVED,
            AuditAction.RETENTION_ENFORCED,
            AuditAction.STORY_ERASED_BY_STORYTELLER,
            AuditAction.PERSON_ERASED,
        ]
    ),
    Kind.ACCESS: Q(
        action__in=[
            AuditAction.STORIES_READ,
            AuditAction.STORIES_EXPORTED,
            AuditAction.ANSWERS_EXPORTED,
            AuditAction.AUDIT_LOG_EXPORTED,
        ]
    ),
    Kind.MEMBERS: Q(action__startswith="member."),
    Kind.SETTINGS: Q(action=AuditAction.EXPLORER_THRESHOLD_CHANGED)
    | Q(object_type__in=SETTINGS_TYPES),
    Kind.ACCOUNTS: Q(action__startswith="account."),
    Kind.IMPORTS: Q(action__startswith="import."),
    Kind.PRIVACY: Q(action__startswith="privacy."),
}


def object_types() -> list[tuple[str, str]]:
    """Every kind of object the log follows, by name (no query: from the models)."""
    found = [
        (model._meta.label_lower, str(model._meta.verbose_name_plural).capitalize())
        for model in apps.get_models()
        if (policy := policy_for(model)) is not None and policy.mode is not Mode.EXCLUDED
    ]
    return sorted(found, key=lambda choice: choice[1])


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    actor = forms.ChoiceField(label=_("Who"), required=False)
    object_type = forms.ChoiceField(label=_("Kind of object"), required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To (inclusive)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(
        label=_("Concerning"),
        required=False,
        max_length=100,
        help_text=_("Part of a name, title or e-mail address."),
    )

    error_messages = {
        "dates_reversed": _("The first date must not be after the last."),
    }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.for_org(organisation).select_related("user")
        self._choices("kind", [("", _("All")), *Kind.choices])
        self._choices(
            "actor",
            [
                ("", _("Everyone")),
                (SYSTEM, _("Samskab or a visitor without an account")),
                *sorted((str(m.user_id), m.user.email) for m in members),
            ],
        )
        self._choices("object_type", [("", _("All")), *object_types()])

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(
                self.error_messages["dates_reversed"], code="dates_reversed"
            )
        return data

    def apply(self, entries: models.QuerySet[AuditEntry]) -> models.QuerySet[AuditEntry]:
        """``entries`` narrowed by the valid filters (unfiltered when the form is invalid)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["kind"]:
            entries = entries.filter(KINDS[Kind(data["kind"])])
        if data["actor"] == SYSTEM:
            entries = entries.filter(actor_id__isnull=True)
        elif data["actor"]:
            entries = entries.filter(actor_id=int(data["actor"]))
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["start"]:
            entries = entries.filter(at__gte=_midnight(data["start"]))
        if data["end"]:
            entries = entries.filter(at__lt=_midnight(data["end"] + dt.timedelta(days=1)))
        if data["q"]:
            entries = entries.filter(
                Q(target__icontains=data["q"]) | Q(actor_label__icontains=data["q"])
            )
        return entries

    def description(self) -> str:
        """The filters in use, for the audit entry of an export."""
        if not self.is_valid():
            return ""
        return "; ".join(
            f"{name}={value}"
            for name, value in self.cleaned_data.items()
            if value not in ("", None)
        )


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
