"""Narrative instruments, their frozen versions, collections and the stories collected.

Privacy by design: a story stores no name, e-mail, IP address, user agent or account. Free text is
kept masked for analysts (``text``); the unmasked original (``text_raw``) is kept only when the
collection says why. The storyteller's receipt code is stored only as a keyed hash.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.instruments.definition import LEVELS, Definition, parse
from samskab.organisations.scoping import OrgOwned
from samskab.projects.models import Project


class Level(models.TextChoices):
    USER = LEVELS[0], _("User")
    EMPLOYEE = LEVELS[1], _("Employee")
    VOLUNTEER_CITIZEN = LEVELS[2], _("Volunteer or citizen")
    ORGANISATION = LEVELS[3], _("Organisation")


class Instrument(OrgOwned):
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instruments",
        verbose_name=_("project"),
    )
    name = models.CharField(_("name"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InstrumentVersion(OrgOwned):
    """One version of the definition. Frozen (never edited again) once a story answers it."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("instrument")
    )
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    @property
    def parsed(self) -> Definition:
        return parse(self.definition)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


def new_slug() -> str:
    """An unguessable public address part (about 128 bits)."""
    return secrets.token_urlsafe(16)


class Collection(OrgOwned):
    """A campaign that collects stories with an instrument through a public link."""

    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="collections",
        verbose_name=_("instrument"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("public address"), max_length=40, unique=True, default=new_slug)
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    consent_text = models.JSONField(
        _("consent text"), help_text=_("Shown before the story is sent, in Danish and English.")
    )
    retention_days = models.PositiveIntegerField(
        _("keep stories for (days)"),
        default=5 * 365,
        help_text=_("Stories older than this are deleted automatically."),
    )
    keep_raw_text = models.BooleanField(
        _("keep unmasked text"),
        default=False,
        help_text=_("Keep the story text before personal data was masked. Say why below."),
    )
    keep_raw_text_reason = models.TextField(_("why the unmasked text is kept"), blank=True)
    change_counter = models.PositiveBigIntegerField(
        default=0, editable=False, help_text="Bumped by every insert, withdrawal and import."
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="collection_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=Q(keep_raw_text=False) | ~Q(keep_raw_text_reason=""),
                name="collection_raw_text_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        self.record_consent_text()

    def record_consent_text(self) -> ConsentText:
        """The current wording's version row, written when the wording is new."""
        latest = self.consent_versions.order_by("-number").first()
        if latest is not None and latest.text == self.consent_text:
            return latest
        number = latest.number + 1 if latest is not None else 1
        return ConsentText.objects.create(collection=self, number=number, text=self.consent_text)

    def is_open(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return self.opens_at <= moment and (self.closes_at is None or moment < self.closes_at)


class ConsentText(models.Model):
    """One wording of a collection's consent text. A story records the wording it was given under.

    A new row is written whenever the collection's ``consent_text`` changes (``Collection.save``),
    so the wording a storyteller agreed to can be shown years later, word for word.
    """

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="consent_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.JSONField(_("consent text"))
    created_at = models.DateTimeField(_("in use from"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent text version")
        verbose_name_plural = _("consent text versions")
        ordering = ["collection", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "number"], name="consent_text_number_once_per_collection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection_id} v{self.number}"


class StorySource(models.TextChoices):
    PUBLIC = "public", _("Public form")
    ASSISTED = "assisted", _("Entered by a facilitator")
    IMPORT = "import", _("File import")
    API = "api", _("API")


class Story(OrgOwned):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="stories", verbose_name=_("collection")
    )
    version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("instrument version"),
    )
    prompt = models.CharField(_("question answered"), max_length=64)
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("story (personal data masked)"))
    text_raw = models.TextField(_("story as written"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="da")
    source = models.CharField(_("source"), max_length=20, choices=StorySource.choices)
    external_id = models.CharField(
        _("id in the source"),
        max_length=100,
        blank=True,
        help_text="The story's id in an imported file or a client's offline queue.",
    )
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True)
    consent = models.ForeignKey(
        ConsentText,
        # RESTRICT: a wording cannot go while stories given under it remain, except together
        # with them (deleting the collection deletes both).
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("consent given to"),
        help_text=_(
            "The wording of the consent text the storyteller agreed to. Empty for stories "
            "imported from files or received before versions were recorded."
        ),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "external_id"],
                condition=~Q(external_id=""),
                name="story_external_id_once_per_collection",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.text[:60]
