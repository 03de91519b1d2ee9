from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.activities.demo import DEMO, load
from samskab.activities.models import Activity, AttendanceCount
from samskab.activities.reports import participation
from samskab.activities.tests.factories import make_activity, make_actor
from samskab.projects.choices import PHASE_ORDER, ActorRole
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return make_project(world.org_a)


def _cell(table, role, phase):
    row = next(row for row in table.rows if row.group == role)
    return row.cells[PHASE_ORDER.index(phase)]


def test_table_adds_named_actors_by_role_and_anonymous_counts(world, project):
    volunteer = make_actor(project=project, role="volunteer_organisation")
    employee = make_actor(project=project, role="employee")
    workshop = make_activity(project=project, phase="define")
    workshop.participants.add(volunteer, employee)
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=workshop, group="volunteer_organisation", count=3
    )
    trial = make_activity(project=project, phase="trial")
    trial.participants.add(volunteer)
    table = participation(project)
    define = _cell(table, "volunteer_organisation", "define")
    assert (define.named, define.anonymous, define.total) == (1, 3, 4)
    assert _cell(table, "employee", "define").total == 1
    assert _cell(table, "volunteer_organisation", "trial").total == 1
    assert _cell(table, "employee", "trial").total == 0


def test_summary_names_absent_groups_and_empty_phases(world, project):
    employee = make_actor(project=project, role="employee")
    define = make_activity(project=project, phase="define")
    define.participants.add(employee)
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=define, group="citizen", count=5
    )
    trial = make_activity(project=project, phase="trial")
    trial.participants.add(employee)
    table = participation(project)
    assert str(ActorRole.POLITICIAN.label) in table.absent_everywhere
    assert str(ActorRole.CITIZEN.label) not in table.absent_everywhere
    assert table.absent_by_phase == [("Prøvehandlinger", ["Borger"])]
    assert "Forankring" in table.phases_without_activities


def test_table_ignores_other_projects_and_organisations(world, project):
    other = make_activity(project=make_project(world.org_b), phase="define")
    AttendanceCount.objects.create(
        organisation=world.org_b, activity=other, group="citizen", count=9
    )
    assert all(row.total == 0 for row in participation(project).rows)


def test_participation_page_is_an_accessible_table(client, world, project):
    activity = make_activity(project=project, phase="define")
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=activity, group="user", count=4
    )
    client.force_login(world.erik)
    url = reverse("activities:participation", kwargs={"org": "aarby", "project": project.pk})
    content = client.get(url).content.decode()
    assert "<caption" in content
    assert 'scope="col"' in content and 'scope="row"' in content
    assert "Grupper, der ikke har deltaget i nogen fase:" in content


# Project overview panel and tabs


def test_project_page_shows_the_panel_and_tabs(client, world, project):
    make_activity(project=project, title="Den første workshop")
    client.force_login(world.bo)
    response = client.get(reverse("projects:detail", kwargs={"org": "aarby", "pk": project.pk}))
    content = response.content.decode()
    assert "Den første workshop" in content
    assert reverse("activities:list", kwargs={"org": "aarby", "project": project.pk}) in content
    assert (
        reverse("activities:participation", kwargs={"org": "aarby", "project": project.pk})
        in content
    )


# Demo data


def test_demo_load_is_idempotent_and_uses_actors_and_methods(world, project):
    make_actor(project=project, role="employee", name="Parkgartnerne")
    make_actor(project=project, role="volunteer_organisation", name="Grønne Hænder")
    load(project)
    load(project)
    activities = Activity.objects.for_project(project)
    assert activities.count() == len(DEMO) >= 8
    assert {a.kind for a in activities} >= {"workshop", "trial_action", "anchoring", "study"}
    first = activities.get(title__startswith="Opstartsworkshop")
    assert first.methods.count() == 3
    assert first.participants.count() == 2
    assert first.attendance.count() == 2
