"""The methods library: facilitation techniques and other ways of working together.

A method either belongs to one organisation or is shared (``organisation`` is NULL): the shared
ones are seeded by migration, visible to every organisation and edited by nobody.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from samskab.organisations.models import Organisation
from samskab.organisations.scoping import OrgQuerySet


class MethodCategory(models.TextChoices):
    FACILITATION = "facilitation", _("Facilitation technique")
    INVOLVING = "involving", _("Involving method")
    DIDACTIC = "didactic", _("Didactic tool")
    PROJECT_MANAGEMENT = "project_management", _("Project management in co-creation")
    COMMUNICATION = "communication", _("Engagement-building communication")


class MethodQuerySet(OrgQuerySet["Method"]):
    def shared(self) -> MethodQuerySet:
        return self.filter(organisation__isnull=True)

    def available_to(self, organisation: Organisation) -> MethodQuerySet:
        """The organisation's own methods and the shared ones; never another organisation's."""
        return self.filter(Q(organisation=organisation) | Q(organisation__isnull=True))

    def search(self, text: str) -> MethodQuerySet:
        return self.filter(
            Q(name__icontains=text)
            | Q(name_en__icontains=text)
            | Q(summary__icontains=text)
            | Q(summary_en__icontains=text)
            | Q(description__icontains=text)
            | Q(when_to_use__icontains=text)
        )


def _range_ok(low: str, high: str) -> Q:
    return (
        Q(**{f"{low}__isnull": True})
        | Q(**{f"{high}__isnull": True})
        | Q(**{f"{high}__gte": F(low)})
    )


class Method(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
        help_text=_("Empty for a shared method that every organisation can use."),
    )
    category = models.CharField(_("category"), max_length=30, choices=MethodCategory.choices)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    summary_en = models.CharField(_("summary in English"), max_length=300, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description in English"), blank=True)
    when_to_use = models.TextField(_("when to use it"), blank=True)
    when_to_use_en = models.TextField(_("when to use it, in English"), blank=True)
    duration_min = models.PositiveSmallIntegerField(
        _("shortest duration (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    duration_max = models.PositiveSmallIntegerField(
        _("longest duration (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    group_min = models.PositiveSmallIntegerField(
        _("smallest group"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    group_max = models.PositiveSmallIntegerField(
        _("largest group"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the method comes from, for example a book, a person or a network."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MethodQuerySet.as_manager()

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=_range_ok("duration_min", "duration_max"),
                name="method_duration_range",
            ),
            models.CheckConstraint(
                condition=_range_ok("group_min", "group_max"), name="method_group_range"
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"], name="method_unique_name_per_org"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_shared(self) -> bool:
        return self.organisation_id is None

    def _localised(self, field: str) -> str:
        """The English text when the active language is English and there is one."""
        if (get_language() or "").startswith("en"):
            english: str = getattr(self, f"{field}_en")
            if english:
                return english
        danish: str = getattr(self, field)
        return danish

    @property
    def display_name(self) -> str:
        return self._localised("name")

    @property
    def display_summary(self) -> str:
        return self._localised("summary")

    @property
    def display_description(self) -> str:
        return self._localised("description")

    @property
    def display_when_to_use(self) -> str:
        return self._localised("when_to_use")

    @property
    def duration_text(self) -> str:
        low, high = self.duration_min, self.duration_max
        if low and high and low != high:
            return gettext("%(low)s–%(high)s min.") % {"low": low, "high": high}
        minutes = low or high
        return gettext("%(minutes)s min.") % {"minutes": minutes} if minutes else ""

    @property
    def group_text(self) -> str:
        low, high = self.group_min, self.group_max
        if low and high:
            if low == high:
                return gettext("%(count)s people") % {"count": low}
            return gettext("%(low)s–%(high)s people") % {"low": low, "high": high}
        if high:
            return gettext("up to %(high)s people") % {"high": high}
        return gettext("%(low)s or more people") % {"low": low} if low else ""
