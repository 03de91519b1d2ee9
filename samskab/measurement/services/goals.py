"""Goals and indicators: creating them, and changing a goal while keeping its old wording."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from samskab.measurement.models import Goal, GoalRevision, Indicator
from samskab.measurement.services import audit
from samskab.projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from samskab.measurement.forms.goals import GoalForm, IndicatorForm


@transaction.atomic
def save_goal(form: GoalForm, project: Project, actor: User) -> Goal:
    """Create or change a goal. A change of wording keeps the earlier wording and the reason."""
    goal: Goal = form.instance
    creating = goal.pk is None
    if not creating and form.wording_changed():
        before = Goal.objects.get(pk=goal.pk)
        GoalRevision.objects.create(
            organisation=project.organisation,
            goal=goal,
            title=before.title,
            description=before.description,
            reason=form.cleaned_data.get("reason", ""),
            changed_by=actor,
        )
    goal.organisation = project.organisation
    goal.project = project
    if creating:
        goal.created_by = actor
    goal = form.save()
    audit.record(actor, "created" if creating else "changed", goal, project=project.pk)
    return goal


@transaction.atomic
def save_indicator(form: IndicatorForm, goal: Goal, actor: User) -> Indicator:
    indicator: Indicator = form.instance
    creating = indicator.pk is None
    indicator.organisation = goal.organisation
    indicator.project = goal.project
    indicator.goal = goal
    if creating:
        indicator.created_by = actor
    else:
        # A changed definition must be computed again.
        indicator.computed_counter = None
    indicator = form.save()
    audit.record(actor, "created" if creating else "changed", indicator, goal=goal.pk)
    return indicator
