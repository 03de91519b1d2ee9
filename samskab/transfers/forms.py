"""Upload, column-mapping and confirmation forms for imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.instruments.definition import LEVELS, Definition
from samskab.instruments.models import Level
from samskab.lib.forms import AccessibleForm
from samskab.transfers.mapping import Group
from samskab.transfers.rows import guess_level
from samskab.transfers.sensemaker.framework import FrameworkError, read_definition
from samskab.transfers.tabular import Limits, TableError, check_archive, is_xlsx

MB = 1024 * 1024
MAX_DEFINITION = 2 * MB  # a SenseMaker definition is well under 1 MB; JSON is parsed here
NOT_IN_FILE = ""


def max_upload() -> int:
    return int(settings.IMPORT_MAX_UPLOAD_BYTES)


def _read(upload: UploadedFile, extensions: tuple[str, ...], limit: int) -> bytes:
    """The file's bytes after the cheap checks: its name and its size (known before reading)."""
    name = (upload.name or "").lower()
    if not name.endswith(extensions):
        raise forms.ValidationError(
            _("Choose a file ending in %(endings)s.") % {"endings": ", ".join(extensions)},
            code="extension",
        )
    if (upload.size or 0) > limit:
        raise forms.ValidationError(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": limit // MB},
            code="too_large",
        )
    data = bytes(upload.read())
    if not data.strip():
        raise forms.ValidationError(_("The file is empty."), code="empty")
    return data


def _checked(data: bytes, name: str) -> bytes:
    """Only what is cheap: an XLSX archive's directory (its sizes). The worker reads the file."""
    if is_xlsx(name):
        try:
            check_archive(data, Limits.from_settings())
        except TableError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from exc
    return data


class UploadForm(AccessibleForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon, UTF-8 or Windows encoding) or Excel (.xlsx) with one row "
            "per story and the column names in the first row."
        ),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        self.file_name = str(upload.name or "upload")
        data = _read(upload, (".csv", ".txt", ".xlsx"), max_upload())
        return _checked(data, self.file_name)


class SenseMakerUploadForm(AccessibleForm):
    definition = forms.FileField(
        label=_("Framework definition (JSON)"),
        help_text=_("The framework's data dictionary, as SenseMaker exports it."),
    )
    data_file = forms.FileField(
        label=_("Data (CSV)"), help_text=_("The data export with one row per story.")
    )
    name = forms.CharField(
        label=_("Name of the new instrument and collection"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the framework's name."),
    )

    def clean_definition(self) -> dict[str, Any]:
        upload = self.cleaned_data["definition"]
        try:
            document = read_definition(_read(upload, (".json",), MAX_DEFINITION))
        except FrameworkError as exc:
            raise forms.ValidationError(str(exc), code="framework") from exc
        return document

    def clean_data_file(self) -> bytes:
        upload = self.cleaned_data["data_file"]
        self.file_name = str(upload.name or "data.csv")
        return _read(upload, (".csv", ".txt"), max_upload())


class MappingForm(AccessibleForm):
    """One select per target (a column of the file or none), plus how to read the values."""

    position_scale = forms.TypedChoiceField(
        label=_("Slider and stone positions are given as"),
        choices=[("1", _("shares from 0 to 1")), ("100", _("percentages from 0 to 100"))],
        coerce=float,
    )
    blank_is_na = forms.TypedChoiceField(
        label=_("An empty cell means"),
        choices=[
            ("1", _("not applicable (where the question allows it)")),
            ("0", pgettext_lazy("an answer", "skipped")),
        ],
        coerce=lambda value: value == "1",
        help_text=_("Free-text answers that are empty always count as skipped."),
    )

    def __init__(
        self,
        data: Any,
        *,
        groups: list[Group],
        headers: list[str],
        definition: Definition,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.groups = groups
        columns = [(NOT_IN_FILE, _("— not in the file —"))] + [(h, h) for h in headers]
        for group in groups:
            for target in group.targets:
                self.fields[f"col_{target.key}"] = forms.ChoiceField(
                    label=target.label, choices=columns, required=False
                )
        prompts = [(p.id, p.text.da) for p in definition.prompts]
        self.fields["prompt"] = forms.ChoiceField(
            label=_("Question answered, where the file does not say"), choices=prompts
        )
        self.fields["default_level"] = forms.ChoiceField(
            label=_("Level, where the file does not say"),
            choices=[("", _("none"))] + list(Level.choices),
            required=False,
        )

    def reading(self) -> list[forms.BoundField]:
        return [self[name] for name in ("position_scale", "blank_is_na", "prompt", "default_level")]

    def grouped(self) -> list[tuple[Group, list[forms.BoundField]]]:
        return [(g, [self[f"col_{t.key}"] for t in g.targets]) for g in self.groups]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("col_text"):
            self.add_error(
                "col_text",
                forms.ValidationError(
                    _("Choose the column that holds the story text."), code="required"
                ),
            )
        self._check_groups(data)
        used: dict[str, str] = {}
        for name, value in data.items():
            if name.startswith("col_") and value:
                if value in used:
                    self.add_error(
                        name,
                        forms.ValidationError(
                            _("This column is already used for “%(other)s”.")
                            % {"other": self.fields[used[value]].label},
                            code="twice",
                        ),
                    )
                used.setdefault(value, name)
        return data  # fmt: skip

    def _check_groups(self, data: dict[str, Any]) -> None:
        for group, fields in self.grouped():
            if group.signifier is None or len(fields) < 2:
                continue
            chosen = [bool(data.get(f.name)) for f in fields]
            if any(chosen) and not all(chosen):
                missing = next(f for f, c in zip(fields, chosen, strict=True) if not c)
                self.add_error(missing.name, forms.ValidationError(
                    _("Choose a column for every part of this question, or for none."),
                    code="partial"))  # fmt: skip

    def columns(self) -> dict[str, str]:
        return {
            name.removeprefix("col_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("col_") and value
        }

    def choices(self) -> dict[str, Any]:
        keys = ("position_scale", "blank_is_na", "prompt", "default_level")
        return {key: self.cleaned_data[key] for key in keys}


def initial_mapping(suggested: dict[str, str], scale: float) -> dict[str, Any]:
    initial: dict[str, Any] = {f"col_{key}": column for key, column in suggested.items()}
    return {**initial, "position_scale": str(int(scale)), "blank_is_na": "1"}


def level_list_choices(lists: dict[str, Any], titles: dict[str, str]) -> list[tuple[str, Any]]:
    return [("", _("none: store no level"))] + [(i, titles.get(i, i)) for i in lists]


class LevelListForm(forms.Form):
    """Step one (a GET form): which single-choice question holds the respondent's level."""

    level_list = forms.ChoiceField(label=_("Question that holds the respondent's level"))

    def __init__(self, data: Any, *, lists: dict[str, Any], titles: dict[str, str]) -> None:
        super().__init__(data)
        self.fields["level_list"].choices = level_list_choices(lists, titles)  # type: ignore[attr-defined]
        self.fields["level_list"].required = False


class LevelForm(AccessibleForm):
    """Step two, sent with the confirmation: what each item of the chosen list means."""

    level_list = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, data: Any, *, lists: dict[str, list[list[str]]], chosen: str, **kwargs: Any
    ) -> None:
        super().__init__(data, initial={"level_list": chosen}, **kwargs)
        self.lists = lists
        self.item_fields: list[str] = []
        levels = [("", _("no level"))] + [(lv, Level(lv).label) for lv in LEVELS]
        for item_id, title in lists.get(chosen, []):
            name = f"item_{item_id}"
            self.fields[name] = forms.ChoiceField(
                label=title, choices=levels, required=False, initial=guess_level(title) or ""
            )
            self.item_fields.append(name)

    def clean_level_list(self) -> str:
        chosen = str(self.cleaned_data.get("level_list") or "")
        if chosen and chosen not in self.lists:
            raise forms.ValidationError(_("Choose one of the listed questions."), code="invalid")
        return chosen

    def level_option(self) -> dict[str, Any]:
        chosen = self.cleaned_data.get("level_list") or ""
        if not chosen:
            return {"level": {}}
        values = {
            name.removeprefix("item_"): self.cleaned_data.get(name) or ""
            for name in self.item_fields
        }
        return {"level": {"column": chosen, "values": values}}
