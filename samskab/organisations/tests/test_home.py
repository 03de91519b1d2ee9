from __future__ import annotations

from django.urls import reverse


def test_front_page_for_visitors(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "da"
    assert "Log ind" in response.content.decode()


def test_front_page_lists_my_organisations_in_one_query(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.anna)
    with django_assert_max_num_queries(3):  # session, user, memberships
        content = client.get(reverse("home")).content.decode()
    assert "Aarby Kommune" in content
    assert "Bøgelund Kommune" not in content


def test_dashboard_shows_role_counts(client, world):
    client.force_login(world.bo)
    content = client.get(
        reverse("organisations:dashboard", kwargs={"org": "aarby"})
    ).content.decode()
    assert "6 medlemmer fordelt på roller" in content
    assert "Administrer medlemmer" not in content  # bo is a viewer


def test_accessibility_statement_link_everywhere(client, world, settings):
    assert 'href="/tilgaengelighed/"' in client.get(reverse("home")).content.decode()
    settings.ACCESSIBILITY_STATEMENT_URL = "https://was.example.dk/1234"
    assert "https://was.example.dk/1234" in client.get(reverse("home")).content.decode()
    world.org_a.accessibility_statement_url = "https://aarby.dk/tilgaengelighed"
    world.org_a.save()
    client.force_login(world.bo)
    page = client.get(reverse("organisations:dashboard", kwargs={"org": "aarby"})).content.decode()
    assert "https://aarby.dk/tilgaengelighed" in page


def test_error_pages_use_the_layout(client, world):
    client.force_login(world.pia)
    response = client.get(reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert response.status_code == 403
    assert "Ikke tilladt" in response.content.decode()
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()
