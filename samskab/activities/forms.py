from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.activities.models import Activity
from samskab.actors.models import Actor
from samskab.lib.forms import AccessibleForm, AccessibleModelForm, check_date_order
from samskab.methods.models import Method
from samskab.organisations.models import Organisation
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COUNT_PREFIX = "count_"
MAX_COUNT = 100_000


class MethodChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ActorChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_role_display()})"


def _count_field(role: ActorRole) -> forms.IntegerField:
    return forms.IntegerField(
        label=role.label,
        required=False,
        min_value=0,
        max_value=MAX_COUNT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count-input"}),
        error_messages={
            "invalid": _("Enter a whole number, for example 12."),
            "min_value": _("Enter 0 or more; leave the field empty if nobody from the group came."),
            "max_value": _("Enter a number below 100,000."),
        },
    )


class ActivityForm(AccessibleModelForm):
    methods = MethodChoiceField(
        label=_("Methods used"),
        queryset=Method.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose methods from the library's list.")},
    )
    participants = ActorChoiceField(
        label=_("Key actors who took part"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose key actors from this project's list.")},
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "phase",
            "date",
            "end_date",
            "place",
            "purpose",
            "methods",
            "participants",
            "notes",
            "outcomes",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "end_date": _("Only for activities that last more than one day."),
            "outcomes": _("What came out of it, and how did it go?"),
        }
        error_messages = {
            "title": {"required": _("Give the activity a title.")},
            "kind": {"required": _("Choose the kind of activity.")},
            "phase": {"required": _("Choose the phase the activity belongs to.")},
            "date": {
                "required": _("Enter the date of the activity."),
                "invalid": _("Enter the date as dd-mm-yyyy."),
            },
            "end_date": {"invalid": _("Enter the date as dd-mm-yyyy.")},
        }

    def __init__(
        self, *args: Any, project: Project, organisation: Organisation, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        methods = self.fields["methods"]
        participants = self.fields["participants"]
        assert isinstance(methods, MethodChoiceField)  # noqa: S101
        assert isinstance(participants, ActorChoiceField)  # noqa: S101
        methods.queryset = Method.objects.available_to(organisation).order_by("name")
        participants.queryset = Actor.objects.for_org(organisation).filter(project=project)
        methods.help_text = _("Choose from the organisation's methods library.")
        participants.help_text = _("The key actors registered on the project.")
        for role in ActorRole:
            self.fields[COUNT_PREFIX + role.value] = _count_field(role)
        if not self.is_bound and self.instance.pk:
            self._initial_counts()
        elif not self.is_bound:
            self.initial.setdefault("phase", project.phase)

    def _initial_counts(self) -> None:
        for row in self.instance.attendance.all():
            self.initial[COUNT_PREFIX + row.group] = row.count

    def _bound(self, *names: str) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def basic_fields(self) -> list[forms.BoundField]:
        return self._bound("title", "kind", "phase", "date", "end_date", "place", "purpose")

    def method_fields(self) -> list[forms.BoundField]:
        return self._bound("methods")

    def actor_fields(self) -> list[forms.BoundField]:
        return self._bound("participants")

    def result_fields(self) -> list[forms.BoundField]:
        return self._bound("notes", "outcomes")

    def count_fields(self) -> list[forms.BoundField]:
        return [self[COUNT_PREFIX + role.value] for role in ActorRole]

    def attendance_counts(self) -> dict[str, int]:
        """The positive anonymous counts per actor group, from cleaned data."""
        counts = {}
        for role in ActorRole:
            value = self.cleaned_data.get(COUNT_PREFIX + role.value)
            if value:
                counts[role.value] = int(value)
        return counts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_date_order(self, data, "date", "end_date")
        return data


class TimelineOptionsForm(AccessibleForm):
    group = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[("phase", _("Phase")), ("month", _("Month"))],
        error_messages={"invalid_choice": _("Choose phase or month.")},
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("chronological", _("Oldest first")), ("newest", _("Newest first"))],
        error_messages={"invalid_choice": _("Choose oldest or newest first.")},
    )

    def choice(self, name: str) -> str:
        if self.is_valid() and self.cleaned_data[name]:
            return str(self.cleaned_data[name])
        return str(self.fields[name].choices[0][0])  # type: ignore[attr-defined]
