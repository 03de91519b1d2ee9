"""Self-assessment against the manifesto's role shifts and rules of thumb, revisited over time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.assessments.content import ITEM_CHOICES
from samskab.organisations.scoping import OrgOwned
from samskab.projects.models import Project


class SelfAssessment(OrgOwned):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("occasion"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"


class AssessmentAnswer(OrgOwned):
    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("self-assessment"),
    )
    item = models.CharField(_("item"), max_length=40, choices=ITEM_CHOICES)
    # 1 = not at all … 5 = fully; NULL = not relevant yet.
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    reflection = models.TextField(_("reflection"), blank=True)

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="assessment_item_answered_once"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="assessment_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.score}"
