"""Activities on a project's timeline and who took part in them."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from samskab.actors.models import Actor
from samskab.methods.models import Method
from samskab.organisations.scoping import OrgOwned, OrgQuerySet
from samskab.projects.choices import ActorRole, Phase
from samskab.projects.models import Project


class ActivityKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SPARRING = "sparring", _("Sparring")
    COMPETENCE = "competence", _("Competence development")
    TRIAL_ACTION = "trial_action", _("Trial action")
    STUDY = "study", _("Study")
    ANCHORING = "anchoring", _("Anchoring")
    CONFERENCE = "conference", _("Conference")
    CAMP = "camp", _("Camp")


class ActivityQuerySet(OrgQuerySet["Activity"]):
    def for_project(self, project: Project) -> ActivityQuerySet:
        return self.filter(organisation_id=project.organisation_id, project=project)

    def with_participant_counts(self) -> ActivityQuerySet:
        """Annotate ``named_count`` (key actors) and ``anonymous_count`` without N+1 queries.

        The anonymous sum is a subquery so the two aggregates never multiply each other's rows.
        """
        anonymous = (
            AttendanceCount.objects.filter(activity=OuterRef("pk"))
            .values("activity")
            .annotate(total=Sum("count"))
            .values("total")
        )
        return self.annotate(
            named_count=models.Count("participants", distinct=True),
            anonymous_count=Coalesce(Subquery(anonymous, output_field=IntegerField()), 0),
        )


class Activity(OrgOwned):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="activities", verbose_name=_("project")
    )
    kind = models.CharField(_("kind of activity"), max_length=20, choices=ActivityKind.choices)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    methods = models.ManyToManyField(
        Method, blank=True, related_name="activities", verbose_name=_("methods")
    )
    participants = models.ManyToManyField(
        Actor, blank=True, related_name="activities", verbose_name=_("participating key actors")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()  # type: ignore[misc]  # a richer scoped queryset

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="activity_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AttendanceCount(OrgOwned):
    """How many people from one actor group took part without being registered as key actors."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("activity")
    )
    group = models.CharField(_("actor group"), max_length=30, choices=ActorRole.choices)
    count = models.PositiveIntegerField(
        _("number of participants"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("anonymous attendance")
        verbose_name_plural = _("anonymous attendance")
        ordering = ["group"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "group"], name="attendance_once_per_group"),
            models.CheckConstraint(condition=Q(count__gte=1), name="attendance_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.count}"
