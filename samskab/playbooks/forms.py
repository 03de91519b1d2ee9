"""Forms of the playbook: its settings, a section's text, the views it shows, a quote, the logo."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from samskab.explorer.models import SavedView
from samskab.lib.forms import AccessibleForm
from samskab.playbooks.models import EmptySections, Visibility

TEXT_LIMIT = 60_000  # a long chapter; far above it, something was pasted by mistake
LOGO_BYTES = 1024 * 1024
LOGO_PIXELS = 4000
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


class SettingsForm(AccessibleForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the playbook a title.")},
    )
    subtitle = forms.CharField(
        label=_("Subtitle"),
        max_length=300,
        required=False,
        help_text=_("One line under the title, for example who it is for."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read published versions"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The project team: admins, facilitators and analysts. The whole organisation: every "
            "member, readers included. Public: also the case library, once it exists."
        ),
    )
    empty_sections = forms.ChoiceField(
        label=_("Sections nobody has written yet"),
        choices=EmptySections.choices,
        widget=forms.RadioSelect,
    )


class SectionForm(AccessibleForm):
    text = forms.CharField(
        label=_("Your text (Markdown)"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true", "lang": "da"}),
        error_messages={"max_length": _("Keep the section under %(limit_value)d characters.")},
    )
    included = forms.BooleanField(label=_("Include the section in the playbook"), required=False)


class ViewChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: SavedView) -> str:
        return f"{obj.title} ({obj.collection.name})"


class ViewsForm(AccessibleForm):
    views = ViewChoiceField(
        label=_("Saved views shown as charts"),
        queryset=SavedView.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the project's saved views.")},
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["views"]
        assert isinstance(field, ViewChoiceField)  # noqa: S101
        field.queryset = queryset


class QuoteForm(AccessibleForm):
    text = forms.CharField(
        label=_("The passage to quote"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Shorten the story to the passage you want; keep its words as they are. Only a "
            "passage of the masked text can be published."
        ),
        error_messages={"required": _("Write or keep the passage to quote.")},
    )
    comment = forms.CharField(
        label=_("Why it is quoted (optional)"),
        max_length=300,
        required=False,
        help_text=_("Shown under the quote, for example what it tells about the project."),
    )


class LogoForm(AccessibleForm):
    logo = forms.FileField(
        label=_("Logo (PNG or JPEG, at most 1 MB)"),
        error_messages={"required": _("Choose an image file."), "empty": _("The file is empty.")},
    )

    def clean_logo(self) -> tuple[bytes, str, tuple[int, int]]:
        upload: UploadedFile = self.cleaned_data["logo"]
        if upload.size is None or upload.size > LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 1 MB."), code="too_large")
        data = upload.read()
        return check_image(data)


def check_image(data: bytes) -> tuple[bytes, str, tuple[int, int]]:
    """The image's bytes, its type and size, or a clear error (never trust the file's name)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, size = probe.format, probe.size
            if size[0] > LOGO_PIXELS or size[1] > LOGO_PIXELS:
                raise forms.ValidationError(
                    _("The logo may be at most %(n)s pixels wide and high.") % {"n": LOGO_PIXELS},
                    code="too_many_pixels",
                )
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise forms.ValidationError(
            _("The file is not a PNG or JPEG image."), code="not_an_image"
        ) from None
    if kind not in LOGO_TYPES:
        raise forms.ValidationError(_("The file is not a PNG or JPEG image."), code="wrong_type")
    return data, LOGO_TYPES[kind], size
