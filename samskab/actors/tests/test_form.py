from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samskab.actors.models import Actor, ActorInvolvement
from samskab.actors.tests.factories import make_actor, make_involvement, valid_data
from samskab.projects.choices import Phase
from samskab.testing import make_project


def test_create_form_has_a_select_per_phase(facilitator, url):
    response = facilitator.get(url("create"))
    assert response.status_code == 200
    content = response.content.decode()
    for phase in Phase:
        assert f'name="phase_{phase.value}"' in content
    assert "Ikke involveret" in content
    assert "Involvering i hver fase" in content


def test_create_saves_actor_and_involvements(facilitator, url, project, world):
    data = valid_data(phase_select="consulted", phase_trial="co_creating", notes="Kender driften.")
    response = facilitator.post(url("create"), data)
    assert response.status_code == 302
    assert response["Location"] == url("list")
    actor = Actor.objects.get(name="Holdleder for gartnerne")
    assert actor.project == project
    assert actor.organisation == world.org_a
    assert actor.sector == "public"  # taken from the role, since it was left empty
    assert actor.notes == "Kender driften."
    levels = dict(actor.involvements.values_list("phase", "level"))
    assert levels == {"select": "consulted", "trial": "co_creating"}
    assert set(actor.involvements.values_list("organisation", flat=True)) == {world.org_a.pk}


def test_chosen_sector_wins_over_the_roles_default(facilitator, url):
    facilitator.post(url("create"), valid_data(role="citizen", sector="civil_society"))
    assert Actor.objects.get().sector == "civil_society"


def test_invalid_create_keeps_input_and_explains_in_danish(facilitator, url):
    data = valid_data(name="", influence="", phase_trial="leading", notes="Vigtig for driften.")
    response = facilitator.post(url("create"), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Giv aktøren et navn." in content
    assert "Vurdér aktørens indflydelse fra 1 til 5." in content
    assert "Aktøren blev ikke gemt." in content
    assert 'aria-invalid="true"' in content
    assert re.search(r'aria-describedby="[^"]*\bid_name_error\b', content)
    # Everything typed is still there.
    assert "Vigtig for driften." in content
    assert '<option value="leading" selected>' in content
    assert '<option value="employee" selected>' in content
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("influence", "7", "Vælg et tal fra 1 til 5."),
        ("interest", "0", "Vælg et tal fra 1 til 5."),
        ("role", "king", "Vælg en af de viste roller."),
        ("kind", "", "Vælg, om aktøren er en person eller en organisation."),
        ("phase_define", "boss", "Vælg et af de viste niveauer for involvering."),
        ("name", "x" * 201, "Navnet må højst være 200 tegn langt."),
    ],
)
def test_each_field_explains_its_error(facilitator, url, field, value, message):
    response = facilitator.post(url("create"), valid_data(**{field: value}))
    assert response.status_code == 422
    assert message in response.content.decode()


def test_duplicate_name_in_the_project_is_refused(facilitator, url, actor):
    response = facilitator.post(url("create"), valid_data(name="parkens venner"))
    assert response.status_code == 422
    assert "Projektet har allerede en aktør med dette navn." in response.content.decode()


def test_same_name_in_another_project_is_fine(facilitator, url, world):
    make_actor(project=make_project(world.org_a, title="Andet"), name="Holdleder for gartnerne")
    assert facilitator.post(url("create"), valid_data()).status_code == 302


def test_user_link_accepts_a_member(facilitator, url, world):
    response = facilitator.post(url("create"), valid_data(user=world.bo.pk))
    assert response.status_code == 302
    assert Actor.objects.get().user == world.bo


def test_user_link_refuses_someone_outside_the_organisation(facilitator, url, world):
    outsider = User.objects.create_user("ole", "ole@example.dk")
    for user in (world.carl, outsider):
        response = facilitator.post(url("create"), valid_data(user=user.pk))
        assert response.status_code == 422
        content = response.content.decode()
        assert "Vælg et medlem af organisationen, eller lad aktøren være uden konto." in content
    assert not Actor.objects.exists()


def test_user_select_lists_only_members(facilitator, url, world):
    content = facilitator.get(url("create")).content.decode()
    assert "bo@example.dk" in content
    assert "carl@example.dk" not in content


def test_a_member_links_to_one_actor_per_project(facilitator, url, project, world):
    make_actor(project=project, user=world.bo)
    response = facilitator.post(url("create"), valid_data(user=world.bo.pk))
    assert response.status_code == 422
    assert "Dette medlem er allerede knyttet til en anden aktør i projektet." in (
        response.content.decode()
    )


def test_edit_form_shows_current_values(facilitator, url, actor):
    content = facilitator.get(url("edit", pk=actor.pk)).content.decode()
    assert 'value="Parkens Venner"' in content
    assert '<option value="leading" selected>' in content
    assert "Fjern Parkens Venner" in content


def test_edit_changes_actor_and_replaces_involvements(facilitator, url, actor):
    data = valid_data(
        name="Parkens Venner",
        kind="organisation",
        role="association",
        influence="4",
        interest="5",
        phase_define="consulted",
    )
    response = facilitator.post(url("edit", pk=actor.pk), data)
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.influence == 4
    assert actor.sector == "civil_society"
    assert dict(actor.involvements.values_list("phase", "level")) == {"define": "consulted"}


def test_invalid_edit_keeps_input_and_saved_title(facilitator, url, actor):
    response = facilitator.post(
        url("edit", pk=actor.pk), valid_data(name="Nyt navn", influence="9")
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'value="Nyt navn"' in content
    assert "Rediger Parkens Venner" in content
    actor.refresh_from_db()
    assert actor.name == "Parkens Venner"


def test_actor_of_another_organisation_is_404(facilitator, world, project):
    foreign = make_actor(project=make_project(world.org_b), name="Fremmed")
    for name, method in (("edit", "get"), ("edit", "post"), ("delete", "post")):
        response = getattr(facilitator, method)(
            reverse(
                f"actors:{name}",
                kwargs={"org": world.org_a.slug, "project": project.pk, "pk": foreign.pk},
            ),
            valid_data(),
        )
        assert response.status_code == 404, name
    foreign.refresh_from_db()
    assert foreign.name == "Fremmed"


def test_actor_of_another_project_is_404(facilitator, world, url):
    other = make_actor(project=make_project(world.org_a, title="Andet"))
    assert facilitator.get(url("edit", pk=other.pk)).status_code == 404


def test_involvements_are_unchanged_when_the_form_is_invalid(facilitator, url, actor):
    make_involvement(actor=actor, phase=Phase.DEFINE, level="consulted")
    facilitator.post(url("edit", pk=actor.pk), valid_data(name=""))
    assert ActorInvolvement.objects.filter(actor=actor).count() == 2
