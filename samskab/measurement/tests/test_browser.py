"""Every effect-measurement page passes the axe-core audit in Chromium, on desktop and phone,
and a rejected form keeps what was typed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.instruments.tests.test_views_support import (
    make_collection,
    make_instrument,
    make_story,
)
from samskab.measurement.models import MscCandidate, MscRound, PlanAnswer
from samskab.measurement.tests.browser import PHONE, log_in
from samskab.measurement.tests.factories import (
    make_evidence,
    make_gain,
    make_goal,
    make_indicator,
    make_learning,
    make_measurement,
    make_milestone,
)
from samskab.projects.models import PoliticalGoal
from samskab.testing import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _project(world):
    project = make_project(world.org_a)
    political = PoliticalGoal.objects.create(
        organisation=world.org_a,
        title="Grønne områder for alle",
        policy="Naturpolitik",
        owner="TMU",
    )
    project.goals.add(political)
    goal = make_goal(project, owner_group="citizen", value_kinds=["collective"])
    goal.political_goals.add(political)
    indicator = make_indicator(goal)
    make_measurement(indicator, 24.0, datetime.date(2025, 4, 1), lower=20.0, upper=28.0)
    make_measurement(indicator, 31.0, datetime.date(2025, 9, 1))
    instrument = make_instrument(world)
    instrument.project = project
    instrument.save()
    collection = make_collection(instrument)
    stories = [make_story(collection, text=f"Historie {i} om parken.") for i in range(3)]
    make_evidence(project, goal=goal, levels=["volunteer_citizen"])
    make_evidence(project, kind="story", story=stories[0], text="", levels=["user"])
    make_gain(project)
    make_learning(project)
    make_milestone(project, indicator=indicator, threshold=30.0)
    PlanAnswer.objects.create(
        organisation=world.org_a, project=project, question="what_change", text="Flere i parken."
    )
    msc = MscRound.objects.create(
        organisation=world.org_a,
        project=project,
        collection=collection,
        title="Sommerrunden",
        question="Hvilken fortælling viser den vigtigste forandring?",
    )
    for i, story in enumerate(stories):
        MscCandidate.objects.create(organisation=world.org_a, round=msc, story=story, position=i)
    return project, goal, indicator, msc


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_measurement_pages_pass_axe(page, live_server, world, viewport, settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path
    if viewport:
        page.set_viewport_size(viewport)
    project, goal, indicator, msc = _project(world)
    log_in(page, live_server, world.dina)
    kw = {"org": "aarby", "project": project.pk}
    urls = [
        reverse("measurement:overview", kwargs={"org": "aarby"}),
        reverse("measurement:value", kwargs=kw),
        reverse("measurement:value", kwargs=kw) + "?lens=value",
        reverse("measurement:plan", kwargs=kw),
        reverse("measurement:plan_history", kwargs={**kw, "question": "what_change"}),
        reverse("measurement:goals", kwargs=kw),
        reverse("measurement:goal_create", kwargs=kw),
        reverse("measurement:goal", kwargs={**kw, "pk": goal.pk}),
        reverse("measurement:indicator_create", kwargs={**kw, "goal": goal.pk}),
        reverse("measurement:indicator", kwargs={**kw, "pk": indicator.pk}),
        reverse("measurement:import", kwargs={**kw, "pk": indicator.pk}),
        reverse("measurement:evidence", kwargs=kw),
        reverse("measurement:evidence_create", kwargs=kw),
        reverse("measurement:msc_list", kwargs=kw),
        reverse("measurement:msc_create", kwargs=kw),
        reverse("measurement:msc", kwargs={**kw, "pk": msc.pk}),
        reverse("measurement:msc_choose", kwargs={**kw, "pk": msc.pk}),
        reverse("measurement:gains", kwargs=kw),
        reverse("measurement:gain_create", kwargs=kw),
        reverse("measurement:learning", kwargs=kw),
        reverse("measurement:learning_create", kwargs=kw),
        reverse("measurement:milestones", kwargs=kw),
        reverse("measurement:milestone_create", kwargs=kw),
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        violations = run_axe(page)
        assert not violations, f"{url}: {describe_violations(violations)}"


def test_a_rejected_measurement_keeps_the_note_and_passes_axe(
    page, live_server, world, settings, tmp_path
):
    settings.EXPLORER_CACHE_DIR = tmp_path
    project, _goal, indicator, _msc = _project(world)
    log_in(page, live_server, world.erik)
    url = reverse(
        "measurement:indicator", kwargs={"org": "aarby", "project": project.pk, "pk": indicator.pk}
    )
    page.goto(live_server.url + url)
    page.fill("#id_period_start", "2025-10-01")
    page.fill("#id_period_end", "2025-10-31")
    page.fill("#id_value", "140")
    page.fill("#id_note", "Tal fra oktober")
    page.get_by_role("button", name="Gem måling").click()
    page.wait_for_selector(".error-summary")
    assert page.input_value("#id_note") == "Tal fra oktober"
    assert page.input_value("#id_value") == "140"
    violations = run_axe(page)
    assert not violations, describe_violations(violations)


def test_the_public_msc_page_passes_axe_on_a_phone(page, live_server, world, settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path
    _project_obj, _goal, _indicator, msc = _project(world)
    msc.public_link = True
    msc.save()
    page.set_viewport_size(PHONE)
    response = page.goto(
        live_server.url + reverse("measurement:msc_public", kwargs={"token": msc.token})
    )
    assert response.status == 200
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
