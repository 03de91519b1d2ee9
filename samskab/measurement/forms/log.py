"""Forms of unplanned gains, the learning log and milestones."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samskab.activities.models import Activity
from samskab.lib.forms import AccessibleForm, check_date_order
from samskab.measurement.content import LearningKind, ValueKind, ValueLevel
from samskab.measurement.models import Goal, Indicator
from samskab.measurement.services.log import LearningFilter, NewGain, NewLearning, NewMilestone
from samskab.measurement.services.measurements import unit_name, value_error
from samskab.projects.models import Project

TEXT_LIMIT = 5000
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Enter the date as dd-mm-yyyy.")}


def _messages(required_message: Any, **messages: Any) -> dict[str, Any]:
    if required_message is not None:
        messages["required"] = required_message
    return messages


def _title_field(label: Any, required_message: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=200,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "max_length": _("Keep it to at most %(limit_value)d characters."),
        },
    )


def _text_field(label: Any, required_message: Any = None, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required_message is not None,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_messages(
            required_message,
            max_length=_(
                "Keep the text to at most %(limit_value)d characters (you wrote %(show_value)d)."
            ),
        ),
    )


def _date_field(label: Any, required_message: Any = None, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required_message is not None,
        help_text=help_text,
        widget=DATE_WIDGET,
        error_messages=_messages(required_message, **DATE_ERRORS),
    )


def _not_in_future(value: datetime.date) -> datetime.date:
    today = timezone.localdate()
    if value > today:
        raise forms.ValidationError(
            _("The date lies in the future (today is %(today)s). Log what has already happened."),
            code="future",
            params={"today": date_format(today)},
        )
    return value


def _project_choices(field: forms.Field, queryset: Any) -> None:
    """Limit a model choice field (single or multiple) to the project's rows."""
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
    field.queryset = queryset


class IndicatorChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({unit_name(obj)})"


class GainForm(AccessibleForm):
    title = _title_field(
        _("The gain in a few words"),
        _("Name the gain in a few words."),
        _("For example “Volunteers now meet outside the project, too”."),
    )
    description = _text_field(_("What happened"), _("Describe what happened."))
    noticed_on = _date_field(_("Noticed on"), _("Enter the day the gain was noticed."))
    evidence = _text_field(
        _("What shows it"),
        _("Say what shows the gain: a quote, an observation, a number or a story."),
        _("A quote, an observation, a number, a story."),
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels"),
        required=False,
        choices=ValueLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Whom the gain is for."),
        error_messages={"invalid_choice": _("Choose levels from the list.")},
    )
    value_kinds = forms.MultipleChoiceField(
        label=_("Kinds of value"),
        required=False,
        choices=ValueKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose kinds of value from the list.")},
    )

    def clean_noticed_on(self) -> datetime.date:
        return _not_in_future(self.cleaned_data["noticed_on"])

    def new_gain(self) -> NewGain:
        return NewGain(**self.cleaned_data)


class LearningForm(AccessibleForm):
    date = _date_field(_("Date"), _("Enter the day it happened."))
    kind = forms.ChoiceField(
        label=_("Kind of experience"),
        choices=LearningKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether it was a good or a bad experience."),
            "invalid_choice": _("Choose good or bad experience."),
        },
    )
    title = _title_field(
        _("In one sentence"),
        _("Sum the experience up in one sentence."),
        _("For example “The invitation did not reach the citizens”."),
    )
    experience = _text_field(_("What happened"), _("Describe what happened."))
    adjustment = _text_field(
        _("What we adjusted because of it"),
        help_text=_("What you do differently now. This is what others learn most from."),
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose activities from this project's timeline.")},
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose goals from this project's list.")},
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = project.organisation
        _project_choices(self.fields["activities"], Activity.objects.for_project(project))
        _project_choices(
            self.fields["goals"], Goal.objects.for_org(organisation).filter(project=project)
        )
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self) -> datetime.date:
        return _not_in_future(self.cleaned_data["date"])

    def new_learning(self) -> NewLearning:
        data = self.cleaned_data
        return NewLearning(
            date=data["date"],
            kind=data["kind"],
            title=data["title"],
            experience=data["experience"],
            adjustment=data["adjustment"],
            activities=list(data["activities"]),
            goals=list(data["goals"]),
        )


class LearningFilterForm(AccessibleForm):
    """Narrow the learning log (a GET form: every field optional)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Good and bad")), *LearningKind.choices],
        error_messages={"invalid_choice": _("Choose good, bad or both.")},
    )
    goal = forms.ModelChoiceField(
        label=_("Goal"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("All goals"),
        error_messages={"invalid_choice": _("Choose a goal from this project's list.")},
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("All activities"),
        error_messages={"invalid_choice": _("Choose an activity from this project's timeline.")},
    )
    date_from = _date_field(_("From"))
    date_to = _date_field(_("To"))

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _project_choices(
            self.fields["goal"], Goal.objects.for_org(project.organisation).filter(project=project)
        )
        _project_choices(self.fields["activity"], Activity.objects.for_project(project))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_date_order(self, data, "date_from", "date_to")
        return data

    def narrowing(self) -> LearningFilter:
        """The filter the valid fields ask for (an invalid field does not narrow)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return LearningFilter(
            kind=data.get("kind") or "",
            goal=data.get("goal"),
            activity=data.get("activity"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class MilestoneForm(AccessibleForm):
    title = _title_field(
        _("Milestone"),
        _("Name the milestone."),
        _("For example “The first 50 citizens have used the park kitchen”."),
    )
    due_date = _date_field(
        _("Expected by"),
        help_text=_("May be left empty when a value of an indicator marks the milestone."),
    )
    goal = forms.ModelChoiceField(
        label=_("Goal"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("No particular goal"),
        error_messages={"invalid_choice": _("Choose a goal from this project's list.")},
    )
    indicator = IndicatorChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("No indicator"),
        help_text=_(
            "With an indicator and a value, the milestone is marked by itself when a "
            "measurement gets that far."
        ),
        error_messages={"invalid_choice": _("Choose an indicator from this project's list.")},
    )
    threshold = forms.FloatField(
        label=_("Value that marks it"),
        required=False,
        localize=True,
        help_text=_("In the indicator's unit, for example 40 for 40 %."),
        error_messages={"invalid": _("Write the value as a number, for example 40 or 42.5.")},
    )
    celebration = _text_field(
        _("How we celebrate"), help_text=_("With whom, and how. Plan it now, so it happens.")
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = project.organisation
        _project_choices(
            self.fields["goal"], Goal.objects.for_org(organisation).filter(project=project)
        )
        _project_choices(
            self.fields["indicator"],
            Indicator.objects.for_org(organisation).filter(project=project),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator: Indicator | None = data.get("indicator")
        goal: Goal | None = data.get("goal")
        if indicator is not None and goal is not None and indicator.goal_id != goal.pk:
            self._error(
                "indicator",
                _("The indicator belongs to another goal. Choose its goal, or no goal."),
                "other_goal",
            )
        elif indicator is not None and goal is None:
            data["goal"] = indicator.goal
        self._check_threshold(data, indicator)
        return data

    def _check_threshold(self, data: dict[str, Any], indicator: Indicator | None) -> None:
        if "threshold" in self.errors or "indicator" in self.errors:
            return
        threshold: float | None = data.get("threshold")
        if threshold is not None and indicator is None:
            self._error(
                "threshold",
                _("A value only marks a milestone on an indicator. Choose the indicator."),
                "no_indicator",
            )
        elif threshold is not None and indicator is not None:
            if message := value_error(indicator, threshold):
                self._error("threshold", message, "wrong_unit")
        elif data.get("due_date") is None and "due_date" not in self.errors:
            field = "threshold" if indicator is not None else "due_date"
            self._error(
                field,
                _(
                    "Give the date the milestone is expected by, or an indicator and the value "
                    "that marks it."
                ),
                "undated",
            )

    def _error(self, field: str, message: Any, code: str) -> None:
        self.add_error(field, forms.ValidationError(message, code=code))

    def new_milestone(self) -> NewMilestone:
        return NewMilestone(**self.cleaned_data)


class ReachedForm(AccessibleForm):
    """Mark a milestone reached, with how it was celebrated (optional)."""

    note = _text_field(
        _("How we celebrated"), help_text=_("Optional. Added to the milestone's celebration.")
    )
