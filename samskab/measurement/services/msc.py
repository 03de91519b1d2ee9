"""Most Significant Change rounds: the shortlist, the panel's ballots, closing, and the result.

A ballot is one panel member's (or one link participant's) picks with a reason for each. A
member's ballot is keyed ``user-<pk>`` so a new one replaces it; a link participant's ballot gets
a random key, and nothing else about the participant is kept but the actor group they give.
"""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samskab.explorer.services.query import threshold
from samskab.instruments.models import Collection, Story
from samskab.instruments.privacy import mask
from samskab.measurement.models import MscCandidate, MscRound, MscVote
from samskab.measurement.models.msc import VoteSource
from samskab.measurement.services import audit
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SHORTLIST_MIN = 2
SHORTLIST_MAX = 12
REASON_LIMIT = 2000
MEMBERS = "members"  # the key of the project members' group in the result
# Never load the unmasked text (or the answers) when a story is shown in a round.
STORY_DEFERRED = ("story__text_raw", "story__answers")


class MscError(Exception):
    """A change a round does not allow; the message is translated and meant for the user."""

    def __init__(self, message: StrOrPromise, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class RoundClosed(MscError):
    def __init__(self) -> None:
        super().__init__(
            _("This round is closed, so it no longer takes choices. Nothing was saved."), "closed"
        )


def member_ballot(user: User) -> str:
    return f"user-{user.pk}"


def _check_shortlist(collection: Collection, stories: Sequence[Story]) -> list[Story]:
    unique = list({story.pk: story for story in stories}.values())
    if any(
        story.collection_id != collection.pk or story.organisation_id != collection.organisation_id
        for story in unique
    ):
        raise MscError(
            _("Only stories of the round's collection can be on the shortlist."), "foreign_story"
        )
    if not SHORTLIST_MIN <= len(unique) <= SHORTLIST_MAX:
        raise MscError(
            _("A shortlist holds from %(min)d to %(max)d stories.")
            % {"min": SHORTLIST_MIN, "max": SHORTLIST_MAX},
            "shortlist_size",
        )
    return unique


@transaction.atomic
def create_round(
    project: Project,
    collection: Collection,
    *,
    title: str,
    question: str,
    picks: int,
    public_link: bool,
    stories: Sequence[Story],
    actor: User,
) -> MscRound:
    """Open a round on ``collection`` with ``stories`` (2–12 of that collection) as shortlist."""
    if (
        collection.organisation_id != project.organisation_id
        or collection.instrument.project_id != project.pk
    ):
        raise MscError(
            _("Choose a collection of one of this project's instruments."), "foreign_collection"
        )
    msc_round = MscRound.objects.create(
        organisation=project.organisation,
        project=project,
        collection=collection,
        title=title.strip(),
        question=question.strip(),
        picks=picks,
        public_link=public_link,
        created_by=actor,
    )
    audit.record(actor, "created", msc_round, project=project.pk)
    set_shortlist(msc_round, stories, actor)
    return msc_round


@transaction.atomic
def set_shortlist(msc_round: MscRound, stories: Sequence[Story], actor: User) -> None:
    """Replace the shortlist, in the given order. Refused once anyone has chosen: the choices
    were made among the stories shown then."""
    unique = _check_shortlist(msc_round.collection, stories)
    if MscVote.objects.for_org(msc_round.organisation).filter(round=msc_round).exists():
        raise MscError(
            _("The shortlist cannot change once the panel has begun to choose."), "has_votes"
        )
    if len(unique) <= msc_round.picks:
        raise MscError(
            _("The shortlist must hold more stories than each panel member picks."), "too_few"
        )
    MscCandidate.objects.for_org(msc_round.organisation).filter(round=msc_round).delete()
    MscCandidate.objects.bulk_create(
        MscCandidate(organisation=msc_round.organisation, round=msc_round, story=story, position=i)
        for i, story in enumerate(unique, start=1)
    )
    audit.record(actor, "changed", msc_round, shortlist=[story.pk for story in unique])


def candidates(msc_round: MscRound) -> QuerySet[MscCandidate]:
    """The shortlist in order, with each story's masked text (never the unmasked one)."""
    return (
        MscCandidate.objects.for_org(msc_round.organisation)
        .filter(round=msc_round)
        .select_related("story")
        .defer(*STORY_DEFERRED)
    )


@transaction.atomic
def record_ballot(
    msc_round: MscRound,
    picks: Sequence[tuple[MscCandidate, str]],
    *,
    voter: User | None = None,
    actor_group: str = "",
    source: VoteSource = VoteSource.MEMBER,
) -> str:
    """Store one ballot: exactly ``round.picks`` shortlisted stories, each with a reason.

    A member's ballot (``voter`` given) replaces their earlier one in the same transaction; a
    link ballot gets a fresh random key. Returns the ballot key. Reasons are masked like stories.
    """
    locked = MscRound.objects.select_for_update().get(pk=msc_round.pk)
    if not locked.is_open or (source == VoteSource.LINK and not locked.public_link):
        raise RoundClosed
    chosen = {candidate.pk: (candidate, reason) for candidate, reason in picks}
    if len(chosen) != locked.picks or len(picks) != locked.picks:
        raise MscError(_("Pick exactly the number of stories the round asks for."), "picks")
    if any(candidate.round_id != locked.pk for candidate, _reason in chosen.values()):
        raise MscError(_("Pick only stories on this round's shortlist."), "foreign_candidate")
    if any(not reason.strip() for _candidate, reason in chosen.values()):
        raise MscError(_("Say why you picked each story."), "reason")
    if source == VoteSource.MEMBER:
        if voter is None:
            raise MscError(_("A panel member's ballot needs the member."), "voter")
        ballot = member_ballot(voter)
        actor_group = ""
        MscVote.objects.for_org(locked.organisation).filter(round=locked, ballot=ballot).delete()
    else:
        ballot, voter = secrets.token_hex(16), None
    MscVote.objects.bulk_create(
        MscVote(
            organisation=locked.organisation,
            round=locked,
            candidate=candidate,
            voter=voter,
            ballot=ballot,
            actor_group=actor_group,
            source=source,
            reason=mask(reason.strip()[:REASON_LIMIT]).text,
        )
        for candidate, reason in chosen.values()
    )
    if voter is not None:
        # Who took part, never what they picked: the result must not tie reasons to names.
        audit.record(voter, "changed", locked, part="ballot")
    return ballot


def ballot_of(msc_round: MscRound, user: User) -> dict[int, str]:
    """The member's current ballot: candidate id → reason (empty when they have not chosen)."""
    rows = (
        MscVote.objects.for_org(msc_round.organisation)
        .filter(round=msc_round, ballot=member_ballot(user))
        .values_list("candidate_id", "reason")
    )
    return dict(rows)


@transaction.atomic
def close_round(msc_round: MscRound, actor: User, conclusion: str = "") -> None:
    """Close the round (the link stops taking choices) and keep what the panel concluded."""
    if msc_round.is_open or msc_round.closed_at is None:
        msc_round.closed_at = timezone.now()
    msc_round.is_open = False
    msc_round.conclusion = conclusion.strip()
    msc_round.save(update_fields=["is_open", "closed_at", "conclusion"])
    audit.record(actor, "changed", msc_round, is_open=False)


@transaction.atomic
def reopen_round(msc_round: MscRound, actor: User) -> None:
    """Open the round again; the conclusion is kept until it closes again."""
    msc_round.is_open = True
    msc_round.closed_at = None
    msc_round.save(update_fields=["is_open", "closed_at"])
    audit.record(actor, "changed", msc_round, is_open=True)


def rounds_for(project: Project) -> QuerySet[MscRound]:
    """The project's rounds with their ballot counts (all, and through the link)."""
    return (
        MscRound.objects.for_org(project.organisation)
        .filter(project=project)
        .select_related("collection")
        .annotate(
            ballot_count=Count("votes__ballot", distinct=True),
            link_count=Count(
                "votes__ballot", distinct=True, filter=Q(votes__source=VoteSource.LINK)
            ),
            candidate_count=Count("candidates", distinct=True),
        )
    )


# The result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One reason, with who gave it only as a group: never the named member."""

    text: str
    source: str  # VoteSource value
    group: str  # MEMBERS, an ActorRole value, or "" when link groups are withheld
    group_label: StrOrPromise


@dataclass
class RankedStory:
    candidate: MscCandidate
    number: int  # the story's place on the shortlist: "Story 1", "Story 2" …
    picks: int = 0
    member_picks: int = 0
    link_picks: int = 0
    reasons: list[Reason] = field(default_factory=list)

    @property
    def story(self) -> Story:
        return self.candidate.story


@dataclass(frozen=True)
class GroupChoice:
    """What one group (the project members, or an actor group through the link) chose most."""

    group: str
    label: StrOrPromise
    ballots: int | None  # None when withheld (fewer than k ballots came through the link)
    favourites: list[int]  # story numbers with the most picks within the group
    differs: bool  # the group's favourites do not include the round's top story


@dataclass(frozen=True)
class Disagreements:
    contested: list[RankedStory]  # picked by some ballots, not by others
    unanimous: list[RankedStory]  # picked by every ballot
    groups: list[GroupChoice]
    divided: bool  # the top story has fewer than half of the ballots

    @property
    def groups_differ(self) -> bool:
        return any(group.differs for group in self.groups)


@dataclass(frozen=True)
class MscResult:
    round: MscRound
    ballots: int
    member_ballots: int
    link_ballots: int
    k: int
    link_groups_shown: bool  # link ballots per actor group are shown (at least k came in)
    ranking: list[RankedStory]  # every shortlisted story, most picked first
    disagreements: Disagreements
    reasons_by_group: list[tuple[StrOrPromise, list[tuple[int, str]]]]

    @property
    def chosen(self) -> list[RankedStory]:
        return [item for item in self.ranking if item.picks]

    @property
    def top(self) -> RankedStory | None:
        return self.chosen[0] if self.chosen else None


def group_label(group: str) -> StrOrPromise:
    if group == MEMBERS:
        return _("Project members")
    if group in ActorRole.values:
        return ActorRole(group).label
    return _("Participants through the link")


def _group_of(vote: MscVote, link_groups_shown: bool) -> str:
    if vote.source == VoteSource.MEMBER:
        return MEMBERS
    return vote.actor_group if link_groups_shown else ""


def _favourites(pick_counts: Counter[int]) -> list[int]:
    if not pick_counts:
        return []
    most = max(pick_counts.values())
    return sorted(number for number, count in pick_counts.items() if count == most)


def _group_choices(
    votes: list[MscVote], numbers: dict[int, int], top: int | None, link_groups_shown: bool
) -> list[GroupChoice]:
    ballots: dict[str, set[str]] = defaultdict(set)
    picks: dict[str, Counter[int]] = defaultdict(Counter)
    for vote in votes:
        group = _group_of(vote, link_groups_shown)
        ballots[group].add(vote.ballot)
        picks[group][numbers[vote.candidate_id]] += 1
    order = [MEMBERS, *ActorRole.values, ""]
    choices = []
    for group in sorted(ballots, key=order.index):
        favourites = _favourites(picks[group])
        withheld = group != MEMBERS and not link_groups_shown
        choices.append(
            GroupChoice(
                group=group,
                label=group_label(group),
                ballots=None if withheld else len(ballots[group]),
                favourites=favourites,
                differs=top is not None and top not in favourites,
            )
        )
    return choices


def _reasons_by_group(
    ranking: list[RankedStory],
) -> list[tuple[StrOrPromise, list[tuple[int, str]]]]:
    grouped: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for item in sorted(ranking, key=lambda r: r.number):
        for reason in item.reasons:
            grouped[reason.group].append((item.number, reason.text))
    order = [MEMBERS, *ActorRole.values, ""]
    return [(group_label(group), grouped[group]) for group in sorted(grouped, key=order.index)]


def _rank(cands: Iterable[MscCandidate], votes: list[MscVote], shown: bool) -> list[RankedStory]:
    items = {c.pk: RankedStory(candidate=c, number=i) for i, c in enumerate(cands, start=1)}
    # Members first, then the link's groups; alphabetical within a group, so the order tells
    # nothing about who chose when.
    order = {group: i for i, group in enumerate(ActorRole.values)}
    for vote in sorted(
        votes,
        key=lambda v: (v.source == VoteSource.LINK, order.get(_group_of(v, shown), -1), v.reason),
    ):
        item = items[vote.candidate_id]
        item.picks += 1
        if vote.source == VoteSource.MEMBER:
            item.member_picks += 1
        else:
            item.link_picks += 1
        group = _group_of(vote, shown)
        item.reasons.append(Reason(vote.reason, vote.source, group, group_label(group)))
    return sorted(items.values(), key=lambda item: (-item.picks, item.number))


def result(msc_round: MscRound) -> MscResult:
    """The round's result: the shortlist ranked by picks, the reasons, the disagreements."""
    cands = list(candidates(msc_round))
    votes = list(
        MscVote.objects.for_org(msc_round.organisation)
        .filter(round=msc_round)
        .only("id", "candidate_id", "ballot", "source", "actor_group", "reason", "created_at")
    )
    k = threshold(msc_round.organisation)
    member_ballots = {v.ballot for v in votes if v.source == VoteSource.MEMBER}
    link_ballots = {v.ballot for v in votes if v.source == VoteSource.LINK}
    shown = len(link_ballots) >= k
    ranking = _rank(cands, votes, shown)
    ballots = len(member_ballots) + len(link_ballots)
    top = ranking[0] if ranking and ranking[0].picks else None
    numbers = {item.candidate.pk: item.number for item in ranking}
    disagreements = Disagreements(
        contested=[item for item in ranking if 0 < item.picks < ballots],
        unanimous=[item for item in ranking if ballots and item.picks == ballots],
        groups=_group_choices(votes, numbers, top.number if top else None, shown),
        divided=top is not None and top.picks * 2 < ballots,
    )
    return MscResult(
        round=msc_round,
        ballots=ballots,
        member_ballots=len(member_ballots),
        link_ballots=len(link_ballots),
        k=k,
        link_groups_shown=shown,
        ranking=ranking,
        disagreements=disagreements,
        reasons_by_group=_reasons_by_group(ranking),
    )


@dataclass(frozen=True)
class ChosenStory:
    """A story the panel picked, for evidence and the value-creation view. ``story.text`` is
    masked; show it only to those who may read stories (READ_STORIES), else ``number``."""

    story: Story
    number: int
    picks: int
    reasons: list[str]


def chosen_stories(msc_round: MscRound) -> list[ChosenStory]:
    """The stories the panel picked, most picked first, each with its reasons."""
    return [
        ChosenStory(
            story=item.story,
            number=item.number,
            picks=item.picks,
            reasons=[reason.text for reason in item.reasons],
        )
        for item in result(msc_round).chosen
    ]
