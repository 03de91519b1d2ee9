"""The value-creation view and the municipality overview, as a commissioning client reads them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.measurement.models import PlanAnswer
from samskab.measurement.tests.factories import (
    make_evidence,
    make_goal,
    make_indicator,
    make_measurement,
)
from samskab.projects.models import PoliticalGoal
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


def _url(project):
    return reverse("measurement:value", kwargs={"org": "aarby", "project": project.pk})


def _filled_project(world, n_goals=2):
    project = make_project(world.org_a)
    political = PoliticalGoal.objects.create(
        organisation=world.org_a, title=f"Mål {project.pk}", policy="Politik", owner="Udvalg"
    )
    project.goals.add(political)
    for i in range(n_goals):
        goal = make_goal(project, title=f"Mål nr. {i}", levels=["employee", "user"])
        goal.political_goals.add(political)
        indicator = make_indicator(goal, title=f"Indikator {i}", level="employee")
        make_measurement(indicator, 30.0, datetime.date(2025, 4, 1))
        make_measurement(indicator, 36.0, datetime.date(2025, 9, 1))
    return project, political


def test_commissioning_client_reads_finding_levels_and_political_goals(client, world):
    project, political = _filled_project(world)
    make_evidence(project, title="Medarbejdercitat", levels=["employee"])
    client.force_login(world.bo)
    response = client.get(_url(project))
    assert response.status_code == 200
    page = response.content.decode()
    view = response.context["view"]
    assert [c.key for c in view.columns] == [
        "user",
        "employee",
        "volunteer_citizen",
        "organisation",
    ]
    employee = view.columns[1]
    assert len(employee.progresses) == 2 and employee.evidence_count == 1
    assert view.columns[2].unmeasured  # no goal concerns citizens: said so
    assert "Medarbejdercitat" in page and political.title in page
    assert "80 %" in page  # (36 - 20) / (40 - 20)


def test_the_other_lens_groups_by_kind_of_value(client, world):
    project, _ = _filled_project(world)
    make_goal(project, title="Fællesskab", value_kinds=["collective"])
    client.force_login(world.bo)
    view = client.get(_url(project) + "?lens=value").context["view"]
    assert [c.key for c in view.columns] == ["personal", "collective", "societal"]
    assert [g.title for g in view.columns[1].goals] == ["Fællesskab"]


def test_a_viewer_never_sees_a_story_text(client, world):
    from samskab.instruments.tests.test_views_support import (
        make_collection,
        make_instrument,
        make_story,
    )

    project, _ = _filled_project(world)
    instrument = make_instrument(world)
    instrument.project = project
    instrument.save()
    story = make_story(make_collection(instrument), text="Jeg plantede tulipaner med naboen")
    make_evidence(project, kind="story", story=story, text="", levels=["user"])
    client.force_login(world.bo)
    assert "tulipaner" not in client.get(_url(project)).content.decode()
    client.force_login(world.erik)
    assert "tulipaner" in client.get(_url(project)).content.decode()


def test_value_page_queries_do_not_grow_with_goals(client, world):
    small, _ = _filled_project(world, n_goals=1)
    large, _ = _filled_project(world, n_goals=6)
    client.force_login(world.anna)
    counts = []
    for project in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(project)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_overview_sorts_gaps_first_and_counts_in_fixed_queries(client, world):
    documented, _ = _filled_project(world)
    for level in ("user", "employee", "volunteer_citizen", "organisation"):
        make_evidence(documented, levels=[level])
    for code in ("what_change", "how_systematic"):
        PlanAnswer.objects.create(
            organisation=world.org_a, project=documented, question=code, text="x"
        )
    empty = make_project(world.org_a, title="Tomt projekt")
    client.force_login(world.bo)
    url = reverse("measurement:overview", kwargs={"org": "aarby"})
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    rows = response.context["rows"]
    assert [r.project for r in rows] == [empty, documented]
    row = rows[1]
    assert (row.goals_with_indicator, row.goals, row.levels_with_evidence, row.plan_answered) == (
        2,
        2,
        4,
        2,
    )
    for _i in range(4):
        _filled_project(world)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_project_overview_shows_documentation_and_the_timeline(client, world):
    from samskab.measurement.tests.factories import make_milestone

    project, _ = _filled_project(world)
    make_milestone(project, title="Første plantedag", reached_on=datetime.date(2025, 4, 11))
    client.force_login(world.bo)
    page = client.get(
        reverse("projects:detail", kwargs={"org": "aarby", "pk": project.pk})
    ).content.decode()
    assert "Første plantedag" in page
    assert "/ 100" in page
    assert reverse("measurement:value", kwargs={"org": "aarby", "project": project.pk}) in page
