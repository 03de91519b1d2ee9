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
