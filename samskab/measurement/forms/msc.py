"""Forms of Most Significant Change rounds: creating a round with its shortlist, the filter of
the story picker, a panel member's or participant's choice, and closing a round."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.instruments.models import Collection, Level, Story
from samskab.lib.forms import AccessibleForm, parse_int
from samskab.measurement.models import MscCandidate
from samskab.measurement.services.msc import REASON_LIMIT, SHORTLIST_MAX, SHORTLIST_MIN
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

CONCLUSION_LIMIT = 5000
QUERY_LIMIT = 200
PICK_CHOICES = [(1, "1"), (2, "2"), (3, "3")]
LARGEST_ID = 2**63 - 1


def project_collections(project: Project) -> QuerySet[Collection]:
    """The collections a round of ``project`` may use: those of the project's instruments."""
    return (
        Collection.objects.for_org(project.organisation)
        .filter(instrument__project=project)
        .select_related("instrument")
    )


def story_ids(values: Any) -> list[int]:
    """The story ids among ``values`` in order, once each; raises ValueError for anything else."""
    ids = [int(value) for value in values or []]
    if any(not 0 < value <= LARGEST_ID for value in ids):
        raise ValueError
    return list(dict.fromkeys(ids))


class StoryIdsField(forms.Field):
    """The ids of the ticked stories (the checkboxes are drawn by the picker, not the field)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        try:
            return story_ids(value)
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: Any) -> None:
        if not value and self.required:
            raise forms.ValidationError(
                self.error_messages["required"],
                code="required",
                params={"min": SHORTLIST_MIN, "max": SHORTLIST_MAX},
            )


class RoundForm(AccessibleForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example “Spring 2026: what changed in the park?”"),
        error_messages={
            "required": _("Give the round a title."),
            "max_length": _("Keep the title to at most %(limit_value)d characters."),
        },
    )
    question = forms.CharField(
        label=_("The question to the panel"),
        max_length=CONCLUSION_LIMIT,
        initial=_("Which of these stories shows the most significant change for you, and why?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write the question the panel answers."),
            "max_length": _("Keep the question to at most %(limit_value)d characters."),
        },
    )
    picks = forms.TypedChoiceField(
        label=_("How many stories each panel member picks"),
        choices=PICK_CHOICES,
        coerce=int,
        initial=1,
        error_messages={
            "required": _("Choose how many stories each panel member picks."),
            "invalid_choice": _("Each panel member picks one, two or three stories."),
        },
    )
    public_link = forms.BooleanField(
        label=_("Participants may also choose through a link, without an account"),
        help_text=_("They give their actor group and their reasons; nothing else is stored."),
        required=False,
    )
    collection = forms.ModelChoiceField(
        label=_("Collection"),
        queryset=Collection.objects.none(),
        empty_label=_("Choose a collection"),
        help_text=_("The shortlist is chosen among this collection's stories."),
        error_messages={
            "required": _("Choose the collection the stories come from."),
            "invalid_choice": _("Choose one of the collections of this project's instruments."),
        },
    )
    stories = StoryIdsField(
        label=_("Shortlist"),
        error_messages={
            "required": _("Put from %(min)d to %(max)d stories on the shortlist."),
            "invalid": _("Choose the stories by ticking their boxes."),
        },
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        field = self.fields["collection"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = project_collections(project)

    def chosen_collection(self) -> Collection | None:
        """The collection picked so far (bound or initial), without validating the form."""
        value = self["collection"].value()
        if isinstance(value, Collection):
            return value
        pk = parse_int(str(value or ""))
        if pk is None:
            return None
        return project_collections(self.project).filter(pk=pk).first()

    def selected_ids(self) -> list[int]:
        """The ticked story ids so far (bound or initial), without validating the form."""
        value = self["stories"].value()
        try:
            return story_ids(value if isinstance(value, list | tuple) else [])
        except (TypeError, ValueError):
            return []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        collection: Collection | None = data.get("collection")
        ids: list[int] | None = data.get("stories")
        if collection is None or not ids:
            return data
        shortlist = self._shortlist(collection, ids, data.get("picks"))
        if isinstance(shortlist, forms.ValidationError):
            self.add_error("stories", shortlist)
        else:
            data["stories"] = shortlist
        return data

    def _shortlist(
        self, collection: Collection, ids: list[int], picks: int | None
    ) -> forms.ValidationError | list[Story]:
        if len(ids) > SHORTLIST_MAX:
            return forms.ValidationError(
                _("A shortlist holds at most %(max)d stories; you ticked %(count)d."),
                code="too_many",
                params={"max": SHORTLIST_MAX, "count": len(ids)},
            )
        found = Story.objects.for_org(self.project.organisation).filter(
            collection=collection, pk__in=ids
        )
        by_id = {story.pk: story for story in found.only("id", "collection", "organisation")}
        if len(by_id) != len(ids):
            return forms.ValidationError(
                _("Only stories of the chosen collection can be on the shortlist."),
                code="foreign_story",
            )
        if len(ids) < SHORTLIST_MIN:
            return forms.ValidationError(
                _("Put at least %(min)d stories on the shortlist; you ticked %(count)d."),
                code="too_few",
                params={"min": SHORTLIST_MIN, "count": len(ids)},
            )
        if picks is not None and len(ids) <= picks:
            return forms.ValidationError(
                _(
                    "The shortlist must hold more stories than each panel member picks: "
                    "tick at least %(min)d."
                ),
                code="fewer_than_picks",
                params={"min": picks + 1},
            )
        return [by_id[pk] for pk in ids]


def initial_from(data: QueryDict) -> dict[str, Any]:
    """What was typed in ``RoundForm`` so far, to show again (unvalidated) while browsing."""
    initial: dict[str, Any] = {
        name: data.get(name, "") for name in ("title", "question", "picks", "collection")
    }
    initial["public_link"] = bool(data.get("public_link"))
    initial["stories"] = data.getlist("stories")
    return initial


class ShortlistFilterForm(AccessibleForm):
    """Narrow the stories offered for the shortlist. Invalid values are simply not applied."""

    q = forms.CharField(
        label=_("Words in the story"), required=False, max_length=QUERY_LIMIT, strip=True
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )


class CloseForm(AccessibleForm):
    conclusion = forms.CharField(
        label=_("What the panel concluded"),
        help_text=_(
            "Optional. What did the panel learn from the stories it chose, and what will the "
            "project do about it?"
        ),
        required=False,
        max_length=CONCLUSION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Keep the conclusion to at most %(limit_value)d characters "
                "(you wrote %(show_value)d)."
            )
        },
    )


class ChoiceForm(AccessibleForm):
    """A panel member picks exactly ``picks`` of the shortlisted stories, with a reason each."""

    def __init__(
        self, *args: Any, candidates: list[MscCandidate], picks: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.picks = picks
        for number, candidate in enumerate(candidates, start=1):
            self.fields[f"pick_{candidate.pk}"] = forms.BooleanField(
                label=_("I pick story %(number)d") % {"number": number}, required=False
            )
            self.fields[f"reason_{candidate.pk}"] = forms.CharField(
                label=_("Why story %(number)d?") % {"number": number},
                required=False,
                max_length=REASON_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": _(
                        "Keep the reason to at most %(limit_value)d characters "
                        "(you wrote %(show_value)d)."
                    )
                },
            )

    def rows(self) -> list[tuple[int, MscCandidate, forms.BoundField, forms.BoundField]]:
        return [
            (number, c, self[f"pick_{c.pk}"], self[f"reason_{c.pk}"])
            for number, c in enumerate(self.candidates, start=1)
        ]

    def picked(self) -> list[tuple[MscCandidate, str]]:
        """The picked stories with their reasons (after validation)."""
        return [
            (c, self.cleaned_data.get(f"reason_{c.pk}", ""))
            for c in self.candidates
            if self.cleaned_data.get(f"pick_{c.pk}")
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [c for c in self.candidates if data.get(f"pick_{c.pk}")]
        if len(chosen) != self.picks:
            message = ngettext(
                "Pick exactly %(picks)d story; you picked %(count)d.",
                "Pick exactly %(picks)d stories; you picked %(count)d.",
                self.picks,
            )
            self.add_error(
                None,
                forms.ValidationError(
                    message, code="picks", params={"picks": self.picks, "count": len(chosen)}
                ),
            )
        for number, candidate in enumerate(self.candidates, start=1):
            name = f"reason_{candidate.pk}"
            if data.get(f"pick_{candidate.pk}") and not data.get(name) and name not in self.errors:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Say why you picked story %(number)d."),
                        code="required",
                        params={"number": number},
                    ),
                )
        return data


class PublicChoiceForm(ChoiceForm):
    """The same choice by a participant through the link, who also gives their actor group."""

    actor_group = forms.ChoiceField(
        label=_("Which group do you belong to in this project?"),
        choices=ActorRole.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the group you belong to in this project."),
            "invalid_choice": _("Choose one of the listed groups."),
        },
    )
