"""The value-creation view: what a project has achieved, on which level, and how we know.

Everything here reads; nothing writes. The page is read first by commissioning clients, so it
leads with a finding in words and keeps the statistics behind it. Queries are a fixed handful
whatever the number of goals and indicators (prefetching), so the page stays fast.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.assessments.content import INGREDIENTS, Item
from samskab.assessments.models import AssessmentAnswer, SelfAssessment
from samskab.measurement.content import GoalStatus, ValueKind, ValueLevel
from samskab.measurement.models import Evidence, Goal, Indicator, MscRound
from samskab.measurement.services.evidence import evidence_queryset
from samskab.measurement.services.msc import ChosenStory, chosen_stories
from samskab.measurement.services.progress import Noise, Progress, Standing, progress
from samskab.projects.models import PoliticalGoal, Project

# Evidence kinds in the order they tell most: what participants chose and told first.
TELLING = {"msc": 0, "story": 1, "interview": 2, "quote": 3, "document": 4}
EVIDENCE_SHOWN = 3
MSC_SHOWN = 3


@dataclass
class Column:
    """One level (or one kind of value) of the view."""

    key: str
    label: str
    goals: list[Goal] = field(default_factory=list)
    progresses: list[Progress] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    evidence_count: int = 0
    unmeasured: list[str] = field(default_factory=list)
    # Stories a Most Significant Change panel chose, told at this level.
    msc: list[tuple[MscRound, ChosenStory]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.goals and not self.evidence_count


@dataclass
class PoliticalRow:
    goal: PoliticalGoal
    serving: list[Goal]
    progresses: list[Progress]


@dataclass
class IngredientRow:
    item: Item
    score: int | None
    evidence: list[Evidence]


@dataclass
class ValueView:
    columns: list[Column]
    lens: str
    headline: list[str]
    political: list[PoliticalRow]
    ingredients: list[IngredientRow]
    assessment: SelfAssessment | None
    progresses: list[Progress]
    rounds: list[MscRound]
    msc_results: list[tuple[MscRound, list[ChosenStory]]]
    goal_count: int
    evidence_count: int


def _load(project: Project) -> tuple[list[Goal], list[Progress], list[Evidence]]:
    goals = list(
        Goal.objects.for_org(project.organisation)
        .filter(project=project)
        .exclude(status=GoalStatus.DROPPED)
        .select_related("owner_actor")
        .prefetch_related(
            "political_goals",
            # Measurements come in the model's order: by period.
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
        )
    )
    progresses = [
        progress(indicator, list(indicator.measurements.all()))
        for goal in goals
        for indicator in goal.indicators.all()
    ]
    evidence = list(evidence_queryset(project))
    evidence.sort(key=lambda e: (TELLING.get(e.kind, 9), -e.created_at.timestamp()))
    return goals, progresses, evidence


def _unmeasured(column: Column) -> list[str]:
    notes = []
    if not column.goals:
        notes.append(_("No goal concerns this yet."))
    for goal in column.goals:
        if not goal.indicators.all():
            notes.append(_("“%(goal)s” has no indicator yet.") % {"goal": goal.title})
    for state in column.progresses:
        if state.latest is None:
            notes.append(
                _("“%(indicator)s” has no measurement yet.") % {"indicator": state.indicator.title}
            )
    if not column.evidence_count:
        notes.append(_("No qualitative evidence yet."))
    return notes


def _column(
    key: str,
    label: str,
    goals: list[Goal],
    progresses: list[Progress],
    evidence: list[Evidence],
    goal_in: Callable[[Goal], bool],
    indicator_in: Callable[[Indicator], bool],
    evidence_in: Callable[[Evidence], bool],
) -> Column:
    column = Column(key, label)
    column.goals = [g for g in goals if goal_in(g)]
    column.progresses = [p for p in progresses if indicator_in(p.indicator)]
    mine = [e for e in evidence if evidence_in(e)]
    column.evidence, column.evidence_count = mine[:EVIDENCE_SHOWN], len(mine)
    column.unmeasured = _unmeasured(column)
    return column


def _in_levels(level: str) -> Callable[[Goal], bool]:
    return lambda goal: level in (goal.levels or [])


def _at_level(level: str) -> Callable[[Indicator], bool]:
    return lambda indicator: indicator.level == level


def _evidence_at(level: str, goals: dict[int, Goal]) -> Callable[[Evidence], bool]:
    """Evidence tagged with the level, a story told at it, or untagged evidence of a goal at it."""

    def test(item: Evidence) -> bool:
        if level in (item.levels or []):
            return True
        if item.story is not None and item.story.level == level:
            return True
        goal = goals.get(item.goal_id) if item.goal_id else None
        return not item.levels and goal is not None and level in (goal.levels or [])

    return test


def _of_kind(kind: str) -> Callable[[Goal], bool]:
    return lambda goal: kind in (goal.value_kinds or [])


def _indicator_of_kind(kind: str) -> Callable[[Indicator], bool]:
    return lambda indicator: kind in (indicator.goal.value_kinds or [])


def _evidence_of_kind(kind: str) -> Callable[[Evidence], bool]:
    return lambda item: kind in (item.value_kinds or [])


def _level_columns(
    goals: list[Goal], progresses: list[Progress], evidence: list[Evidence]
) -> list[Column]:
    by_id = {g.pk: g for g in goals}
    return [
        _column(
            level.value,
            str(level.label),
            goals,
            progresses,
            evidence,
            _in_levels(level.value),
            _at_level(level.value),
            _evidence_at(level.value, by_id),
        )
        for level in ValueLevel
    ]


def _value_columns(
    goals: list[Goal], progresses: list[Progress], evidence: list[Evidence]
) -> list[Column]:
    return [
        _column(
            kind.value,
            str(kind.label),
            goals,
            progresses,
            evidence,
            _of_kind(kind.value),
            _indicator_of_kind(kind.value),
            _evidence_of_kind(kind.value),
        )
        for kind in ValueKind
    ]


def headline(progresses: list[Progress], goals: list[Goal]) -> list[str]:
    """The finding first, in words: how many indicators moved, and how surely."""
    lines: list[str] = []
    total = len(progresses)
    if not goals:
        return [_("The project has no goals yet, so nothing can be said about its value.")]
    if not total:
        return [_("The project has goals but no indicators yet: its value is not measured.")]
    counts = Counter(p.standing for p in progresses)
    lines.append(
        ngettext(
            "Of %(total)d indicator, %(reached)d has reached its target and %(towards)d is "
            "moving towards it.",
            "Of %(total)d indicators, %(reached)d have reached their target and %(towards)d are "
            "moving towards it.",
            total,
        )
        % {"total": total, "reached": counts[Standing.REACHED], "towards": counts[Standing.TOWARDS]}
    )
    away, none = counts[Standing.AWAY], counts[Standing.NO_DATA]
    flat = counts[Standing.UNCHANGED] + counts[Standing.WITHIN_NOISE]
    if away:
        lines.append(
            ngettext(
                "%(n)d is moving away from the target.",
                "%(n)d are moving away from the target.",
                away,
            )
            % {"n": away}
        )
    if flat:
        lines.append(
            ngettext(
                "%(n)d has not clearly moved (it is about where it started, or the change is no "
                "larger than chance).",
                "%(n)d have not clearly moved (they are about where they started, or the change "
                "is no larger than chance).",
                flat,
            )
            % {"n": flat}
        )
    if none:
        lines.append(
            ngettext(
                "%(n)d indicator has no measurement yet.",
                "%(n)d indicators have no measurement yet.",
                none,
            )
            % {"n": none}
        )
    sure = sum(1 for p in progresses if p.change.verdict == Noise.DISTINGUISHABLE)
    computed = sum(1 for p in progresses if p.indicator.is_computed)
    if computed:
        lines.append(
            _(
                "For %(sure)d of the %(computed)d indicators computed from the stories, the change "
                "since the baseline is larger than chance would give."
            )
            % {"sure": sure, "computed": computed}
        )
    return lines


def _political(
    project: Project, goals: list[Goal], progresses: list[Progress]
) -> list[PoliticalRow]:
    rows = []
    for political in project.goals.all():
        serving = [g for g in goals if political in g.political_goals.all()]
        ids = {g.pk for g in serving}
        rows.append(
            PoliticalRow(political, serving, [p for p in progresses if p.indicator.goal_id in ids])
        )
    return rows


def _ingredients(
    project: Project, evidence: list[Evidence]
) -> tuple[list[IngredientRow], SelfAssessment | None]:
    latest = (
        SelfAssessment.objects.for_org(project.organisation)
        .filter(project=project)
        .order_by("-date", "-id")
        .first()
    )
    scores: dict[str, int | None] = {}
    if latest is not None:
        codes = [item.code for item in INGREDIENTS]
        answers: Iterable[Any] = AssessmentAnswer.objects.filter(assessment=latest, item__in=codes)
        scores = {a.item: a.score for a in answers}
    rows = [
        IngredientRow(
            item, scores.get(item.code), [e for e in evidence if item.code in (e.ingredients or [])]
        )
        for item in INGREDIENTS
    ]
    return rows, latest


def value_view(project: Project, lens: str = "levels") -> ValueView:
    goals, progresses, evidence = _load(project)
    columns = (
        _value_columns(goals, progresses, evidence)
        if lens == "value"
        else _level_columns(goals, progresses, evidence)
    )
    ingredients, assessment = _ingredients(project, evidence)
    rounds = list(
        MscRound.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("collection")
        .order_by("-created_at")
    )
    # Closed rounds only: an open round's ranking may still change.
    msc_results = [(r, chosen_stories(r)[:MSC_SHOWN]) for r in rounds if not r.is_open]
    if lens != "value":
        for column in columns:
            column.msc = [
                (r, chosen)
                for r, chosen_list in msc_results
                for chosen in chosen_list
                if chosen.story.level == column.key
            ][:2]
    return ValueView(
        columns=columns,
        lens="value" if lens == "value" else "levels",
        headline=headline(progresses, goals),
        political=_political(project, goals, progresses),
        ingredients=ingredients,
        assessment=assessment,
        progresses=progresses,
        rounds=rounds,
        msc_results=msc_results,
        goal_count=len(goals),
        evidence_count=len(evidence),
    )
