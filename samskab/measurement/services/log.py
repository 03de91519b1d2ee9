"""Unplanned gains, the learning log and milestones, and the project's timeline.

``reach_milestones`` runs after every new measurement (services.measurements): a milestone on
an indicator with a threshold is reached by itself on the end of the first period whose value
passes the threshold in the indicator's direction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.activities.models import Activity
from samskab.measurement.content import Direction, GoalKind, GoalStatus
from samskab.measurement.models import (
    Goal,
    Indicator,
    LearningEntry,
    Measurement,
    Milestone,
    UnplannedGain,
)
from samskab.measurement.services import audit
from samskab.projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import StrOrPromise

    Actor = User | AnonymousUser | None


def _user(actor: Actor) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


# Unplanned gains -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewGain:
    title: str
    description: str
    noticed_on: datetime.date
    evidence: str
    levels: list[str] = field(default_factory=list)
    value_kinds: list[str] = field(default_factory=list)


def gains(project: Project) -> QuerySet[UnplannedGain]:
    return (
        UnplannedGain.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("promoted_to", "created_by")
    )


@transaction.atomic
def create_gain(project: Project, new: NewGain, actor: Actor) -> UnplannedGain:
    gain = UnplannedGain.objects.create(
        organisation=project.organisation,
        project=project,
        title=new.title,
        description=new.description,
        noticed_on=new.noticed_on,
        evidence=new.evidence,
        levels=list(new.levels),
        value_kinds=list(new.value_kinds),
        created_by=_user(actor),
    )
    audit.record(actor, "created", gain, project=project.pk)
    return gain


@transaction.atomic
def promote_gain(gain: UnplannedGain, actor: Actor) -> tuple[Goal, bool]:
    """Make the gain an outcome goal (planned) and link it; ``(goal, created)``.

    Promoting a gain that already became a goal returns that goal and creates nothing.
    """
    gain = (
        UnplannedGain.objects.select_for_update(of=("self",))
        .select_related("promoted_to")
        .get(pk=gain.pk)
    )
    if gain.promoted_to is not None:
        return gain.promoted_to, False
    goal = Goal.objects.create(
        organisation=gain.organisation,
        project=gain.project,
        kind=GoalKind.OUTCOME,
        title=gain.title,
        description=gain.description,
        levels=list(gain.levels),
        value_kinds=list(gain.value_kinds),
        status=GoalStatus.PLANNED,
        created_by=_user(actor),
    )
    audit.record(actor, "created", goal, project=gain.project_id, promoted_from=gain.pk)
    gain.promoted_to = goal
    gain.save(update_fields=["promoted_to"])
    audit.record(actor, "changed", gain, promoted_to=goal.pk)
    return goal, True


# The learning log ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewLearning:
    date: datetime.date
    kind: str
    title: str
    experience: str
    adjustment: str = ""
    activities: list[Activity] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)


@dataclass(frozen=True)
class LearningFilter:
    """What the learning log is narrowed to; empty fields do not narrow."""

    kind: str = ""
    goal: Goal | None = None
    activity: Activity | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def learning_entries(
    project: Project, narrow: LearningFilter | None = None
) -> QuerySet[LearningEntry]:
    """The project's learning log, newest first, narrowed by ``narrow``."""
    entries = LearningEntry.objects.for_org(project.organisation).filter(project=project)
    narrow = narrow or LearningFilter()
    if narrow.kind:
        entries = entries.filter(kind=narrow.kind)
    if narrow.goal is not None:
        entries = entries.filter(goals=narrow.goal)
    if narrow.activity is not None:
        entries = entries.filter(activities=narrow.activity)
    if narrow.date_from is not None:
        entries = entries.filter(date__gte=narrow.date_from)
    if narrow.date_to is not None:
        entries = entries.filter(date__lte=narrow.date_to)
    return entries.select_related("author").prefetch_related("activities", "goals")


@transaction.atomic
def create_learning(project: Project, new: NewLearning, actor: Actor) -> LearningEntry:
    """Add an entry to the log; activities and goals must be the project's own."""
    entry = LearningEntry.objects.create(
        organisation=project.organisation,
        project=project,
        date=new.date,
        kind=new.kind,
        title=new.title,
        experience=new.experience,
        adjustment=new.adjustment,
        author=_user(actor),
    )
    entry.activities.set(new.activities)
    entry.goals.set(new.goals)
    audit.record(actor, "created", entry, project=project.pk)
    return entry


# Milestones ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewMilestone:
    title: str
    due_date: datetime.date | None = None
    goal: Goal | None = None
    indicator: Indicator | None = None
    threshold: float | None = None
    celebration: str = ""


def milestones(project: Project) -> QuerySet[Milestone]:
    """The project's milestones: reached ones last, the rest by the date they are due."""
    return (
        Milestone.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("goal", "indicator")
        .order_by("reached_on", "due_date", "id")
    )


@transaction.atomic
def create_milestone(project: Project, new: NewMilestone, actor: Actor) -> Milestone:
    """Add a milestone; one on an indicator a measurement has already passed is reached."""
    milestone = Milestone.objects.create(
        organisation=project.organisation,
        project=project,
        title=new.title,
        due_date=new.due_date,
        goal=new.goal,
        indicator=new.indicator,
        threshold=new.threshold,
        celebration=new.celebration,
        created_by=_user(actor),
    )
    audit.record(actor, "created", milestone, project=project.pk)
    if new.indicator is not None:
        reach_milestones(new.indicator)
        milestone.refresh_from_db(fields=["reached_on"])
    return milestone


@transaction.atomic
def mark_reached(milestone: Milestone, actor: Actor, note: str = "") -> bool:
    """Mark the milestone reached today, adding ``note`` to how it is celebrated.

    False (and nothing changes) when it was already reached.
    """
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.reached_on is not None:
        return False
    milestone.reached_on = timezone.localdate()
    if note:
        milestone.celebration = f"{milestone.celebration}\n\n{note}".strip()
    milestone.save(update_fields=["reached_on", "celebration"])
    audit.record(actor, "changed", milestone, reached_on=milestone.reached_on.isoformat())
    return True


def _passing(indicator: Indicator, threshold: float) -> QuerySet[Measurement]:
    values = Measurement.objects.for_org(indicator.organisation).filter(
        indicator=indicator, value__isnull=False
    )
    if indicator.direction == Direction.LOWER:
        return values.filter(value__lte=threshold)
    return values.filter(value__gte=threshold)


@transaction.atomic
def reach_milestones(indicator: Indicator) -> None:
    """Mark the indicator's milestones whose threshold a measurement has passed.

    Each unreached milestone with a threshold is reached on the end of the earliest period
    whose value passes it (higher is better: value ≥ threshold; lower: value ≤ threshold).
    """
    waiting = Milestone.objects.for_org(indicator.organisation).filter(
        indicator=indicator, reached_on__isnull=True, threshold__isnull=False
    )
    for milestone in waiting:
        assert milestone.threshold is not None  # noqa: S101  (filtered above)
        first = _passing(indicator, milestone.threshold).aggregate(first=Min("period_end"))
        if first["first"] is None:
            continue
        milestone.reached_on = first["first"]
        milestone.save(update_fields=["reached_on"])
        audit.record(
            None,
            "changed",
            milestone,
            reached_on=first["first"].isoformat(),
            indicator=indicator.pk,
        )


# The timeline ----------------------------------------------------------------------------


class TimelineKind:
    ACTIVITY = "activity"
    MILESTONE = "milestone"


@dataclass(frozen=True)
class TimelineItem:
    """One dated thing on a project's timeline.

    ``kind`` is "activity" or "milestone"; ``reached`` is True for a milestone reached (its
    ``date`` is then the day it was reached, otherwise the day it is due) and always False for
    an activity. ``end_date`` is an activity's last day when it lasts several days.
    """

    date: datetime.date
    kind: str
    title: str
    reached: bool
    url: str
    end_date: datetime.date | None = None

    @property
    def is_milestone(self) -> bool:
        return self.kind == TimelineKind.MILESTONE

    @property
    def kind_label(self) -> StrOrPromise:
        return _("Milestone") if self.is_milestone else _("Activity")


# Same day: activities before the milestones they may have led to.
_KIND_ORDER = {TimelineKind.ACTIVITY: 0, TimelineKind.MILESTONE: 1}


def _milestone_items(project: Project, slug: str) -> list[TimelineItem]:
    url = reverse("measurement:milestones", kwargs={"org": slug, "project": project.pk})
    items = []
    for milestone in milestones(project):
        date = milestone.reached_on or milestone.due_date
        if date is None:
            continue
        items.append(
            TimelineItem(
                date=date,
                kind=TimelineKind.MILESTONE,
                title=milestone.title,
                reached=milestone.reached_on is not None,
                url=f"{url}#milestone-{milestone.pk}",
            )
        )
    return items


def _activity_items(project: Project, slug: str) -> list[TimelineItem]:
    return [
        TimelineItem(
            date=activity.date,
            kind=TimelineKind.ACTIVITY,
            title=activity.title,
            reached=False,
            url=reverse(
                "activities:detail", kwargs={"org": slug, "project": project.pk, "pk": activity.pk}
            ),
            end_date=activity.end_date,
        )
        for activity in Activity.objects.for_project(project).only(
            "id", "title", "date", "end_date"
        )
    ]


def timeline(project: Project) -> list[TimelineItem]:
    """Milestones (reached, or due) and activities of the project, oldest first.

    A milestone with neither a due date nor a reached date has no place on a timeline and is
    left out.
    """
    slug = project.organisation.slug
    items = _milestone_items(project, slug) + _activity_items(project, slug)
    return sorted(items, key=lambda item: (item.date, _KIND_ORDER[item.kind], item.title))
