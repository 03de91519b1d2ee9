from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samskab.lib.forms import AccessibleForm, AccessibleModelForm, check_date_order
from samskab.organisations.models import Organisation
from samskab.projects.choices import Phase, ProjectStatus, Theme
from samskab.projects.models import PoliticalGoal, Project

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(AccessibleModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "theme",
            "problem",
            "goals",
            "status",
            "phase",
            "start_date",
            "end_date",
            "commissioning_client",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "goals": forms.CheckboxSelectMultiple,
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }
        error_messages = {
            "title": {"required": _("Give the project a title.")},
            "theme": {"required": _("Choose the theme the project belongs to.")},
            "problem": {"required": _("Describe the problem or idea the project works on.")},
            "start_date": {"invalid": _("Enter the date as dd-mm-yyyy.")},
            "end_date": {"invalid": _("Enter the date as dd-mm-yyyy.")},
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goals = self.fields["goals"]
        assert isinstance(goals, forms.ModelMultipleChoiceField)  # noqa: S101
        goals.queryset = PoliticalGoal.objects.for_org(organisation)
        goals.help_text = _("The political goals this project serves. Add new ones under Goals.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_date_order(self, data, "start_date", "end_date")
        return data


class PoliticalGoalForm(AccessibleModelForm):
    class Meta:
        model = PoliticalGoal
        fields = ["title", "policy", "owner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": _("Write the goal.")},
            "policy": {"required": _("Name the policy the goal comes from.")},
            "owner": {"required": _("Name who owns the goal.")},
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"]
        others = PoliticalGoal.objects.for_org(self.organisation).filter(title__iexact=title)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("The organisation already has a goal with this title."), code="duplicate"
            )
        return title


def _with_any(
    choices: Sequence[tuple[str, StrOrPromise]], label: StrOrPromise
) -> list[tuple[str, StrOrPromise]]:
    return [("", label), *choices]


class ProjectFilterForm(AccessibleForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=_with_any(Theme.choices, _("All themes"))
    )
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=_with_any(Phase.choices, _("All phases"))
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_with_any(ProjectStatus.choices, _("All statuses")),
    )
    goal = forms.ModelChoiceField(
        label=_("Political goal"),
        required=False,
        queryset=PoliticalGoal.objects.none(),
        empty_label=_("All goals"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)  # noqa: S101
        goal.queryset = PoliticalGoal.objects.for_org(organisation)
