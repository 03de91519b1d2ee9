"""Saving and deleting activities together with their anonymous attendance counts."""

from __future__ import annotations

from django.db import transaction

from samskab.activities.forms import ActivityForm
from samskab.activities.models import Activity, AttendanceCount
from samskab.projects.models import Project


@transaction.atomic
def save_activity(form: ActivityForm, project: Project) -> Activity:
    """Save a validated activity form on ``project``, with its methods, actors and counts."""
    activity: Activity = form.save(commit=False)
    activity.organisation_id = project.organisation_id
    activity.project = project
    activity.save()
    form.save_m2m()
    set_attendance(activity, form.attendance_counts())
    return activity


def set_attendance(activity: Activity, counts: dict[str, int]) -> None:
    """Make the activity's anonymous counts exactly ``counts`` (group → number ≥ 1)."""
    activity.attendance.exclude(group__in=counts).delete()
    for group, count in counts.items():
        AttendanceCount.objects.update_or_create(
            activity=activity,
            group=group,
            defaults={"count": count, "organisation_id": activity.organisation_id},
        )


@transaction.atomic
def delete_activity(activity: Activity) -> None:
    activity.delete()
