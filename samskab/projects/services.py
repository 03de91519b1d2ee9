"""Creating and changing projects and their political goals."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from samskab.organisations.models import AuditAction, Organisation
from samskab.organisations.services import audit
from samskab.projects.forms import PoliticalGoalForm, ProjectForm
from samskab.projects.models import PoliticalGoal, Project


@transaction.atomic
def save_project(form: ProjectForm, organisation: Organisation, actor: User) -> Project:
    """Save a validated project form for ``organisation`` and log it."""
    project: Project = form.save(commit=False)
    created = project.pk is None
    project.organisation = organisation
    if created:
        project.created_by = actor
    project.save()
    form.save_m2m()
    action = AuditAction.PROJECT_CREATED if created else AuditAction.PROJECT_CHANGED
    title, kind, fields = project.title, "projects.project", list(form.changed_data)
    audit(organisation, actor, action, title, object_type=kind, project=project.pk, fields=fields)
    return project


@transaction.atomic
def save_goal(form: PoliticalGoalForm, organisation: Organisation) -> PoliticalGoal:
    goal: PoliticalGoal = form.save(commit=False)
    goal.organisation = organisation
    goal.save()
    return goal
