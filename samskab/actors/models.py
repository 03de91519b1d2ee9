"""Key actors (nøgleaktører) of a project and how they are involved in each phase."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.organisations.scoping import OrgOwned
from samskab.projects.choices import ActorRole, Phase, Sector
from samskab.projects.models import Project

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class ActorKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation or group")


class InvolvementLevel(models.TextChoices):
    """How deeply an actor takes part in a phase (a ladder from being told to leading)."""

    INFORMED = "informed", _("Kept informed")
    CONSULTED = "consulted", _("Consulted")
    CO_CREATING = "co_creating", _("Co-creating")
    LEADING = "leading", _("Leading")


class Actor(OrgOwned):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="actors", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    role = models.CharField(_("role"), max_length=30, choices=ActorRole.choices)
    influence = models.PositiveSmallIntegerField(
        _("influence"), validators=SCALE, help_text=_("1 = little, 5 = decisive.")
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), validators=SCALE, help_text=_("1 = little, 5 = very engaged.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user account"),
        help_text=_("Optional: link the actor to a member of the organisation."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("key actor")
        verbose_name_plural = _("key actors")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5)
                & models.Q(interest__gte=1, interest__lte=5),
                name="actor_scales_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActorInvolvement(OrgOwned):
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("actor")
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    level = models.CharField(_("involvement"), max_length=20, choices=InvolvementLevel.choices)

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.UniqueConstraint(fields=["actor", "phase"], name="involvement_once_per_phase")
        ]

    def __str__(self) -> str:
        return f"{self.actor} · {self.phase} · {self.level}"
