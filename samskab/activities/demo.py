"""Demo activities for a park renewed by volunteers and the municipal gardeners.

``load(project)`` is idempotent: activities are matched by title, so running it again changes
nothing twice. It links the seeded shared methods and whichever key actors the project has.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from samskab.activities.models import Activity, ActivityKind
from samskab.activities.services import set_attendance
from samskab.actors.models import Actor
from samskab.methods.models import Method
from samskab.methods.seed import ensure_seeded
from samskab.projects.choices import ActorRole, Phase
from samskab.projects.models import Project


@dataclass(frozen=True)
class DemoActivity:
    days: int  # from the project's start
    kind: ActivityKind
    phase: Phase
    title: str
    place: str
    purpose: str
    outcomes: str
    methods: tuple[str, ...] = ()
    roles: tuple[ActorRole, ...] = ()  # key actors in these roles take part
    counts: dict[str, int] = field(default_factory=dict)


R = ActorRole
PARK = "Byparken, pavillonen"
DEMO = [
    DemoActivity(
        0,
        ActivityKind.WORKSHOP,
        Phase.DEFINE,
        "Opstartsworkshop: hvad skal parken kunne?",
        "Rådhuset, mødesal 2",
        "Definere, rammesætte og kortlægge projektet sammen med frivillige og gartnere.",
        "Fælles billede af parkens problemer og drømme; 14 idéer, tre valgt til videre arbejde.",
        ("Fremtidsværksted", "Interessentkortlægning", "Prikafstemning"),
        (R.EMPLOYEE, R.VOLUNTEER_ORGANISATION, R.MANAGER),
        {R.CITIZEN: 9, R.VOLUNTEER_ORGANISATION: 4},
    ),
    DemoActivity(
        12,
        ActivityKind.STUDY,
        Phase.DEFINE,
        "Walk-and-talk i parken",
        PARK,
        "Forstå, hvordan parken bruges i hverdagen, og hvem der ikke bruger den.",
        "Stierne opleves utrygge om aftenen; legepladsen bruges meget, bedene næsten ikke.",
        ("Walk-and-talk",),
        (R.EMPLOYEE, R.CITIZEN),
        {R.CITIZEN: 6, R.USER: 3},
    ),
    DemoActivity(
        26,
        ActivityKind.SPARRING,
        Phase.SPARRING,
        "Sparring med gartnerne og foreningen",
        "Materielgården",
        "Afklare roller: hvad gør gartnerne, hvad kan de frivillige tage ansvar for?",
        "Aftale om at de frivillige passer tre bede; gartnerne leverer planter og redskaber.",
        ("Enkel handleplan: hvem, hvad, hvornår",),
        (R.EMPLOYEE, R.VOLUNTEER_ORGANISATION),
    ),
    DemoActivity(
        40,
        ActivityKind.COMPETENCE,
        Phase.SPARRING,
        "Kompetenceudvikling: at facilitere en workshop",
        "Frivilligcenteret",
        "Give frivillige og gartnere greb til selv at lede møder med borgerne.",
        "Otte deltagere prøvede 1-2-4-alle og fiskebowle; 1-2-4-alle bruges på planteringsdagen.",
        ("1-2-4-alle", "Fiskebowle"),
        (R.EMPLOYEE, R.VOLUNTEER_ORGANISATION),
        {R.VOLUNTEER_ORGANISATION: 5},
    ),
    DemoActivity(
        61,
        ActivityKind.TRIAL_ACTION,
        Phase.TRIAL,
        "Prøvehandling: fælles planteringsdag",
        PARK,
        "Afprøve om naboer vil plante og passe bede sammen med gartnerne.",
        "42 deltagere, heraf mange børnefamilier; 18 skrev sig på som bedfaddere.",
        ("Prototype og test af en prøvehandling", "Den personlige invitation"),
        (R.EMPLOYEE, R.VOLUNTEER_ORGANISATION, R.CITIZEN),
        {R.CITIZEN: 30, R.USER: 8, R.VOLUNTEER_ORGANISATION: 4},
    ),
    DemoActivity(
        89,
        ActivityKind.TRIAL_ACTION,
        Phase.TRIAL,
        "Prøvehandling: parkcaféen",
        PARK,
        "Afprøve en ugentlig café i pavillonen drevet af frivillige, for at skabe liv om aftenen.",
        "Fire torsdage, 15-25 gæster hver gang; lokal bager sponsorerer brød.",
        ("Prototype og test af en prøvehandling", "Retrospektiv"),
        (R.VOLUNTEER_ORGANISATION, R.COMPANY, R.CITIZEN),
        {R.CITIZEN: 60, R.USER: 12, R.COMPANY: 1},
    ),
    DemoActivity(
        110,
        ActivityKind.STUDY,
        Phase.STUDY,
        "Lille undersøgelse: hvad fik vi ud af det?",
        "Online og i parken",
        "Indsamle fortællinger fra brugere, frivillige og gartnere om prøvehandlingerne.",
        "56 fortællinger: de frivillige oplever mere ejerskab; gartnerne sparer tid på bedene.",
        ("Fortællecirkel", "Photovoice"),
        (R.EMPLOYEE, R.CITIZEN),
        {R.CITIZEN: 21, R.USER: 9},
    ),
    DemoActivity(
        135,
        ActivityKind.ANCHORING,
        Phase.ANCHOR,
        "Forankringsmøde med forvaltningen",
        "Rådhuset, mødesal 1",
        "Beslutte hvordan bedfaddere og parkcafé fortsætter efter projektet.",
        "Parkcaféen fortsætter med foreningen som vært; bedfaddere kommer med i driftsaftalen.",
        ("Anerkendende udforskning", "Enkel handleplan: hvem, hvad, hvornår"),
        (R.MANAGER, R.POLITICIAN, R.VOLUNTEER_ORGANISATION),
    ),
]


@transaction.atomic
def load(project: Project) -> None:
    """Add the demo activities to ``project`` (once; existing titles are left alone)."""
    ensure_seeded()
    start = project.start_date or datetime.date.today() - datetime.timedelta(days=100)
    actors = list(Actor.objects.for_org(project.organisation).filter(project=project))
    methods = {m.name: m for m in Method.objects.shared()}
    for item in DEMO:
        activity, created = Activity.objects.get_or_create(
            organisation=project.organisation,
            project=project,
            title=item.title,
            defaults=_fields(item, start),
        )
        if created:
            activity.methods.set([methods[name] for name in item.methods if name in methods])
            activity.participants.set([a for a in actors if a.role in item.roles])
            set_attendance(activity, {str(k): v for k, v in item.counts.items()})


def _fields(item: DemoActivity, start: datetime.date) -> dict[str, object]:
    date = start + datetime.timedelta(days=item.days)
    held = date <= datetime.date.today()
    return {
        "kind": item.kind,
        "phase": item.phase,
        "date": date,
        "place": item.place,
        "purpose": item.purpose,
        # Outcomes belong to activities that have taken place.
        "outcomes": item.outcomes if held else "",
    }
