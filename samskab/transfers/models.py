"""Import jobs: an uploaded file on its way from preview to stored stories.

The upload is kept in the database, not as a file under MEDIA: it holds unmasked story text, so
it stays behind the same access rules, backups and organisation-wide deletion as the stories
themselves, and the web process and the worker need no shared disk. The request only stores the
file's bytes (``upload``); the worker reads them once (a file is untrusted and may be a
decompression bomb, see ``tabular``) into ``table``, and drops the bytes. Preview and import then
read exactly the same cells. Both are emptied as soon as the job is done, failed or cancelled.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.instruments.models import Collection, InstrumentVersion
from samskab.organisations.scoping import OrgOwned


class ImportKind(models.TextChoices):
    TABLE = "table", _("Table (CSV or Excel)")
    SENSEMAKER = "sensemaker", _("SenseMaker definition and data")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWED = "previewed", _("Checked, waiting for confirmation")
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportPhase(models.TextChoices):
    NONE = "", _("Waiting")
    READING = "reading", _("Reading the file")
    CHECKING = "checking", _("Checking every row")
    STORING = "storing", _("Storing the stories")


BUSY = (ImportStatus.QUEUED, ImportStatus.RUNNING)
FINISHED = (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED)


def _empty() -> dict[str, Any]:
    return {}


class ImportJob(OrgOwned):
    # Empty for a SenseMaker import until the import creates its collection.
    collection = models.ForeignKey(
        Collection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("collection"),
    )
    version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instrument version"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=ImportPhase.choices, default="", blank=True
    )
    file_name = models.CharField(_("file"), max_length=255)
    upload = models.BinaryField(_("uploaded file"), default=b"", blank=True)
    table = models.JSONField(_("uploaded rows"), default=_empty, blank=True)
    source_definition = models.JSONField(_("SenseMaker definition"), null=True, blank=True)
    options = models.JSONField(_("column mapping and choices"), default=_empty, blank=True)
    report = models.JSONField(_("report"), default=_empty, blank=True)
    language = models.CharField(_("language of the report"), max_length=8, default="da")
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    rejected_rows = models.PositiveIntegerField(_("rejected rows"), default=0)
    blank_rows = models.PositiveIntegerField(_("blank rows"), default=0)
    known_rows = models.PositiveIntegerField(_("rows imported before"), default=0)
    inserted = models.PositiveIntegerField(_("stories imported"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_busy(self) -> bool:
        return self.status in BUSY or (
            self.status == ImportStatus.UPLOADED
            and self.phase in (ImportPhase.READING, ImportPhase.CHECKING)
        )

    @property
    def new_rows(self) -> int:
        """Rows the confirmation would store: valid and not imported before."""
        return max(self.valid_rows - self.known_rows, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
