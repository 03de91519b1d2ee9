"""How well each project documents its value creation, for the municipality overview and the
project page's panel.

Four questions, each answered with a fraction, because "fewer than 20 % of municipalities
measure real value" is fixed one gap at a time: do the goals have indicators, do the indicators
have a recent measurement, is there evidence on each of the four levels, and is the measurement
plan answered. The score is the plain average of the four fractions (0–100); the page shows
each fraction beside it, so the score never hides which gap it is.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from samskab.measurement.content import PLAN_QUESTIONS, GoalStatus, ValueLevel
from samskab.measurement.models import Evidence, Goal, Indicator, Measurement, PlanAnswer
from samskab.measurement.services.log import timeline
from samskab.organisations.models import Organisation
from samskab.projects.models import Project

RECENT_DAYS = 183  # "recent" = a measurement whose period ended in the last six months


@dataclass
class Documentation:
    project: Project
    goals: int
    goals_with_indicator: int
    indicators: int
    indicators_recent: int
    levels_with_evidence: int
    plan_answered: int

    def _share(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def parts(self) -> list[float]:
        return [
            self._share(self.goals_with_indicator, self.goals),
            self._share(self.indicators_recent, self.indicators),
            self.levels_with_evidence / len(ValueLevel),
            self.plan_answered / len(PLAN_QUESTIONS),
        ]

    @property
    def score(self) -> int:
        return round(100 * sum(self.parts) / len(self.parts))

    @property
    def gaps(self) -> list[str]:
        """Codes of the gaps, for the page's words."""
        out = []
        if not self.goals:
            out.append("no_goals")
        elif self.goals_with_indicator < self.goals:
            out.append("goals_without_indicator")
        if self.indicators and self.indicators_recent < self.indicators:
            out.append("stale_indicators")
        if self.levels_with_evidence < len(ValueLevel):
            out.append("levels_without_evidence")
        if self.plan_answered < len(PLAN_QUESTIONS):
            out.append("plan_open")
        return out


def _counts(projects: list[Project], today: datetime.date) -> dict[str, dict[int, int]]:
    ids = [p.pk for p in projects]
    live = Goal.objects.filter(project__in=ids).exclude(status=GoalStatus.DROPPED)
    goals = dict(live.values_list("project").annotate(n=Count("id")))
    with_indicator = dict(
        live.filter(indicators__isnull=False)
        .values_list("project")
        .annotate(n=Count("id", distinct=True))
    )
    indicators = dict(
        Indicator.objects.filter(project__in=ids).values_list("project").annotate(n=Count("id"))
    )
    recent_since = today - datetime.timedelta(days=RECENT_DAYS)
    recent = dict(
        Measurement.objects.filter(
            indicator__project__in=ids, period_end__gte=recent_since, value__isnull=False
        )
        .values_list("indicator__project")
        .annotate(n=Count("indicator", distinct=True))
    )
    plan = dict(
        PlanAnswer.objects.filter(project__in=ids)
        .values_list("project")
        .annotate(n=Count("question", distinct=True))
    )
    return {
        "goals": goals,
        "with": with_indicator,
        "ind": indicators,
        "recent": recent,
        "plan": plan,
    }


def _levels_with_evidence(projects: list[Project]) -> dict[int, int]:
    seen: dict[int, set[str]] = defaultdict(set)
    rows = Evidence.objects.filter(project__in=[p.pk for p in projects]).values_list(
        "project", "levels", "story__level", "goal__levels"
    )
    for project_id, levels, story_level, goal_levels in rows:
        found = set(levels or []) | ({story_level} if story_level else set())
        if not found:
            found = set(goal_levels or [])
        seen[project_id] |= found & {level.value for level in ValueLevel}
    return {pid: len(levels) for pid, levels in seen.items()}


def documentation(
    projects: list[Project], today: datetime.date | None = None
) -> list[Documentation]:
    """One row per project, in a fixed number of queries."""
    counts = _counts(projects, today or timezone.localdate())
    levels = _levels_with_evidence(projects)
    return [
        Documentation(
            project=p,
            goals=counts["goals"].get(p.pk, 0),
            goals_with_indicator=counts["with"].get(p.pk, 0),
            indicators=counts["ind"].get(p.pk, 0),
            indicators_recent=counts["recent"].get(p.pk, 0),
            levels_with_evidence=levels.get(p.pk, 0),
            plan_answered=counts["plan"].get(p.pk, 0),
        )
        for p in projects
    ]


def organisation_overview(organisation: Organisation) -> list[Documentation]:
    projects = list(Project.objects.for_org(organisation).order_by("title"))
    rows = documentation(projects)
    rows.sort(key=lambda row: (row.score, row.project.title))
    return rows


def share_documented(rows: list[Documentation]) -> int:
    """How many projects document value on every one of the four questions (score 100)."""
    return sum(1 for row in rows if row.score == 100)


def panel(project: Project) -> dict[str, Any]:
    row = documentation([project])[0]
    latest = (
        Measurement.objects.filter(indicator__project=project, value__isnull=False)
        .aggregate(last=Max("period_end"))
        .get("last")
    )
    reached = project.milestones.filter(reached_on__isnull=False).count()
    return {
        "doc": row,
        "last_measured": latest,
        "milestones_reached": reached,
        "timeline": timeline(project),
    }
