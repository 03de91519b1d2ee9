from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.measurement.content import EvidenceKind
from samskab.organisations.scoping import OrgOwned
from samskab.projects.models import Project


class Attachment(OrgOwned):
    """An uploaded document, kept in the database (checked for size and type on upload) and
    served only through a permission-checked view."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="+", verbose_name=_("project")
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Evidence(OrgOwned):
    """Qualitative evidence: a masked story, a quote, interview notes, a document or a Most
    Significant Change round, with who added it and why."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("project")
    )
    goal = models.ForeignKey(
        "measurement.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("goal"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"), blank=True, help_text=_("The quote or the notes. Leave out names.")
    )
    story = models.ForeignKey(
        "instruments.Story",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("story"),
    )
    msc_round = models.ForeignKey(
        "measurement.MscRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("Most Significant Change round"),
    )
    attachment = models.ForeignKey(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    levels = models.JSONField(_("levels"), default=list, blank=True)
    value_kinds = models.JSONField(_("kinds of value"), default=list, blank=True)
    ingredients = models.JSONField(_("ingredients of co-creation"), default=list, blank=True)
    why = models.TextField(_("why it matters"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
