"""Unplanned gains, the learning log, milestones and the project's timeline."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.activities.tests.factories import make_activity
from samskab.measurement.content import Direction, GoalKind, GoalStatus, Unit
from samskab.measurement.models import Goal, LearningEntry, Milestone, UnplannedGain
from samskab.measurement.services.log import (
    LearningFilter,
    NewMilestone,
    create_milestone,
    learning_entries,
    timeline,
)
from samskab.measurement.services.measurements import NewMeasurement, add_measurement
from samskab.measurement.tests.browser import PHONE, assert_axe_clean, log_in
from samskab.measurement.tests.factories import (
    make_gain,
    make_goal,
    make_indicator,
    make_learning,
    make_measurement,
    make_milestone,
)
from samskab.organisations.models import AuditAction, AuditEntry
from samskab.testing import make_project


@pytest.fixture
def client(client):
    """Pages in English, so the tests read the msgids whatever the Danish catalogue says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def project(world):
    return make_project(world.org_a)


def url(name, project, **kwargs):
    return reverse(
        f"measurement:{name}",
        kwargs={"org": project.organisation.slug, "project": project.pk, **kwargs},
    )


def section(pattern, html):
    """The part of ``html`` that ``pattern`` matches (the test fails if there is none)."""
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return match.group(0)


def tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


# Unplanned gains -------------------------------------------------------------------------


def gain_data(**overrides):
    data = {
        "title": "Nye venskaber",
        "description": "Frivillige mødes nu også uden for projektet.",
        "noticed_on": "2025-06-01",
        "evidence": "Fortalt på workshop 3.",
        "levels": ["volunteer_citizen"],
        "value_kinds": ["personal", "collective"],
    }
    data.update(overrides)
    return data


def test_an_analyst_notes_a_gain(client, world, project):
    client.force_login(world.erik)
    response = client.post(url("gain_create", project), gain_data())
    gain = UnplannedGain.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#gain-{gain.pk}")
    assert gain.project == project
    assert gain.created_by == world.erik
    assert gain.levels == ["volunteer_citizen"]
    assert gain.value_kinds == ["personal", "collective"]
    assert AuditEntry.objects.filter(action=AuditAction.MEASUREMENT_CREATED).count() == 1
    page = client.get(url("gains", project)).content.decode()
    assert "Nye venskaber" in page
    assert "Collective value" in page


def test_a_gain_with_errors_keeps_what_was_typed(client, world, project):
    client.force_login(world.erik)
    response = client.post(url("gain_create", project), gain_data(noticed_on=tomorrow(), title=""))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Name the gain in a few words." in html
    assert "The date lies in the future" in html
    assert "Frivillige mødes nu også uden for projektet." in html
    assert not UnplannedGain.objects.exists()


def test_promoting_a_gain_makes_a_goal_once(client, world, project):
    gain = make_gain(project, levels=["employee"], value_kinds=["societal"])
    client.force_login(world.dina)

    first = client.post(url("gain_promote", project, pk=gain.pk))

    goal = Goal.objects.get()
    assert first.status_code == 302
    assert first["Location"] == url("goal_edit", project, pk=goal.pk)
    assert (goal.project, goal.kind, goal.status) == (project, GoalKind.OUTCOME, GoalStatus.PLANNED)
    assert (goal.title, goal.description) == (gain.title, gain.description)
    assert (goal.levels, goal.value_kinds) == (["employee"], ["societal"])
    gain.refresh_from_db()
    assert gain.promoted_to == goal

    second = client.post(url("gain_promote", project, pk=gain.pk))
    assert second.status_code == 302
    assert second["Location"].endswith(f"#gain-{gain.pk}")
    assert Goal.objects.count() == 1
    page = client.get(url("gains", project)).content.decode()
    assert "This gain already became the goal" in page
    assert url("goal", project, pk=goal.pk) in page
    assert "Make it a goal" not in page


def test_a_gain_of_another_project_cannot_be_promoted_here(client, world, project):
    other = make_gain(make_project(world.org_a, title="Andet"))
    client.force_login(world.anna)
    assert client.post(url("gain_promote", project, pk=other.pk)).status_code == 404
    assert not Goal.objects.exists()


# The learning log ------------------------------------------------------------------------


def learning_data(**overrides):
    data = {
        "date": "2025-05-01",
        "kind": "bad",
        "title": "Invitationen nåede ikke ud",
        "experience": "Kun få borgere kom.",
        "adjustment": "Vi inviterer nu gennem foreningerne.",
    }
    data.update(overrides)
    return data


def test_an_experience_is_logged_with_activities_and_goals(client, world, project):
    activity = make_activity(project=project)
    goal = make_goal(project)
    client.force_login(world.erik)
    response = client.post(
        url("learning_create", project),
        learning_data(activities=[activity.pk], goals=[goal.pk]),
    )
    entry = LearningEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#learning-{entry.pk}")
    assert list(entry.activities.all()) == [activity]
    assert list(entry.goals.all()) == [goal]
    assert entry.author == world.erik
    page = client.get(url("learning", project)).content.decode()
    adjustment = section(r'<div class="log-adjustment">.*?</div>', page)
    assert "Vi inviterer nu gennem foreningerne." in adjustment


def test_a_future_date_is_refused(client, world, project):
    client.force_login(world.anna)
    response = client.post(url("learning_create", project), learning_data(date=tomorrow()))
    assert response.status_code == 422
    assert "The date lies in the future" in response.content.decode()
    assert not LearningEntry.objects.exists()


def test_an_activity_of_another_project_is_refused(client, world, project):
    foreign = make_activity(project=make_project(world.org_a, title="Andet"))
    client.force_login(world.anna)
    response = client.post(url("learning_create", project), learning_data(activities=[foreign.pk]))
    assert response.status_code == 422
    assert "Choose activities from this project" in response.content.decode()


@pytest.fixture
def log(project):
    goal = make_goal(project, title="Flere frivillige")
    activity = make_activity(project=project, title="Workshop i parken")
    early_good = make_learning(
        project, title="God start", kind="good", date=datetime.date(2025, 3, 1)
    )
    make_learning(project, title="Svært efterår", kind="bad", date=datetime.date(2025, 10, 1))
    mid_bad = make_learning(project, title="Regnvejr", kind="bad", date=datetime.date(2025, 6, 1))
    early_good.goals.add(goal)
    mid_bad.goals.add(goal)
    mid_bad.activities.add(activity)
    make_learning(make_project(project.organisation, title="Andet"), title="Andet projekt")
    return {"goal": goal, "activity": activity}


def titles(client, project, **params):
    response = client.get(url("learning", project), params)
    assert response.status_code == 200
    return re.findall(r'<h3 class="card-title">(.*?)</h3>', response.content.decode())


def test_the_learning_log_filters(client, world, project, log):
    client.force_login(world.bo)
    assert titles(client, project) == ["Svært efterår", "Regnvejr", "God start"]
    assert titles(client, project, kind="good") == ["God start"]
    assert titles(client, project, kind="bad") == ["Svært efterår", "Regnvejr"]
    assert titles(client, project, goal=log["goal"].pk) == ["Regnvejr", "God start"]
    assert titles(client, project, activity=log["activity"].pk) == ["Regnvejr"]
    assert titles(client, project, date_from="2025-05-01", date_to="2025-12-31") == [
        "Svært efterår",
        "Regnvejr",
    ]
    assert titles(client, project, kind="bad", goal=log["goal"].pk, date_to="2025-07-01") == [
        "Regnvejr"
    ]


def test_a_date_range_the_wrong_way_round_is_explained(client, world, project, log):
    client.force_login(world.bo)
    response = client.get(
        url("learning", project), {"date_from": "2025-12-01", "date_to": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.content.decode()


def test_learning_entries_service_narrows(project, log):
    narrow = LearningFilter(kind="good", goal=log["goal"])
    assert [entry.title for entry in learning_entries(project, narrow)] == ["God start"]


# Milestones ------------------------------------------------------------------------------


def test_a_threshold_in_the_wrong_unit_is_refused(client, world, project):
    indicator = make_indicator(make_goal(project), unit=Unit.PERCENT)
    client.force_login(world.dina)
    response = client.post(
        url("milestone_create", project),
        {"title": "Halvdelen kommer", "indicator": indicator.pk, "threshold": "150"},
    )
    assert response.status_code == 422
    assert "The value 150 is not in percent" in response.content.decode()
    assert not Milestone.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"threshold": "40"}, "A value only marks a milestone on an indicator."),
        ({}, "Give the date the milestone is expected by"),
    ],
)
def test_a_milestone_needs_a_date_or_a_measurable_value(client, world, project, data, message):
    client.force_login(world.dina)
    response = client.post(url("milestone_create", project), {"title": "Et mål", **data})
    assert response.status_code == 422
    assert message in response.content.decode()


def test_an_indicator_of_another_goal_is_refused(client, world, project):
    indicator = make_indicator(make_goal(project, title="A"))
    other_goal = make_goal(project, title="B")
    client.force_login(world.dina)
    response = client.post(
        url("milestone_create", project),
        {"title": "Et mål", "goal": other_goal.pk, "indicator": indicator.pk, "threshold": "30"},
    )
    assert response.status_code == 422
    assert "The indicator belongs to another goal." in response.content.decode()


def test_a_milestone_on_an_indicator_takes_its_goal(client, world, project):
    indicator = make_indicator(make_goal(project))
    client.force_login(world.dina)
    response = client.post(
        url("milestone_create", project),
        {
            "title": "Hver tredje kommer",
            "indicator": indicator.pk,
            "threshold": "33,5",  # Danish decimal comma
            "celebration": "Kage i parken",
        },
        HTTP_ACCEPT_LANGUAGE="da",
    )
    milestone = Milestone.objects.get()
    assert response.status_code == 302
    assert (milestone.goal, milestone.threshold) == (indicator.goal, 33.5)
    assert milestone.reached_on is None


def _measure(indicator, value, start, end):
    return add_measurement(indicator, NewMeasurement(start, end, value), actor=None)


@pytest.mark.parametrize(
    ("direction", "miss", "hit"),
    [(Direction.HIGHER, 29.0, 30.0), (Direction.LOWER, 31.0, 30.0)],
)
def test_a_measurement_reaches_a_milestone(project, direction, miss, hit):
    indicator = make_indicator(make_goal(project), direction=direction)
    milestone = make_milestone(project, indicator=indicator, threshold=30.0, due_date=None)
    untouched = make_milestone(project, indicator=indicator, threshold=None)

    _measure(indicator, miss, datetime.date(2025, 4, 1), datetime.date(2025, 4, 30))
    milestone.refresh_from_db()
    assert milestone.reached_on is None

    _measure(indicator, hit, datetime.date(2025, 5, 1), datetime.date(2025, 5, 31))
    milestone.refresh_from_db()
    untouched.refresh_from_db()
    assert milestone.reached_on == datetime.date(2025, 5, 31)
    assert untouched.reached_on is None
    assert AuditEntry.objects.filter(
        action=AuditAction.MEASUREMENT_CHANGED, details__model="milestone"
    ).exists()


def test_a_new_milestone_is_reached_on_the_earliest_passing_period(project):
    indicator = make_indicator(make_goal(project))
    make_measurement(indicator, 45.0, datetime.date(2025, 9, 1), end=datetime.date(2025, 9, 30))
    make_measurement(indicator, 41.0, datetime.date(2025, 6, 1), end=datetime.date(2025, 6, 30))
    make_measurement(indicator, 20.0, datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31))
    milestone = create_milestone(
        project, NewMilestone(title="40 %", indicator=indicator, threshold=40.0), actor=None
    )
    assert milestone.reached_on == datetime.date(2025, 6, 30)


def test_a_milestone_is_marked_reached_by_hand_once(client, world, project):
    milestone = make_milestone(project, celebration="Kaffe og kage.")
    client.force_login(world.dina)

    first = client.post(url("milestone_reached", project, pk=milestone.pk), {"note": "Vi sang."})

    milestone.refresh_from_db()
    assert first.status_code == 302
    assert milestone.reached_on == timezone.localdate()
    assert milestone.celebration == "Kaffe og kage.\n\nVi sang."
    second = client.post(url("milestone_reached", project, pk=milestone.pk), {"note": "Igen."})
    assert second.status_code == 302
    milestone.refresh_from_db()
    assert milestone.celebration == "Kaffe og kage.\n\nVi sang."
    page = client.get(url("milestones", project)).content.decode()
    assert "was already reached on" in page
    assert "Reached – celebrated" in page


# The timeline ----------------------------------------------------------------------------


def test_the_timeline_is_in_date_order(project):
    make_activity(project=project, title="Kick-off", date=datetime.date(2025, 3, 10))
    make_activity(project=project, title="Workshop 2", date=datetime.date(2025, 6, 1))
    make_milestone(project, title="Første aftale", due_date=datetime.date(2025, 6, 1))
    make_milestone(
        project,
        title="Parken åbner",
        due_date=datetime.date(2025, 9, 1),
        reached_on=datetime.date(2025, 4, 15),
    )
    make_milestone(project, title="Uden dato", due_date=None)
    make_activity(project=make_project(project.organisation, title="Andet"), title="Fremmed")

    items = timeline(project)

    assert [(item.date, item.kind, item.title, item.reached) for item in items] == [
        (datetime.date(2025, 3, 10), "activity", "Kick-off", False),
        (datetime.date(2025, 4, 15), "milestone", "Parken åbner", True),
        (datetime.date(2025, 6, 1), "activity", "Workshop 2", False),
        (datetime.date(2025, 6, 1), "milestone", "Første aftale", False),
    ]
    assert items[0].url.startswith(
        f"/o/{project.organisation.slug}/projects/{project.pk}/activities/"
    )
    assert items[1].url.endswith(
        "#milestone-" + str(Milestone.objects.get(title="Parken åbner").pk)
    )


def test_the_milestone_page_renders_the_timeline(client, world, project):
    make_activity(project=project, title="Kick-off", date=datetime.date(2025, 3, 10))
    make_milestone(project, title="Parken åbner", reached_on=datetime.date(2025, 4, 15))
    client.force_login(world.bo)
    html = client.get(url("milestones", project)).content.decode()
    listed = section(r'<ol class="measurement-timeline">.*?</ol>', html)
    assert listed.index("Kick-off") < listed.index("Parken åbner")
    assert "Reached – celebrated" in listed
    assert "Mark as reached" not in html  # a viewer cannot mark milestones


# In a real browser ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_log_pages_pass_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    project = make_project(world.org_a)
    goal = make_goal(project)
    indicator = make_indicator(goal)
    activity = make_activity(project=project, title="Kick-off", date=datetime.date(2025, 3, 10))
    make_gain(project, levels=["employee"], value_kinds=["personal"])
    make_gain(project, title="Ny forening", promoted_to=make_goal(project, title="Forening"))
    entry = make_learning(project)
    entry.activities.add(activity)
    entry.goals.add(goal)
    make_learning(project, kind="good", title="God stemning", adjustment="")
    make_milestone(project, indicator=indicator, threshold=30.0, celebration="Kage")
    make_milestone(project, title="Parken åbner", reached_on=datetime.date(2025, 4, 15))
    log_in(page, live_server, world.dina)
    for name in ("gains", "learning", "milestones"):
        page.goto(live_server.url + url(name, project))
        assert_axe_clean(page, name)
    page.goto(
        live_server.url
        + url("learning", project)
        + "?kind=bad&date_from=2025-12-01&date_to=2025-01-01"
    )
    assert_axe_clean(page, "learning, filtered with an error")
    for name in ("gain_create", "learning_create", "milestone_create"):
        page.goto(live_server.url + url(name, project))
        assert_axe_clean(page, name)
        page.click("form.log-form button[type=submit]")
        page.wait_for_selector(".error-summary")
        assert_axe_clean(page, f"{name} with errors")
