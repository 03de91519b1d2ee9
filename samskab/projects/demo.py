"""Demo project for ``make run``: a park renewed together with volunteers and the gardeners.

The example comes from the manifesto's list of what co-creation can look like (citizens with
green fingers forming an association that maintains and renews a local park with the
municipality's gardeners).
"""

from __future__ import annotations

import datetime

from samskab.organisations.models import Organisation
from samskab.projects.choices import Phase, ProjectStatus, Theme
from samskab.projects.models import PoliticalGoal, Project

GOALS = [
    (
        "Flere borgere tager aktivt del i fællesskaber",
        "Kultur- og fritidspolitik 2024–2027",
        "Kultur- og Fritidsudvalget",
    ),
    (
        "Grønne områder, der bruges af alle",
        "Natur- og klimapolitik 2025",
        "Teknik- og Miljøudvalget",
    ),
    (
        "Medarbejdere samarbejder på tværs og ud af huset",
        "Personalepolitik",
        "Direktionen",
    ),
]


def load(organisation: Organisation) -> Project:
    goals = [
        PoliticalGoal.objects.get_or_create(
            organisation=organisation, title=title, defaults={"policy": policy, "owner": owner}
        )[0]
        for title, policy, owner in GOALS
    ]
    project, created = Project.objects.get_or_create(
        organisation=organisation,
        title="Parken der blev fornyet",
        defaults={
            "theme": Theme.NATURE,
            "problem": (
                "Byparken er slidt, og få bruger den. Beboere med grønne fingre vil gerne "
                "passe og forny parken sammen med kommunens gartnere, men ingen ved, hvordan "
                "ansvaret skal deles, og gartnerne frygter at blive gjort overflødige."
            ),
            "status": ProjectStatus.ACTIVE,
            "phase": Phase.TRIAL,
            "start_date": datetime.date(2026, 2, 1),
            "end_date": datetime.date(2027, 1, 31),
            "commissioning_client": "Fagchef for Park og Natur",
        },
    )
    if created:
        project.goals.set(goals[:2])
    return project
