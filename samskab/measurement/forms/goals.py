"""Forms for goals, indicators and measurements entered by hand."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.actors.models import Actor
from samskab.explorer.models import SavedView
from samskab.lib.forms import AccessibleForm, AccessibleModelForm, check_date_order
from samskab.measurement.content import (
    MEASURE_UNITS,
    Direction,
    IndicatorSource,
    Measure,
    PeriodKind,
    Unit,
    ValueKind,
    ValueLevel,
)
from samskab.measurement.models import Goal, Indicator
from samskab.measurement.services import computed
from samskab.measurement.services.measurements import value_error
from samskab.projects.models import Project

CHECKBOXES = forms.CheckboxSelectMultiple


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def levels_field(required: bool = False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Levels"),
        required=required,
        choices=ValueLevel.choices,
        widget=CHECKBOXES,
        help_text=_(
            "Whom the value is for: users, employees, volunteers or citizens, the organisation."
        ),
        error_messages={"required": _("Choose at least one level.")},
    )


def value_kinds_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Kinds of value"),
        required=False,
        choices=ValueKind.choices,
        widget=CHECKBOXES,
        help_text=_("Personal value for each participant, collective for the group, societal."),
    )


class GoalForm(AccessibleModelForm):
    levels = levels_field(required=True)
    value_kinds = value_kinds_field()
    reason = forms.CharField(
        label=_("Why is the goal changing?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Goals may change as you learn. The earlier wording is kept with this reason."),
    )

    class Meta:
        model = Goal
        fields = [
            "kind",
            "title",
            "description",
            "political_goals",
            "owner_actor",
            "owner_group",
            "levels",
            "value_kinds",
            "status",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "political_goals": CHECKBOXES,
        }
        error_messages = {
            "title": {"required": _("Write the goal in a sentence.")},
            "kind": {"required": _("Choose whether it is a process goal or an outcome goal.")},
        }

    error_messages = {
        "no_owner": _("Name who owns the goal: a key actor or an actor group."),
        "no_political_goal": _("Choose at least one political goal the goal serves."),
        "reason_needed": _("Say why the goal changes; the earlier wording is kept with it."),
    }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        political = self.fields["political_goals"]
        assert isinstance(political, forms.ModelMultipleChoiceField)  # noqa: S101
        political.queryset = project.goals.all()
        political.help_text = _("The political goals of the project that this goal serves.")
        owner = self.fields["owner_actor"]
        assert isinstance(owner, forms.ModelChoiceField)  # noqa: S101
        owner.queryset = Actor.objects.for_org(project.organisation).filter(project=project)
        if not self.instance.pk:
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_actor") and not data.get("owner_group"):
            self.add_error(
                "owner_group",
                forms.ValidationError(self.error_messages["no_owner"], code="no_owner"),
            )
        if self.project.goals.exists() and not data.get("political_goals"):
            self.add_error(
                "political_goals",
                forms.ValidationError(
                    self.error_messages["no_political_goal"], code="no_political_goal"
                ),
            )
        if self.instance.pk and self.wording_changed() and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                forms.ValidationError(self.error_messages["reason_needed"], code="reason_needed"),
            )
        return data

    def wording_changed(self) -> bool:
        return bool({"title", "description"} & set(self.changed_data))


class IndicatorForm(AccessibleModelForm):
    periods_text = forms.CharField(
        label=_("Date ranges"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One range a line, as 2025-03-01 – 2025-05-31. The first is the baseline."),
    )

    class Meta:
        model = Indicator
        fields = [
            "title",
            "description",
            "level",
            "direction",
            "source",
            "unit",
            "unit_label",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "data_source",
            "owner",
            "saved_view",
            "measure",
            "signifier",
            "part",
            "period_kind",
        ]
        localized_fields = ["baseline_value", "target_value"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "baseline_date": DateInput(),
            "target_date": DateInput(),
            "direction": forms.RadioSelect,
            "source": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("Name the indicator.")},
            "data_source": {"required": _("Say where the numbers come from.")},
            "baseline_value": {"invalid": _("Write the baseline as a number, e.g. 42 or 42.5.")},
            "target_value": {"invalid": _("Write the target as a number, e.g. 42 or 42.5.")},
        }

    error_messages = {
        "unit_label": _("Name the unit, for example “visits a week”."),
        "unit_needed": _("Choose the unit the values are in."),
        "target_direction": _(
            "The target lies on the wrong side of the baseline for “%(direction)s”. Check the "
            "target or the direction."
        ),
        "computed_needs": _("A computed indicator needs a saved view, a measure and a signifier."),
        "periods_needed": _("Choose how the stories are divided into periods."),
        "bad_range": _("Line %(line)s is not a date range like 2025-03-01 – 2025-05-31."),
        "too_few_ranges": _("Give at least two date ranges: a baseline and a follow-up."),
    }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        view = self.fields["saved_view"]
        assert isinstance(view, forms.ModelChoiceField)  # noqa: S101
        view.queryset = SavedView.objects.for_org(project.organisation).filter(
            collection__instrument__project=project
        )
        view.help_text = _("A view saved in the explorer of one of the project's collections.")
        self.fields["signifier"].help_text = _(
            "The signifier's id in the instrument, e.g. “drivers”."
        )
        self.fields["part"].help_text = _(
            "For a zone share the zone (top, left, right, top_left, top_right, left_right, "
            "centre); for a choice share the choice's code; for a triad centre the corner's id."
        )
        # A computed indicator's unit follows from its measure; the others must choose one.
        self.fields["unit"].required = False
        if self.instance.pk and self.instance.periods:
            self.initial["periods_text"] = "\n".join(f"{a} – {b}" for a, b in self.instance.periods)

    def _err(self, field: str, code: str, **params: Any) -> None:
        message = self.error_messages[code]
        self.add_error(field, forms.ValidationError(message, code=code, params=params or None))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == IndicatorSource.COMPUTED:
            self._clean_computed(data)
        elif not data.get("unit"):
            self._err("unit", "unit_needed")
        elif data.get("unit") == Unit.OTHER and not data.get("unit_label"):
            self._err("unit_label", "unit_label")
        self._clean_values(data)
        check_date_order(self, data, "baseline_date", "target_date")
        return data

    def _clean_values(self, data: dict[str, Any]) -> None:
        unit = data.get("unit")
        if not unit:
            return
        probe = Indicator(unit=unit, unit_label=data.get("unit_label") or "")
        for field in ("baseline_value", "target_value"):
            value = data.get(field)
            if value is not None and (message := value_error(probe, value)):
                self.add_error(field, forms.ValidationError(message, code="unit_range"))
        base, target = data.get("baseline_value"), data.get("target_value")
        direction = data.get("direction")
        if base is not None and target is not None and direction:
            wrong = target < base if direction == Direction.HIGHER else target > base
            if wrong:
                self._err("target_value", "target_direction", direction=Direction(direction).label)

    def _clean_computed(self, data: dict[str, Any]) -> None:
        view, measure, signifier = (
            data.get("saved_view"),
            data.get("measure"),
            data.get("signifier"),
        )
        if not (view and measure and signifier):
            self._err(
                "saved_view" if not view else "measure" if not measure else "signifier",
                "computed_needs",
            )
            return
        data["unit"] = MEASURE_UNITS[Measure(measure)]
        for field, message in computed.definition_errors(
            view, measure, signifier, data.get("part") or "", project=self.project
        ).items():
            self.add_error(field if field in self.fields else None, message)
        if not data.get("period_kind"):
            self._err("period_kind", "periods_needed")
        elif data["period_kind"] == PeriodKind.CUSTOM:
            data["periods"] = self._ranges(data.get("periods_text") or "")

    def _ranges(self, text: str) -> list[list[str]]:
        ranges: list[list[str]] = []
        for number, line in enumerate((raw for raw in text.splitlines() if raw.strip()), start=1):
            parts = line.replace("–", " ").replace(" - ", " ").split()
            try:
                start, end = (datetime.date.fromisoformat(p) for p in parts)
            except ValueError:
                self._err("periods_text", "bad_range", line=number)
                return []
            if end < start:
                self._err("periods_text", "bad_range", line=number)
                return []
            ranges.append([start.isoformat(), end.isoformat()])
        if len(ranges) < 2:
            self._err("periods_text", "too_few_ranges")
        return ranges

    def save(self, commit: bool = True) -> Indicator:
        indicator: Indicator = super().save(commit=False)
        if "periods" in self.cleaned_data:
            indicator.periods = self.cleaned_data["periods"]
        indicator.unit = self.cleaned_data.get("unit") or indicator.unit
        if commit:
            indicator.save()
        return indicator


class MeasurementForm(AccessibleForm):
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period to"), widget=DateInput())
    value = forms.FloatField(
        label=_("Value"),
        localize=True,
        error_messages={"invalid": _("Write the value as a number, e.g. 42 or 42.5.")},
    )
    lower = forms.FloatField(
        label=_("Lower bound of the 95 % interval (optional)"), required=False, localize=True
    )
    upper = forms.FloatField(
        label=_("Upper bound of the 95 % interval (optional)"), required=False, localize=True
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_(
            "A document that backs the value: PDF, image, text, Word, Excel or OpenDocument."
        ),
    )
