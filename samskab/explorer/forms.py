"""The filter panel (one form per group), and the observation form.

Filters live in the query string, so a view is a URL. Field names per signifier carry its id:
`zone_<sid>`, `cell_<sid>`, `min_<sid>`/`max_<sid>` (dyad, 0–100), `choice_<sid>`,
`state_<sid>`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.analysis.schema import Kind, Schema
from samskab.analysis.zones import ZONE_CODES
from samskab.explorer.services.labels import STATE_LABELS, ZONE_LABELS, Labels
from samskab.lib.forms import AccessibleForm, check_date_order

CHECKBOXES = forms.CheckboxSelectMultiple


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FilterForm(AccessibleForm):
    """Any combination of criteria over one collection version (all optional, combined by AND)."""

    name = forms.CharField(
        label=_("Name of the group"),
        required=False,
        max_length=60,
        help_text=_("Used in the sentences, e.g. “employees”."),
    )
    level = forms.MultipleChoiceField(label=_("Level"), required=False, widget=CHECKBOXES)
    prompt = forms.MultipleChoiceField(
        label=_("Question answered"), required=False, widget=CHECKBOXES
    )
    date_from = forms.DateField(label=_("Told on or after"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Told on or before"), required=False, widget=DateInput())
    q = forms.CharField(label=_("Text in the story"), required=False, max_length=100)

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        schema: Schema,
        labels: Labels,
        prefix: str | None = None,
        named: bool = False,
    ) -> None:
        super().__init__(data, prefix=prefix)
        self.schema = schema
        self.labels = labels
        if not named:
            del self.fields["name"]
        self.fields["level"].choices = list(labels.levels.items())  # type: ignore[attr-defined]
        self.fields["prompt"].choices = [  # type: ignore[attr-defined]
            (p, labels.prompts.get(p, p)) for p in schema.prompts
        ]
        for s in schema.signifiers:
            self._add_signifier_fields(s.id, s.kind, s.parts)

    def _add_signifier_fields(self, sid: str, kind: Kind, parts: tuple[str, ...]) -> None:
        title = self.labels.title(sid)
        if kind is Kind.TRIAD:
            self.fields[f"zone_{sid}"] = forms.MultipleChoiceField(
                label=_("%(title)s: zone") % {"title": title},
                required=False,
                widget=CHECKBOXES,
                choices=[(z, ZONE_LABELS[z]) for z in ZONE_CODES],
            )
            self.fields[f"cell_{sid}"] = forms.IntegerField(
                required=False, min_value=0, widget=forms.HiddenInput
            )
        elif kind is Kind.DYAD:
            for end, label in (("min", _("from")), ("max", _("to"))):
                self.fields[f"{end}_{sid}"] = forms.IntegerField(
                    label=_("%(title)s: %(end)s (0–100)") % {"title": title, "end": label},
                    required=False,
                    min_value=0,
                    max_value=100,
                )
        elif kind in (Kind.SINGLE, Kind.MULTI):
            self.fields[f"choice_{sid}"] = forms.MultipleChoiceField(
                label=title,
                required=False,
                widget=CHECKBOXES,
                choices=[(p, self.labels.part(sid, p)) for p in parts],
            )
        self.fields[f"state_{sid}"] = forms.ChoiceField(
            label=_("%(title)s: answer") % {"title": title},
            required=False,
            choices=[("", _("any"))] + [(k, v) for k, v in STATE_LABELS.items()],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_date_order(self, data, "date_from", "date_to")
        for s in self.schema.of_kind(Kind.DYAD):
            low, high = data.get(f"min_{s.id}"), data.get(f"max_{s.id}")
            if low is not None and high is not None and high < low:
                self.add_error(
                    f"max_{s.id}",
                    forms.ValidationError(
                        _("The upper end must not be below the lower end."), code="range_order"
                    ),
                )
        return data

    def basic_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("level", "prompt", "date_from", "date_to", "q")]

    def signifier_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(signifier title, its visible fields) in instrument order."""
        groups = []
        for s in self.schema.signifiers:
            names = [n for n in self.fields if n.endswith(f"_{s.id}") and not n.startswith("cell_")]
            groups.append((self.labels.title(s.id), [self[n] for n in names]))
        return groups

    def hidden_cells(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith("cell_")]


def day_start(day: datetime.date) -> int:
    moment = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
    return int(moment.timestamp())


class ObservationForm(AccessibleForm):
    """A saved view with an observation and at least two competing interpretations."""

    title = forms.CharField(label=_("Title of the view"), max_length=200)
    text = forms.CharField(
        label=_("Observation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What is remarkable here?"),
    )
    interpretation_1 = forms.CharField(
        label=_("First interpretation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    interpretation_2 = forms.CharField(
        label=_("A competing interpretation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    interpretation_3 = forms.CharField(
        label=_("Another interpretation (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)
    signifier = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    comparison = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)

    error_messages = {
        "same": _("The two interpretations must differ: write a competing one."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("text", "interpretation_1", "interpretation_2"):
            self.fields[name].error_messages["required"] = {
                "text": _("Write what you observed."),
                "interpretation_1": _("Write at least two interpretations."),
                "interpretation_2": _("Write at least two interpretations: add a competing one."),
            }[name]
        self.fields["title"].error_messages["required"] = _("Give the view a title.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("interpretation_1"), data.get("interpretation_2")
        if first and second and first.strip().casefold() == second.strip().casefold():
            self.add_error(
                "interpretation_2",
                forms.ValidationError(self.error_messages["same"], code="same"),
            )
        return data

    def interpretations(self) -> list[str]:
        names = ("interpretation_1", "interpretation_2", "interpretation_3")
        return [self.cleaned_data[n].strip() for n in names if self.cleaned_data.get(n)]
