"""Demo expectation alignment: a park renewed by volunteers and the municipal gardeners.

Hopes differ in a plausible way: the gardeners hope for well-being across silos, the volunteers
for a stronger community, citizens for being heard, politicians for input to political leadership.
"""

from __future__ import annotations

from django.db import transaction

from samskab.actors.models import Actor
from samskab.alignment.content import GAIN_CODES
from samskab.alignment.models import AlignmentRound, ResponseSource
from samskab.alignment.services import record_response
from samskab.projects.choices import ActorRole
from samskab.projects.models import Project

TITLE = "Opstartsworkshop i parken"

# Typical hopes per group, in the order of GAINS (0 = not at all … 4 = very much).
PROFILES: dict[ActorRole, tuple[int, ...]] = {
    ActorRole.EMPLOYEE: (1, 2, 3, 3, 1, 4, 2, 2),
    ActorRole.VOLUNTEER_ORGANISATION: (3, 2, 3, 3, 1, 1, 3, 4),
    ActorRole.CITIZEN: (3, 3, 4, 2, 1, 1, 4, 3),
    ActorRole.USER: (2, 3, 4, 2, 0, 1, 4, 3),
    ActorRole.POLITICIAN: (4, 2, 3, 3, 4, 2, 3, 3),
    ActorRole.MANAGER: (2, 3, 3, 4, 2, 3, 3, 2),
}
GROUP_SIZES = [
    (ActorRole.EMPLOYEE, 6),
    (ActorRole.VOLUNTEER_ORGANISATION, 6),
    (ActorRole.CITIZEN, 6),
    (ActorRole.USER, 3),
    (ActorRole.POLITICIAN, 2),
    (ActorRole.MANAGER, 2),
]
# Person-to-person variation around the profile, repeated over the respondents.
NUDGES = (0, 1, -1, 0, 1, 0, -1, 0, 0, -1, 1)
GOALS = {
    ActorRole.EMPLOYEE: [
        "At vi gartnere får kolleger fra kultur og frivillige at arbejde sammen med.",
        "Mindre hærværk, fordi folk passer på det, de selv har plantet.",
    ],
    ActorRole.VOLUNTEER_ORGANISATION: [
        "Et fast fællesskab omkring bedene, også for nye i byen.",
        "At foreningen bliver taget med på råd, før der besluttes noget.",
    ],
    ActorRole.CITIZEN: [
        "En park hvor børnene kan lege, og hvor der er bænke i skyggen.",
        "At man kan se, at vores forslag er blevet til noget.",
    ],
    ActorRole.USER: ["Bedre stier, så man kan komme rundt med rollator."],
    ActorRole.POLITICIAN: ["Erfaringer vi kan bruge i den nye friluftspolitik."],
    ActorRole.MANAGER: ["En model for samarbejde med foreninger om grønne områder."],
}


def _ratings(role: ActorRole, person: int) -> dict[str, int | None]:
    ratings: dict[str, int | None] = {}
    for index, (code, base) in enumerate(zip(GAIN_CODES, PROFILES[role], strict=True)):
        nudge = NUDGES[(person * 3 + index) % len(NUDGES)]
        ratings[code] = min(4, max(0, base + nudge))
    if role in (ActorRole.CITIZEN, ActorRole.USER) and person % 3 == 1:
        ratings["political_leadership"] = None  # "don't know"
    return ratings


@transaction.atomic
def load(project: Project) -> None:
    """Add one demo round with 25 answers to ``project`` unless it is already there."""
    alignment_round, _created = AlignmentRound.objects.get_or_create(
        organisation=project.organisation, project=project, title=TITLE
    )
    if alignment_round.responses.exists():
        return
    actors: dict[str, list[Actor]] = {}
    for known in Actor.objects.for_org(project.organisation).filter(project=project):
        actors.setdefault(known.role, []).append(known)
    for role, size in GROUP_SIZES:
        goals = GOALS[role]
        for person in range(size):
            actor = actors[role].pop() if actors.get(role) else None
            record_response(
                alignment_round,
                actor_group=role,
                ratings=_ratings(role, person),
                own_goals=goals[person] if person < len(goals) else "",
                source=ResponseSource.FACILITATOR if actor else ResponseSource.LINK,
                actor=actor,
            )
