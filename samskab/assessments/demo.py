"""Demo self-assessments: a park project scored at the start and again midway."""

from __future__ import annotations

import datetime

from django.db import transaction

from samskab.assessments.content import ITEMS
from samskab.assessments.models import SelfAssessment
from samskab.assessments.services import AssessmentData, save_assessment
from samskab.projects.models import Project

Scores = dict[str, tuple[int | None, str]]

START: Scores = {
    "role_politicians": (2, "Udvalget har vedtaget rammen, men har ikke mødt foreningen endnu."),
    "role_managers": (3, ""),
    "role_employees": (2, "Gartnerne er skeptiske: de frygter at frivillige tager deres opgaver."),
    "role_volunteer_organisations": (3, ""),
    "role_citizens": (2, "Beboerne klager over parken, men få har meldt sig til at hjælpe."),
    "rule_know_the_field": (4, ""),
    "rule_not_a_saving": (3, "Vi skal være tydelige om, at der ikke spares gartnertimer."),
    "rule_frontline_say": (2, ""),
    "rule_shape_problem_together": (2, "Planen for parken er lavet af forvaltningen alene."),
    "rule_existing_forums": (4, "Grundejerforeningen og lokalrådet er inviteret med."),
    "rule_open_process": (2, ""),
    "rule_support_dont_take_over": (3, ""),
}
MIDWAY: Scores = {
    "role_politicians": (3, "To udvalgsmedlemmer deltog i plantedagen og tog ideer med hjem."),
    "role_managers": (4, "Park og Vej og Kultur har fælles mål for parken."),
    "role_employees": (4, "Gartnerne leder nu arbejdsholdene sammen med foreningen."),
    "role_companies": (2, "Planteskolen har doneret stauder; mere kan det ikke blive endnu."),
    "role_volunteer_organisations": (4, ""),
    "role_citizens": (3, "Tredive beboere kom til plantedagen; flere vil passe bedene."),
    "rule_know_the_field": (4, ""),
    "rule_not_a_saving": (4, ""),
    "rule_frontline_say": (4, "Gartnerne bestemmer selv, hvornår de frivillige er med."),
    "rule_shape_problem_together": (4, "Skitsen blev tegnet om på workshoppen med beboerne."),
    "rule_existing_forums": (4, ""),
    "rule_partners_not_suppliers": (3, ""),
    "rule_open_process": (3, "Styregruppen er stadig kun kommunal; det vil vi ændre."),
    "rule_support_dont_take_over": (4, ""),
}
# Days after the project's start: the start assessment after the kick-off workshop, midway after
# the planting day in April and before the anchoring meeting in June (the record's order).
ASSESSMENTS: list[tuple[str, int, str, Scores]] = [
    ("Start", 9, "Udfyldt af styregruppen og foreningens bestyrelse.", START),
    ("Midtvejs", 114, "Efter plantedagen og to arbejdsweekender.", MIDWAY),
]


@transaction.atomic
def load(project: Project) -> None:
    """Add the two demo self-assessments to ``project`` unless they are already there."""
    start = project.start_date or datetime.date.today() - datetime.timedelta(days=120)
    for title, days, note, scores in ASSESSMENTS:
        existing = SelfAssessment.objects.for_org(project.organisation).filter(project=project)
        if existing.filter(title=title).exists():
            continue
        answers = {item.code: scores.get(item.code, (None, "")) for item in ITEMS}
        data = AssessmentData(start + datetime.timedelta(days=days), title, note, answers)
        save_assessment(project, data, None)
