"""The measurement plan: answers to the Appendix 1 questions, each kept with its history.

A new answer never overwrites an old one; the newest answer per question is the plan. Saving
an answer that changes nothing stores nothing, so the history only holds real changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet

from samskab.measurement.content import PLAN_QUESTIONS, QuestionGroup
from samskab.measurement.models import Goal, Indicator, PlanAnswer
from samskab.measurement.services import audit
from samskab.projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from samskab.measurement.content import Question


@dataclass
class QuestionState:
    """One question of the plan as it stands: its newest answer and how many answers it has."""

    question: Question
    answer: PlanAnswer | None = None
    answer_count: int = 0

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def earlier_count(self) -> int:
        """Answers before the current one."""
        return max(self.answer_count - 1, 0)


@dataclass
class QuestionGroupState:
    group: QuestionGroup
    questions: list[QuestionState] = field(default_factory=list)


@dataclass
class PlanState:
    groups: list[QuestionGroupState]

    @property
    def questions(self) -> list[QuestionState]:
        return [state for group in self.groups for state in group.questions]

    @property
    def answered(self) -> int:
        return sum(1 for state in self.questions if state.answer is not None)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def open_questions(self) -> list[QuestionState]:
        return [state for state in self.questions if state.answer is None]


def answers(project: Project) -> QuerySet[PlanAnswer]:
    """Every answer of the project's plan, newest first."""
    return PlanAnswer.objects.for_org(project.organisation).filter(project=project)


def history(project: Project, code: str) -> QuerySet[PlanAnswer]:
    """All answers to one question, newest first, with what they link to."""
    return (
        answers(project)
        .filter(question=code)
        .select_related("author")
        .prefetch_related("goals", "indicators")
        .order_by("-created_at", "-id")
    )


def plan_state(project: Project) -> PlanState:
    """Every question grouped as the manifesto groups them, with its newest answer."""
    newest: dict[str, int] = {}
    counts: dict[str, int] = {}
    for pk, code in answers(project).order_by("-created_at", "-id").values_list("id", "question"):
        newest.setdefault(code, pk)
        counts[code] = counts.get(code, 0) + 1
    current = {
        answer.question: answer
        for answer in PlanAnswer.objects.filter(pk__in=newest.values())
        .select_related("author")
        .prefetch_related("goals", "indicators")
    }
    groups = {group: QuestionGroupState(group) for group in QuestionGroup}
    for question in PLAN_QUESTIONS:
        state = QuestionState(question, current.get(question.code), counts.get(question.code, 0))
        groups[question.group].questions.append(state)
    return PlanState(list(groups.values()))


def newest_answer(project: Project, code: str) -> PlanAnswer | None:
    return answers(project).filter(question=code).order_by("-created_at", "-id").first()


def _unchanged(
    answer: PlanAnswer | None, text: str, goals: list[Goal], indicators: list[Indicator]
) -> bool:
    if answer is None:
        return False
    return (
        answer.text == text
        and {goal.pk for goal in answer.goals.all()} == {goal.pk for goal in goals}
        and {ind.pk for ind in answer.indicators.all()} == {ind.pk for ind in indicators}
    )


@transaction.atomic
def save_answer(
    project: Project,
    code: str,
    text: str,
    actor: User | AnonymousUser | None,
    goals: Iterable[Goal] = (),
    indicators: Iterable[Indicator] = (),
) -> PlanAnswer | None:
    """Store a new answer to question ``code``; None when it equals the current answer.

    ``goals`` and ``indicators`` must be the project's own (the form's querysets ensure it).
    """
    goal_list, indicator_list = list(goals), list(indicators)
    if _unchanged(newest_answer(project, code), text, goal_list, indicator_list):
        return None
    answer = PlanAnswer.objects.create(
        organisation=project.organisation,
        project=project,
        question=code,
        text=text,
        author=actor if actor is not None and actor.is_authenticated else None,
    )
    answer.goals.set(goal_list)
    answer.indicators.set(indicator_list)
    audit.record(actor, "created", answer, project=project.pk, question=code)
    return answer
