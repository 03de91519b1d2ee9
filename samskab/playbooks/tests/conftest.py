"""A project with a record worth a playbook: goals, actors, activities, an indicator, a
collection of stories (two large levels and one small one), and its playbook."""

from __future__ import annotations

import datetime

import pytest

from samskab.activities.services import set_attendance
from samskab.activities.tests.factories import make_activity, make_actor
from samskab.actors.models import ActorKind
from samskab.explorer.tests.helpers import add_stories
from samskab.instruments.definition import parse
from samskab.instruments.models import Collection
from samskab.instruments.samples import SAMPLE
from samskab.instruments.services import create_instrument
from samskab.measurement.content import LearningKind
from samskab.measurement.models import LearningEntry
from samskab.measurement.tests.factories import make_goal, make_indicator, make_measurement
from samskab.playbooks import services
from samskab.projects.choices import Phase
from samskab.testing import make_project


@pytest.fixture(autouse=True)
def _analysis_cache(settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path / "analysis-cache"


def project_collection(project, name="Fortællinger fra parken"):
    instrument = create_instrument(
        project.organisation, "Fortællinger", parse(SAMPLE), None, project
    )
    return Collection.objects.create(
        organisation=project.organisation,
        instrument=instrument,
        name=name,
        consent_text={"da": "Samtykke", "en": "Consent"},
    )


@pytest.fixture
def project(world):
    project = make_project(world.org_a, commissioning_client="Fagchef for Park og Natur")
    goal = make_goal(project)
    indicator = make_indicator(goal)
    for month, value in ((3, 22.0), (6, 27.5), (9, 31.0)):
        make_measurement(indicator, value, datetime.date(2026, month, 1))
    make_actor(
        project=project,
        name="Foreningen Grønne Fingre",
        role="volunteer_organisation",
        sector="civil_society",
        influence=3,
        interest=5,
    )
    make_actor(
        project=project,
        name="Hanne Gartner",
        kind=ActorKind.PERSON,
        role="employee",
        influence=2,
        interest=4,
    )
    workshop = make_activity(
        project=project,
        title="Opstartsworkshop i pavillonen",
        phase=Phase.DEFINE,
        purpose="Finde parkens problemer sammen.",
        outcomes="Tre idéer valgt.",
    )
    set_attendance(workshop, {"citizen": 9, "volunteer_organisation": 4})
    make_activity(
        project=project, title="Plantedag", phase=Phase.TRIAL, date=datetime.date(2026, 6, 6)
    )
    LearningEntry.objects.create(
        organisation=project.organisation,
        project=project,
        date=datetime.date(2026, 6, 7),
        kind=LearningKind.BAD,
        title="Vi inviterede for sent",
        experience="Invitationen kom ud fem dage før.",
        adjustment="Nu tre uger før.",
    )
    return project


@pytest.fixture
def collection(project):
    collection = project_collection(project)
    add_stories(collection, 40, level="employee", text="Vi plantede bede ved skolen.")
    add_stories(collection, 30, level="volunteer_citizen", text="Vi plantede bede ved skolen.")
    add_stories(collection, 4, level="organisation", text="Foreningen gav os frø.")
    return collection


@pytest.fixture
def playbook(world, project, collection):
    return services.ensure_playbook(project, world.dina)
