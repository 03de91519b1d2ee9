"""Forms of the staff pages: new instrument (blank, sample or file), collection, story filters."""

from __future__ import annotations

import json
from typing import Any, cast

import yaml
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as SchemaError

from samskab.analysis.release import SMALL
from samskab.instruments.definition import FORMAT, Definition, parse
from samskab.instruments.disclosure import SMALL_GROUPS_LABEL, StoryListing, selecting
from samskab.instruments.models import Collection, Instrument, Level, StorySource
from samskab.instruments.problems import describe_location, problems
from samskab.instruments.samples import SAMPLE
from samskab.lib.forms import AccessibleForm, AccessibleModelForm
from samskab.organisations.models import Organisation
from samskab.projects.models import Project

MAX_FILE_BYTES = 1_000_000
MAX_PROBLEMS_SHOWN = 30
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"

# Texts of a blank instrument, stored in both languages whatever the user's language is.
DEFAULT_PROMPT = gettext_noop("Tell us about a moment in the project that mattered to you.")
DEFAULT_STORY_TITLE = gettext_noop("Give your story a short title")
DEFAULT_STORY_TEXT = gettext_noop("Your story")
DEFAULT_LEVEL_QUESTION = gettext_noop("Who are you in the project?")


def both_languages(message: str) -> dict[str, str]:
    """A text in Danish and English from one of our own (translated) messages."""
    with translation.override("da"):
        danish = gettext(message)
    with translation.override("en"):
        english = gettext(message)
    return {"da": danish, "en": english}


def blank_definition(title: str) -> Definition:
    """The smallest valid instrument: one prompting question, no signifiers yet."""
    return parse(
        {
            "format": FORMAT,
            "title": {"da": title, "en": ""},
            "prompts": [{"id": "prompt_1", "text": both_languages(DEFAULT_PROMPT)}],
            "story_title": both_languages(DEFAULT_STORY_TITLE),
            "story_text": both_languages(DEFAULT_STORY_TEXT),
            "level_question": both_languages(DEFAULT_LEVEL_QUESTION),
        }
    )


START_CHOICES = [
    ("blank", _("Blank, with one prompting question")),
    ("sample", _("From the sample instrument (“Stories of co-creation”)")),
    ("file", _("From a file (YAML or JSON)")),
]


class InstrumentCreateForm(AccessibleForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For staff only; the storytellers see the title you give it in the editor."),
    )
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("No project"),
    )
    start = forms.ChoiceField(
        label=_("Start from"), choices=START_CHOICES, initial="blank", widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("Instrument file"),
        required=False,
        help_text=_(
            "A .yaml, .yml or .json file in the format samskab-instrument/1, at most 1 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.json"}),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.for_org(organisation)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start = data.get("start")
        if start == "sample":
            data["definition"] = parse(SAMPLE)
        elif start == "blank" and data.get("name"):
            data["definition"] = blank_definition(data["name"])
        elif start == "file":
            self._clean_file(data)
        return data

    def _clean_file(self, data: dict[str, Any]) -> None:
        upload = data.get("file")
        if upload is None:
            self.add_error("file", ValidationError(_("Choose a file to import."), code="required"))
            return
        try:
            data["definition"] = read_definition(upload.name, upload.read(MAX_FILE_BYTES + 1))
        except ValidationError as exc:
            self.add_error("file", exc)


def read_definition(filename: str, content: bytes) -> Definition:
    """Parse an uploaded instrument file; every problem becomes a translated ValidationError."""
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 1 MB."), code="too_large")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file is not UTF-8 text."), code="encoding") from exc
    data = _load(filename, text)
    try:
        return parse(data)
    except SchemaError as exc:
        found = problems(exc, data)
        messages = [
            ValidationError(
                "%(where)s: %(problem)s",
                code="schema",
                params={"where": describe_location(p.path, data), "problem": p.message},
            )
            for p in found[:MAX_PROBLEMS_SHOWN]
        ]
        if len(found) > MAX_PROBLEMS_SHOWN:
            messages.append(
                ValidationError(
                    _("… and %(count)s more problems."),
                    code="schema",
                    params={"count": len(found) - MAX_PROBLEMS_SHOWN},
                )
            )
        raise ValidationError(messages) from exc


def _load(filename: str, text: str) -> object:
    try:
        if filename.lower().endswith(".json"):
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            _("The file is not valid JSON (line %(line)s, column %(column)s): %(detail)s"),
            code="syntax",
            params={"line": exc.lineno, "column": exc.colno, "detail": exc.msg},
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValidationError(
            _("The file is not valid YAML (line %(line)s, column %(column)s): %(detail)s"),
            code="syntax",
            params={
                "line": mark.line + 1 if mark else "?",
                "column": mark.column + 1 if mark else "?",
                "detail": getattr(exc, "problem", None) or str(exc),
            },
        ) from exc


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=DATETIME_FORMAT)


class CollectionForm(AccessibleModelForm):
    consent_da = forms.CharField(
        label=_("Consent text (Danish)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "da"}),
        help_text=_(
            "Shown before the story is sent: what happens with the story and for how long."
        ),
        error_messages={"required": _("Write the consent text in Danish.")},
    )
    consent_en = forms.CharField(
        label=_("Consent text (English)"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        error_messages={"required": _("Write the consent text in English.")},
    )
    retention_days = forms.IntegerField(
        label=_("Keep stories for (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Between 1 and 3650 days. Older stories are deleted automatically."),
    )

    class Meta:
        model = Collection
        fields = [
            "instrument",
            "name",
            "opens_at",
            "closes_at",
            "retention_days",
            "keep_raw_text",
            "keep_raw_text_reason",
        ]
        field_classes = {"opens_at": forms.DateTimeField, "closes_at": forms.DateTimeField}
        widgets = {
            "opens_at": DateTimeLocal(),
            "closes_at": DateTimeLocal(),
            "keep_raw_text_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"closes_at": _("Leave empty to keep the collection open until you close it.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(
            ["instrument", "name", "opens_at", "closes_at", "consent_da", "consent_en"]
        )
        instrument = self.fields["instrument"]
        instrument.queryset = Instrument.objects.for_org(organisation)  # type: ignore[attr-defined]
        for name in ("opens_at", "closes_at"):
            moment = self.fields[name]
            assert isinstance(moment, forms.DateTimeField)  # noqa: S101  (see Meta.field_classes)
            moment.input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        consent = self.instance.consent_text if self.instance.pk else None
        if isinstance(consent, dict):
            self.initial.setdefault("consent_da", consent.get("da", ""))
            self.initial.setdefault("consent_en", consent.get("en", ""))
        if self.instance.pk and self.instance.stories.exists():
            instrument.disabled = True
            instrument.help_text = _("The collection has stories, so its instrument stays.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "closes_at",
                ValidationError(
                    _("The closing time must be after the opening time."),
                    code="closes_before_opens",
                ),
            )
        if data.get("keep_raw_text") and not (data.get("keep_raw_text_reason") or "").strip():
            self.add_error(
                "keep_raw_text_reason",
                ValidationError(
                    _("Say why the unmasked text must be kept, or untick the box above."),
                    code="reason_required",
                ),
            )
        return data

    def save(self, commit: bool = True) -> Collection:
        collection: Collection = super().save(commit=False)
        collection.consent_text = {
            "da": self.cleaned_data["consent_da"].strip(),
            "en": self.cleaned_data["consent_en"].strip(),
        }
        if not collection.keep_raw_text:
            collection.keep_raw_text_reason = ""
        if commit:
            collection.save()
        return collection


class StoryFilterForm(AccessibleForm):
    """Filters of a collection's story list: only categories with k or more stories.

    A category below k (`instruments.disclosure`) is not offered; a URL that names one, or
    an empty category (so that zero and small cannot be told apart), gets an error and
    selects nothing. The small categories shown together as "small group" can be chosen
    together as one.
    """

    source = forms.ChoiceField(label=_("Source"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)

    error_messages = {
        "small_group": _(
            "Fewer than %(k)s stories in this collection belong to this group, so it cannot "
            "be chosen on its own: a group that small could reveal who told the stories. No "
            "stories are listed."
        ),
    }
    KNOWN = {"source": StorySource.choices, "level": Level.choices}
    ALL = {"source": _("All sources"), "level": _("All levels")}

    def __init__(self, *args: Any, listing: StoryListing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listing = listing
        for name, known in self.KNOWN.items():
            offered = [(v, label) for v, label in known if v in listing.offered[name]]
            if listing.merged(name):
                offered.append((SMALL, SMALL_GROUPS_LABEL))
            field = cast(forms.ChoiceField, self.fields[name])
            # Every known category passes the field, so that naming a small one gets its own
            # error below; the menu offers only those with k or more stories.
            field.choices = [("", self.ALL[name]), *known, (SMALL, SMALL_GROUPS_LABEL)]
            field.widget = forms.Select(choices=[("", self.ALL[name]), *offered])

    def _offered(self, name: str) -> str:
        value: str = self.cleaned_data[name]
        merged = bool(self.listing.merged(name))
        if value and value not in self.listing.offered[name] and not (value == SMALL and merged):
            raise ValidationError(
                self.error_messages["small_group"],
                code="small_group",
                params={"k": self.listing.k},
            )
        return value

    def clean_source(self) -> str:
        return self._offered("source")

    def clean_level(self) -> str:
        return self._offered("level")

    def selection(self) -> Q:
        """The stories the valid filters select (every story when none is chosen)."""
        selected = Q()
        for name in self.KNOWN:
            if self.cleaned_data.get(name):
                selected &= selecting(self.listing, name, self.cleaned_data[name])
        return selected

    @property
    def filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.KNOWN)
