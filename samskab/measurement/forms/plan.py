"""The measurement plan: one small form per question, all on one page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samskab.lib.forms import AccessibleForm
from samskab.measurement.content import QUESTION_BY_CODE
from samskab.measurement.models import Goal, Indicator, PlanAnswer
from samskab.projects.models import Project

ANSWER_LIMIT = 5000


@dataclass(frozen=True)
class PlanChoices:
    """The project's goals and indicators, read once for every question's form on the page."""

    goals: list[Goal]
    indicators: list[Indicator]

    @classmethod
    def of(cls, project: Project) -> PlanChoices:
        organisation = project.organisation
        goals = Goal.objects.for_org(organisation).filter(project=project)
        indicators = (
            Indicator.objects.for_org(organisation)
            .filter(project=project)
            .select_related("goal")
            .order_by("goal__title", "title", "id")
        )
        return cls(list(goals), list(indicators))


def _pick_field(label: StrOrPromise, message: StrOrPromise) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": message},
    )


class PlanAnswerForm(AccessibleForm):
    """An answer to one question. Field names are the same for every question (a POST carries
    ``question=<code>``); ``auto_id`` keeps the ids on the page unique."""

    question = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("The answer does not say which question it answers.")},
    )
    text = forms.CharField(
        label=_("Our answer"),
        max_length=ANSWER_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write an answer before you save it."),
            "max_length": _(
                "Keep the answer to at most %(limit_value)d characters (you wrote %(show_value)d)."
            ),
        },
    )
    goals = _pick_field(_("Goals the answer names"), _("Choose goals from this project's list."))
    indicators = _pick_field(
        _("Indicators the answer names"), _("Choose indicators from this project's list.")
    )

    def __init__(self, *args: Any, choices: PlanChoices, code: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"q-{code or 'unknown'}-%s")
        super().__init__(*args, **kwargs)
        self.initial.setdefault("question", code)
        self._goals = {goal.pk: goal for goal in choices.goals}
        self._indicators = {indicator.pk: indicator for indicator in choices.indicators}
        self._set_choices("goals", [(goal.pk, goal.title) for goal in choices.goals])
        self._set_choices(
            "indicators",
            [(ind.pk, f"{ind.title} ({ind.goal.title})") for ind in choices.indicators],
        )

    def _set_choices(self, name: str, choices: list[tuple[int, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.TypedMultipleChoiceField)  # noqa: S101
        field.choices = choices

    def clean_question(self) -> str:
        code: str = self.cleaned_data["question"]
        if code not in QUESTION_BY_CODE:
            raise forms.ValidationError(
                _(
                    "This question is not part of the measurement plan. Reload the page and "
                    "try again."
                ),
                code="unknown_question",
            )
        return code

    def clean_goals(self) -> list[Goal]:
        return [self._goals[pk] for pk in self.cleaned_data["goals"]]

    def clean_indicators(self) -> list[Indicator]:
        return [self._indicators[pk] for pk in self.cleaned_data["indicators"]]

    @classmethod
    def for_answer(
        cls, choices: PlanChoices, code: str, answer: PlanAnswer | None
    ) -> PlanAnswerForm:
        """An unbound form showing the current answer, ready to be changed."""
        initial: dict[str, Any] = {}
        if answer is not None:
            initial = {
                "text": answer.text,
                "goals": [goal.pk for goal in answer.goals.all()],
                "indicators": [indicator.pk for indicator in answer.indicators.all()],
            }
        return cls(choices=choices, code=code, initial=initial)
