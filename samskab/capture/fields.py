"""Form fields for one signifier each: the plain inputs the public form falls back on.

Field names follow one scheme (documented in docs/capture.md) so that the widgets in
``static/js/capture.js`` and the no-JavaScript form post the same thing:

    s-<id>-top / -left / -right      triad shares in percent (0–100)
    s-<id>-value                     dyad position in percent (0 = left pole)
    s-<id>-<stone>-x / -y / -placed  a stone's position in percent, and whether it is placed
    s-<id>-choice                    single or multiple choice
    s-<id>-text                      free text
    s-<id>-na                        "not applicable" (only when the signifier allows it)
"""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samskab.instruments.definition import (
    Dyad,
    FreeText,
    MultipleChoice,
    SignifierBase,
    SingleChoice,
    Stones,
    Triad,
)

TRIAD_PARTS = ("top", "left", "right")  # the order of ``Triad.corners``


def field_name(signifier_id: str, part: str) -> str:
    return f"s-{signifier_id}-{part}"


class PercentField(forms.Field):
    """A number from 0 to 100 typed by a person: "33", "33,5", "33.5" or "33,5 %".

    A text input with a decimal keyboard rather than ``type=number``: a number input drops a
    Danish decimal comma in some browsers and sends an empty value, losing what was typed.
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a number from 0 to 100, for example 25 or 12,5."),
        "range": _("Enter a number from 0 to 100."),
    }

    def to_python(self, value: Any) -> float | None:
        if value in self.empty_values:
            return None
        text = str(value).strip().rstrip("%").strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not math.isfinite(number):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not 0.0 <= value <= 100.0:
            raise ValidationError(self.error_messages["range"], code="range")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "percent-input"})
        return attrs


def percent(label: str) -> PercentField:
    return PercentField(label=label, required=False)


def not_applicable() -> forms.BooleanField:
    return forms.BooleanField(label=_("Not applicable"), required=False)


def _triad(signifier: Triad, language: str) -> dict[str, forms.Field]:
    return {
        part: percent(corner.label.get(language))
        for part, corner in zip(TRIAD_PARTS, signifier.corners, strict=True)
    }


def _dyad(signifier: Dyad, language: str) -> dict[str, forms.Field]:
    return {"value": percent(str(_("Position from 0 to 100")))}


def _stones(signifier: Stones, language: str) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for stone in signifier.stones:
        fields[f"{stone.id}-placed"] = forms.BooleanField(label=_("Placed"), required=False)
        fields[f"{stone.id}-x"] = percent(signifier.x.label.get(language))
        fields[f"{stone.id}-y"] = percent(signifier.y.label.get(language))
    return fields


def _choices(options: Any, language: str) -> list[tuple[str, str]]:
    return [(option.id, option.label.get(language)) for option in options]


def _single(signifier: SingleChoice, language: str) -> dict[str, forms.Field]:
    field = forms.ChoiceField(
        label=signifier.title.get(language),
        choices=_choices(signifier.options, language),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the listed options.")},
    )
    return {"choice": field}


def _multi(signifier: MultipleChoice, language: str) -> dict[str, forms.Field]:
    field = forms.MultipleChoiceField(
        label=signifier.title.get(language),
        choices=_choices(signifier.options, language),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose one or more of the listed options.")},
    )
    return {"choice": field}


def _freetext(signifier: FreeText, language: str) -> dict[str, forms.Field]:
    attrs = {"maxlength": str(signifier.max_length)}
    widget = (
        forms.Textarea(attrs={**attrs, "rows": 4})
        if signifier.multiline
        else forms.TextInput(attrs=attrs)
    )
    return {
        "text": forms.CharField(label=signifier.title.get(language), required=False, widget=widget)
    }


BUILDERS: dict[type, Any] = {
    Triad: _triad,
    Dyad: _dyad,
    Stones: _stones,
    SingleChoice: _single,
    MultipleChoice: _multi,
    FreeText: _freetext,
}


def signifier_fields(signifier: SignifierBase, language: str) -> dict[str, forms.Field]:
    """The form fields of one signifier, keyed by part (the name's last piece)."""
    fields: dict[str, forms.Field] = BUILDERS[type(signifier)](signifier, language)
    if signifier.allow_na:
        fields["na"] = not_applicable()
    return fields
