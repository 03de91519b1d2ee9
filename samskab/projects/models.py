from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.organisations.scoping import OrgOwned, OrgQuerySet
from samskab.projects.choices import PHASE_ORDER, Phase, ProjectStatus, Theme


class PoliticalGoal(OrgOwned):
    """A goal from the municipality's policies that projects serve (and effects are measured on)."""

    title = models.CharField(_("goal"), max_length=200)
    policy = models.CharField(
        _("policy it comes from"),
        max_length=200,
        help_text=_("For example the municipality's culture policy 2024–2027."),
    )
    owner = models.CharField(
        _("owner"),
        max_length=200,
        help_text=_("Who owns the goal, for example a committee or a head of department."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("political goal")
        verbose_name_plural = _("political goals")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="political_goal_unique_title_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProjectQuerySet(OrgQuerySet["Project"]):
    def search(self, text: str) -> ProjectQuerySet:
        return self.filter(Q(title__icontains=text) | Q(problem__icontains=text))


class Project(OrgOwned):
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    problem = models.TextField(
        _("problem or idea"),
        help_text=_("In the words of those who own the project: what should be different?"),
    )
    goals = models.ManyToManyField(
        PoliticalGoal, blank=True, related_name="projects", verbose_name=_("political goals")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.SELECT)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    commissioning_client = models.CharField(
        _("commissioning client"),
        max_length=200,
        blank=True,
        help_text=_("Who commissioned the project, for example the head of Culture and Leisure."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()  # type: ignore[misc]  # a richer scoped queryset

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"org": self.organisation.slug, "pk": self.pk})

    @property
    def phase_index(self) -> int:
        return PHASE_ORDER.index(self.phase)
