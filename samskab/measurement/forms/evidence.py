"""Forms for qualitative evidence: adding a piece, and filtering the list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.assessments.content import INGREDIENTS
from samskab.instruments.models import Story
from samskab.lib.forms import AccessibleForm
from samskab.measurement.content import EvidenceKind, ValueKind, ValueLevel
from samskab.measurement.forms.goals import levels_field, value_kinds_field
from samskab.measurement.models import Goal, MscRound
from samskab.measurement.services import attachments
from samskab.measurement.services.evidence import NewEvidence
from samskab.projects.models import Project

INGREDIENT_CHOICES = [(item.code, item.label) for item in INGREDIENTS]
ALL = pgettext_lazy("filter", "All")

# What each kind needs, as (field, error code).
NEEDS = {
    EvidenceKind.QUOTE: ("text", "quote_needs_text"),
    EvidenceKind.INTERVIEW: ("text", "notes_need_text"),
    EvidenceKind.STORY: ("story", "story_needed"),
    EvidenceKind.DOCUMENT: ("document", "document_needed"),
    EvidenceKind.MSC: ("msc_round", "round_needed"),
}
# The fields that only one kind uses; the others are dropped so nothing stray is stored.
KIND_FIELDS = {
    "text": {EvidenceKind.QUOTE, EvidenceKind.INTERVIEW},
    "story": {EvidenceKind.STORY},
    "document": {EvidenceKind.DOCUMENT},
    "msc_round": {EvidenceKind.MSC},
}


def project_story(project: Project, number: int) -> Story | None:
    """The story with this number if a collection of one of the project's instruments holds it."""
    return (
        Story.objects.for_org(project.organisation)
        .filter(pk=number, collection__instrument__project=project)
        .select_related("collection__instrument")
        .first()
    )


class EvidenceForm(AccessibleForm):
    kind = forms.ChoiceField(
        label=_("Kind of evidence"),
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of evidence this is.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name, for example “Quote from the second workshop”."),
        error_messages={"required": _("Give the evidence a short title.")},
    )
    goal = forms.ModelChoiceField(
        label=_("Goal it supports (optional)"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("No goal yet"),
    )
    text = forms.CharField(
        label=_("Quote or notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a quote or interview notes. Leave out names and other personal data."),
    )
    story = forms.IntegerField(
        label=_("Story number"),
        required=False,
        min_value=1,
        help_text=_(
            "For a story: its number in one of this project's collections (a link from the "
            "story list fills it in)."
        ),
        error_messages={
            "invalid": _("Write the story's number, for example 1234."),
            "min_value": _("Write the story's number, for example 1234."),
        },
    )
    msc_round = forms.ModelChoiceField(
        label=_("Most Significant Change round"),
        queryset=MscRound.objects.none(),
        required=False,
        empty_label=_("Choose a round"),
        help_text=_("For a Most Significant Change round: the round whose result is the evidence."),
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_(
            "For a document: a PDF, PNG or JPEG image, plain text, Word, Excel or OpenDocument "
            "file of at most %(limit)s."
        ),
        error_messages={"empty": attachments.MESSAGES["empty"]},
    )
    levels = levels_field()
    value_kinds = value_kinds_field()
    ingredients = forms.MultipleChoiceField(
        label=_("Ingredients of co-creation it shows"),
        required=False,
        choices=INGREDIENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which of the five ingredients without which a project is not co-creation."),
    )
    why = forms.CharField(
        label=_("Why it matters"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What does it show, and for whom? This is what readers see first."),
        error_messages={"required": _("Say why this evidence matters: what does it show?")},
    )

    error_messages = {
        "quote_needs_text": _("Write the quote."),
        "notes_need_text": _("Write the interview notes."),
        "story_needed": _("Give the number of the story."),
        "story_not_in_project": _(
            "There is no story with this number in the collections of this project."
        ),
        "document_needed": _("Choose the document to upload."),
        "round_needed": _("Choose the Most Significant Change round."),
        "choose_again": _(
            "Choose the file again: for your safety, a browser does not keep a chosen file when "
            "a form is shown again."
        ),
    }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.story_obj: Story | None = None
        organisation = project.organisation
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)  # noqa: S101
        goal.queryset = Goal.objects.for_org(organisation).filter(project=project)
        msc_round = self.fields["msc_round"]
        assert isinstance(msc_round, forms.ModelChoiceField)  # noqa: S101
        msc_round.queryset = MscRound.objects.for_org(organisation).filter(project=project)
        document = self.fields["document"]
        limit = filesizeformat(attachments.max_upload_bytes())
        document.help_text = str(document.help_text) % {"limit": limit}
        document.widget.attrs["accept"] = attachments.ACCEPT

    def clean_story(self) -> Story | None:
        number = self.cleaned_data.get("story")
        if number is None or self.cleaned_data.get("kind") != EvidenceKind.STORY:
            return None
        self.story_obj = project_story(self.project, number)
        if self.story_obj is None:
            raise forms.ValidationError(
                self.error_messages["story_not_in_project"], code="story_not_in_project"
            )
        return self.story_obj

    def clean_document(self) -> attachments.CheckedFile | None:
        uploaded = self.cleaned_data.get("document")
        if not isinstance(uploaded, UploadedFile):
            return None
        if self.cleaned_data.get("kind") != EvidenceKind.DOCUMENT:
            return None  # not read at all: only a document's file is kept
        try:
            return attachments.check_upload(uploaded)
        except attachments.AttachmentError as error:
            raise forms.ValidationError(error.message, code=error.code) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind in NEEDS:
            name, code = NEEDS[EvidenceKind(kind)]
            if name not in self.errors and not data.get(name):
                self.add_error(name, forms.ValidationError(self.error_messages[code], code=code))
        for name, kinds in KIND_FIELDS.items():
            if kind not in kinds:
                data[name] = "" if name == "text" else None
        return data

    def full_clean(self) -> None:
        super().full_clean()
        # A good file is lost when the page is shown again: ask for it once more.
        if self.errors and self.files.get("document") and "document" not in self.errors:
            if self.data.get("kind") == EvidenceKind.DOCUMENT:
                self.add_error(
                    "document",
                    forms.ValidationError(self.error_messages["choose_again"], code="choose_again"),
                )

    def new_evidence(self) -> NewEvidence:
        data = self.cleaned_data
        return NewEvidence(
            kind=data["kind"],
            title=data["title"],
            why=data["why"],
            goal=data.get("goal"),
            text=data.get("text") or "",
            story=data.get("story"),
            msc_round=data.get("msc_round"),
            document=data.get("document"),
            levels=list(data.get("levels") or []),
            value_kinds=list(data.get("value_kinds") or []),
            ingredients=list(data.get("ingredients") or []),
        )


class EvidenceFilterForm(AccessibleForm):
    """The list's filters (GET); a value that is not one of the choices is ignored."""

    goal = forms.ModelChoiceField(
        label=_("Goal"), queryset=Goal.objects.none(), required=False, empty_label=ALL
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", ALL), *ValueLevel.choices]
    )
    value_kind = forms.ChoiceField(
        label=_("Kind of value"), required=False, choices=[("", ALL), *ValueKind.choices]
    )
    ingredient = forms.ChoiceField(
        label=_("Ingredient of co-creation"),
        required=False,
        choices=[("", ALL), *INGREDIENT_CHOICES],
    )
    kind = forms.ChoiceField(
        label=_("Kind of evidence"), required=False, choices=[("", ALL), *EvidenceKind.choices]
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)  # noqa: S101
        goal.queryset = Goal.objects.for_org(project.organisation).filter(project=project)

    def filters(self) -> dict[str, Any]:
        """The valid filters, as keyword arguments of ``services.evidence.evidence_for``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in ("goal", "kind", "level", "value_kind", "ingredient")
            if data.get(name)
        }
