"""Explorer settings per organisation, saved views and the observations written about them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.analysis.disclosure import DEFAULT_K, MIN_K
from samskab.instruments.models import Collection
from samskab.organisations.models import Organisation
from samskab.organisations.scoping import OrgOwned, OrgQuerySet


class ExplorerSettings(models.Model):
    """The disclosure threshold k of one organisation (5 when there is no row)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, verbose_name=_("organisation")
    )
    min_group = models.PositiveIntegerField(
        _("smallest group shown"),
        default=DEFAULT_K,
        validators=[MinValueValidator(MIN_K), MaxValueValidator(1000)],
        help_text=_("No count, chart or story list over fewer stories than this is shown."),
    )

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("explorer settings")
        verbose_name_plural = _("explorer settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_group__gte=MIN_K), name="explorer_min_group_at_least_3"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} k={self.min_group}"


class SavedView(OrgOwned):
    """A view of a collection that can be quoted: its filters, signifier and comparison."""

    collection = models.ForeignKey(
        Collection,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("collection"),
    )
    title = models.CharField(_("title"), max_length=200)
    query = models.TextField(_("filters"), blank=True, help_text="The view's query string.")
    signifier = models.CharField(_("signifier"), max_length=64, blank=True)
    comparison = models.TextField(
        _("comparison"), blank=True, help_text="Query string of the compared groups, if any."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Observation(OrgOwned):
    """What an analyst found remarkable in a saved view, with competing interpretations."""

    saved_view = models.ForeignKey(
        SavedView,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("saved view"),
    )
    text = models.TextField(_("observation"))
    interpretations = models.JSONField(_("interpretations"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]
