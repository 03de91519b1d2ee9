"""Unplanned gains, the learning log and milestones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.measurement.content import LearningKind
from samskab.organisations.scoping import OrgOwned
from samskab.projects.models import Project


class UnplannedGain(OrgOwned):
    """A side gain nobody planned; it can be promoted to a goal."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="unplanned_gains", verbose_name=_("project")
    )
    title = models.CharField(_("gain"), max_length=200)
    description = models.TextField(_("what happened"))
    noticed_on = models.DateField(_("noticed on"))
    evidence = models.TextField(
        _("what shows it"), help_text=_("A quote, an observation, a number, a story.")
    )
    levels = models.JSONField(_("levels"), default=list, blank=True)
    value_kinds = models.JSONField(_("kinds of value"), default=list, blank=True)
    promoted_to = models.ForeignKey(
        "measurement.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promoted_from",
        verbose_name=_("goal it became"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("unplanned gain")
        verbose_name_plural = _("unplanned gains")
        ordering = ["-noticed_on", "-id"]

    def __str__(self) -> str:
        return self.title


class LearningEntry(OrgOwned):
    """A good or bad experience and what was adjusted because of it."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="learning_entries",
        verbose_name=_("project"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=LearningKind.choices)
    title = models.CharField(_("in a sentence"), max_length=200)
    experience = models.TextField(_("what happened"))
    adjustment = models.TextField(_("what we adjusted"), blank=True)
    activities = models.ManyToManyField(
        "activities.Activity", blank=True, related_name="+", verbose_name=_("activities")
    )
    goals = models.ManyToManyField(
        "measurement.Goal", blank=True, related_name="learning_entries", verbose_name=_("goals")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("learning log entry")
        verbose_name_plural = _("learning log entries")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title


class Milestone(OrgOwned):
    """A moment worth marking: a goal achieved, an indicator passing a value, a date reached.

    A milestone on an indicator with a ``threshold`` is reached by itself when a measurement
    passes the threshold in the indicator's direction (see services.milestones).
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("expected by"), null=True, blank=True)
    goal = models.ForeignKey(
        "measurement.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("goal"),
    )
    indicator = models.ForeignKey(
        "measurement.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("indicator"),
    )
    threshold = models.FloatField(
        _("value that marks it"),
        null=True,
        blank=True,
        help_text=_("Reached when a measurement of the indicator gets this far."),
    )
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    celebration = models.TextField(
        _("how we celebrate"), blank=True, help_text=_("With whom, and how.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["reached_on", "due_date", "id"]

    def __str__(self) -> str:
        return self.title
