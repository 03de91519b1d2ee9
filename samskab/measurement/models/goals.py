from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samskab.analysis.disclosure import perturbation
from samskab.measurement.content import (
    UNIT_SUFFIX,
    Direction,
    GoalKind,
    GoalStatus,
    IndicatorSource,
    Measure,
    PeriodKind,
    Unit,
    ValueLevel,
)
from samskab.organisations.scoping import OrgOwned
from samskab.projects.choices import ActorRole
from samskab.projects.models import PoliticalGoal, Project


class Goal(OrgOwned):
    """A process or outcome goal of a project, serving one or more political goals."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="measurement_goals",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind of goal"), max_length=10, choices=GoalKind.choices)
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    political_goals = models.ManyToManyField(
        PoliticalGoal,
        blank=True,
        related_name="measurement_goals",
        verbose_name=_("political goals it serves"),
    )
    owner_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_goals",
        verbose_name=_("owner (key actor)"),
    )
    owner_group = models.CharField(
        _("owner (actor group)"), max_length=30, choices=ActorRole.choices, blank=True
    )
    levels = models.JSONField(_("levels"), default=list, blank=True)
    value_kinds = models.JSONField(_("kinds of value"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["kind", "title", "id"]

    def __str__(self) -> str:
        return self.title


class GoalRevision(OrgOwned):
    """The wording of a goal before it was changed, and why it changed."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("goal")
    )
    title = models.CharField(_("earlier wording"), max_length=200)
    description = models.TextField(_("earlier description"), blank=True)
    reason = models.TextField(_("why it changed"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal revision")
        verbose_name_plural = _("goal revisions")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Indicator(OrgOwned):
    """How a goal is measured: unit, direction, baseline and target, and measurements."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    title = models.CharField(_("indicator"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    unit_label = models.CharField(
        _("name of the unit"),
        max_length=40,
        blank=True,
        help_text=_("Only for the unit “other”, for example “visits a week”."),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    level = models.CharField(_("level"), max_length=20, choices=ValueLevel.choices)
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    data_source = models.CharField(_("data source"), max_length=200)
    owner = models.CharField(
        _("who measures"), max_length=200, blank=True, help_text=_("A person or a team.")
    )
    source = models.CharField(
        _("how values arrive"),
        max_length=10,
        choices=IndicatorSource.choices,
        default=IndicatorSource.MANUAL,
    )
    # Computed from the stories of a saved explorer view (source "computed").
    saved_view = models.ForeignKey(
        "explorer.SavedView",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("saved view"),
    )
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices, blank=True)
    signifier = models.CharField(_("signifier"), max_length=64, blank=True)
    part = models.CharField(
        _("zone, choice or corner"), max_length=64, blank=True, help_text="A code of the engine."
    )
    period_kind = models.CharField(
        _("periods"), max_length=10, choices=PeriodKind.choices, blank=True
    )
    periods = models.JSONField(
        _("date ranges"), default=list, blank=True, help_text="[[start, end], …] ISO dates."
    )
    computed_counter = models.BigIntegerField(
        null=True, blank=True, help_text="The collection's change counter at the last computation."
    )
    computed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal_id", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__isnull=True)
                | Q(baseline_date__isnull=True)
                | Q(target_date__gte=F("baseline_date")),
                name="indicator_target_after_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_computed(self) -> bool:
        return self.source == IndicatorSource.COMPUTED

    @property
    def unit_suffix(self) -> str:
        """What follows a value of this indicator: "%", "of 5", the name of an "other" unit."""
        if self.unit == Unit.OTHER:
            return self.unit_label
        return str(UNIT_SUFFIX.get(self.unit, ""))


class Measurement(OrgOwned):
    """One value of an indicator for one period.

    Computed measurements carry their n and 95 % interval; a period with fewer stories than the
    organisation's k is stored with no value and ``withheld`` set, so the refusal is shown.
    """

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    value = models.FloatField(_("value"), null=True, blank=True)
    lower = models.FloatField(_("lower bound (95 %)"), null=True, blank=True)
    upper = models.FloatField(_("upper bound (95 %)"), null=True, blank=True)
    n = models.PositiveIntegerField(_("number of stories"), null=True, blank=True)
    # A computed value's cell key (0-255, the stories' record keys summed modulo 256): with it
    # n is shown perturbed to those who see perturbed figures (docs/disclosure.md).
    n_key = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    withheld = models.CharField(_("withheld because"), max_length=40, blank=True)

    def shown_n(self, exact: bool, k: int) -> int | None:
        """n as a reader may see it: exact, or perturbed by its cell key (None: not shown)."""
        if self.n is None or exact or self.source != IndicatorSource.COMPUTED:
            return self.n
        if self.n_key is None or self.n < k:
            return None
        return self.n + perturbation(self.n, self.n_key, k)

    note = models.TextField(_("note"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=IndicatorSource.choices, default=IndicatorSource.MANUAL
    )
    attachment = models.ForeignKey(
        "measurement.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evidence attached"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator_id", "period_start", "period_end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="measurement_period_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="measurement_once_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period_start}–{self.period_end})"
