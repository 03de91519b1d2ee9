"""The measurement plan: answers kept with their history, one form per question."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from samskab.measurement.content import PLAN_QUESTIONS
from samskab.measurement.models import PlanAnswer
from samskab.measurement.tests.browser import PHONE, assert_axe_clean, log_in
from samskab.measurement.tests.factories import make_goal, make_indicator
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


def plan_url(project):
    return reverse(
        "measurement:plan", kwargs={"org": project.organisation.slug, "project": project.pk}
    )


def history_url(project, code):
    return reverse(
        "measurement:plan_history",
        kwargs={"org": project.organisation.slug, "project": project.pk, "question": code},
    )


def answer(client, project, code, text, **extra):
    return client.post(plan_url(project), {"question": code, "text": text, **extra})


def question_block(html, code):
    """The <article> of one question on the plan page."""
    match = re.search(rf'<article class="plan-question" id="q-{code}".*?</article>', html, re.S)
    assert match, code
    return match.group(0)


def test_new_answers_keep_the_history(client, world, project):
    client.force_login(world.dina)
    first = answer(client, project, "what_change", "Flere borgere i parken.")
    assert first.status_code == 302
    assert first["Location"].endswith("#q-what_change")
    answer(client, project, "what_change", "Flere borgere bruger parken hver uge.")

    rows = PlanAnswer.objects.filter(project=project, question="what_change")
    assert rows.count() == 2
    assert {row.author for row in rows} == {world.dina}

    block = question_block(client.get(plan_url(project)).content.decode(), "what_change")
    assert "Flere borgere bruger parken hver uge." in block
    assert "Flere borgere i parken." not in block
    assert history_url(project, "what_change") in block
    assert "(1)" in block  # one earlier answer

    history = client.get(history_url(project, "what_change")).content.decode()
    assert history.index("Flere borgere bruger parken hver uge.") < history.index(
        "Flere borgere i parken."
    )


def test_an_unchanged_answer_stores_nothing_new(client, world, project):
    goal = make_goal(project)
    client.force_login(world.anna)
    answer(client, project, "what_change", "Flere borgere i parken.", goals=[goal.pk])
    again = answer(client, project, "what_change", "  Flere borgere i parken.  ", goals=[goal.pk])
    assert again.status_code == 302
    assert PlanAnswer.objects.filter(project=project).count() == 1
    # Linking another goal is a change.
    answer(client, project, "what_change", "Flere borgere i parken.")
    assert PlanAnswer.objects.filter(project=project).count() == 2


def test_an_empty_answer_is_refused_beside_its_question(client, world, project):
    goal = make_goal(project, title="Parken bruges hver dag")
    client.force_login(world.dina)
    answer(client, project, "what_for_whom", "Til byrådet og til deltagerne.")

    response = answer(client, project, "what_change", "   ", goals=[goal.pk])

    assert response.status_code == 422
    html = response.content.decode()
    block = question_block(html, "what_change")
    assert "Write an answer before you save it." in block
    assert 'aria-invalid="true"' in block
    # The goal ticked with it stays ticked, and the other answers are still on the page.
    assert re.search(rf'<input[^>]*value="{goal.pk}"[^>]*checked', block)
    assert "Til byrådet og til deltagerne." in question_block(html, "what_for_whom")
    assert PlanAnswer.objects.filter(project=project, question="what_change").count() == 0


def test_typed_text_is_kept_when_it_is_too_long(client, world, project):
    client.force_login(world.dina)
    text = "Lang tekst. " * 500
    response = answer(client, project, "how_systematic", text)
    assert response.status_code == 422
    assert "Lang tekst. Lang tekst." in question_block(response.content.decode(), "how_systematic")


def test_an_unknown_question_is_a_form_error(client, world, project):
    client.force_login(world.anna)
    response = answer(client, project, "no_such_question", "Et svar")
    assert response.status_code == 422
    assert "This question is not part of the measurement plan." in response.content.decode()
    assert not PlanAnswer.objects.exists()


def test_goals_of_another_project_cannot_be_linked(client, world, project):
    other = make_goal(make_project(world.org_a, title="Andet projekt"))
    client.force_login(world.anna)
    response = answer(client, project, "what_change", "Et svar", goals=[other.pk])
    assert response.status_code == 422
    assert "Choose goals from this project" in question_block(
        response.content.decode(), "what_change"
    )


@pytest.mark.parametrize("persona", ["erik", "bo"])
def test_readers_cannot_answer(client, world, project, persona):
    client.force_login(world.users[persona])
    assert answer(client, project, "what_change", "Et svar").status_code == 403
    assert not PlanAnswer.objects.exists()


def test_the_page_shows_progress_links_and_source(client, world, project):
    goal = make_goal(project, title="Parken bruges hver dag")
    indicator = make_indicator(goal, title="Besøg om ugen")
    client.force_login(world.anna)
    answer(
        client,
        project,
        "what_change",
        "Flere borgere.",
        goals=[goal.pk],
        indicators=[indicator.pk],
    )
    html = client.get(plan_url(project)).content.decode()
    assert f"1 of {len(PLAN_QUESTIONS)} questions answered" in html
    found = re.search(r'<ul class="plan-open-list">.*?</ul>', html, re.S)
    assert found
    open_list = found.group(0)
    assert "#q-what_change" not in open_list
    assert "#q-use_share" in open_list
    block = question_block(html, "what_change")
    kwargs = {"org": world.org_a.slug, "project": project.pk}
    assert reverse("measurement:goal", kwargs={**kwargs, "pk": goal.pk}) in block
    assert reverse("measurement:indicator", kwargs={**kwargs, "pk": indicator.pk}) in block
    assert reverse("measurement:goals", kwargs=kwargs) in block  # links_to "goals"
    assert reverse("alignment:list", kwargs=kwargs) in question_block(html, "what_align")
    assert "Manifest for National Bevægelse for Samskabelse" in html


def test_a_viewer_sees_answers_but_no_forms(client, world, project):
    client.force_login(world.anna)
    answer(client, project, "what_change", "Flere borgere.")
    client.force_login(world.bo)
    html = client.get(plan_url(project)).content.decode()
    assert "Flere borgere." in html
    assert 'name="text"' not in html


def test_history_of_an_unknown_question_is_404(client, world, project):
    client.force_login(world.anna)
    assert client.get(history_url(project, "no_such_question")).status_code == 404


def test_another_organisations_plan_is_404(client, world):
    foreign = make_project(world.org_b)
    client.force_login(world.anna)
    url = reverse("measurement:plan", kwargs={"org": world.org_a.slug, "project": foreign.pk})
    assert client.get(url).status_code == 404


def test_saving_an_answer_is_audited(client, world, project):
    client.force_login(world.anna)
    answer(client, project, "what_change", "Flere borgere.")
    entry = AuditEntry.objects.get(action=AuditAction.MEASUREMENT_CREATED)
    assert entry.actor == world.anna
    assert entry.details["model"] == "plananswer"


# In a real browser ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_plan_pages_pass_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    project = make_project(world.org_a)
    goal = make_goal(project, title="Parken bruges hver dag")
    make_indicator(goal, title="Besøg om ugen")
    log_in(page, live_server, world.dina)
    page.goto(live_server.url + plan_url(project))
    page.fill("#q-what_change-text", "Flere borgere i parken.")
    page.click("#q-what_change button[type=submit]")
    page.wait_for_selector(".messages")
    page.fill("#q-what_change-text", "Flere borgere bruger parken hver uge.")
    page.click("#q-what_change button[type=submit]")
    page.wait_for_selector(".messages")
    assert_axe_clean(page, "plan")
    page.fill("#q-use_share-text", "")
    page.click("#q-use_share button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.get_attribute("#q-use_share-text", "aria-invalid") == "true"
    assert_axe_clean(page, "plan with an error")
    page.goto(live_server.url + history_url(project, "what_change"))
    assert page.locator(".plan-history li").count() == 2
    assert_axe_clean(page, "history")
