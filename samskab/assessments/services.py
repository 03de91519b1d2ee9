"""Saving self-assessments and reading them back as a change-over-time overview."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from samskab.assessments import timeline
from samskab.assessments.content import INGREDIENTS, ITEMS, ROLE_SHIFTS, RULES_OF_THUMB, Item
from samskab.assessments.models import AssessmentAnswer, SelfAssessment
from samskab.projects.models import Project


@dataclass(frozen=True)
class AssessmentData:
    date: datetime.date
    title: str
    note: str
    answers: dict[str, tuple[int | None, str]]  # item code → (score or None, reflection)


@transaction.atomic
def save_assessment(
    project: Project,
    data: AssessmentData,
    user: User | None,
    assessment: SelfAssessment | None = None,
) -> SelfAssessment:
    """Create or replace a self-assessment with one answer per item."""
    if assessment is None:
        assessment = SelfAssessment(
            organisation=project.organisation, project=project, created_by=user
        )
    assessment.date, assessment.title, assessment.note = data.date, data.title, data.note
    assessment.save()
    assessment.answers.all().delete()
    AssessmentAnswer.objects.bulk_create(
        AssessmentAnswer(
            organisation=project.organisation,
            assessment=assessment,
            item=code,
            score=score,
            reflection=reflection,
        )
        for code, (score, reflection) in data.answers.items()
    )
    return assessment


def answers_of(assessment: SelfAssessment) -> dict[str, tuple[int | None, str]]:
    stored = {
        item: (score, reflection)
        for item, score, reflection in AssessmentAnswer.objects.for_org(assessment.organisation)
        .filter(assessment=assessment)
        .values_list("item", "score", "reflection")
    }
    return {item.code: stored.get(item.code, (None, "")) for item in ITEMS}


def assessments_for(project: Project) -> list[SelfAssessment]:
    return list(
        SelfAssessment.objects.for_org(project.organisation)
        .filter(project=project)
        .order_by("date", "id")
    )


@dataclass(frozen=True)
class ItemRow:
    item: Item
    cells: list[tuple[SelfAssessment, int | None]]  # one per assessment, in date order
    change: int | None
    points: list[timeline.Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass(frozen=True)
class Overview:
    assessments: list[SelfAssessment]
    columns: list[tuple[SelfAssessment, float]]  # each assessment and its x on the charts
    groups: list[tuple[str, list[ItemRow]]]  # ("role_shifts" | "rules_of_thumb", rows)


def overview(project: Project) -> Overview:
    """Items × assessments in two queries: the scores and the change from first to latest."""
    assessments = assessments_for(project)
    column = {assessment.pk: index for index, assessment in enumerate(assessments)}
    scores: dict[str, list[int | None]] = {item.code: [None] * len(assessments) for item in ITEMS}
    rows = (
        AssessmentAnswer.objects.for_org(project.organisation)
        .filter(assessment__in=[a.pk for a in assessments])
        .values_list("assessment_id", "item", "score")
    )
    for assessment_id, item, score in rows:
        if item in scores:
            scores[item][column[assessment_id]] = score

    def row(item: Item) -> ItemRow:
        values = scores[item.code]
        cells = list(zip(assessments, values, strict=True))
        return ItemRow(item, cells, timeline.change(values), timeline.points(values))

    return Overview(
        assessments=assessments,
        columns=list(zip(assessments, timeline.x_positions(len(assessments)), strict=True)),
        groups=[
            ("ingredients", [row(item) for item in INGREDIENTS]),
            ("role_shifts", [row(item) for item in ROLE_SHIFTS]),
            ("rules_of_thumb", [row(item) for item in RULES_OF_THUMB]),
        ],
    )


def panel(project: Project) -> dict[str, Any]:
    assessments = assessments_for(project)
    return {"count": len(assessments), "latest": assessments[-1] if assessments else None}
