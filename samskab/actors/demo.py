"""Demo key actors for a park renewed together with volunteers and the municipal gardeners.

``load`` is idempotent: actors are matched by name within the project and updated in place.
The texts are Danish because the demo is a Danish municipality's own data, not interface text.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import transaction

from samskab.actors.models import Actor, ActorKind, InvolvementLevel
from samskab.actors.services import set_involvements
from samskab.projects.choices import ActorRole, Phase, Sector
from samskab.projects.models import Project

INF, CON, CO, LEAD = (
    InvolvementLevel.INFORMED,
    InvolvementLevel.CONSULTED,
    InvolvementLevel.CO_CREATING,
    InvolvementLevel.LEADING,
)
# Levels in phase order: select, define, sparring, trial, study, anchor ("" = not involved).
PHASES = [phase.value for phase in Phase]


class DemoActor(NamedTuple):
    name: str
    kind: str
    role: str
    sector: str
    influence: int
    interest: int
    levels: tuple[str, ...]
    notes: str


PERSON, GROUP = ActorKind.PERSON, ActorKind.ORGANISATION

ACTORS = [
    DemoActor(
        "Parkens Venner",
        GROUP,
        ActorRole.ASSOCIATION,
        Sector.CIVIL_SOCIETY,
        3,
        5,
        (CO, CO, CO, LEAD, CON, CO),
        "Foreningen har 60 medlemmer og passer allerede rosenbedet. Vil gerne have "
        "en fast aftale om pleje af de nye bede.",
    ),
    DemoActor(
        "Holdleder for kommunens gartnere",
        PERSON,
        ActorRole.EMPLOYEE,
        Sector.PUBLIC,
        4,
        4,
        (CON, CO, CO, CO, CON, LEAD),
        "Kender parkens drift og skal have det nye til at passe ind i plejeplanen.",
    ),
    DemoActor(
        "Formand for Teknik- og Miljøudvalget",
        PERSON,
        ActorRole.POLITICIAN,
        Sector.PUBLIC,
        5,
        2,
        (CON, INF, "", INF, INF, CON),
        "Udvalget bevilger anlægsmidlerne. Inviteres til åbningen af prøvehandlingerne.",
    ),
    DemoActor(
        "Chef for Park og Vej",
        PERSON,
        ActorRole.MANAGER,
        Sector.PUBLIC,
        5,
        4,
        (LEAD, CON, CON, CON, CON, LEAD),
        "Opdragsgiver. Skal kunne forklare udvalget, hvad samarbejdet har skabt.",
    ),
    DemoActor(
        "Aarby Skole, 5. årgang",
        GROUP,
        ActorRole.USER,
        Sector.CITIZEN,
        2,
        4,
        ("", CON, "", CO, CON, ""),
        "Klasserne bruger parken til natur/teknologi og vil gerne plante et skolebed.",
    ),
    DemoActor(
        "Grøn Have & Anlæg ApS",
        GROUP,
        ActorRole.COMPANY,
        Sector.PRIVATE,
        3,
        2,
        ("", INF, "", CON, "", INF),
        "Anlægsgartner på kommunens rammeaftale; udfører stierne.",
    ),
    DemoActor(
        "Beboere omkring parken",
        GROUP,
        ActorRole.CITIZEN,
        Sector.CITIZEN,
        2,
        3,
        (INF, CON, "", CON, CON, INF),
        "Nås via opslag, Facebook-gruppen og en kaffebod i parken en lørdag.",
    ),
    DemoActor(
        "DH Aarby – Danske Handicaporganisationer",
        GROUP,
        ActorRole.ASSOCIATION,
        Sector.CIVIL_SOCIETY,
        3,
        4,
        ("", CO, CON, CO, CON, CON),
        "Gennemgår stier, bænke og toiletter for tilgængelighed med kørestol og rollator.",
    ),
    DemoActor(
        "Brugere med handicap fra Bostedet Lærkely",
        GROUP,
        ActorRole.USER,
        Sector.CITIZEN,
        1,
        4,
        ("", CON, "", CO, CON, ""),
        "Beboere og personale tester den nye sti og sansehaven.",
    ),
    DemoActor(
        "Hundeejerne i Aarby",
        GROUP,
        ActorRole.CITIZEN,
        Sector.CITIZEN,
        1,
        2,
        ("", INF, "", INF, "", INF),
        "Bruger parken hver dag; bekymrede for en hundeskov, der forsvinder.",
    ),
]


@transaction.atomic
def load(project: Project) -> None:
    """Create or update the demo actors of ``project`` and their involvement per phase."""
    for spec in ACTORS:
        actor, _created = Actor.objects.update_or_create(
            project=project,
            name=spec.name,
            defaults={
                "organisation": project.organisation,
                "kind": spec.kind,
                "role": spec.role,
                "sector": spec.sector,
                "influence": spec.influence,
                "interest": spec.interest,
                "notes": spec.notes,
            },
        )
        levels = {phase: level for phase, level in zip(PHASES, spec.levels, strict=True) if level}
        set_involvements(actor, levels)
