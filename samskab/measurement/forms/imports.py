"""Forms of the measurement import: the upload, and the confirmation of a signed preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from samskab.lib.forms import AccessibleForm
from samskab.measurement.services.imports import (
    MAX_BYTES,
    ImportFileError,
    RawRow,
    read_rows,
    unseal,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from samskab.measurement.models import Indicator

EXTENSIONS = (".csv", ".txt", ".xlsx")


class ImportUploadForm(AccessibleForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon) or Excel (.xlsx), at most 2 MB and 5,000 rows. The first "
            "row names the columns: period start, period end, value and, if you like, note "
            "(or in Danish: periode start, periode slut, værdi, note). Dates as 31-12-2025 or "
            "2025-12-31; decimal comma or point."
        ),
    )

    def clean_file(self) -> list[RawRow]:
        upload = self.cleaned_data["file"]
        name = str(upload.name or "")
        if not name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("Choose a CSV file (.csv) or an Excel workbook (.xlsx)."), code="extension"
            )
        # The size is known before the file is read: refuse without reading it.
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB; split it into smaller files."), code="too_large"
            )
        self.file_name = name
        try:
            return read_rows(name, bytes(upload.read()))
        except ImportFileError as error:
            raise forms.ValidationError(error.message, code=error.code) from error


class ImportConfirmForm(AccessibleForm):
    """The preview's rows come back signed; anything edited, stale or foreign is refused."""

    payload = forms.CharField(widget=forms.HiddenInput, strip=False)

    def __init__(self, *args: Any, indicator: Indicator, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.user = user

    def clean_payload(self) -> tuple[list[RawRow], list[int]]:
        try:
            return unseal(self.indicator, self.user, self.cleaned_data["payload"])
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                _("The preview is more than an hour old. Upload the file again."), code="expired"
            ) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _(
                    "The preview could not be confirmed because it was changed or made for "
                    "another indicator. Upload the file again."
                ),
                code="tampered",
            ) from error
