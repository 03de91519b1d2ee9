"""Timeline grouping and the participation table (actor group × phase) of a project."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.db.models import Count, Sum

from samskab.activities.models import Activity, AttendanceCount
from samskab.projects.choices import PHASE_ORDER, ActorRole, Phase
from samskab.projects.models import Project


@dataclass
class TimelineGroup:
    key: str
    label: str
    month: datetime.date | None
    activities: list[Activity]


def timeline_groups(
    activities: Iterable[Activity], group: str, newest: bool
) -> list[TimelineGroup]:
    """Split activities (already in date order) into groups by phase or by month."""
    items = list(activities)
    if newest:
        items.reverse()
    if group == "month":
        return [
            TimelineGroup(month.isoformat(), "", month, list(rows))
            for month, rows in groupby(items, key=lambda a: a.date.replace(day=1))
        ]
    by_phase: dict[str, list[Activity]] = defaultdict(list)
    for activity in items:
        by_phase[activity.phase].append(activity)
    phases = list(Phase)[::-1] if newest else list(Phase)
    return [
        TimelineGroup(phase.value, str(phase.label), None, by_phase[phase.value])
        for phase in phases
        if by_phase[phase.value]
    ]


@dataclass
class Cell:
    named: int = 0
    anonymous: int = 0

    @property
    def total(self) -> int:
        return self.named + self.anonymous


@dataclass
class Row:
    group: str
    label: str
    cells: list[Cell]

    @property
    def total(self) -> int:
        return sum(cell.total for cell in self.cells)


@dataclass
class Participation:
    phases: list[dict[str, Any]]
    rows: list[Row]
    absent_everywhere: list[str] = field(default_factory=list)
    absent_by_phase: list[tuple[str, list[str]]] = field(default_factory=list)
    phases_without_activities: list[str] = field(default_factory=list)


def participation(project: Project) -> Participation:
    """Who took part in each phase: key actors by their role plus anonymous counts.

    A cell counts attendances: someone at two activities in the phase counts twice, because
    anonymous counts cannot tell people apart either.
    """
    activities = Activity.objects.for_project(project)
    named = (
        Activity.participants.through.objects.filter(activity__in=activities)
        .values_list("activity__phase", "actor__role")
        .annotate(n=Count("id"))
    )
    anonymous = (
        AttendanceCount.objects.filter(activity__in=activities)
        .values_list("activity__phase", "group")
        .annotate(n=Sum("count"))
    )
    per_phase = dict(activities.values_list("phase").annotate(n=Count("id")).order_by())
    cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for phase, role, n in named:
        cells[(role, phase)].named = n
    for phase, role, n in anonymous:
        cells[(role, phase)].anonymous = n
    rows = [
        Row(role.value, str(role.label), [cells[(role.value, phase)] for phase in PHASE_ORDER])
        for role in ActorRole
    ]
    phases = [
        {"value": p.value, "label": str(p.label), "activities": per_phase.get(p.value, 0)}
        for p in Phase
    ]
    return _with_summary(Participation(phases, rows))


def _with_summary(table: Participation) -> Participation:
    table.absent_everywhere = [row.label for row in table.rows if row.total == 0]
    for index, phase in enumerate(table.phases):
        if not phase["activities"]:
            table.phases_without_activities.append(phase["label"])
            continue
        missing = [row.label for row in table.rows if row.total and not row.cells[index].total]
        if missing:
            table.absent_by_phase.append((phase["label"], missing))
    return table
