"""Creating rounds, recording answers and reading the results of expectation alignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from samskab.actors.models import Actor
from samskab.alignment import stats
from samskab.alignment.content import GAIN_CODES
from samskab.alignment.models import (
    AlignmentResponse,
    AlignmentRound,
    GainRating,
    ResponseSource,
)
from samskab.organisations.models import Organisation
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

GROUP_ORDER = [role.value for role in ActorRole]


@transaction.atomic
def create_round(organisation: Organisation, project: Project, title: str) -> AlignmentRound:
    return AlignmentRound.objects.create(organisation=organisation, project=project, title=title)


@transaction.atomic
def set_open(alignment_round: AlignmentRound, is_open: bool) -> None:
    alignment_round.is_open = is_open
    alignment_round.save(update_fields=["is_open"])


@transaction.atomic
def record_response(
    alignment_round: AlignmentRound,
    *,
    actor_group: str,
    ratings: dict[str, int | None],
    own_goals: str,
    source: ResponseSource,
    actor: Actor | None = None,
) -> AlignmentResponse:
    """Store one answer. Nothing about the respondent is kept beyond what they chose to give."""
    organisation = alignment_round.organisation
    response = AlignmentResponse.objects.create(
        organisation=organisation,
        round=alignment_round,
        actor=actor,
        actor_group=actor_group,
        own_goals=own_goals.strip(),
        source=source,
    )
    GainRating.objects.bulk_create(
        GainRating(organisation=organisation, response=response, gain=gain, rating=rating)
        for gain, rating in ratings.items()
    )
    return response


@dataclass(frozen=True)
class Results:
    summary: stats.RoundResults
    own_goals: list[str]


def results(alignment_round: AlignmentRound, min_group_size: int = stats.MIN_GROUP_SIZE) -> Results:
    """The round's statistics and the respondents' own goals, in two queries. A group with
    fewer than ``min_group_size`` answers is not shown on its own (a playbook passes k)."""
    rows = (
        GainRating.objects.for_org(alignment_round.organisation)
        .filter(response__round=alignment_round)
        .values_list("response_id", "response__actor_group", "gain", "rating")
    )
    answers: dict[int, tuple[str, dict[str, int | None]]] = {}
    for response_id, group, gain, rating in rows:
        answers.setdefault(response_id, (group, {}))[1][gain] = rating
    summary = stats.summarise(
        [stats.Answer(group, ratings) for group, ratings in answers.values()],
        GAIN_CODES,
        GROUP_ORDER,
        max(min_group_size, stats.MIN_GROUP_SIZE),
    )
    goals = (
        AlignmentResponse.objects.for_org(alignment_round.organisation)
        .filter(round=alignment_round)
        .exclude(own_goals="")
        .values_list("own_goals", flat=True)
    )
    return Results(summary=summary, own_goals=list(goals))


def rounds_for(project: Project) -> Any:
    return (
        AlignmentRound.objects.for_org(project.organisation)
        .filter(project=project)
        .annotate(
            response_count=Count("responses"),
            link_count=Count("responses", filter=Q(responses__source=ResponseSource.LINK)),
        )
    )


def panel(project: Project) -> dict[str, Any]:
    """Context for the project overview's panel: the latest round and the totals."""
    rounds = list(rounds_for(project))
    return {
        "rounds": len(rounds),
        "open_rounds": sum(1 for item in rounds if item.is_open),
        "responses": sum(item.response_count for item in rounds),
        "latest": rounds[0] if rounds else None,
    }
