from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.actors.models import Actor
from samskab.alignment.content import DONT_KNOW, DONT_KNOW_LABEL, GAINS, SCALE, Gain
from samskab.lib.forms import AccessibleForm
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

RATING_CHOICES = [(str(value), label) for value, label in SCALE] + [(DONT_KNOW, DONT_KNOW_LABEL)]
GOALS_LIMIT = 2000


def _rating(value: str) -> int | None:
    return None if value == DONT_KNOW else int(value)


def rating_field(gain: Gain) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=gain.label,
        help_text=gain.explanation,
        choices=RATING_CHOICES,
        coerce=_rating,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how much you hope for “%(gain)s”, or choose “Don't know”.")
            % {"gain": gain.label},
            "invalid_choice": _("Choose one of the listed answers for “%(gain)s”.")
            % {"gain": gain.label},
        },
    )


class AlignmentForm(AccessibleForm):
    """One person's hopes for the gains: what an anonymous participant fills in."""

    actor_group = forms.ChoiceField(
        label=_("Which group do you belong to in this project?"),
        choices=ActorRole.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the group you belong to in this project."),
            "invalid_choice": _("Choose one of the listed groups."),
        },
    )
    own_goals = forms.CharField(
        label=_("Your own goals for the project"),
        help_text=_(
            "Optional. What would you like the project to achieve? Please leave out names and "
            "other personal details."
        ),
        required=False,
        max_length=GOALS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Keep your goals to at most %(limit_value)d characters (you wrote %(show_value)d)."
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goals = self.fields.pop("own_goals")
        for gain in GAINS:
            self.fields[f"gain_{gain.code}"] = rating_field(gain)
        self.fields["own_goals"] = goals

    def gain_fields(self) -> list[tuple[Gain, forms.BoundField]]:
        return [(gain, self[f"gain_{gain.code}"]) for gain in GAINS]

    def ratings(self) -> dict[str, int | None]:
        return {gain.code: self.cleaned_data[f"gain_{gain.code}"] for gain in GAINS}


class FacilitatorAlignmentForm(AlignmentForm):
    """The same answer entered by a facilitator, for a named key actor or just an actor group."""

    actor = forms.ModelChoiceField(
        label=_("Key actor"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("No particular actor"),
        help_text=_("If you choose a key actor, the actor group is taken from the actor's role."),
        error_messages={"invalid_choice": _("Choose one of the project's key actors.")},
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actor = self.fields["actor"]
        assert isinstance(actor, forms.ModelChoiceField)  # noqa: S101
        actor.queryset = Actor.objects.for_org(project.organisation).filter(project=project)
        group = self.fields["actor_group"]
        assert isinstance(group, forms.ChoiceField)  # noqa: S101
        group.required = False
        group.label = _("Actor group")
        group.widget = forms.Select()
        group.choices = [("", _("Choose a group")), *ActorRole.choices]
        self.order_fields(["actor", "actor_group"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        actor: Actor | None = data.get("actor")
        if actor is not None:
            data["actor_group"] = actor.role
        elif not data.get("actor_group") and "actor_group" not in self.errors:
            self.add_error(
                "actor_group",
                forms.ValidationError(
                    _("Choose a key actor or the actor group the answer comes from."),
                    code="required",
                ),
            )
        return data


class RoundForm(AccessibleForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_(
            "For example “Kick-off workshop, March” so participants know what they answer."
        ),
        error_messages={
            "required": _("Give the round a title."),
            "max_length": _("Keep the title to at most %(limit_value)d characters."),
        },
    )
