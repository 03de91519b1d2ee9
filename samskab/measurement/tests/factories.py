"""Plain factories for effect-measurement rows (each takes the organisation's project)."""

from __future__ import annotations

import datetime
from typing import Any

from samskab.measurement.content import GoalKind, IndicatorSource, Unit, ValueLevel
from samskab.measurement.models import (
    Evidence,
    Goal,
    Indicator,
    LearningEntry,
    Measurement,
    Milestone,
    UnplannedGain,
)
from samskab.projects.models import Project


def make_goal(project: Project, **fields: Any) -> Goal:
    defaults: dict[str, Any] = {
        "kind": GoalKind.OUTCOME,
        "title": "Flere borgere bruger parken",
        "levels": [ValueLevel.VOLUNTEER_CITIZEN.value],
    }
    defaults.update(fields)
    return Goal.objects.create(organisation=project.organisation, project=project, **defaults)


def make_indicator(goal: Goal, **fields: Any) -> Indicator:
    defaults: dict[str, Any] = {
        "title": "Andel borgere der kommer i parken hver uge",
        "unit": Unit.PERCENT,
        "level": ValueLevel.VOLUNTEER_CITIZEN,
        "baseline_value": 20.0,
        "baseline_date": datetime.date(2025, 3, 1),
        "target_value": 40.0,
        "target_date": datetime.date(2026, 3, 1),
        "data_source": "Tælling ved indgangen",
        "source": IndicatorSource.MANUAL,
    }
    defaults.update(fields)
    return Indicator.objects.create(
        organisation=goal.organisation, project=goal.project, goal=goal, **defaults
    )


def make_measurement(indicator: Indicator, value: float, start: datetime.date, **fields: Any):
    end = fields.pop("end", start + datetime.timedelta(days=27))
    return Measurement.objects.create(
        organisation=indicator.organisation,
        indicator=indicator,
        period_start=start,
        period_end=end,
        value=value,
        **fields,
    )


def make_evidence(project: Project, **fields: Any) -> Evidence:
    defaults: dict[str, Any] = {
        "kind": "quote",
        "title": "Citat fra workshop",
        "text": "Nu ved vi, hvem vi skal ringe til.",
        "why": "Viser at samarbejdet er blevet lettere.",
    }
    defaults.update(fields)
    return Evidence.objects.create(organisation=project.organisation, project=project, **defaults)


def make_gain(project: Project, **fields: Any) -> UnplannedGain:
    defaults: dict[str, Any] = {
        "title": "Nye venskaber",
        "description": "Frivillige mødes nu også uden for projektet.",
        "noticed_on": datetime.date(2025, 6, 1),
        "evidence": "Fortalt på workshop 3.",
    }
    defaults.update(fields)
    return UnplannedGain.objects.create(
        organisation=project.organisation, project=project, **defaults
    )


def make_learning(project: Project, **fields: Any) -> LearningEntry:
    defaults: dict[str, Any] = {
        "date": datetime.date(2025, 5, 1),
        "kind": "bad",
        "title": "Invitationen nåede ikke ud",
        "experience": "Kun få borgere kom til første workshop.",
        "adjustment": "Vi inviterer nu gennem foreningerne.",
    }
    defaults.update(fields)
    return LearningEntry.objects.create(
        organisation=project.organisation, project=project, **defaults
    )


def make_milestone(project: Project, **fields: Any) -> Milestone:
    defaults: dict[str, Any] = {"title": "Første arbejdsdag", "due_date": datetime.date(2025, 6, 1)}
    defaults.update(fields)
    return Milestone.objects.create(organisation=project.organisation, project=project, **defaults)
