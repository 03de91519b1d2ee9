"""Expectation alignment (forventningsafstemning): rounds, answers and ratings of the gains.

A round has an unguessable public token so participants can answer through a link without an
account. Answers store only the actor group, the ratings and the respondent's own goals: no name,
no IP address, no user agent.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.actors.models import Actor
from samskab.alignment.content import GAINS
from samskab.organisations.scoping import OrgOwned
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

GAIN_CHOICES = [(gain.code, gain.label) for gain in GAINS]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class AlignmentRound(OrgOwned):
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="alignment_rounds",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    is_open = models.BooleanField(_("open for answers"), default=True)
    token = models.CharField(_("public token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("alignment round")
        verbose_name_plural = _("alignment rounds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ResponseSource(models.TextChoices):
    FACILITATOR = "facilitator", _("Entered by a facilitator")
    LINK = "link", _("Anonymous link")


class AlignmentResponse(OrgOwned):
    round = models.ForeignKey(
        AlignmentRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round")
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alignment_responses",
        verbose_name=_("key actor"),
    )
    actor_group = models.CharField(_("actor group"), max_length=30, choices=ActorRole.choices)
    own_goals = models.TextField(_("own goals"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=ResponseSource.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("alignment answer")
        verbose_name_plural = _("alignment answers")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_actor_group_display()}"


class GainRating(OrgOwned):
    response = models.ForeignKey(
        AlignmentResponse,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("answer"),
    )
    gain = models.CharField(_("gain"), max_length=40, choices=GAIN_CHOICES)
    # 0 = not at all … 4 = very much; NULL = "don't know".
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)

    class Meta:
        verbose_name = _("gain rating")
        verbose_name_plural = _("gain ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "gain"], name="gain_rated_once_per_answer"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=0, rating__lte=4),
                name="gain_rating_0_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gain}: {self.rating}"
