"""Staff pages of expectation alignment: rounds, facilitator answers, results and the panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.actors.models import Actor
from samskab.alignment.content import GAIN_CODES
from samskab.alignment.models import AlignmentResponse, AlignmentRound
from samskab.alignment.tests.factories import answer, form_data, make_round
from samskab.testing import make_project


@pytest.fixture
def dina(client, world):
    client.force_login(world.dina)
    return client


def _kw(alignment_round, **extra):
    return {"org": "aarby", "project": alignment_round.project_id, **extra}


def test_create_round(dina, world):
    project = make_project(world.org_a)
    url = reverse("alignment:create", kwargs={"org": "aarby", "project": project.pk})
    response = dina.post(url, {"title": "Opstartsworkshop, marts"})
    assert response.status_code == 302
    created = AlignmentRound.objects.get()
    assert created.organisation == world.org_a and created.project == project
    assert created.is_open
    listing = dina.get(response["Location"])
    content = listing.content.decode()
    assert "Opstartsworkshop, marts" in content
    assert reverse("alignment:public", kwargs={"token": created.token}) in content


def test_round_needs_a_title(dina, world):
    project = make_project(world.org_a)
    url = reverse("alignment:create", kwargs={"org": "aarby", "project": project.pk})
    response = dina.post(url, {"title": ""})
    assert response.status_code == 422
    assert "Giv runden en titel." in response.content.decode()
    assert AlignmentRound.objects.count() == 0


def test_facilitator_enters_an_answer_for_an_actor(dina, world):
    alignment_round = make_round(world.org_a)
    actor = Actor.objects.create(
        organisation=world.org_a,
        project=alignment_round.project,
        name="Parkens Venner",
        kind="organisation",
        sector="civil_society",
        role="volunteer_organisation",
        influence=3,
        interest=5,
    )
    url = reverse("alignment:respond", kwargs=_kw(alignment_round, pk=alignment_round.pk))
    assert "Parkens Venner" in dina.get(url).content.decode()
    response = dina.post(url, {**form_data(group=""), "actor": actor.pk})
    assert response.status_code == 302
    stored = AlignmentResponse.objects.get()
    assert stored.actor == actor
    assert stored.actor_group == "volunteer_organisation"  # from the actor's role
    assert stored.source == "facilitator"


def test_facilitator_answer_for_a_group_only(dina, world):
    alignment_round = make_round(world.org_a, is_open=False)  # closed links still take staff entry
    url = reverse("alignment:respond", kwargs=_kw(alignment_round, pk=alignment_round.pk))
    response = dina.post(url, form_data(group="politician"))
    assert response.status_code == 302
    assert AlignmentResponse.objects.get().actor_group == "politician"


def test_facilitator_answer_needs_actor_or_group_and_keeps_input(dina, world):
    alignment_round = make_round(world.org_a)
    url = reverse("alignment:respond", kwargs=_kw(alignment_round, pk=alignment_round.pk))
    response = dina.post(url, form_data(group="", rating="4", goals="Flere bænke"))
    assert response.status_code == 422
    content = response.content.decode()
    assert "Vælg den nøgleaktør eller den aktørgruppe, svaret kommer fra." in content
    assert 'value="4" checked' in content
    assert "Flere bænke" in content
    assert AlignmentResponse.objects.count() == 0


def test_actor_from_another_project_is_refused(dina, world):
    alignment_round = make_round(world.org_a)
    other = Actor.objects.create(
        organisation=world.org_a,
        project=make_project(world.org_a, title="Andet"),
        name="Fremmed",
        kind="person",
        sector="public",
        role="manager",
        influence=1,
        interest=1,
    )
    url = reverse("alignment:respond", kwargs=_kw(alignment_round, pk=alignment_round.pk))
    response = dina.post(url, {**form_data(), "actor": other.pk})
    assert response.status_code == 422
    assert "Vælg en af projektets nøgleaktører." in response.content.decode()


def test_close_and_open_the_link(dina, world, client):
    alignment_round = make_round(world.org_a)
    kwargs = _kw(alignment_round, pk=alignment_round.pk)
    assert dina.post(reverse("alignment:close", kwargs=kwargs)).status_code == 302
    alignment_round.refresh_from_db()
    assert not alignment_round.is_open
    assert dina.get(reverse("alignment:close", kwargs=kwargs)).status_code == 405
    assert dina.post(reverse("alignment:open", kwargs=kwargs)).status_code == 302
    alignment_round.refresh_from_db()
    assert alignment_round.is_open


def _fill(alignment_round):
    for _ in range(5):
        answer(alignment_round, "employee", 1, employee_wellbeing=4)
    for _ in range(5):
        answer(alignment_round, "citizen", 3, employee_wellbeing=0, goals="En park for alle")
    for _ in range(2):
        answer(alignment_round, "politician", 2, political_leadership=None)


def test_results_show_distribution_groups_and_divergence(dina, world):
    alignment_round = make_round(world.org_a)
    _fill(alignment_round)
    url = reverse("alignment:results", kwargs=_kw(alignment_round, pk=alignment_round.pk))
    response = dina.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "12 svar indtil videre." in content
    assert "Grupper med færre end 5 vises ikke" in content
    assert "Ikke vist for sig (færre end 5 svar): Politiker." in content
    assert "Vist for sig: Medarbejder (5), Borger (5)." in content
    # Employee well-being diverges most: employees 4, citizens 0 → a gap of 4 steps.
    ranking = content.index("Gevinster ordnet efter")
    first_row = content[ranking : content.index("</tr>", content.index("<tbody>", ranking))]
    assert "Medarbejdertrivsel" in first_row and "4 trin" in first_row
    assert 'role="img"' in content and "<desc" in content
    assert "En park for alle" in content
    assert "Kilde: Manifest for National Bevægelse for Samskabelse, 2017" in content
    assert "Politiker (" not in content  # the small group never gets its own column or row


def test_results_page_has_no_n_plus_one(dina, world, django_assert_max_num_queries):
    alignment_round = make_round(world.org_a)
    _fill(alignment_round)
    url = reverse("alignment:results", kwargs=_kw(alignment_round, pk=alignment_round.pk))
    dina.get(url)
    with django_assert_max_num_queries(10) as few:
        dina.get(url)
    for _ in range(20):
        answer(alignment_round, "user", 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = dina.get(url)
    assert "32 svar" in response.content.decode()


def test_list_page_has_no_n_plus_one(dina, world, django_assert_max_num_queries):
    project = make_project(world.org_a)
    url = reverse("alignment:list", kwargs={"org": "aarby", "project": project.pk})
    make_round(world.org_a, project)
    dina.get(url)
    with django_assert_max_num_queries(10) as few:
        dina.get(url)
    for index in range(5):
        answer(make_round(world.org_a, project, title=f"Runde {index}"), "citizen")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert dina.get(url).status_code == 200


def test_empty_round_results(dina, world):
    alignment_round = make_round(world.org_a)
    url = reverse("alignment:results", kwargs=_kw(alignment_round, pk=alignment_round.pk))
    content = dina.get(url).content.decode()
    assert "0 svar indtil videre." in content
    assert "Ingen har skrevet egne mål endnu." in content


def test_panel_on_project_overview(dina, world):
    alignment_round = make_round(world.org_a, title="Opstart i parken")
    answer(alignment_round, "citizen")
    url = reverse("projects:detail", kwargs={"org": "aarby", "pk": alignment_round.project_id})
    content = dina.get(url).content.decode()
    assert "Forventninger" in content
    assert "Resultater af “Opstart i parken”" in content
    assert '<section class="card" aria-labelledby="alignment-panel-heading">' in content


def test_every_gain_is_rated_once(world):
    alignment_round = make_round(world.org_a)
    response = answer(alignment_round)
    assert sorted(response.ratings.values_list("gain", flat=True)) == sorted(GAIN_CODES)
