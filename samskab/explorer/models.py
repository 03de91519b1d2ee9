"""Explorer settings per organisation, saved views and the observations written about them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.analysis.disclosure import DEFAULT_K, MIN_K
from samskab.instruments.models import Collection, InstrumentVersion
from samskab.organisations.models import Organisation
from samskab.organisations.scoping import OrgOwned, OrgQuerySet

MAX_K = 1000  # an upper bound: far above it, nearly every collection would show nothing


class ExplorerSettings(models.Model):
    """The disclosure threshold k of one organisation (5 when there is no row)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, verbose_name=_("organisation")
    )
    min_group = models.PositiveIntegerField(
        _("smallest group shown"),
        default=DEFAULT_K,
        validators=[MinValueValidator(MIN_K), MaxValueValidator(MAX_K)],
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


class ThemeStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Finding themes")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ThemePhase(models.TextChoices):
    NONE = "", _("Waiting")
    READING = "reading", _("Reading the masked story texts")
    FINDING = "finding", _("Finding the themes")
    SAVING = "saving", _("Saving the themes")


class ThemeMethod(models.TextChoices):
    NMF = "nmf", _("topics (NMF)")
    KMEANS = "kmeans", _("clusters (k-means)")


class ThemeError(models.TextChoices):
    NONE = "", _("No error")
    TOO_FEW = "too_few", _("There are too few stories or words to find this many themes.")
    FAILED = "failed", _("Finding the themes failed. Try again, or ask an administrator.")


THEMES_BUSY = (ThemeStatus.QUEUED, ThemeStatus.RUNNING)
MIN_THEMES, MAX_THEMES = 2, 20


class ThemeRun(OrgOwned):
    """Themes found in the masked texts of one collection version, run in the background.

    The result is `themes` (JSON: per theme its index, top terms, size, representative story ids
    and withheld reason codes) and the assignment of each story to a theme. The assignment is
    two `BinaryField`s of raw NumPy bytes with fixed byte order: `story_ids` (int64, ascending)
    and `assignment` (int8: theme index, -1 for a story without words), 9 bytes a story, so a
    million stories take 9 MB and load with `np.frombuffer` in milliseconds. JSON would be about
    twice the size and slow to parse; a row per story would mean a million inserts per run.
    Only the newest finished run of a version is kept (older ones are deleted when a run is
    done), so the table does not grow with every run.
    """

    collection = models.ForeignKey(
        Collection,
        on_delete=models.CASCADE,
        related_name="theme_runs",
        verbose_name=_("collection"),
    )
    version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("instrument version"),
    )
    change_counter = models.PositiveBigIntegerField(
        default=0, help_text="The collection's change counter when the run was started."
    )
    n_themes = models.PositiveSmallIntegerField(
        _("number of themes"),
        default=8,
        validators=[MinValueValidator(MIN_THEMES), MaxValueValidator(MAX_THEMES)],
    )
    seed = models.PositiveIntegerField(_("seed"), default=0)
    method = models.CharField(
        _("method"), max_length=10, choices=ThemeMethod.choices, default=ThemeMethod.NMF
    )
    k = models.PositiveIntegerField(
        _("smallest group shown"), default=DEFAULT_K, help_text="The organisation's k at the run."
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ThemeStatus.choices, default=ThemeStatus.QUEUED
    )
    phase = models.CharField(
        _("phase"), max_length=10, choices=ThemePhase.choices, default="", blank=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.CharField(
        _("error"), max_length=10, choices=ThemeError.choices, default="", blank=True
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    story_ids = models.BinaryField(_("story ids"), default=b"", blank=True)
    assignment = models.BinaryField(_("theme of each story"), default=b"", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("theme run")
        verbose_name_plural = _("theme runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(n_themes__gte=MIN_THEMES, n_themes__lte=MAX_THEMES),
                name="explorer_theme_run_n_themes_2_to_20",
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection} v{self.version_id} #{self.pk}"

    @property
    def is_busy(self) -> bool:
        return self.status in THEMES_BUSY


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Preparing the data")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


BUILDS_BUSY = (BuildStatus.QUEUED, BuildStatus.RUNNING)


class StoreBuild(OrgOwned):
    """A background build of a version's analysis store, for collections too large to build
    within a page request (`EXPLORER_INLINE_BUILD_MAX`); later changes update the cached store
    in the request, which is fast."""

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="+", verbose_name=_("collection")
    )
    version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("instrument version"),
    )
    change_counter = models.PositiveBigIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    rows_done = models.PositiveBigIntegerField(default=0)
    rows_total = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("analysis data build")
        verbose_name_plural = _("analysis data builds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.collection} v{self.version_id} c{self.change_counter}"

    @property
    def is_busy(self) -> bool:
        return self.status in BUILDS_BUSY

    @property
    def percent(self) -> int:
        return min(100, 100 * self.rows_done // self.rows_total) if self.rows_total else 0
