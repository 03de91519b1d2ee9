"""Base forms shared by every app.

Django 5.2 ties a field's errors and help text to its input by itself: the error list carries
``id="<id>_error"`` and the input gets ``aria-invalid`` and ``aria-describedby``. Templates
therefore render ``{{ field.errors }}`` as it is and must not give a wrapper the same id; when a
template shows only the first message (``{{ field.errors.0 }}``), that element carries the id.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def parse_int(value: object, maximum: int = 2**63 - 1) -> int | None:
    """A whole number from a query parameter, or None. ASCII digits only: ``str.isdigit``
    also accepts "²" and "٣", which ``int`` then refuses (a 500 instead of a 404); values
    beyond ``maximum`` (a database integer) are None too."""
    if not isinstance(value, str) or not 0 < len(value) <= 19 or not value.isascii():
        return None
    if not value.isdigit():
        return None
    number = int(value)
    return number if number <= maximum else None


def check_date_order(
    form: forms.BaseForm, data: dict[str, Any], start_field: str, end_field: str
) -> None:
    """Add an error to ``end_field`` when it lies before ``start_field``."""
    start, end = data.get(start_field), data.get(end_field)
    if start and end and end < start:
        form.add_error(
            end_field,
            forms.ValidationError(
                _("The end date must be on or after the start date."), code="ends_before_start"
            ),
        )


class AccessibleForm(forms.Form):
    """The project's base form (errors announced with their field, see the module docstring)."""


class AccessibleModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """The project's base model form (see the module docstring)."""
