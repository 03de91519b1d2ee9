"""The key-actor form: the actor's facts and, in the same form, its involvement in each phase."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.actors.models import Actor, ActorKind, InvolvementLevel
from samskab.lib.forms import AccessibleModelForm
from samskab.projects.choices import DEFAULT_SECTOR, ActorRole, Phase, Sector
from samskab.projects.models import Project

NOT_INVOLVED = ""

INFLUENCE_CHOICES = [
    ("", _("Choose influence")),
    ("1", _("1 – little")),
    ("2", "2"),
    ("3", _("3 – some")),
    ("4", "4"),
    ("5", _("5 – decisive")),
]
INTEREST_CHOICES = [
    ("", _("Choose interest")),
    ("1", _("1 – little")),
    ("2", "2"),
    ("3", _("3 – some")),
    ("4", "4"),
    ("5", _("5 – very engaged")),
]
LEVEL_CHOICES = [(NOT_INVOLVED, _("Not involved")), *InvolvementLevel.choices]


def phase_field_name(phase: str) -> str:
    return f"phase_{phase}"


def _scale_field(label: Any, choices: list[tuple[str, Any]], help_text: Any, missing: Any) -> Any:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        help_text=help_text,
        error_messages={
            "required": missing,
            "invalid_choice": _("Choose a number from 1 to 5."),
        },
    )


class MemberChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        name = user.get_full_name()
        return f"{name} ({user.email})" if name else user.email or user.username


class ActorForm(AccessibleModelForm):
    influence = _scale_field(
        _("Influence"),
        INFLUENCE_CHOICES,
        _("How much the actor can affect the project's course and results."),
        _("Rate the actor's influence from 1 to 5."),
    )
    interest = _scale_field(
        _("Interest"),
        INTEREST_CHOICES,
        _("How much the project matters to the actor."),
        _("Rate the actor's interest from 1 to 5."),
    )
    user = MemberChoiceField(
        label=_("User account"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not linked to an account"),
        help_text=_("Optional: link the actor to a member of the organisation."),
        error_messages={
            "invalid_choice": _(
                "Choose a member of the organisation, or leave the actor without an account."
            )
        },
    )

    class Meta:
        model = Actor
        fields = ["name", "kind", "role", "sector", "influence", "interest", "user", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "name": _("A person's name and title, or the name of an organisation or group."),
            "notes": _("What the actor brings, what they hope for, and how to reach them."),
        }
        error_messages = {
            "name": {
                "required": _("Give the actor a name."),
                "max_length": _("The name can be at most 200 characters long."),
            },
            "kind": {
                "required": _("Choose whether the actor is a person or an organisation."),
                "invalid_choice": _("Choose one of the listed kinds."),
            },
            "role": {
                "required": _("Choose the actor's role in the project."),
                "invalid_choice": _("Choose one of the listed roles."),
            },
            "sector": {"invalid_choice": _("Choose one of the listed sectors.")},
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        user = self.fields["user"]
        assert isinstance(user, forms.ModelChoiceField)  # noqa: S101
        user.queryset = User.objects.filter(
            memberships__organisation=project.organisation
        ).order_by("email")
        self._label_empty_choice("kind", _("Choose kind"), ActorKind.choices)
        self._label_empty_choice("role", _("Choose role"), ActorRole.choices)
        self._label_empty_choice(
            "sector", pgettext_lazy("sector", "The role's usual sector"), Sector.choices
        )
        self.fields["sector"].required = False
        self.fields["sector"].help_text = _(
            "Leave it empty to use the sector the role usually belongs to."
        )
        self._add_phase_fields()

    def _label_empty_choice(self, name: str, label: Any, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [("", label), *choices]

    def _add_phase_fields(self) -> None:
        current = {}
        if self.instance.pk:
            current = {row.phase: row.level for row in self.instance.involvements.all()}
        for phase in Phase:
            self.fields[phase_field_name(phase)] = forms.ChoiceField(
                label=phase.label,
                choices=LEVEL_CHOICES,
                required=False,
                initial=current.get(phase.value, NOT_INVOLVED),
                error_messages={
                    "invalid_choice": _("Choose one of the listed involvement levels.")
                },
            )

    @property
    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self._meta.fields or []]

    @property
    def phase_fields(self) -> list[forms.BoundField]:
        return [self[phase_field_name(phase)] for phase in Phase]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Actor.objects.filter(project=self.project, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("The project already has an actor with this name."), code="duplicate"
            )
        return name

    def clean_user(self) -> User | None:
        user: User | None = self.cleaned_data.get("user")
        if user is None:
            return None
        others = Actor.objects.filter(project=self.project, user=user)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("This member is already linked to another actor in the project."),
                code="user_taken",
            )
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if not data.get("sector") and role:
            data["sector"] = DEFAULT_SECTOR[ActorRole(role)].value
        return data

    def involvement_levels(self) -> dict[str, str]:
        """The chosen level for each phase the actor takes part in (cleaned data)."""
        levels: dict[str, str] = {}
        for phase in Phase:
            level = self.cleaned_data.get(phase_field_name(phase), NOT_INVOLVED)
            if level:
                levels[phase.value] = level
        return levels
