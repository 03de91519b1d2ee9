from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.actors.tests.factories import make_actor, make_involvement
from samskab.projects.choices import Phase
from samskab.testing import make_project


def test_list_shows_actors_with_phases_and_levels(facilitator, url, actor):
    response = facilitator.get(url("list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Parkens Venner" in content
    assert "Civilsamfund" in content  # sector, in Danish
    assert "Prøvehandlinger" in content  # the phase the actor takes part in
    assert "Går forrest" in content  # its level in the participation overview
    assert "Tilføj nøgleaktør" in content  # facilitators may add
    assert 'aria-current="page"' in content


def _add_actors(project, names):
    for name in names:
        actor = make_actor(project=project, name=name)
        for phase in (Phase.SELECT, Phase.DEFINE, Phase.TRIAL):
            make_involvement(actor=actor, phase=phase)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_has_no_n_plus_one(facilitator, url, project, django_assert_max_num_queries):
    _add_actors(project, ["Aktør 0"])
    one = _queries(facilitator, url("list"))
    _add_actors(project, [f"Aktør {number}" for number in range(1, 12)])
    assert _queries(facilitator, url("list")) == one
    with django_assert_max_num_queries(10):
        response = facilitator.get(url("list"))
    assert "Aktør 11" in response.content.decode()


def test_viewers_read_without_edit_links(client, world, url, actor):
    client.force_login(world.bo)
    content = client.get(url("list")).content.decode()
    assert "Parkens Venner" in content
    assert "Tilføj nøgleaktør" not in content
    assert url("edit", pk=actor.pk) not in content


def test_list_shows_only_this_projects_actors(facilitator, url, world, actor):
    other = make_project(world.org_a, title="Et andet projekt")
    make_actor(project=other, name="Fremmed aktør")
    foreign = make_project(world.org_b, title="Nabokommunens projekt")
    make_actor(project=foreign, name="Nabokommunens aktør")
    content = facilitator.get(url("list")).content.decode()
    assert "Parkens Venner" in content
    assert "Fremmed aktør" not in content
    assert "Nabokommunens aktør" not in content


def test_empty_list_invites_to_add(facilitator, url):
    content = facilitator.get(url("list")).content.decode()
    assert "Ingen nøgleaktører endnu." in content


def test_another_organisations_project_is_404(facilitator, world):
    from django.urls import reverse

    foreign = make_project(world.org_b)
    for name in ("list", "map", "create"):
        response = facilitator.get(
            reverse(f"actors:{name}", kwargs={"org": world.org_a.slug, "project": foreign.pk})
        )
        assert response.status_code == 404, name
