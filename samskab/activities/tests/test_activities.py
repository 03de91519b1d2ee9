from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samskab.activities.models import Activity, AttendanceCount
from samskab.activities.tests.factories import make_activity, make_actor
from samskab.methods.models import Method
from samskab.methods.tests.factories import make_method
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return make_project(world.org_a, phase="trial")


def _url(project, name, **kwargs):
    return reverse(f"activities:{name}", kwargs={"org": "aarby", "project": project.pk, **kwargs})


def _valid(**overrides):
    data = {
        "title": "Fælles planteringsdag",
        "kind": "trial_action",
        "phase": "trial",
        "date": "2026-05-09",
        "end_date": "",
        "place": "Byparken",
        "purpose": "Afprøve om naboerne vil passe bedene.",
        "notes": "",
        "outcomes": "",
    }
    data.update(overrides)
    return data


# Create


def test_facilitator_creates_an_activity_with_methods_actors_and_counts(client, world, project):
    gardeners = make_actor(project=project, name="Parkgartnerne", role="employee")
    own_method = make_method(organisation=world.org_a, name="Kaffe på bænken")
    shared = Method.objects.shared().get(name="Verdenscafé")
    client.force_login(world.dina)
    data = _valid(
        methods=[shared.pk, own_method.pk],
        participants=[gardeners.pk],
        count_citizen="30",
        count_user="",
        count_company="0",
    )
    response = client.post(_url(project, "create"), data)
    activity = Activity.objects.get(title="Fælles planteringsdag")
    assert response.status_code == 302
    assert response["Location"] == _url(project, "detail", pk=activity.pk)
    assert activity.organisation == world.org_a and activity.project == project
    assert set(activity.methods.all()) == {shared, own_method}
    assert list(activity.participants.all()) == [gardeners]
    assert {(a.group, a.count) for a in activity.attendance.all()} == {("citizen", 30)}
    assert activity.attendance.get().organisation == world.org_a


def test_create_form_defaults_to_the_projects_phase_and_links_the_library(client, world, project):
    client.force_login(world.dina)
    response = client.get(_url(project, "create"))
    assert response.context["form"].initial["phase"] == "trial"
    content = response.content.decode()
    assert reverse("methods:list", kwargs={"org": "aarby"}) in content
    assert "Verdenscafé" in content  # shared methods are offered


def test_invalid_activity_keeps_input_and_explains_in_danish(client, world, project):
    client.force_login(world.dina)
    data = _valid(title="", date="2026-05-09", end_date="2026-05-01", count_citizen="-2")
    response = client.post(_url(project, "create"), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Giv aktiviteten en titel." in content
    assert "Slutdatoen skal ligge på eller efter startdatoen." in content
    assert "Skriv 0 eller mere; lad feltet stå tomt, hvis ingen fra gruppen kom." in content
    assert "Afprøve om naboerne vil passe bedene." in content  # typed text is kept
    assert 'value="-2"' in content
    assert 'aria-invalid="true"' in content
    assert not Activity.objects.exists()


def test_missing_date_and_bad_date_are_explained(client, world, project):
    client.force_login(world.dina)
    response = client.post(_url(project, "create"), _valid(date=""))
    assert "Skriv datoen for aktiviteten." in response.content.decode()
    response = client.post(_url(project, "create"), _valid(date="i morgen"))
    assert "Skriv datoen som dd-mm-åååå." in response.content.decode()


def test_actor_from_another_organisations_project_is_refused(client, world, project):
    foreign_actor = make_actor(project=make_project(world.org_b))
    client.force_login(world.dina)
    response = client.post(_url(project, "create"), _valid(participants=[foreign_actor.pk]))
    assert response.status_code == 422
    assert "Vælg nøgleaktører fra projektets liste." in response.content.decode()
    assert not Activity.objects.exists()


def test_actor_from_another_project_of_the_same_organisation_is_refused(client, world, project):
    other_actor = make_actor(project=make_project(world.org_a, title="Andet"))
    client.force_login(world.dina)
    response = client.post(_url(project, "create"), _valid(participants=[other_actor.pk]))
    assert response.status_code == 422


def test_another_organisations_method_is_refused(client, world, project):
    foreign_method = make_method(organisation=world.org_b, name="Bøgelunds metode")
    client.force_login(world.dina)
    response = client.get(_url(project, "create"))
    assert "Bøgelunds metode" not in response.content.decode()
    response = client.post(_url(project, "create"), _valid(methods=[foreign_method.pk]))
    assert response.status_code == 422
    assert "Vælg metoder fra bibliotekets liste." in response.content.decode()


# Edit, detail, delete


def test_edit_changes_fields_and_replaces_counts(client, world, project):
    activity = make_activity(project=project, title="Gammel titel")
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=activity, group="citizen", count=4
    )
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=activity, group="user", count=2
    )
    client.force_login(world.anna)
    response = client.get(_url(project, "edit", pk=activity.pk))
    assert response.context["form"].initial["count_citizen"] == 4
    data = _valid(title="Ny titel", count_citizen="", count_user="5", count_company="1")
    response = client.post(_url(project, "edit", pk=activity.pk), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Ny titel"
    assert dict(activity.attendance.values_list("group", "count")) == {"user": 5, "company": 1}


def test_invalid_edit_is_422_and_saves_nothing(client, world, project):
    activity = make_activity(project=project, title="Uændret")
    client.force_login(world.dina)
    response = client.post(_url(project, "edit", pk=activity.pk), _valid(title=""))
    assert response.status_code == 422
    activity.refresh_from_db()
    assert activity.title == "Uændret"


def test_detail_shows_methods_participants_and_outcomes(client, world, project):
    actor = make_actor(project=project, name="Grønne Hænder", role="volunteer_organisation")
    method = Method.objects.shared().get(name="Walk-and-talk")
    activity = make_activity(project=project, title="Gåtur", outcomes="Stierne er mørke.")
    activity.methods.add(method)
    activity.participants.add(actor)
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=activity, group="user", count=3
    )
    client.force_login(world.bo)
    content = client.get(_url(project, "detail", pk=activity.pk)).content.decode()
    assert "Walk-and-talk" in content
    assert reverse("methods:detail", kwargs={"org": "aarby", "pk": method.pk}) in content
    assert "Grønne Hænder" in content
    assert "Stierne er mørke." in content
    assert "Rediger aktivitet" not in content  # a viewer reads only


def test_delete_removes_the_activity_and_its_counts(client, world, project):
    activity = make_activity(project=project)
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=activity, group="user", count=3
    )
    client.force_login(world.dina)
    response = client.post(_url(project, "delete", pk=activity.pk))
    assert response.status_code == 302
    assert response["Location"] == _url(project, "list")
    assert not Activity.objects.exists() and not AttendanceCount.objects.exists()


def test_delete_refuses_get(client, world, project):
    activity = make_activity(project=project)
    client.force_login(world.dina)
    assert client.get(_url(project, "delete", pk=activity.pk)).status_code == 405


# Timeline


def _three_activities(project):
    make_activity(project=project, title="Maj", phase="trial", date=datetime.date(2026, 5, 2))
    make_activity(project=project, title="Marts", phase="define", date=datetime.date(2026, 3, 1))
    make_activity(project=project, title="Juni", phase="define", date=datetime.date(2026, 6, 1))


def _titles(response):
    return [[a.title for a in group.activities] for group in response.context["groups"]]


def test_timeline_groups_by_phase_chronologically(client, world, project):
    _three_activities(project)
    client.force_login(world.erik)
    response = client.get(_url(project, "list"))
    assert _titles(response) == [["Marts", "Juni"], ["Maj"]]
    assert "Definere, rammesætte og kortlægge" in response.content.decode()


def test_timeline_groups_by_month_newest_first(client, world, project):
    _three_activities(project)
    client.force_login(world.erik)
    response = client.get(_url(project, "list"), {"group": "month", "order": "newest"})
    assert _titles(response) == [["Juni"], ["Maj"], ["Marts"]]
    assert "Juni 2026" in response.content.decode()


def test_timeline_shows_methods_and_participant_counts(client, world, project):
    activity = make_activity(project=project, title="Café")
    activity.methods.add(Method.objects.shared().get(name="Verdenscafé"))
    activity.participants.add(make_actor(project=project), make_actor(project=project))
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=activity, group="user", count=7
    )
    AttendanceCount.objects.create(
        organisation=world.org_a, activity=activity, group="citizen", count=5
    )
    client.force_login(world.bo)
    response = client.get(_url(project, "list"))
    item = response.context["groups"][0].activities[0]
    assert (item.named_count, item.anonymous_count) == (2, 12)
    content = response.content.decode()
    assert "Verdenscafé" in content
    assert "2 nøgleaktører" in content and "12 andre deltagere" in content


def test_timeline_has_no_n_plus_one(client, world, project, django_assert_max_num_queries):
    methods = list(Method.objects.shared()[:3])
    for day in range(1, 16):
        activity = make_activity(project=project, date=datetime.date(2026, 1, day))
        activity.methods.set(methods)
        activity.participants.add(make_actor(project=project))
        AttendanceCount.objects.create(
            organisation=world.org_a, activity=activity, group="user", count=day
        )
    client.force_login(world.dina)
    with django_assert_max_num_queries(8):
        response = client.get(_url(project, "list"))
    assert len(response.context["groups"][0].activities) == 15


def test_timeline_rejects_bad_options_with_a_message(client, world, project):
    client.force_login(world.dina)
    response = client.get(_url(project, "list"), {"group": "year"})
    assert response.status_code == 200
    assert "Vælg fase eller måned." in response.content.decode()


def test_timeline_only_shows_this_projects_activities(client, world, project):
    make_activity(project=project, title="Vores")
    make_activity(project=make_project(world.org_a, title="Andet"), title="Andres")
    make_activity(project=make_project(world.org_b), title="Fremmed")
    client.force_login(world.dina)
    assert _titles(client.get(_url(project, "list"))) == [["Vores"]]
