"""Most Significant Change rounds: a panel picks, among a shortlist of masked stories, the
stories of change it finds most significant, and says why."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.organisations.scoping import OrgOwned
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project


def new_token() -> str:
    return secrets.token_urlsafe(24)


class MscRound(OrgOwned):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="msc_rounds", verbose_name=_("project")
    )
    collection = models.ForeignKey(
        "instruments.Collection",
        on_delete=models.CASCADE,
        related_name="msc_rounds",
        verbose_name=_("collection"),
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(
        _("question to the panel"),
        help_text=_("For example: Which story shows the most important change for you, and why?"),
    )
    picks = models.PositiveSmallIntegerField(
        _("stories each panel member picks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    is_open = models.BooleanField(_("open for choices"), default=True)
    public_link = models.BooleanField(
        _("participants may choose through a link"),
        default=False,
        help_text=_("Without an account; only the actor group and the reasons are stored."),
    )
    token = models.CharField(_("public token"), max_length=64, unique=True, default=new_token)
    conclusion = models.TextField(
        _("what the panel concluded"), blank=True, help_text=_("Written when the round closes.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("Most Significant Change round")
        verbose_name_plural = _("Most Significant Change rounds")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(picks__gte=1, picks__lte=3), name="msc_round_picks_1_to_3"
            )
        ]

    def __str__(self) -> str:
        return self.title


class MscCandidate(OrgOwned):
    """A story on the round's shortlist."""

    round = models.ForeignKey(
        MscRound, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("round")
    )
    story = models.ForeignKey(
        "instruments.Story", on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("shortlisted story")
        verbose_name_plural = _("shortlisted stories")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "story"], name="msc_story_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.story_id}"


class VoteSource(models.TextChoices):
    MEMBER = "member", _("Project member")
    LINK = "link", _("Participant through the link")


class MscVote(OrgOwned):
    """One panel member's pick of one story, with the reason."""

    round = models.ForeignKey(
        MscRound, on_delete=models.CASCADE, related_name="votes", verbose_name=_("round")
    )
    candidate = models.ForeignKey(
        MscCandidate, on_delete=models.CASCADE, related_name="votes", verbose_name=_("story")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("panel member"),
    )
    # A random id per anonymous ballot, so one participant's picks stay together.
    ballot = models.CharField(max_length=32)
    actor_group = models.CharField(
        _("actor group"), max_length=30, choices=ActorRole.choices, blank=True
    )
    source = models.CharField(_("source"), max_length=10, choices=VoteSource.choices)
    reason = models.TextField(_("why this story"))
    created_at = models.DateTimeField(_("chosen"), auto_now_add=True)

    class Meta:
        verbose_name = _("Most Significant Change choice")
        verbose_name_plural = _("Most Significant Change choices")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "ballot"], name="msc_one_pick_per_story_per_ballot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.candidate_id}"
