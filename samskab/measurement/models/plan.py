from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.measurement.content import QUESTION_CHOICES
from samskab.organisations.scoping import OrgOwned
from samskab.projects.models import Project


class PlanAnswer(OrgOwned):
    """One answer to a question of the measurement plan. A new answer never overwrites the
    old one: the newest per question is the plan, the older ones are its history."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="plan_answers", verbose_name=_("project")
    )
    question = models.CharField(_("question"), max_length=40, choices=QUESTION_CHOICES)
    text = models.TextField(_("answer"))
    goals = models.ManyToManyField(
        "measurement.Goal", blank=True, related_name="plan_answers", verbose_name=_("goals")
    )
    indicators = models.ManyToManyField(
        "measurement.Indicator",
        blank=True,
        related_name="plan_answers",
        verbose_name=_("indicators"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement plan answer")
        verbose_name_plural = _("measurement plan answers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.question}: {self.text[:40]}"
