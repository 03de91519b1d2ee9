from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.assessments.content import (
    ITEMS,
    NOT_RELEVANT,
    NOT_RELEVANT_LABEL,
    SCALE,
    Item,
)
from samskab.lib.forms import AccessibleForm

REFLECTION_LIMIT = 2000


def _score(value: str) -> int | None:
    return None if value in ("", NOT_RELEVANT) else int(value)


def score_field(item: Item) -> forms.TypedChoiceField:
    choices = [(str(value), f"{value} – {label}") for value, label in SCALE]
    return forms.TypedChoiceField(
        label=item.label,
        help_text=item.explanation,
        choices=[*choices, (NOT_RELEVANT, NOT_RELEVANT_LABEL)],
        coerce=_score,
        empty_value=None,
        required=False,
        initial=NOT_RELEVANT,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Choose a score from 1 to 5 for “%(item)s”, or “Not relevant yet”.")
            % {"item": item.label}
        },
    )


def reflection_field(item: Item) -> forms.CharField:
    return forms.CharField(
        label=_("Reflection on “%(item)s”") % {"item": item.label},
        required=False,
        max_length=REFLECTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _(
                "Keep the reflection to at most %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )


class AssessmentForm(AccessibleForm):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date of the self-assessment."),
            "invalid": _("Enter the date as dd-mm-yyyy."),
        },
    )
    title = forms.CharField(
        label=_("Occasion"),
        max_length=200,
        help_text=_("For example “Start”, “Midway” or “After the trial actions”."),
        error_messages={
            "required": _("Name the occasion, for example “Start” or “Midway”."),
            "max_length": _("Keep the occasion to at most %(limit_value)d characters."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        help_text=_("Optional: who took part, and what happened since the last time."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[f"score_{item.code}"] = score_field(item)
            self.fields[f"reflection_{item.code}"] = reflection_field(item)

    def item_fields(
        self, items: list[Item]
    ) -> list[tuple[Item, forms.BoundField, forms.BoundField]]:
        return [
            (item, self[f"score_{item.code}"], self[f"reflection_{item.code}"]) for item in items
        ]

    def clean_date(self) -> datetime.date:
        date: datetime.date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                _("The date cannot be in the future: assess what has happened so far."),
                code="future",
            )
        return date

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scored = [item for item in ITEMS if data.get(f"score_{item.code}") is not None]
        invalid = any(f"score_{item.code}" in self.errors for item in ITEMS)
        if not scored and not invalid:
            raise forms.ValidationError(
                _(
                    "Give at least one role shift or rule of thumb a score from 1 to 5; the rest "
                    "may be “Not relevant yet”."
                ),
                code="nothing_scored",
            )
        return data

    def answers(self) -> dict[str, tuple[int | None, str]]:
        """Item code → (score or None, reflection)."""
        return {
            item.code: (
                self.cleaned_data[f"score_{item.code}"],
                self.cleaned_data[f"reflection_{item.code}"].strip(),
            )
            for item in ITEMS
        }


def initial_for(
    date: datetime.date, title: str, note: str, answers: dict[str, tuple[int | None, str]]
) -> dict[str, Any]:
    """Initial data for editing a stored self-assessment."""
    initial: dict[str, Any] = {"date": date, "title": title, "note": note}
    for code, (score, reflection) in answers.items():
        initial[f"score_{code}"] = NOT_RELEVANT if score is None else str(score)
        initial[f"reflection_{code}"] = reflection
    return initial
