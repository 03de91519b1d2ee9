"""Form helpers shared by every app."""

from __future__ import annotations

from django import forms


def describe_errors(form: forms.BaseForm) -> None:
    """Tie each field's error message to its input so screen readers announce it.

    Django 5.2 links help text (``<id>_helptext``) but not errors; our templates render errors
    with the id ``<id>_error``.
    """
    for name in form.errors:
        if name not in form.fields:
            continue
        bound = form[name]
        ids = [f"{bound.auto_id}_error"]
        if form.fields[name].help_text:
            ids.append(f"{bound.auto_id}_helptext")
        form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class AccessibleForm(forms.Form):
    """A form whose errors are announced with their field (see ``describe_errors``)."""

    def full_clean(self) -> None:
        super().full_clean()
        describe_errors(self)
