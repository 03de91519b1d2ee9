"""A project's playbook: its draft (sections a facilitator edits, the stories it quotes, the
saved views it shows), the organisation's logo, and the versions built from it.

The draft is the `Playbook` with its `PlaybookSection`s; building it freezes a `PlaybookVersion`
holding the document (JSON) and its HTML, PDF and Word files. A published version never
changes; later edits change the draft, and the next publication is a new version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.explorer.models import SavedView
from samskab.instruments.models import Story
from samskab.organisations.scoping import OrgOwned
from samskab.playbooks.sections import SectionKey
from samskab.projects.models import Project


class Visibility(models.TextChoices):
    TEAM = "team", _("The project team")
    ORGANISATION = "organisation", _("The whole organisation")
    PUBLIC = "public", _("Public (the case library)")


class EmptySections(models.TextChoices):
    LEAVE_OUT = "leave_out", _("Leave empty sections out")
    MARK = "mark", _("Mark empty sections with what is missing")


class Playbook(OrgOwned):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="playbook", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    visibility = models.CharField(
        _("who may read published versions"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.TEAM,
    )
    empty_sections = models.CharField(
        _("empty sections"),
        max_length=20,
        choices=EmptySections.choices,
        default=EmptySections.MARK,
    )
    saved_views = models.ManyToManyField(
        SavedView, blank=True, related_name="+", verbose_name=_("saved views shown")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("playbook")
        verbose_name_plural = _("playbooks")

    def __str__(self) -> str:
        return self.title


class PlaybookSection(OrgOwned):
    playbook = models.ForeignKey(
        Playbook, on_delete=models.CASCADE, related_name="sections", verbose_name=_("playbook")
    )
    key = models.CharField(_("section"), max_length=20, choices=SectionKey.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    included = models.BooleanField(_("included"), default=True)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("playbook section")
        verbose_name_plural = _("playbook sections")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["playbook", "key"], name="playbook_section_once")
        ]

    def __str__(self) -> str:
        return self.get_key_display()


class PlaybookQuote(OrgOwned):
    """An excerpt of a story the playbook quotes (checked by the disclosure gate on publishing)."""

    playbook = models.ForeignKey(
        Playbook, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("playbook")
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )
    text = models.TextField(_("excerpt"))
    comment = models.CharField(_("why it is quoted"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("quoted story")
        verbose_name_plural = _("quoted stories")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Branding(OrgOwned):
    """The organisation's logo on playbook covers (PNG or JPEG, checked on upload)."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="branding",
        verbose_name=_("organisation"),
    )
    logo = models.BinaryField(_("logo"))
    logo_type = models.CharField(_("file type"), max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logos")

    def __str__(self) -> str:
        return f"{self.organisation} logo"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class PlaybookVersion(OrgOwned):
    """One build of the playbook: a preview of the draft, or a published version (numbered)."""

    playbook = models.ForeignKey(
        Playbook, on_delete=models.CASCADE, related_name="versions", verbose_name=_("playbook")
    )
    number = models.PositiveIntegerField(_("version"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    visibility = models.CharField(
        _("who may read it"), max_length=20, choices=Visibility.choices, default=Visibility.TEAM
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=40, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The draft as it was when the build was asked for: title, sections and their texts.
    draft = models.JSONField(_("draft"), default=dict)
    document = models.JSONField(_("document"), null=True, blank=True)
    html = models.TextField(_("web page"), blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    docx = models.BinaryField(_("Word document"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("playbook version")
        verbose_name_plural = _("playbook versions")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["playbook", "number"],
                condition=Q(number__isnull=False),
                name="playbook_version_number_once",
            ),
            models.CheckConstraint(
                condition=Q(published=False) | Q(number__isnull=False),
                name="playbook_published_version_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.playbook} v{self.number}" if self.number else f"{self.playbook} (preview)"

    @property
    def ready(self) -> bool:
        return self.status == BuildStatus.READY

    @property
    def finished(self) -> bool:
        return self.status in (BuildStatus.READY, BuildStatus.FAILED)
