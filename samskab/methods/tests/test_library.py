from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from samskab.activities.models import Activity
from samskab.methods.models import Method, MethodCategory
from samskab.methods.tests.factories import make_method
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


def _url(world, name, **kwargs):
    return reverse(f"methods:{name}", kwargs={"org": world.org_a.slug, **kwargs})


def _valid(**overrides):
    data = {
        "name": "Mødet på bænken",
        "category": MethodCategory.INVOLVING,
        "summary": "Sæt dig på en bænk og tal med dem, der kommer forbi.",
        "description": "Tag kaffe med og spørg, hvad de synes om parken.",
        "when_to_use": "",
        "duration_min": "30",
        "duration_max": "90",
        "group_min": "1",
        "group_max": "4",
        "source": "Vores egen praksis",
    }
    data.update(overrides)
    return data


# The seed


def test_seed_has_at_least_fifteen_shared_methods_in_five_categories():
    shared = Method.objects.shared()
    assert shared.count() >= 15
    assert set(shared.values_list("category", flat=True)) == set(MethodCategory.values)
    for method in shared:
        assert method.name and method.name_en, method.pk
        assert method.summary and method.summary_en, method.name
        assert method.description and method.description_en, method.name
        assert method.source, method.name
        assert method.is_shared


def test_seeded_method_shows_english_when_language_is_english():
    method = Method.objects.shared().get(name="Fremtidsværksted")
    with translation.override("en"):
        assert method.display_name == "Future workshop"
    with translation.override("da"):
        assert method.display_name == "Fremtidsværksted"


def test_english_falls_back_to_danish_when_empty(world):
    method = make_method(organisation=world.org_a, name="Kaffemøde", name_en="")
    with translation.override("en"):
        assert method.display_name == "Kaffemøde"


# The library list


def test_library_lists_own_and_shared_but_not_other_organisations(client, world):
    make_method(organisation=world.org_a, name="Aarbys egen metode")
    make_method(organisation=world.org_b, name="Bøgelunds hemmelige metode")
    client.force_login(world.bo)
    response = client.get(_url(world, "list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aarbys egen metode" in content
    assert "Verdenscafé" in content
    assert "Bøgelunds hemmelige metode" not in content
    assert "Ny metode" not in content  # a viewer gets no create button


def test_library_filters_by_category_and_text(client, world):
    client.force_login(world.dina)
    response = client.get(_url(world, "list"), {"category": MethodCategory.DIDACTIC})
    names = {m.name for group in response.context["groups"] for m in group["methods"]}
    assert "Personas" in names and "Verdenscafé" not in names
    response = client.get(_url(world, "list"), {"q": "fremtid"})
    names = {m.name for group in response.context["groups"] for m in group["methods"]}
    assert names == {"Fremtidsværksted"}


def test_library_rejects_an_unknown_category_with_a_message(client, world):
    client.force_login(world.dina)
    response = client.get(_url(world, "list"), {"category": "magic"})
    assert "Vælg en af kategorierne på listen." in response.content.decode()


def test_library_has_no_n_plus_one(client, world, django_assert_max_num_queries):
    project = make_project(world.org_a)
    for method in Method.objects.shared()[:5]:
        activity = Activity.objects.create(
            organisation=world.org_a,
            project=project,
            kind="workshop",
            phase="define",
            title=f"Brug af {method.name}",
            date=datetime.date(2026, 3, 1),
        )
        activity.methods.add(method)
    client.force_login(world.dina)
    with django_assert_max_num_queries(8):
        response = client.get(_url(world, "list"))
    assert response.status_code == 200


# The method page


def test_method_page_lists_only_the_own_organisations_uses(client, world):
    method = Method.objects.shared().get(name="Verdenscafé")
    ours = make_project(world.org_a, title="Vores park")
    theirs = make_project(world.org_b, title="Deres bibliotek")
    for project, title, outcome in (
        (ours, "Café i parken", "Mange nye idéer"),
        (theirs, "Café på biblioteket", "Hemmeligt udbytte"),
    ):
        activity = Activity.objects.create(
            organisation=project.organisation,
            project=project,
            kind="workshop",
            phase="define",
            title=title,
            date=datetime.date(2026, 4, 2),
            outcomes=outcome,
        )
        activity.methods.add(method)
    client.force_login(world.erik)
    content = client.get(_url(world, "detail", pk=method.pk)).content.decode()
    assert "Café i parken" in content and "Mange nye idéer" in content and "Vores park" in content
    assert "Café på biblioteket" not in content
    assert "Hemmeligt udbytte" not in content
    assert "Deres bibliotek" not in content


def test_shared_method_page_offers_no_edit_button(client, world):
    method = Method.objects.shared().get(name="Open space")
    client.force_login(world.anna)
    content = client.get(_url(world, "detail", pk=method.pk)).content.decode()
    assert "Rediger metode" not in content
    assert "Fælles metoder kan ikke ændres." in content


# Create and edit


def test_facilitator_creates_a_method(client, world):
    client.force_login(world.dina)
    response = client.post(_url(world, "create"), _valid())
    method = Method.objects.get(name="Mødet på bænken")
    assert response.status_code == 302
    assert response["Location"] == _url(world, "detail", pk=method.pk)
    assert method.organisation == world.org_a
    assert (method.duration_min, method.duration_max) == (30, 90)


def test_create_with_errors_keeps_input_and_explains_in_danish(client, world):
    client.force_login(world.dina)
    data = _valid(name="", duration_min="90", duration_max="30", group_min="0")
    response = client.post(_url(world, "create"), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Giv metoden et navn." in content
    assert "Den længste varighed skal være mindst lige så lang som den korteste." in content
    assert "Skriv et tal på 1 eller mere." in content
    assert "Sæt dig på en bænk og tal med dem, der kommer forbi." in content
    assert 'aria-invalid="true"' in content
    assert not Method.objects.filter(organisation=world.org_a).exists()


def test_group_range_must_be_in_order(client, world):
    client.force_login(world.dina)
    response = client.post(_url(world, "create"), _valid(group_min="10", group_max="3"))
    assert response.status_code == 422
    assert "Den største gruppe skal være mindst lige så stor som den mindste." in (
        response.content.decode()
    )


def test_duplicate_name_in_the_same_organisation_is_refused(client, world):
    make_method(organisation=world.org_a, name="Mødet på bænken")
    make_method(organisation=world.org_b, name="Bænken")
    client.force_login(world.dina)
    response = client.post(_url(world, "create"), _valid(name="mødet på bænken"))
    assert response.status_code == 422
    assert "Organisationen har allerede en metode med dette navn." in response.content.decode()
    # Another organisation's name does not count.
    response = client.post(_url(world, "create"), _valid(name="Bænken"))
    assert response.status_code == 302


def test_facilitator_edits_an_own_method(client, world):
    method = make_method(organisation=world.org_a, name="Gammelt navn")
    client.force_login(world.dina)
    response = client.post(_url(world, "edit", pk=method.pk), _valid(name="Nyt navn"))
    assert response.status_code == 302
    method.refresh_from_db()
    assert method.name == "Nyt navn"
    assert method.organisation == world.org_a


def test_shared_method_cannot_be_changed(client, world):
    method = Method.objects.shared().get(name="Open space")
    client.force_login(world.anna)
    response = client.post(_url(world, "edit", pk=method.pk), _valid(name="Mit open space"))
    assert response.status_code == 403
    method.refresh_from_db()
    assert method.name == "Open space" and method.organisation is None
