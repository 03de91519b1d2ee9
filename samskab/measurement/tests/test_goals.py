"""Goals and indicators through the pages: creating, changing with a reason, bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samskab.actors.tests.factories import make_actor
from samskab.measurement.models import Goal, GoalRevision, Indicator, Measurement
from samskab.measurement.tests.factories import make_goal, make_indicator, make_measurement
from samskab.organisations.models import AuditEntry
from samskab.projects.models import PoliticalGoal
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


def _project_with_political_goal(world):
    project = make_project(world.org_a, start_date=datetime.date(2025, 1, 1))
    political = PoliticalGoal.objects.create(
        organisation=world.org_a, title="Flere aktive borgere", policy="Kulturpolitik", owner="KFU"
    )
    project.goals.add(political)
    return project, political


def _url(name, project, **kwargs):
    return reverse(name, kwargs={"org": "aarby", "project": project.pk, **kwargs})


def test_create_goal_and_it_is_audited(client, world):
    project, political = _project_with_political_goal(world)
    client.force_login(world.dina)
    response = client.post(
        _url("measurement:goal_create", project),
        {
            "kind": "outcome",
            "title": "Flere borgere passer parken",
            "political_goals": [political.pk],
            "owner_group": "citizen",
            "levels": ["volunteer_citizen"],
            "value_kinds": ["collective"],
            "status": "planned",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.levels == ["volunteer_citizen"] and goal.created_by == world.dina
    assert list(goal.political_goals.all()) == [political]
    assert AuditEntry.objects.filter(action="measurement.created", target=goal.title).exists()


def test_goal_needs_owner_level_and_political_goal_and_keeps_input(client, world):
    project, _political = _project_with_political_goal(world)
    client.force_login(world.dina)
    response = client.post(
        _url("measurement:goal_create", project),
        {"kind": "process", "title": "Mødes hver måned", "status": "planned"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Mødes hver måned" in page  # nothing typed is lost
    form = response.context["form"]
    assert form.has_error("owner_group", "no_owner")
    assert form.has_error("political_goals", "no_political_goal")
    assert form.has_error("levels", "required")
    assert not Goal.objects.exists()


def test_owner_must_be_an_actor_of_this_project(client, world):
    project, political = _project_with_political_goal(world)
    other_project = make_project(world.org_a, title="Andet projekt")
    foreign_actor = make_actor(project=other_project)
    client.force_login(world.dina)
    response = client.post(
        _url("measurement:goal_create", project),
        {
            "kind": "outcome",
            "title": "X",
            "political_goals": [political.pk],
            "owner_actor": foreign_actor.pk,
            "levels": ["user"],
            "status": "planned",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("owner_actor")


def test_changing_the_wording_keeps_the_old_one_with_a_reason(client, world):
    project, political = _project_with_political_goal(world)
    goal = make_goal(project, owner_group="citizen")
    goal.political_goals.add(political)
    client.force_login(world.anna)
    data = {
        "kind": "outcome",
        "title": "Flere borgere bruger og passer parken",
        "political_goals": [political.pk],
        "owner_group": "citizen",
        "levels": ["volunteer_citizen"],
        "status": "in_progress",
    }
    response = client.post(_url("measurement:goal_edit", project, pk=goal.pk), data)
    assert response.status_code == 422
    assert response.context["form"].has_error("reason", "reason_needed")
    data["reason"] = "Workshop 2 viste, at pasningen er det vigtigste."
    response = client.post(_url("measurement:goal_edit", project, pk=goal.pk), data)
    assert response.status_code == 302
    revision = GoalRevision.objects.get(goal=goal)
    assert revision.title == "Flere borgere bruger parken"
    assert revision.reason.startswith("Workshop 2")
    goal.refresh_from_db()
    assert goal.title == "Flere borgere bruger og passer parken"
    page = client.get(_url("measurement:goal", project, pk=goal.pk)).content.decode()
    assert "Flere borgere bruger parken" in page and "Workshop 2" in page


def test_status_change_alone_needs_no_reason(client, world):
    project, political = _project_with_political_goal(world)
    goal = make_goal(project, owner_group="citizen")
    goal.political_goals.add(political)
    client.force_login(world.anna)
    response = client.post(
        _url("measurement:goal_edit", project, pk=goal.pk),
        {
            "kind": "outcome",
            "title": goal.title,
            "political_goals": [political.pk],
            "owner_group": "citizen",
            "levels": ["volunteer_citizen"],
            "status": "achieved",
        },
    )
    assert response.status_code == 302
    assert not GoalRevision.objects.exists()


def _indicator_data(**overrides):
    data = {
        "title": "Andel der bruger parken",
        "level": "volunteer_citizen",
        "direction": "higher",
        "source": "manual",
        "unit": "percent",
        "baseline_value": "20",
        "baseline_date": "2025-03-01",
        "target_value": "40",
        "target_date": "2026-03-01",
        "data_source": "Tælling",
    }
    data.update(overrides)
    return data


def test_indicator_with_a_danish_decimal_comma(client, world, settings):
    project, _ = _project_with_political_goal(world)
    goal = make_goal(project)
    client.force_login(world.dina)
    response = client.post(
        _url("measurement:indicator_create", project, goal=goal.pk),
        _indicator_data(baseline_value="20,5"),
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Indicator.objects.get().baseline_value == 20.5


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"target_value": "140"}, "target_value", "unit_range"),
        ({"target_value": "10"}, "target_value", "target_direction"),
        ({"unit": "other"}, "unit_label", None),
        ({"target_date": "2024-01-01"}, "target_date", "ends_before_start"),
        ({"source": "computed"}, "saved_view", "computed_needs"),
        ({"baseline_value": "tyve"}, "baseline_value", "invalid"),
    ],
)
def test_indicator_bad_input_is_named_beside_the_field(client, world, overrides, field, code):
    project, _ = _project_with_political_goal(world)
    goal = make_goal(project)
    client.force_login(world.dina)
    response = client.post(
        _url("measurement:indicator_create", project, goal=goal.pk), _indicator_data(**overrides)
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert form.has_error(field, code) if code else form.has_error(field)
    assert "Andel der bruger parken" in response.content.decode()
    assert not Indicator.objects.exists()


def test_measurement_entry_checks_unit_and_project_dates(client, world):
    project, _ = _project_with_political_goal(world)
    indicator = make_indicator(make_goal(project))
    client.force_login(world.erik)  # analysts record measurements
    url = _url("measurement:measurement_add", project, pk=indicator.pk)
    base = {"period_start": "2025-04-01", "period_end": "2025-04-30", "note": "april"}
    response = client.post(url, {**base, "value": "120"})
    assert response.status_code == 422
    assert response.context["form"].has_error("value")
    assert "april" in response.content.decode()
    response = client.post(url, {**base, "value": "30", "period_start": "2024-04-01"})
    assert response.status_code == 422
    assert response.context["form"].has_error("period_start")
    response = client.post(url, {**base, "value": "32,5"})
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.value == 32.5 and measurement.entered_by == world.erik
    response = client.post(url, {**base, "value": "33"})
    assert response.status_code == 422  # the same period twice
    assert Measurement.objects.count() == 1


def test_indicator_page_shows_chart_table_and_standing(client, world):
    project, _ = _project_with_political_goal(world)
    indicator = make_indicator(make_goal(project))
    make_measurement(indicator, 25.0, datetime.date(2025, 4, 1))
    make_measurement(indicator, 35.0, datetime.date(2025, 8, 1))
    client.force_login(world.bo)
    response = client.get(_url("measurement:indicator", project, pk=indicator.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<circle" in page and "<table" in page
    assert "75 %" in page  # (35 - 20) / (40 - 20) of the way
    assert 'name="value"' not in page  # a viewer gets no entry form


def test_another_organisations_indicator_is_404_under_our_project(client, world):
    project, _ = _project_with_political_goal(world)
    foreign = make_indicator(make_goal(make_project(world.org_b)))
    client.force_login(world.anna)
    for name in ("measurement:indicator", "measurement:indicator_edit"):
        assert client.get(_url(name, project, pk=foreign.pk)).status_code == 404
    url = _url("measurement:measurement_add", project, pk=foreign.pk)
    assert client.post(url, {"value": "1"}).status_code == 404


def test_a_computed_indicator_is_created_through_the_form(client, world, settings, tmp_path):
    from samskab.explorer.models import SavedView
    from samskab.explorer.tests.helpers import add_stories, make_collection

    settings.EXPLORER_CACHE_DIR = tmp_path
    project, _ = _project_with_political_goal(world)
    collection = make_collection(world.org_a)
    collection.instrument.project = project
    collection.instrument.save()
    add_stories(collection, 40, level="employee")
    view = SavedView.objects.create(
        organisation=world.org_a,
        collection=collection,
        title="Medarbejdere",
        query="level=employee",
    )
    goal = make_goal(project)
    client.force_login(world.dina)
    url = _url("measurement:indicator_create", project, goal=goal.pk)
    page = client.get(url).content.decode()
    assert "<code>drivers</code>" in page  # the guide lists what the saved view offers
    data = _indicator_data(
        source="computed",
        unit="",
        baseline_value="",
        baseline_date="",
        target_value="",
        target_date="",
        saved_view=view.pk,
        measure="dyad_median",
        signifier="decided",
        period_kind="custom",
        periods_text="2025-03-01 – 2025-03-15\n2025-03-16 – 2025-03-31",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get()
    assert indicator.unit == "scale_0_100" and indicator.is_computed
    values = list(indicator.measurements.values_list("n", flat=True))
    assert len(values) == 2 and sum(n or 0 for n in values) == 40


def test_a_manual_indicator_needs_a_unit(client, world):
    project, _ = _project_with_political_goal(world)
    goal = make_goal(project)
    client.force_login(world.dina)
    response = client.post(
        _url("measurement:indicator_create", project, goal=goal.pk), _indicator_data(unit="")
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("unit", "unit_needed")
