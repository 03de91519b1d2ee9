"""Real-browser checks: axe-core on the timeline, a rejected activity form, participation and the
methods library, on a desktop and a phone (390 px)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.activities.demo import load
from samskab.activities.tests.factories import make_actor
from samskab.testing import PASSWORD, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def park(world):
    project = make_project(world.org_a, phase="trial")
    make_actor(project=project, name="Parkgartnerne", role="employee")
    make_actor(project=project, name="Grønne Hænder", role="volunteer_organisation")
    make_actor(project=project, name="Nabogruppen", role="citizen")
    load(project)
    return project


def _log_in(page, live_server, email):
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")


def _assert_accessible(page, url):
    violations = run_axe(page)
    assert not violations, f"{url}: {describe_violations(violations)}"
    # Nothing but wide tables (which scroll in their own region) may widen the page.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_activity_pages_pass_axe(page, live_server, world, park, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    _log_in(page, live_server, "dina@example.dk")
    kwargs = {"org": "aarby", "project": park.pk}
    activity = park.activities.order_by("date").first()
    urls = [
        reverse("activities:list", kwargs=kwargs),
        reverse("activities:list", kwargs=kwargs) + "?group=month&order=newest",
        reverse("activities:detail", kwargs={**kwargs, "pk": activity.pk}),
        reverse("activities:participation", kwargs=kwargs),
        reverse("activities:create", kwargs=kwargs),
        reverse("methods:list", kwargs={"org": "aarby"}),
        reverse("methods:detail", kwargs={"org": "aarby", "pk": activity.methods.first().pk}),
        reverse("methods:create", kwargs={"org": "aarby"}),
        reverse("projects:detail", kwargs={"org": "aarby", "pk": park.pk}),
    ]
    for url in urls:
        page.goto(live_server.url + url)
        _assert_accessible(page, url)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_rejected_activity_form_keeps_input_and_passes_axe(
    page, live_server, world, park, viewport
):
    if viewport:
        page.set_viewport_size(viewport)
    _log_in(page, live_server, "dina@example.dk")
    url = reverse("activities:create", kwargs={"org": "aarby", "project": park.pk})
    page.goto(live_server.url + url)
    page.fill("#id_purpose", "Afprøve en byttecentral for frø.")
    page.fill("#id_date", "2026-06-10")
    page.fill("#id_end_date", "2026-06-01")
    page.fill("#id_count_citizen", "-4")
    page.get_by_label("Parkgartnerne (Medarbejder)").check()
    page.get_by_role("button", name="Gem aktivitet").click()
    page.wait_for_selector("[role=alert]")
    assert page.input_value("#id_purpose") == "Afprøve en byttecentral for frø."
    assert page.input_value("#id_count_citizen") == "-4"
    assert page.get_by_label("Parkgartnerne (Medarbejder)").is_checked()
    assert "Giv aktiviteten en titel." in page.content()
    _assert_accessible(page, url)


def test_facilitator_records_an_activity_end_to_end(page, live_server, world, park):
    """From the project page to a saved activity, shown on the timeline and the method page."""
    _log_in(page, live_server, "dina@example.dk")
    page.goto(live_server.url + reverse("projects:detail", kwargs={"org": "aarby", "pk": park.pk}))
    page.get_by_role("link", name="Aktiviteter", exact=True).click()
    page.get_by_role("link", name="Ny aktivitet").click()
    page.fill("#id_title", "Frøbytte i pavillonen")
    page.select_option("#id_kind", "trial_action")
    page.fill("#id_date", "2026-06-10")
    page.fill("#id_place", "Pavillonen")
    page.get_by_label("Verdenscafé").check()
    page.get_by_label("Nabogruppen (Borger)").check()
    page.fill("#id_count_user", "11")
    page.fill("#id_outcomes", "Tyve slags frø skiftede ejer.")
    page.get_by_role("button", name="Gem aktivitet").click()
    page.wait_for_selector("text=Aktiviteten blev gemt.")
    assert "Tyve slags frø skiftede ejer." in page.content()
    page.get_by_role("link", name="Verdenscafé").click()
    assert "Frøbytte i pavillonen" in page.content()
