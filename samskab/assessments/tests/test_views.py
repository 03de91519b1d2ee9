"""Self-assessment pages: create, validate, edit, read and the change-over-time overview."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samskab.assessments import demo
from samskab.assessments.content import ITEMS
from samskab.assessments.models import AssessmentAnswer, SelfAssessment
from samskab.assessments.tests.factories import form_data, make_assessment
from samskab.testing import make_project


@pytest.fixture
def dina(client, world):
    client.force_login(world.dina)
    return client


@pytest.fixture
def project(world):
    return make_project(world.org_a)


def _url(name, project, **extra):
    return reverse(name, kwargs={"org": "aarby", "project": project.pk, **extra})


def test_form_has_a_fieldset_per_item(dina, project):
    content = dina.get(_url("assessments:create", project)).content.decode()
    assert content.count("<fieldset") == len(ITEMS)
    assert content.count("<legend>") == len(ITEMS)
    assert "Politikerne leder ved at lytte" in content
    assert "Kilde: Manifest for National Bevægelse for Samskabelse, 2017" in content


def test_create_assessment(dina, world, project):
    data = form_data(
        title="Start",
        score_role_citizens="2",
        reflection_role_citizens="Få beboere er med endnu.",
        score_rule_open_process="4",
    )
    response = dina.post(_url("assessments:create", project), data)
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get()
    assert assessment.project == project and assessment.organisation == world.org_a
    assert assessment.created_by == world.dina
    answers = {a.item: a for a in AssessmentAnswer.objects.all()}
    assert len(answers) == len(ITEMS)
    assert answers["role_citizens"].score == 2
    assert answers["role_citizens"].reflection == "Få beboere er med endnu."
    assert answers["rule_know_the_field"].score is None
    detail = dina.get(response["Location"]).content.decode()
    assert "2 – Lidt" in detail and "Få beboere er med endnu." in detail
    assert "Ikke relevant endnu" in detail


def test_nothing_scored_is_refused_and_reflections_are_kept(dina, project):
    data = form_data(reflection_role_politicians="Vi har ikke talt med udvalget.")
    response = dina.post(_url("assessments:create", project), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Giv mindst ét rolleskift eller én tommelfingerregel en score fra 1 til 5" in content
    assert "Vi har ikke talt med udvalget." in content
    assert SelfAssessment.objects.count() == 0


def test_date_is_required_and_not_in_the_future(dina, project):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = dina.post(
        _url("assessments:create", project), form_data(date=tomorrow, score_role_citizens="3")
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Datoen kan ikke ligge i fremtiden" in content
    assert 'value="3" checked' in content  # the chosen score is kept
    response = dina.post(
        _url("assessments:create", project), form_data(date="", title="", score_role_citizens="3")
    )
    content = response.content.decode()
    assert "Angiv datoen for selvevalueringen." in content
    assert "Angiv anledningen" in content


def test_invalid_score_is_explained(dina, project):
    response = dina.post(_url("assessments:create", project), form_data(score_role_citizens="9"))
    assert response.status_code == 422
    assert "Vælg en score fra 1 til 5 for “Borgerne som aktive medskabere”" in (
        response.content.decode()
    )


def test_edit_assessment(dina, project, world):
    assessment = make_assessment(world.org_a, project, role_citizens=2)
    url = _url("assessments:edit", project, pk=assessment.pk)
    page = dina.get(url).content.decode()
    assert 'id="id_score_role_citizens_1" value="2" checked' in page
    data = form_data(date="2026-02-01", title="Midtvejs", score_role_citizens="4")
    assert dina.post(url, data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.title == "Midtvejs"
    assert assessment.answers.get(item="role_citizens").score == 4
    assert assessment.answers.count() == len(ITEMS)


def test_list_shows_change_over_time(dina, project, world):
    make_assessment(world.org_a, project, "Start", 60, role_citizens=2, rule_open_process=4)
    make_assessment(world.org_a, project, "Midtvejs", 5, role_citizens=4, rule_open_process=3)
    content = dina.get(_url("assessments:list", project)).content.decode()
    assert "Start" in content and "Midtvejs" in content
    assert '<span class="change-up">+2</span>' in content
    assert '<span class="change-down">−1</span>' in content
    assert 'role="img"' in content
    assert "Borgerne som aktive medskabere" in content


def test_list_has_no_n_plus_one(dina, project, world, django_assert_max_num_queries):
    url = _url("assessments:list", project)
    make_assessment(world.org_a, project, role_citizens=2)
    dina.get(url)
    with django_assert_max_num_queries(10) as few:
        dina.get(url)
    for index in range(4):
        make_assessment(world.org_a, project, f"Runde {index}", index, role_citizens=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert dina.get(url).status_code == 200


def test_panel_on_project_overview(dina, project, world):
    make_assessment(world.org_a, project, "Start", role_citizens=2)
    content = dina.get(reverse("projects:detail", kwargs={"org": "aarby", "pk": project.pk}))
    text = content.content.decode()
    assert "Tommelfingerregler" in text
    assert "Én selvevaluering indtil videre." in text


def test_demo_is_idempotent_and_shows_change(project):
    demo.load(project)
    demo.load(project)
    assert SelfAssessment.objects.filter(project=project).count() == 2
    start, midway = SelfAssessment.objects.filter(project=project).order_by("date")
    before = start.answers.get(item="role_employees").score
    after = midway.answers.get(item="role_employees").score
    assert before is not None and after is not None and before < after
