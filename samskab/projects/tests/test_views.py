from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samskab.organisations.models import AuditEntry
from samskab.projects.models import PoliticalGoal, Project
from samskab.testing import make_project


@pytest.fixture
def dina(client, world):
    client.force_login(world.dina)
    return client


def _goal(org, title="Flere borgere i foreningslivet"):
    return PoliticalGoal.objects.create(
        organisation=org,
        title=title,
        policy="Kultur- og fritidspolitik 2024–2027",
        owner="Kulturudvalget",
    )


def _valid(**extra):
    data = {
        "title": "Parken der blev fornyet",
        "theme": "nature",
        "problem": "Parken er slidt, og ingen føler ejerskab.",
        "status": "active",
        "phase": "define",
        "start_date": "2026-03-01",
        "end_date": "2026-12-31",
        "commissioning_client": "Fagchef for Park og Vej",
    }
    data.update(extra)
    return data


def test_create_project_with_goals(dina, world):
    goal = _goal(world.org_a)
    response = dina.post(
        reverse("projects:create", kwargs={"org": "aarby"}), _valid(goals=[goal.pk])
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert project.organisation == world.org_a
    assert project.created_by == world.dina
    assert list(project.goals.all()) == [goal]
    assert AuditEntry.objects.filter(action="project.created", target=project.title).exists()


def test_invalid_project_keeps_input_and_explains(dina, world):
    response = dina.post(
        reverse("projects:create", kwargs={"org": "aarby"}),
        _valid(title="", start_date="2026-05-01", end_date="2026-04-01"),
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Giv projektet en titel." in content
    assert "Slutdatoen skal ligge på eller efter startdatoen." in content
    assert "Parken er slidt" in content  # the problem text typed is kept
    assert not Project.objects.exists()


def test_goal_of_another_organisation_cannot_be_linked(dina, world):
    foreign = _goal(world.org_b)
    response = dina.post(
        reverse("projects:create", kwargs={"org": "aarby"}), _valid(goals=[foreign.pk])
    )
    assert response.status_code == 422
    assert not Project.objects.exists()


def test_edit_project_moves_phase(dina, world):
    project = make_project(world.org_a)
    url = reverse("projects:edit", kwargs={"org": "aarby", "pk": project.pk})
    assert dina.post(url, _valid(phase="trial")).status_code == 302
    project.refresh_from_db()
    assert project.phase == "trial"
    page = dina.get(project.get_absolute_url()).content.decode()
    assert 'aria-current="step"' in page
    assert "Prøvehandlinger" in page


def test_list_filters_and_search(dina, world, django_assert_max_num_queries):
    goal = _goal(world.org_a)
    park = make_project(world.org_a, phase="trial", status="active")
    park.goals.add(goal)
    make_project(world.org_a, title="Job i foreningerne", theme="employment", problem="Ledige")
    make_project(world.org_b, title="Nabokommunens projekt")
    url = reverse("projects:list", kwargs={"org": "aarby"})
    with django_assert_max_num_queries(8):
        content = dina.get(url).content.decode()
    assert "Parken der blev fornyet" in content and "Job i foreningerne" in content
    assert "Nabokommunens projekt" not in content
    content = dina.get(url, {"theme": "employment"}).content.decode()
    assert "Job i foreningerne" in content and "Parken der blev fornyet" not in content
    content = dina.get(url, {"goal": goal.pk, "phase": "trial"}).content.decode()
    assert "Parken der blev fornyet" in content and "Job i foreningerne" not in content
    content = dina.get(url, {"q": "ledige"}).content.decode()
    assert "Job i foreningerne" in content and "Parken" not in content


def test_list_ignores_a_foreign_goal_filter(dina, world):
    foreign = _goal(world.org_b)
    response = dina.get(reverse("projects:list", kwargs={"org": "aarby"}), {"goal": foreign.pk})
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_goal_create_and_duplicate(dina, world):
    url = reverse("projects:goal_create", kwargs={"org": "aarby"})
    data = {
        "title": "Flere grønne områder",
        "policy": "Naturpolitik",
        "owner": "Teknik- og miljøudvalget",
    }
    assert dina.post(url, data).status_code == 302
    response = dina.post(url, {**data, "title": "flere grønne områder"})
    assert response.status_code == 422
    assert "har allerede et mål med denne titel" in response.content.decode()
    # Another organisation may use the same title.
    _goal(world.org_b, "Flere grønne områder")


def test_detail_shows_goals_and_period(dina, world):
    project = make_project(
        world.org_a, start_date=datetime.date(2026, 3, 1), commissioning_client="Fagchef"
    )
    project.goals.add(_goal(world.org_a))
    content = dina.get(project.get_absolute_url()).content.decode()
    assert "Flere borgere i foreningslivet" in content
    assert "1. marts 2026" in content
    assert "Fagchef" in content
